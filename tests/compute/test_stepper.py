"""The step model both steppers share: one backward of z = x * y + y**2, recorded by PyTorch and by a learner's engine.

PyTorch is the oracle: both records end with torch's gradients, and they agree with each other
on what a stepper shows after n steps (what crossed which arrow, what reached a node, the count).
"""

import pytest
import torch

from autograd_lessons.compute.build_your_own_autograd.engine_steps import EngineTrace, step_backward
from autograd_lessons.compute.inside_pytorch_backward import BackwardTrace, trace_backward
from autograd_lessons.compute.stepper import Step, StepTrace
from tests.micro_engine import make_value

Value = make_value()


def torch_trace():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    z = x * y + y**2
    return trace_backward(z, names={"x": x, "y": y, "z": z})


def engine_trace():
    x, y = Value(2.0), Value(3.0)
    m = x * y
    z = m + y ** 2
    return step_backward(z, names={"x": x, "y": y, "m": m, "z": z})


@pytest.fixture(params=["torch", "engine"])
def trace(request):
    return torch_trace() if request.param == "torch" else engine_trace()


def test_both_lessons_traces_are_the_one_step_model(trace):
    assert isinstance(trace, StepTrace) and isinstance(trace, (BackwardTrace, EngineTrace))
    assert all(type(step) is Step for step in trace.steps)
    assert [step.number for step in trace.steps] == [1, 2, 3, 4, 5]


def test_one_count_from_before_backward_to_the_last_step(trace):
    assert [trace.count(n) for n in range(6)] == ["0 of 5", "1 of 5", "2 of 5", "3 of 5", "4 of 5", "5 of 5"]
    assert [trace.next_position(n) for n in range(6)] == [1, 2, 3, 4, 5, 0]  # after the last, before backward
    assert trace.current(0) is None and trace.ran(0) == {}
    for n in range(1, 6):
        assert trace.current(n) is trace.steps[n - 1]
        assert list(trace.ran(n)) == [step.key for step in trace.steps[:n]]


def test_what_crossed_the_arrows_adds_up_to_torchs_gradients(trace):
    x_key = next(key for key, node in trace.graph.nodes.items() if node.name == "x")
    y_key = next(key for key, node in trace.graph.nodes.items() if node.name == "y")
    crossed = trace.sent_along(len(trace.steps))
    into = {key: sum(g.item() for (target, _), grads in crossed.items() if target == key for g in grads)
            for key in (x_key, y_key)}
    assert into == {x_key: 3.0, y_key: 8.0}  # torch: dz/dx = y, dz/dy = x + 2y
    assert sorted(g.item() for g in trace.arrivals(y_key)) == [2.0, 6.0]
    y_step = next(step for step in trace.steps if step.key == y_key)
    assert trace.arrivals(y_key, y_step.number) == trace.arrivals(y_key)  # all of it arrived before y ran
    assert trace.sent_along(0) == {} and trace.arrivals(y_key, 1) == []


def test_a_node_is_named_by_its_variable_else_by_its_op(trace):
    labels = {trace.label(key) for key in trace.graph.nodes}
    assert {"x", "y", "z"} <= labels and len(labels) == 5


def test_what_is_written_under_the_boxes(trace):
    after_two, last = trace.box_texts(2), trace.box_texts(len(trace.steps))
    assert set(after_two) == set(last) == set(trace.graph.nodes)
    assert after_two[trace.steps[0].key] == last[trace.steps[0].key] == "grad 1.0"
    y_key = next(key for key, node in trace.graph.nodes.items() if node.name == "y")
    assert last[y_key] == "grad 8.0"


def test_a_trace_that_ran_to_its_end_did_not_stop(trace):
    assert trace.stopped() is None


def test_a_trace_stops_at_the_first_step_with_an_error():
    graph = engine_trace().graph
    steps = [Step(1, 0, "+", (torch.tensor(1.0),), ()), Step(2, 1, "*", (torch.tensor(1.0),), (), "ValueError")]
    assert StepTrace(graph, steps).stopped() is steps[1]


def test_the_lessons_word_their_own_steps():
    with pytest.raises(NotImplementedError):
        StepTrace(engine_trace().graph, []).box_texts(0)
    assert torch_trace().text().splitlines()[0].startswith("1. AddBackward0 (z) receives 1.0")
    assert engine_trace().text().splitlines()[0] == "1. z (+) has grad 1.0, adds 1.0 to m, 1.0 to **2"
    assert (StepTrace.arrow_sign, EngineTrace.arrow_sign) == ("", "+")
