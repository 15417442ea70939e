"""Lesson 7's engine stepper, driven from Python: step, and check the lit box, the grads, the arrows and the speed."""

import time

import pytest

from autograd_lessons.compute.build_your_own_autograd.engine_steps import step_backward
from autograd_lessons.explorers import engine_stepper_explorer
from autograd_lessons.explorers.common import COLOURS
from tests.stepper_screen import count_on_screen
from tests.micro_engine import make_value

Value = make_value()


def lesson_output():
    x, y = Value(2.0), Value(3.0)
    m = x * y
    z = m + y ** 2
    return z, {"x": x, "y": y, "m": m, "z": z}


@pytest.fixture(scope="module")
def explorer():
    z, names = lesson_output()
    return engine_stepper_explorer(step_backward(z, names))


def state(explorer):
    artists = explorer.artists
    lit = [key for key, ring in artists["rings"].items() if ring.get_visible()]
    veiled = {key for key, veil in artists["veils"].items() if veil.get_visible()}
    grads = {key: label.get_text() for key, label in artists["grads"].items()}
    arrows = {edge: label.get_text() for edge, label in artists["arrows"].items()}
    return lit, veiled, grads, arrows


def test_before_backward_only_the_output_has_a_gradient(explorer):
    explorer.step.value = 0
    lit, veiled, grads, arrows = state(explorer)
    assert lit == [] and veiled == set(explorer.trace.graph.nodes)
    assert grads == {0: "grad 1.0", 1: "grad 0.0", 2: "grad 0.0", 3: "grad 0.0", 4: "grad 0.0"}
    assert set(arrows.values()) == {""}
    assert "Before backward" in explorer.message.value


def test_each_step_lights_the_value_whose_backward_ran_and_shows_what_it_added(explorer):
    trace = explorer.trace
    assert explorer.step.max == len(trace.steps) == 5
    for n, step in enumerate(trace.steps, start=1):
        explorer.step.value = n
        lit, veiled, grads, arrows = state(explorer)
        assert lit == [step.key]
        assert veiled == {s.key for s in trace.steps[n:]}
        for parent, added in step.sent:
            assert arrows[(parent, step.key)] == f"← +{added.item()}"
        assert f"Step {n} of 5" in explorer.message.value
        assert "background:#fff3c4" in explorer.lines.value
    # y (key 4) collects 2 from the product and 6 from the square
    explorer.step.value = 2
    assert state(explorer)[2][4] == "grad 2.0"
    explorer.step.value = 5
    lit, veiled, grads, arrows = state(explorer)
    assert grads == {0: "grad 1.0", 1: "grad 1.0", 2: "grad 1.0", 3: "grad 3.0", 4: "grad 8.0"}
    assert "the last" in explorer.message.value
    assert "y.grad" in explorer.readout.value and "8.0" in explorer.readout.value


def test_the_arrows_just_used_stand_out(explorer):
    explorer.step.value = 2  # m = x * y adds 3.0 to x and 2.0 to y
    for (parent, child), label in explorer.artists["arrows"].items():
        assert (label.get_fontweight() == "bold") == (child == 1)


def test_next_step_walks_on_and_wraps_round(explorer):
    explorer.step.value = 4
    explorer.next_step.click()
    assert explorer.step.value == 5
    explorer.next_step.click()
    assert explorer.step.value == 0


def test_the_figure_is_made_once_and_every_step_gives_a_new_frame(explorer):
    frames = set()
    for n in range(6):
        explorer.step.value = n
        frames.add(explorer.image.value)
    assert explorer.redraws == 1 and len(frames) == 6


def test_a_value_passed_directly_is_stepped_with_the_callers_names():
    z, names = lesson_output()
    x, y = names["x"], names["y"]
    explorer = engine_stepper_explorer(z)
    assert "x.grad" in explorer.readout.value and (x.grad, y.grad) == (3.0, 8.0)


def test_a_backward_that_raises_is_shown_as_a_message_not_a_traceback():
    z, names = lesson_output()

    def broken():
        raise ValueError("math domain error")
    names["m"]._backward = broken
    explorer = engine_stepper_explorer(z, names)
    explorer.step.value = explorer.step.max
    assert "ValueError" in explorer.message.value and "#b3261e" in explorer.message.value


def test_slider_readout_message_and_lit_step_show_one_count(explorer):
    explorer.step.value = 0
    seen = [count_on_screen(explorer)]
    for _ in range(explorer.step.max + 1):  # next step to the end, and round to before backward again
        explorer.next_step.click()
        seen.append(count_on_screen(explorer))
    for n in [3, 1, 5, 0]:  # and the slider, moved by hand
        explorer.step.value = n
        seen.append(count_on_screen(explorer))
    assert [s["slider"] for s in seen] == [0, 1, 2, 3, 4, 5, 0, 3, 1, 5, 0]
    for s in seen:
        assert s["slider"] == s["readout"] == s["message"] == s["lit line"] == s["lit box"], s
        assert s["of"] == {5}


def lesson_with_broken_m(backward, **budget):
    z, names = lesson_output()
    names["m"]._backward = backward(names)
    started = time.monotonic()
    explorer = engine_stepper_explorer(z, names, **budget)
    return explorer, time.monotonic() - started


def test_a_backward_that_loops_forever_is_stopped_with_a_sentence_and_the_steps_before_replay():
    def forever(names):
        def _backward():
            while True:
                pass
        return _backward

    explorer, seconds = lesson_with_broken_m(forever, seconds=0.2)  # the lesson's stepper gives 4 s, the same way
    assert seconds < 10  # the budget here is 0.2 s in all; 10 leaves room for a loaded machine
    assert "loop that never ends" in explorer.message.value and COLOURS["warning"] in explorer.message.value
    assert "step 2, where m._backward failed: it was still running" in explorer.message.value
    explorer.step.value = 1  # the step before it replays as usual
    assert "Step 1 of 2: z (+) has grad 1.0, adds 1.0 to m, 1.0 to **2." in explorer.message.value
    explorer.step.value = 2
    assert "Step 2 of 2, where your backward stopped: m (*) has grad 1.0" in explorer.message.value
    assert "still running" in explorer.message.value and COLOURS["error"] in explorer.message.value
    assert state(explorer)[0] == [1]  # m's box is lit
    assert not hasattr(explorer, "last_error")  # no callback failed: the course's own code is fine


def test_a_backward_that_raises_leaves_the_steps_before_it_to_replay():
    def raises(names):
        def _backward():
            raise ZeroDivisionError("float division by zero")
        return _backward

    explorer, seconds = lesson_with_broken_m(raises)
    assert seconds < 10 and "ZeroDivisionError: float division by zero" in explorer.message.value
    explorer.step.value = 1
    assert "Step 1 of 2:" in explorer.message.value and COLOURS["info"] in explorer.message.value
    explorer.step.value = 2
    assert "ZeroDivisionError" in explorer.message.value and "never ran" in explorer.message.value


def test_a_grad_that_is_not_a_number_is_named_in_the_message():
    def spoils(names):
        def _backward():
            names["x"].grad = "3.0"
        return _backward

    explorer, seconds = lesson_with_broken_m(spoils)
    assert seconds < 10
    explorer.step.value = explorer.step.max
    assert "the grad of x is a str, not a number" in explorer.message.value
    assert COLOURS["error"] in explorer.message.value and "x.grad" in explorer.readout.value


def test_a_graph_that_cannot_be_read_says_so_instead_of_a_picture():
    class Endless(make_value()):
        @property
        def _prev(self):
            while True:
                pass

        @_prev.setter
        def _prev(self, value):
            pass

    explorer = engine_stepper_explorer(step_backward(Endless(1.0), {}, seconds=0.1))
    assert explorer.step.max == 0 and explorer.redraws == 1
    assert "could not read your graph" in explorer.message.value and COLOURS["error"] in explorer.message.value


def test_a_learners_deep_graph_keeps_its_text_size_and_grows_downwards():
    h = Value(0.5)
    names = {"x": h}
    for _ in range(30):
        h = h * Value(1.1) + Value(0.1)
    stepper = engine_stepper_explorer(h, names)
    width, height = stepper.live.figure.get_size_inches()
    assert width * stepper.live.figure.dpi <= 1200 and height > 8  # bands that go down the picture, never sideways
    assert stepper.image.layout.max_width == "100%"
    boxes = [t for t in stepper.artists["ax"].texts if (t.get_gid() or "").startswith("node-")]
    assert len(boxes) == 121 and {t.get_fontsize() for t in boxes} == {9}
    stepper.next_step.click()
    assert state(stepper)[0] == [stepper.trace.steps[0].key]
