"""build_graph(..., modules=model): an nn.Linear's weight, bias, transpose and product become one box."""

import pytest
import torch
from torch import nn

from autograd_lessons.compute.graph import build_graph, graph_text
from autograd_lessons.drawing.graph_drawing import draw_graph


def mlp():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
    return model(torch.randn(3, 2)).pow(2).mean(), model


def test_by_default_nothing_is_folded():
    loss, model = mlp()
    assert graph_text(build_graph(loss, names={})) == graph_text(build_graph(loss, names={}, modules=None))
    assert build_graph(loss, names={}).ops().count("AccumulateGrad") == 4


def test_each_linear_becomes_one_box_fed_by_what_the_layer_was_fed():
    loss, model = mlp()
    graph = build_graph(loss, names={}, modules=model)
    assert graph.ops() == ["MeanBackward0", "PowBackward0", "Linear", "ReluBackward0", "Linear"]
    first, second = [node for node in graph.nodes.values() if node.op == "Linear"][::-1]
    assert (first.module, second.module) == ("0 · Linear(2 → 4)", "2 · Linear(4 → 1)")
    assert first.inputs == []  # the data needs no grad: nothing feeds the first layer's box
    assert graph.nodes[second.inputs[0]].op == "ReluBackward0"
    assert len(first.members) == 4  # weight, bias, TBackward0, AddmmBackward0


def test_the_folded_box_keeps_the_products_key_so_the_rest_of_the_graph_is_unchanged():
    loss, model = mlp()
    plain, folded = build_graph(loss, names={}), build_graph(loss, names={}, modules=model)
    for key, node in folded.nodes.items():
        if node.op != "Linear":
            assert (plain.nodes[key].op, plain.nodes[key].inputs) == (node.op, node.inputs)
        else:
            assert plain.nodes[key].op == "AddmmBackward0" and key in node.members


def test_graph_text_and_draw_graph_take_modules_too():
    loss, model = mlp()
    text = graph_text(loss, names={}, modules=model)
    assert text.splitlines()[2:] == ["    └── 2 · Linear(4 → 1)", "        └── ReluBackward0",
                                     "            └── 0 · Linear(2 → 4)"]
    labels = sorted(t.get_text() for t in draw_graph(loss, names={}, modules=model).texts
                    if (t.get_gid() or "").startswith("node-"))
    assert "0 · Linear(2 → 4)" in labels and not any("AccumulateGrad" in label for label in labels)


def test_a_one_dimensional_input_folds_the_product_and_the_add_of_the_bias():
    layer = nn.Linear(3, 2)
    x = torch.randn(3, requires_grad=True)
    graph = build_graph(layer(x).sum(), names={}, modules=layer)
    (box,) = [node for node in graph.nodes.values() if node.op == "Linear"]
    assert [graph.nodes[key].op for key in box.inputs] == ["AccumulateGrad"]  # x, and nothing else
    assert "AddBackward0" not in graph.ops() and "MvBackward0" not in graph.ops()


def test_a_layer_whose_weight_is_used_elsewhere_stays_unfolded():
    layer = nn.Linear(3, 3, bias=False)
    h = torch.randn(1, 3)
    twice = build_graph(layer(layer(h)).sum(), names={}, modules=layer)
    assert "Linear" not in twice.ops()  # called twice: one box would hide the second call
    penalised = build_graph(layer(h).sum() + (layer.weight**2).sum(), names={}, modules=layer)
    assert "Linear" not in penalised.ops()  # the weight also feeds the penalty


def test_modules_must_be_a_model():
    loss, _ = mlp()
    with pytest.raises(TypeError, match="modules must be a torch.nn.Module"):
        build_graph(loss, names={}, modules=[1, 2])
