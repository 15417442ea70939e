"""Lesson 7's engine stepper, driven from Python: step, and check the lit box, the grads, the arrows and the speed."""


import pytest

from autograd_lessons.compute.build_your_own_autograd.engine_steps import step_backward
from autograd_lessons.explorers import engine_stepper_explorer
from tests.micro_engine import make_value
from tests.stepper_screen import count_on_screen

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
