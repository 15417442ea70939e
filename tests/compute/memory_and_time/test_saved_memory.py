"""The save counter of Lesson 13: every storage once, split into what exists anyway and the activations.

The oracle is arithmetic on shapes: a Linear + Tanh layer keeps its output, batch × width float32
numbers, and a tensor saved twice, or saved as a view, holds its memory once.
"""

import pytest
import torch
import torch.nn.functional as F

from autograd_lessons.compute.memory_and_time.saved_memory import (SaveCounter, kilobytes, memory_data, memory_net,
                                                                   saved_memory, step_memory)


def test_a_tensor_saved_twice_is_counted_once():
    x = torch.randn(100, requires_grad=True)
    memory, _ = saved_memory(lambda: (x * x).sum())  # MulBackward0 saves x as self and as other
    assert (memory.saves, memory.storages, memory.total) == (2, 1, 400)


def test_a_view_is_counted_as_the_storage_behind_it():
    w = torch.randn(10, 20, requires_grad=True)
    x = torch.randn(5, 10, requires_grad=True)
    memory, _ = saved_memory(lambda: (x @ w.t().t()).sum(), anyway=[w])  # saves x and a view of w
    assert memory.total == (5 * 10 + 10 * 20) * 4 and memory.anyway == 10 * 20 * 4
    assert memory.activations == 5 * 10 * 4


@pytest.mark.parametrize("depth, width, batch", [(1, 8, 4), (4, 64, 128), (8, 64, 32)])
def test_the_activations_are_one_output_per_layer_plus_the_network_output(depth, width, batch):
    memory = step_memory(depth, width, batch)
    assert memory.activations == depth * batch * width * 4 + batch * 4
    weights_saved = (depth - 1) * width * width * 4 + width * 4  # not the first layer's: X needs no grad
    assert memory.anyway == weights_saved + batch * width * 4 + batch * 4  # the weights, X and y


def test_activations_grow_with_the_batch_and_the_weights_do_not():
    small, large = step_memory(4, 32, 16), step_memory(4, 32, 64)
    assert large.activations == pytest.approx(4 * small.activations, rel=0.01)
    assert large.anyway - 64 * 33 * 4 == small.anyway - 16 * 33 * 4  # only X and y grow with the batch


def test_counting_changes_nothing_autograd_computes():
    net, (X, y) = memory_net(3, 16), memory_data(8, 16)
    F.mse_loss(net(X), y).backward()
    expected = [p.grad.clone() for p in net.parameters()]
    net.zero_grad()
    _, loss = saved_memory(lambda: F.mse_loss(net(X), y), [*net.parameters(), X, y])
    loss.backward()
    assert all(torch.equal(p.grad, e) for p, e in zip(net.parameters(), expected))


def test_the_counter_only_counts_inside_its_block():
    counter = SaveCounter()
    x = torch.randn(4, requires_grad=True)
    with counter.hooks():
        x.sin()
    x.exp()
    assert counter.saves == 1


def test_the_network_and_data_are_the_same_on_every_call():
    a, b = memory_net(2, 8), memory_net(2, 8)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert torch.equal(memory_data(4, 8)[0], memory_data(4, 8)[0])
    assert len(a) == 5 and a[-1].out_features == 1


def test_kilobytes():
    assert kilobytes(32768) == "32.0 KB" and kilobytes(2_097_152) == "2,048.0 KB"
