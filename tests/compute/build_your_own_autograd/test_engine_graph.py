"""A learner's Value graph read as a Graph (engine_graph) and stepped one _backward at a time (step_backward).

PyTorch is the oracle: the same expression built from tensors has the same shape of
graph, and every gradient the stepped engine ends with is torch's.
"""

import torch

from autograd_lessons.compute.build_your_own_autograd.engine_graph import engine_graph, topological_order
from autograd_lessons.compute.build_your_own_autograd.engine_steps import step_backward
from autograd_lessons.compute.graph import build_graph, graph_text
from autograd_lessons.drawing.graph_drawing import draw_graph
from tests.micro_engine import make_value

Value = make_value()


def lesson_graph(V):
    x, y = V(2.0), V(3.0)
    m = x * y
    z = m + y ** 2
    return x, y, m, z


def test_the_engine_graph_has_pytorchs_shape():
    x, y, m, z = lesson_graph(Value)
    ours = engine_graph(z, names={"x": x, "y": y, "m": m, "z": z})
    tx, ty = torch.tensor(2.0, requires_grad=True), torch.tensor(3.0, requires_grad=True)
    theirs = build_graph(tx * ty + ty ** 2, names={"x": tx, "y": ty})
    assert len(ours.nodes) == len(theirs.nodes) == 5
    assert sorted(len(n.inputs) for n in ours.nodes.values()) == sorted(len(n.inputs) for n in theirs.nodes.values())
    assert ours.ops() == ["+", "*", "**2", "leaf", "leaf"]
    assert [n.name for n in ours.nodes.values()] == ["z", "m", None, "x", "y"]
    assert [n.inputs for n in ours.nodes.values()] == [n.inputs for n in theirs.nodes.values()]  # same keys
    assert ours.output == 0 and ours.nodes[3].is_leaf and not ours.nodes[1].is_leaf


def test_values_and_grads_are_on_the_nodes_and_in_the_text():
    x, y, m, z = lesson_graph(Value)
    z.backward()
    text = graph_text(engine_graph(z, names={"x": x, "y": y, "z": z}))
    assert text.splitlines()[0] == "+ → z = 15.0, grad 1.0"
    assert "leaf → y = 3.0, grad 8.0" in text and "leaf → x = 2.0, grad 3.0" in text


def test_the_callers_variable_names_label_the_boxes():
    x, y, m, z = lesson_graph(Value)
    names = {n.name for n in engine_graph(z).nodes.values()}
    assert {"x", "y", "m", "z"} <= names


def test_draw_graph_draws_every_value_with_its_grad():
    x, y, m, z = lesson_graph(Value)
    z.backward()
    ax = draw_graph(engine_graph(z, names={}))
    gids = {t.get_gid() for t in ax.texts}
    assert {f"node-{k}" for k in range(5)} <= gids and {f"grad-{k}" for k in range(5)} <= gids
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "grad-4"]
    assert labels == ["grad 8.0"]


class Lenient:
    """Another learner's naming: value, parents (a set), op, no grad until backward."""

    def __init__(self, value, parents=(), op=None):
        self.value, self.parents, self.op = value, set(parents), op


def test_other_attribute_names_and_sets_of_parents_are_read():
    a, b = Lenient(1.0), Lenient(2.0)
    c = Lenient(3.0, {a, b}, "add")
    graph = engine_graph(c, names={"a": a, "b": b})
    assert graph.ops() == ["add", "leaf", "leaf"]
    assert [n.name for n in graph.nodes.values()] == [None, "a", "b"]  # a set is ordered by number
    assert all(n.grad is None for n in graph.nodes.values())


def test_odd_objects_and_cycles_never_raise():
    class Odd:
        data = "not a number"
        _prev = 5
        @property
        def grad(self):
            raise RuntimeError("no")
    graph = engine_graph(Odd(), names={})
    assert len(graph.nodes) == 1 and graph.nodes[0].value is None and graph.nodes[0].grad is None
    a, b = Value(1.0), Value(2.0)
    a._prev, b._prev = (b,), (a,)  # a cycle: walked once
    assert len(engine_graph(a, names={}).nodes) == 2
    assert len(topological_order(a)) == 2


def test_the_topological_order_puts_every_value_after_its_parents():
    a = Value(2.0)
    m = a * a
    out = m * 2 + m * 3
    order = topological_order(out)
    position = {id(v): i for i, v in enumerate(order)}
    assert order[-1] is out and len(order) == 7
    assert all(position[id(p)] < position[id(v)] for v in order for p in v._prev)


def test_stepping_ends_with_torchs_grads_and_records_what_each_step_added():
    x, y, m, z = lesson_graph(Value)
    trace = step_backward(z, names={"x": x, "y": y, "m": m, "z": z})
    assert (x.grad, y.grad) == (3.0, 8.0)  # torch: d/dx (xy + y²) = y, d/dy = x + 2y
    assert trace.text().splitlines() == [
        "1. z (+) has grad 1.0, adds 1.0 to m, 1.0 to **2",
        "2. m (*) has grad 1.0, adds 3.0 to x, 2.0 to y",
        "3. **2 has grad 1.0, adds 6.0 to y",
        "4. x (leaf) has grad 3.0: nothing to send on",
        "5. y (leaf) has grad 2.0 + 6.0 = 8.0: nothing to send on",
    ]
    assert trace.grads[0] == {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    assert trace.grads[2][4] == 2.0 and trace.grads[3][4] == 8.0
    assert trace.sent_along(2) == {(1, 0): [torch.tensor(1.0)], (2, 0): [torch.tensor(1.0)],
                                   (3, 1): [torch.tensor(3.0)], (4, 1): [torch.tensor(2.0)]}


def test_stepping_a_diamond_runs_the_shared_value_once_with_its_whole_gradient():
    a = Value(2.0)
    m = a * a
    out = m * 2 + m * 3
    trace = step_backward(out, names={"a": a, "m": m})
    ta = torch.tensor(2.0, requires_grad=True)
    ((ta * ta) * 2 + (ta * ta) * 3).backward()
    assert a.grad == ta.grad.item() == 20.0
    m_steps = [s for s in trace.steps if trace.graph.nodes[s.key].name == "m"]
    assert len(m_steps) == 1 and m_steps[0].received[0].item() == 5.0


def test_a_backward_that_raises_stops_the_trace_and_says_so():
    x, y, m, z = lesson_graph(Value)

    def broken():
        raise ZeroDivisionError("float division by zero")
    m._backward = broken
    trace = step_backward(z, names={"m": m})
    assert len(trace.steps) == 2 and "ZeroDivisionError" in trace.steps[-1].error
    assert "its _backward failed" in trace.text().splitlines()[-1]


def test_a_value_that_used_assign_shows_the_wrong_sum():
    V = make_value()

    def add(self, other):
        out = V(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out
    V.__add__ = add
    a = V(3.0)
    b = a + a
    trace = step_backward(b, names={"a": a, "b": b})
    assert a.grad == 1.0  # torch says 2: the stepper shows what the learner's engine really does
    assert trace.steps[0].sent[0][1].item() == 1.0
