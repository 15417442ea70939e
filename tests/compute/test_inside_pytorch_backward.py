"""trace_backward records what PyTorch's engine really ran: tensor hooks and torch.autograd.grad are the oracles."""

import pytest
import torch

from autograd_lessons.compute.inside_pytorch_backward import EXAMPLES, example_trace, functions_by_key, trace_backward
from autograd_lessons.compute.graph import build_graph, record_values


def lesson5():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    with record_values() as recorded:
        z = x * y + y**2
    return x, y, z, recorded


def test_the_lesson_5_trace_reads_as_the_lesson_prints_it():
    x, y, z, recorded = lesson5()
    trace = trace_backward(z, names={"x": x, "y": y, "z": z})
    assert trace.text() == (
        "1. AddBackward0 (z) receives 1.0, sends 1.0 to MulBackward0, 1.0 to PowBackward0\n"
        "2. PowBackward0 receives 1.0, sends 6.0 to y\n"
        "3. MulBackward0 receives 1.0, sends 3.0 to x, 2.0 to y\n"
        "4. AccumulateGrad (x) receives 3.0, adds it into x.grad\n"
        "5. AccumulateGrad (y) receives 6.0 + 2.0 = 8.0, adds it into y.grad")
    assert trace.order() == ["AddBackward0", "PowBackward0", "MulBackward0", "AccumulateGrad", "AccumulateGrad"]
    assert (x.grad.item(), y.grad.item()) == (3.0, 8.0)  # it was a real backward


BUILDS = {
    "lesson 5": lambda x, y: x * y + y**2,
    "quadratic": lambda x, y: x**2 + 2 * x + 1,
    "exp": lambda x, y: x * y + y.exp(),
    "same input twice": lambda x, y: (x * x).sigmoid(),
    "vectors": lambda x, y: (torch.stack([x, y]).tanh() * torch.tensor([1.0, -2.0])).sum(),
}


@pytest.mark.parametrize("build", BUILDS)
def test_what_each_node_received_is_what_a_tensor_hook_sees(build):
    x = torch.tensor(0.7, requires_grad=True)
    y = torch.tensor(-1.3, requires_grad=True)
    with record_values() as recorded:  # its tensor hooks are an oracle independent of node hooks
        out = BUILDS[build](x, y)
    trace = trace_backward(out, names={"x": x, "y": y})
    after = build_graph(out, names={"x": x, "y": y}, recorded=recorded)
    assert len(trace.steps) == len(after.nodes)  # every node ran exactly once
    assert sorted(step.key for step in trace.steps) == sorted(after.nodes)
    for step in trace.steps:
        expected = after.nodes[step.key].grad
        expected = torch.ones(()) if expected is None and step.key == after.output else expected
        assert torch.allclose(step.received[0], expected), (build, step)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_node_runs_after_every_node_that_uses_it(example):
    trace = example_trace(example)
    when = {step.key: step.number for step in trace.steps}
    for source, target in trace.graph.edges():
        assert when[target] < when[source]


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_node_receives_the_sum_of_what_was_sent_to_it(example):
    trace = example_trace(example)
    assert trace.steps[0].key == trace.graph.output and trace.steps[0].received[0].item() == 1.0
    for step in trace.steps[1:]:
        arrived = trace.arrivals(step.key, step.number)
        assert arrived and torch.allclose(sum(arrived), step.received[0])


def test_what_a_node_sends_is_the_vector_jacobian_product_torch_autograd_grad_gives():
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    p = a * b
    out = p + b.exp()
    expected = torch.autograd.grad(out, [a, b], retain_graph=True)
    trace = trace_backward(out, names={"a": a, "b": b, "p": p, "out": out})
    mul = next(step for step in trace.steps if step.op == "MulBackward0")
    sent = {trace.label(key): grad.item() for key, grad in mul.sent}
    assert sent == {"a": pytest.approx(0.5), "b": pytest.approx(2.0)}
    assert a.grad.item() == pytest.approx(expected[0].item()) and b.grad.item() == pytest.approx(expected[1].item())


def test_among_ready_nodes_the_one_created_last_runs_first():
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2 + 2 * x + 1  # x**2 is recorded before 2*x ...
    assert trace_backward(y).order()[2:4] == ["MulBackward0", "PowBackward0"]  # ... and runs after it


def test_the_keys_are_build_graphs_and_map_to_the_real_nodes():
    x, y, z, _ = lesson5()
    graph = build_graph(z, names={"x": x, "y": y, "z": z})
    functions = functions_by_key(graph, z)
    assert set(functions) == set(graph.nodes)
    assert all(type(fn).__name__ == graph.nodes[key].op for key, fn in functions.items())
    assert functions[graph.output] is z.grad_fn
    trace = trace_backward(z, names={"x": x, "y": y, "z": z})
    assert [(n.key, n.op, n.inputs) for n in trace.graph.nodes.values()] == \
        [(n.key, n.op, n.inputs) for n in graph.nodes.values()]


def test_the_hooks_are_gone_afterwards():
    x, y, z, _ = lesson5()
    trace = trace_backward(z, retain_graph=True)
    z.backward()  # a second backward through the same graph: nothing more is recorded
    assert len(trace.steps) == 5 and y.grad.item() == 16.0


def test_two_unnamed_nodes_of_one_kind_are_told_apart_by_when_they_run():
    u = torch.tensor(1.0, requires_grad=True)
    v = torch.tensor(2.0, requires_grad=True)
    out = u.sin() + u * v * v.exp()
    text = trace_backward(out, names={"u": u, "v": v, "out": out}).text()
    assert "1. AddBackward0 (out) receives 1.0, sends 1.0 to SinBackward0, 1.0 to MulBackward0 (step 2)" in text
    assert "2. MulBackward0 receives 1.0, sends 7.3891 to MulBackward0 (step 4), 2.0 to ExpBackward0" in text


def test_the_same_input_twice_sends_two_gradients_along_one_pair_of_boxes():
    x = torch.tensor(1.0, requires_grad=True)
    out = (x * x).sigmoid()
    trace = trace_backward(out, names={"x": x, "out": out})
    mul = trace.steps[1]
    assert [trace.label(k) for k, _ in mul.sent] == ["x", "x"]
    assert len(trace.sent_along(len(trace.steps))[(2, 1)]) == 2
    assert "0.1966 + 0.1966 = 0.3932" in trace.text()


def test_a_non_scalar_output_is_refused_as_backward_refuses_it():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    out = x * torch.tensor([3.0, 4.0])
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        trace_backward(out)
    trace = trace_backward(out.sum(), names={"x": x, "out": out})
    assert trace.text().splitlines()[1] == "2. MulBackward0 (out) receives [1.0, 1.0], sends [3.0, 4.0] to x"


def test_the_gradients_of_a_node_with_two_outputs_are_not_added_up():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    first, second = x.split(1)  # one node, two outputs
    out = (first * 3 + second).sum()
    trace = trace_backward(out, names={"x": x})
    split = next(step for step in trace.steps if step.op == "SplitBackward0")
    assert len(split.received) == 2 and "receives (3.0, 1.0)," in trace.describe(split)
    assert x.grad.tolist() == [3.0, 1.0]


def test_what_cannot_be_traced_says_why_and_an_engine_error_comes_through():
    with pytest.raises(TypeError, match="needs a tensor"):
        trace_backward(2.0)
    with pytest.raises(ValueError, match="no grad_fn"):
        trace_backward(torch.tensor(1.0, requires_grad=True))
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    s = x.sigmoid()
    s.mul_(2)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        trace_backward(s.sum())
    with pytest.raises(ValueError, match="unknown example"):
        example_trace("nope")
