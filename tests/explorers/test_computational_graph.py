"""Lesson 2's live graph explorer, driven from Python as a learner would drive it in JupyterLab."""

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from autograd_lessons.compute.computational_graph import FUNCTIONS
from autograd_lessons.explorers import live_graph_explorer


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def boxes(explorer):
    return [box.get_text() for box in explorer.artists["boxes"].values()]


def ops(explorer):
    return sorted(text.split("\n")[-1] for text in boxes(explorer))


def test_it_opens_on_the_lessons_loop_at_three():
    explorer = live_graph_explorer()
    assert (explorer.function.value, explorer.x.value, explorer.backward.value) == ("loop", 3.0, True)
    assert boxes(explorer) == ["out = 12.0\nMulBackward0", "6.0\nMulBackward0", "x = 3.0\nleaf · AccumulateGrad"]
    assert sorted(g.get_text() for g in explorer.artists["grads"].values()) == ["grad 1.0", "grad 2.0", "grad 4.0"]
    for text in ("loop body × 2", "12", "x.grad", "4"):
        assert text in explorer.readout.value
    for text in ("# checked 3 times", "# ran 2 times", "out.backward()"):
        assert text in explorer.code.value


def test_moving_within_a_shape_rewrites_the_boxes_without_redrawing():
    explorer = live_graph_explorer("loop", 3.0)
    redraws, before = explorer.redraws, explorer.image.value
    explorer.x.value = 4.5
    assert explorer.image.value != before and explorer.redraws == redraws
    assert boxes(explorer) == ["out = 18.0\nMulBackward0", "9.0\nMulBackward0", "x = 4.5\nleaf · AccumulateGrad"]
    assert "changed shape" not in explorer.message.value
    # the fast frame is exactly what a fresh drawing of the same state looks like
    assert np.array_equal(pixels(explorer.image.value), pixels(live_graph_explorer("loop", 4.5).image.value))


def test_crossing_a_doubling_threshold_changes_the_node_set():
    explorer = live_graph_explorer("loop", 2.6)
    assert ops(explorer).count("MulBackward0") == 2
    redraws = explorer.redraws
    explorer.x.value = 2.45
    assert ops(explorer).count("MulBackward0") == 3 and explorer.redraws == redraws + 1
    assert "The graph changed shape: the loop body ran 3 times" in explorer.message.value
    assert "grad 8.0" in [g.get_text() for g in explorer.artists["grads"].values()]
    explorer.x.value = 12.0  # x >= 10: the loop never runs, out is x itself
    assert boxes(explorer) == ["x = 12.0\nleaf · AccumulateGrad"] and "never ran" in explorer.message.value


def test_crossing_zero_in_the_branch_swaps_pow_for_mul():
    explorer = live_graph_explorer("branch", 0.5)
    assert ops(explorer) == ["PowBackward0", "leaf · AccumulateGrad"]
    assert "if: x**2" in explorer.readout.value and "1" in explorer.readout.value  # x.grad = 2x = 1
    explorer.x.value = -0.5
    assert ops(explorer) == ["MulBackward0", "leaf · AccumulateGrad"]
    assert "else: 0.5 * x" in explorer.readout.value and "0.5" in explorer.readout.value
    assert "changed shape" in explorer.message.value and "else branch" in explorer.message.value


def test_unticking_backward_removes_the_grads():
    explorer = live_graph_explorer("loop", 3.0)
    explorer.backward.value = False
    assert explorer.artists["grads"] == {} and "None (tick out.backward())" in explorer.readout.value
    assert "out.backward()" not in explorer.code.value
    explorer.x.value = 3.5  # still fine while unticked
    assert boxes(explorer)[0] == "out = 14.0\nMulBackward0"


def test_switching_function_resets_the_slider_to_its_range():
    explorer = live_graph_explorer("loop", 11.0)
    explorer.function.value = "branch"
    assert (explorer.x.min, explorer.x.max, explorer.x.value) == (-3.0, 3.0, 2.0)
    assert ops(explorer) == ["PowBackward0", "leaf · AccumulateGrad"]
    explorer.function.value = "loop"
    assert (explorer.x.min, explorer.x.max, explorer.x.value) == (0.75, 12.0, 3.0)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_slider_step_works(name, monkeypatch):
    """Every step builds, stamps and lays out its graph; every fifth is also rendered to a picture.

    Rendering is 83% of a step (glyphs and PNG): all 226 steps of the loop took 3.8 s, and what it would draw is in
    the boxes' text, which the other tests read.
    """
    import autograd_lessons.explorers.computational_graph as module

    real_show, steps, pictures = module.show, [], set()

    def every_fifth(image, live):
        steps.append(live)
        if len(steps) % 5 == 1:
            real_show(image, live)
            pictures.add(image.value)

    monkeypatch.setattr(module, "show", every_fifth)
    explorer = live_graph_explorer(name)
    low, high = FUNCTIONS[name].xlim
    for x in np.arange(low, high + 1e-9, 0.05):
        explorer.x.value = float(round(x, 2))
        assert "Something went wrong" not in explorer.message.value
        assert f"{explorer.x.value:.4g}"[:3] in explorer.readout.value
    assert explorer.redraws <= 8  # one per change of shape, not one per step
    assert len(steps) > 50 and len(pictures) > 10  # each step drew; the pictures rendered differ


_EXPLORERS = {}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(list(FUNCTIONS)), st.floats(-100, 100, allow_nan=False))
def test_any_value_the_slider_accepts_works(name, x):
    explorer = _EXPLORERS.get(name) or _EXPLORERS.setdefault(name, live_graph_explorer(name))  # one per function
    explorer.x.value = x + 0.0  # clamped into the slider's range; + 0.0 makes -0.0 (no slider holds it) 0.0
    assert "Something went wrong" not in explorer.message.value
    assert f"{explorer.x.value:.4g}"[:3] in explorer.readout.value


def test_a_refused_x_is_a_message_and_the_graph_stays(monkeypatch):
    explorer = live_graph_explorer("loop", 3.0)
    import autograd_lessons.explorers.computational_graph as module

    def refuse(*args):
        raise ValueError("double_until(x) would need more than 12 doublings")

    monkeypatch.setattr(module, "dynamic_graph", refuse)
    before = explorer.image.value
    explorer.x.value = 4.0
    assert "more than 12 doublings" in explorer.message.value and explorer.image.value == before


def test_an_unexpected_failure_is_a_message_not_a_traceback(monkeypatch):
    explorer = live_graph_explorer()
    import autograd_lessons.explorers.computational_graph as module

    monkeypatch.setattr(module, "dynamic_graph", lambda *args: 1 / 0)
    explorer.x.value = 1.0
    assert "not anything you did" in explorer.message.value and "Error" not in explorer.message.value
    assert isinstance(explorer.last_error, ZeroDivisionError)


def test_creating_it_displays_nothing(capsys):
    live_graph_explorer()
    assert capsys.readouterr() == ("", "")


def test_unticking_backward_is_not_called_a_change_of_shape():
    explorer = live_graph_explorer("loop", 3.0)
    explorer.backward.value = False
    assert "changed shape" not in explorer.message.value


def test_the_picture_keeps_its_text_size_within_a_page_at_the_most_boxes():
    explorer = live_graph_explorer("loop", FUNCTIONS["loop"].xlim[0])  # the smallest x: the most doublings
    width, _ = explorer.live.figure.get_size_inches()
    assert width <= 16 and len(explorer.artists["boxes"]) == 5
    assert {box.get_fontsize() for box in explorer.artists["boxes"].values()} == {9}
    renderer = explorer.live.figure.canvas.get_renderer()
    extents = [box.get_window_extent(renderer) for box in explorer.artists["boxes"].values()]
    assert all(0 <= e.x0 and e.x1 <= width * explorer.live.figure.dpi for e in extents)  # every box in the picture
