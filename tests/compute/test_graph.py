"""autograd_lessons.compute.graph: the Graph must be the graph backward really walks."""

import torch

from autograd_lessons.compute.graph import build_graph, graph_text, record_values
from autograd_lessons.compute.numbers import format_tensor

SEED_TEXT = """\
AddBackward0 → y = 16.0
└── AddBackward0
    ├── PowBackward0
    │   └── AccumulateGrad → x = 3.0
    └── MulBackward0
        └── AccumulateGrad → x = 3.0"""


def seed_quadratic():
    x = torch.tensor(3.0, requires_grad=True)
    return x, x**2 + 2 * x + 1


def test_seed_quadratic_graph_has_the_ops_backward_visits():
    x, y = seed_quadratic()
    graph = build_graph(y, names={"x": x, "y": y})
    assert graph.ops() == ["AddBackward0", "AddBackward0", "PowBackward0", "MulBackward0", "AccumulateGrad"]
    leaf = [node for node in graph.nodes.values() if node.is_leaf]
    assert len(leaf) == 1 and leaf[0].name == "x" and leaf[0].value.item() == 3.0
    assert len(graph.edges()) == 5  # x feeds Pow and Mul; Pow and Mul feed Add; Add feeds the output


def test_edges_match_next_functions():
    x, y = seed_quadratic()
    graph = build_graph(y, names={})
    fns = {0: y.grad_fn}
    # walk the real autograd graph in the same discovery order and compare edge by edge
    inner = y.grad_fn.next_functions[0][0]
    pow_fn, mul_fn = (fn for fn, _ in inner.next_functions)
    fns.update({1: inner, 2: pow_fn, 3: mul_fn, 4: pow_fn.next_functions[0][0]})
    for source, target in graph.edges():
        assert any(fn is fns[source] for fn, _ in fns[target].next_functions)
    assert fns[4].variable is x


def test_graph_text_of_the_seed_quadratic():
    x, y = seed_quadratic()
    assert graph_text(y, names={"x": x, "y": y}) == SEED_TEXT


def test_names_default_to_the_callers_variables():
    x, y = seed_quadratic()
    assert graph_text(y) == SEED_TEXT


def test_grads_appear_after_backward():
    x, y = seed_quadratic()
    y.backward()
    text = graph_text(y, names={"x": x, "y": y})
    assert "AccumulateGrad → x = 3.0, grad 8.0" in text


def test_recorded_values_and_grads_match_retain_grad():
    x = torch.tensor(2.0, requires_grad=True)
    with record_values() as recorded:
        square = x**2
        square.retain_grad()
        out = torch.sin(square) * 3
    out.backward()
    graph = build_graph(out, names={"x": x}, recorded=recorded)
    pow_node = next(node for node in graph.nodes.values() if node.op == "PowBackward0")
    assert pow_node.value.item() == 4.0
    assert torch.allclose(pow_node.grad, square.grad)  # autograd's own answer is the oracle
    assert graph.nodes[graph.output].grad.item() == 1.0


def test_recording_does_not_change_results():
    x = torch.tensor(0.3, requires_grad=True)
    with record_values():
        y = torch.exp(x) * x
    y.backward()
    assert torch.allclose(x.grad, torch.exp(x.detach()) * (1 + x.detach()))


def test_a_python_branch_gives_a_different_graph():
    def f(x):
        return x * 2 if x > 0 else torch.exp(x) - x

    graphs = {}
    for value in (1.0, -1.0):
        x = torch.tensor(value, requires_grad=True)
        graphs[value] = build_graph(f(x), names={"x": x}).ops()
    assert graphs[1.0] == ["MulBackward0", "AccumulateGrad"]
    assert graphs[-1.0] == ["SubBackward0", "ExpBackward0", "AccumulateGrad"]


def test_a_shared_subgraph_is_written_once():
    x = torch.tensor(1.0, requires_grad=True)
    h = x * 3
    out = torch.sin(h) + h**2
    text = graph_text(out, names={"x": x, "h": h})
    assert text.count("MulBackward0 → h = 3.0") == 2
    assert text.count("(see above)") == 1
    assert text.count("AccumulateGrad → x = 1.0") == 1


def test_a_loop_grows_the_graph():
    x = torch.tensor(1.5, requires_grad=True)
    y = x
    for _ in range(4):
        y = y * x
    assert build_graph(y, names={}).ops().count("MulBackward0") == 4


def test_an_untracked_result_says_so():
    with torch.no_grad():
        x = torch.tensor(3.0, requires_grad=True)
        y = x * 2
    graph = build_graph(y, names={"y": y})
    assert not graph.tracked
    assert graph_text(graph).endswith("(not tracked: this tensor has no grad_fn, so backward has nothing to walk)")


def test_a_leaf_alone_is_a_one_node_graph():
    x = torch.tensor(3.0, requires_grad=True)
    graph = build_graph(x, names={"x": x})
    assert graph.ops() == ["AccumulateGrad"] and graph.edges() == [] and graph.tracked


def test_format_tensor_is_short_and_stable():
    assert format_tensor(torch.tensor(16.0)) == "16.0"
    assert format_tensor(torch.tensor(-0.0)) == "0.0"
    assert format_tensor(torch.tensor(1 / 3)) == "0.3333"
    assert format_tensor(torch.tensor([1.0, 2.0])) == "[1.0, 2.0]"
    assert format_tensor(torch.zeros(3, 4)) == "shape (3, 4)"


def test_build_graph_rejects_a_non_tensor():
    try:
        build_graph(3.0)
    except TypeError as error:
        assert "needs a tensor, got float" in str(error)
    else:
        raise AssertionError("build_graph accepted a float")


def test_an_input_used_twice_by_one_operation_is_listed_twice():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x
    graph = build_graph(y, names={"x": x, "y": y})
    assert graph.edges() == [(1, 0), (1, 0)]  # as in y.grad_fn.next_functions: x, then x again
    assert len(y.grad_fn.next_functions) == 2
    assert graph_text(graph) == "MulBackward0 → y = 4.0\n├── AccumulateGrad → x = 2.0\n└── AccumulateGrad → x = 2.0"
