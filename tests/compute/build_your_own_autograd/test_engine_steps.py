"""step_backward runs a learner's code under one time budget: whatever a _backward does, the trace comes back.

A _backward that loops forever, raises, or leaves a grad that is not a number ends the trace
at its step with a sentence; the steps before it keep what they recorded. (The engine's
normal steps, against torch, are tested in test_engine_graph.py.)
"""

import time

import pytest

from autograd_lessons.compute.build_your_own_autograd.engine_steps import SECONDS, TIMED_OUT, step_backward
from tests.micro_engine import make_value

Value = make_value()


def lesson_graph():
    x, y = Value(2.0), Value(3.0)
    m = x * y
    z = m + y ** 2
    return z, {"x": x, "y": y, "m": m, "z": z}


def forever():
    while True:
        try:
            pass
        except Exception:  # a learner's catch-all cannot swallow the stop
            pass


def timed(function, *args, **kwargs):
    started = time.monotonic()
    return function(*args, **kwargs), time.monotonic() - started


def test_a_backward_that_loops_forever_is_stopped_and_the_steps_before_it_replay():
    z, names = lesson_graph()
    names["m"]._backward = forever
    trace, seconds = timed(step_backward, z, names, seconds=0.2)
    assert seconds < 5  # the budget is 0.2 s; generous for a loaded machine
    assert [step.error for step in trace.steps] == ["", TIMED_OUT.format(seconds=0.2)]
    assert "loop that never ends" in trace.text().splitlines()[-1] and trace.stopped() is trace.steps[-1]
    assert trace.text().splitlines()[0] == "1. z (+) has grad 1.0, adds 1.0 to m, 1.0 to **2"
    assert trace.grads[1] == trace.grads[2] == {0: 1.0, 1: 1.0, 2: 1.0, 3: 0.0, 4: 0.0}
    assert trace.steps[-1].sent == ()  # what a stopped loop had added is not an answer


@pytest.mark.waits
def test_the_budget_is_for_the_whole_backward_not_for_each_value():
    def slow(out):
        def _backward():
            time.sleep(0.1)
            for parent in out._prev:
                parent.grad += out.grad
        return _backward

    h = Value(1.0)
    for _ in range(10):
        h = h + 0.0
        h._backward = slow(h)
    trace, seconds = timed(step_backward, h, {}, seconds=0.35)
    assert seconds < 1  # ten steps of 0.1 s would be 1 s
    assert len([step for step in trace.steps if step.op == "+"]) <= 5
    assert trace.steps[-1].error == TIMED_OUT.format(seconds=0.35)
    assert "when the 0.35 s the stepper gives" in trace.text()


def test_the_default_budget_leaves_the_stepper_time_to_answer_within_5_s():
    assert SECONDS <= 4.5


def test_a_backward_that_raises_stops_there_and_keeps_what_ran():
    z, names = lesson_graph()

    def broken():
        raise ValueError("math domain error")
    names["m"]._backward = broken
    trace = step_backward(z, names)
    assert trace.steps[-1].error == "ValueError: math domain error" and len(trace.steps) == 2
    assert trace.steps[0].error == "" and len(trace.grads) == 3


@pytest.mark.parametrize("grad, kind", [("oops", "a str"), ("3.0", "a str"), (None, "None"), ([1.0, 2.0], "a list")])
def test_a_grad_that_is_not_a_number_is_named(grad, kind):
    z, names = lesson_graph()
    x = names["x"]

    def spoils():
        x.grad = grad
    names["m"]._backward = spoils
    trace = step_backward(z, names)
    assert trace.steps[-1].error == f"after it, the grad of x is {kind}, not a number"
    assert trace.text().splitlines()[-1].startswith("2. m (*) has grad 1.0, and its _backward failed: after it")


def test_a_graph_that_cannot_be_read_in_time_gives_a_sentence_and_no_steps():
    class Endless(Value):
        @property
        def _prev(self):
            forever()

        @_prev.setter
        def _prev(self, value):
            pass

    trace, seconds = timed(step_backward, Endless(1.0), {}, seconds=0.1)
    assert seconds < 5 and trace.steps == [] and trace.graph.nodes == {}
    assert trace.failure.startswith("The stepper could not read your graph: it was still running")
