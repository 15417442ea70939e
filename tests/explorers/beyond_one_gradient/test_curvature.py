"""Lesson 10's curvature explorer, driven from Python: the point, the curvature bars and curves, both steps."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402

from autograd_lessons.compute.beyond_one_gradient.curvature import curvature_segments, second_order, valley  # noqa: E402
from autograd_lessons.explorers import curvature_explorer  # noqa: E402


@pytest.fixture(scope="module")
def explorer():
    return curvature_explorer()


def xy(line):
    return [list(map(float, pair)) for pair in line.get_xydata()]


@pytest.mark.parametrize("x, y", [(-1.0, 0.5), (0.5, 1.0), (1.2, 0.5)])
def test_the_steps_and_the_bars_are_those_of_second_order_at_the_point(explorer, x, y):
    explorer.x.value, explorer.y.value = x, y
    reading = second_order((x, y), lr=explorer.lr.value)
    a = explorer.artists
    assert xy(a["point"])[0] == pytest.approx([x, y])
    assert xy(a["newton-end"])[0] == pytest.approx(reading.newton_step.tolist())
    assert xy(a["gradient-end"])[0] == pytest.approx(reading.gradient_step.tolist())
    for line, (start, end, curvature) in zip(a["bars"], curvature_segments(reading)):
        assert xy(line)[0] == pytest.approx(start) and xy(line)[1] == pytest.approx(end)
        assert line.get_color() == ("#1e7b34" if curvature > 0 else "#b45f06")
    assert f"{valley(reading.newton_step).item():.5g}" in explorer.readout.value


def test_a_bowl_draws_one_ellipse_and_a_saddle_four_branches(explorer):
    explorer.x.value, explorer.y.value = -1.0, 0.5
    drawn = [line for line in explorer.artists["shape"] if len(line.get_xdata())]
    assert len(drawn) == 1 and "A bowl" in explorer.message.value and "5.25 to 2.84" in explorer.message.value
    explorer.y.value = 1.5
    drawn = [line for line in explorer.artists["shape"] if len(line.get_xdata())]
    assert len(drawn) == 4 and "A saddle" in explorer.message.value and "uphill" in explorer.message.value


def test_the_learning_rate_moves_only_the_gradient_step(explorer):
    explorer.x.value, explorer.y.value = -1.0, 0.5
    newton, before = xy(explorer.artists["newton-end"]), xy(explorer.artists["gradient-end"])
    frame = explorer.image.value
    explorer.lr.value = 0.01
    assert xy(explorer.artists["newton-end"]) == newton and xy(explorer.artists["gradient-end"]) != before
    g = second_order((-1.0, 0.5)).gradient
    assert xy(explorer.artists["gradient-end"])[0] == pytest.approx((torch.tensor([-1.0, 0.5]) - 0.01 * g).tolist())
    assert explorer.image.value != frame and "Something went wrong" not in explorer.message.value
