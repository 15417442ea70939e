"""Lesson 11's maths: the data set, the networks, a training run, gradient flow, what a list of losses keeps.

PyTorch is the oracle: a TrainingRun must be the plain loop of the notebook, number for number;
gradient norms are checked against a backward run here; trained numbers against a tolerance.
"""

import torch
from torch import nn

from autograd_lessons.compute.training_a_network import (TrainingRun, deep_mlp, graph_kept_alive, grid, layer_grad_norms, mlp,
                                               one_thread, two_moons)


def test_two_moons_is_seeded_balanced_and_made_of_two_half_circles():
    X, y = two_moons(200, noise=0.0, seed=3)
    assert X.shape == (200, 2) and y.shape == (200,) and X.dtype == y.dtype == torch.float32
    assert y.sum().item() == 100 and set(y.tolist()) == {0.0, 1.0}
    upper, lower = X[y == 0], X[y == 1]
    assert torch.allclose(upper.norm(dim=1), torch.ones(100), atol=1e-5)  # radius 1 around (0, 0)
    assert torch.allclose((lower - torch.tensor([1.0, 0.5])).norm(dim=1), torch.ones(100), atol=1e-5)
    assert torch.equal(two_moons(seed=3)[0], two_moons(seed=3)[0])
    assert not torch.equal(two_moons(seed=3)[0], two_moons(seed=4)[0])


def test_mlp_has_the_asked_shape_and_is_seeded():
    model = mlp(width=5, depth=3, activation="tanh", seed=2)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linears] == [(2, 5), (5, 5), (5, 5), (5, 1)]
    assert sum(isinstance(m, nn.Tanh) for m in model) == 3
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), mlp(5, 3, "tanh", seed=2).parameters()))


def test_a_training_run_is_the_plain_loop_step_for_step():
    X, y = two_moons(100, seed=1)
    run = TrainingRun(X, y, width=8, activation="relu", lr=0.05)
    run.step(20)
    model = mlp(8, 2, "relu", seed=0)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = []
    for _ in range(20):
        loss = nn.BCEWithLogitsLoss()(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert run.losses == losses
    assert all(torch.equal(a, b) for a, b in zip(run.model.parameters(), model.parameters()))


def test_a_training_run_learns_the_moons_and_its_lr_can_change_midway():
    X, y = two_moons()
    run = TrainingRun(X, y)
    run.step(150)
    assert run.losses[-1] < 0.1 * run.losses[0] and run.accuracy() > 0.97
    run.lr = 0.001
    assert run.lr == 0.001 and run.optimizer.param_groups[0]["lr"] == 0.001
    probabilities = run.probabilities()
    assert probabilities.shape == (run.resolution, run.resolution)
    assert 0 <= probabilities.min().item() and probabilities.max().item() <= 1


def test_grid_covers_the_data_with_a_margin():
    X = torch.tensor([[0.0, 0.0], [2.0, 1.0]])
    extent, points = grid(X, resolution=3, margin=0.5)
    assert extent == (-0.5, 2.5, -0.5, 1.5)
    assert points.shape == (9, 2) and points[0].tolist() == [-0.5, -0.5] and points[-1].tolist() == [2.5, 1.5]


def test_one_thread_restores_the_thread_count(two_threads):
    before = torch.get_num_threads()
    with one_thread():
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


def test_layer_grad_norms_are_the_norms_of_each_weights_gradient():
    X, y = two_moons(50)
    model = deep_mlp(3, "relu", "kaiming (He)")
    norms = layer_grad_norms(model, X, y)
    assert [name for name, _ in norms] == ["0", "2", "4", "6"]
    twin = deep_mlp(3, "relu", "kaiming (He)")
    nn.BCEWithLogitsLoss()(twin(X).squeeze(1), y).backward()
    expected = [m.weight.grad.norm().item() for m in twin if isinstance(m, nn.Linear)]
    assert [n for _, n in norms] == expected


def test_sigmoid_gradients_vanish_and_relu_with_kaiming_keeps_them():
    X, y = two_moons()
    sigmoid = layer_grad_norms(deep_mlp(10, "sigmoid", "pytorch default"), X, y)
    relu = layer_grad_norms(deep_mlp(10, "relu", "kaiming (He)"), X, y)
    assert sigmoid[-1][1] / sigmoid[0][1] > 1e6
    assert relu[-1][1] / relu[0][1] < 10 and min(n for _, n in relu) > 1e-2


def test_graph_kept_alive_counts_nodes_and_saved_tensors_and_nothing_for_numbers():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x.exp() * 3).sum()  # SumBackward0, MulBackward0, ExpBackward0, AccumulateGrad
    nodes, saved, numbers = graph_kept_alive([y])
    assert nodes == 4 and saved >= 1 and numbers >= 2
    y.backward()  # frees the saved tensors, keeps the nodes
    assert graph_kept_alive([y])[:2] == (4, 0)
    z = (x * 2).sum()
    assert graph_kept_alive([y, z])[0] == 4 + 2  # x's AccumulateGrad is shared
    assert graph_kept_alive([y.item(), 1.5, "text", None]) == (0, 0, 0)


def saved_by_hooks(compute):
    """Run compute() under saved-tensor hooks, as Lesson 8 does; return (its result, tensors saved, numbers held).

    Each storage is counted once, whatever view of it a node saves.
    """
    storages = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes() // tensor.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        result = compute()
    return result, len(storages), sum(storages.values())


def test_graph_kept_alive_counts_each_storage_once_as_the_saved_tensor_hooks_see_it():
    X, y = two_moons(200, seed=0)
    model = mlp(width=16, depth=1, seed=0)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    losses, saved, numbers = [], 0, 0
    for _ in range(3):
        loss, _, _ = saved_by_hooks(lambda: loss_fn(model(X).squeeze(1), y))
        losses.append(loss)
    _, saved, numbers = saved_by_hooks(lambda: [loss_fn(model(X).squeeze(1), y) for _ in range(3)])
    assert graph_kept_alive(losses)[1:] == (saved, numbers)
    # X (400), the ReLU's output (3200, saved by the ReLU and by the next layer: once), the last weight (16),
    # the logits (200), y (200); each new loss adds its own ReLU output and logits, 3400 numbers
    assert graph_kept_alive(losses[:1]) == (11, 5, 4016)
    assert [graph_kept_alive(losses[:n])[2] for n in (1, 2, 3)] == [4016, 7416, 10816]
