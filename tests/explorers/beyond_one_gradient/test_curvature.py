"""Lesson 10's curvature explorer, driven from Python: the point, the curvature bars and curves, both steps."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402

from autograd_lessons.compute.beyond_one_gradient.curvature import (  # noqa: E402
    by_hand_hessian, curvature_segments, second_order, valley)
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


# --- odd input: a singular Hessian, start values off the sliders, and every point of the slider grid ----------


def grid(slider):
    """Every value the browser lets a slider take: min, min + step, ..., max (as the front end snaps them)."""
    count = round((slider.max - slider.min) / slider.step)
    return [round(slider.min + k * slider.step, 2) for k in range(count + 1)]


@pytest.mark.parametrize("x, y", [(1.0, 1.1), (-1.0, 1.1), (0.0, 0.1), (1.5, 2.35)])
def test_where_the_hessian_is_singular_the_explorer_says_so_and_hides_the_newton_step(explorer, x, y):
    explorer.x.value, explorer.y.value = x, y
    assert getattr(explorer, "last_error", None) is None
    assert "The Hessian is singular here" in explorer.message.value and "no Newton step" in explorer.message.value
    assert xy(explorer.artists["newton-end"]) == [] and xy(explorer.artists["newton"]) == []
    step = second_order((x, y), lr=explorer.lr.value).gradient_step
    assert xy(explorer.artists["gradient-end"])[0] == pytest.approx(step.tolist())
    assert "none: H is singular" in explorer.readout.value
    explorer.y.value = 0.5  # away again: the Newton step is back
    assert len(xy(explorer.artists["newton-end"])) == 1 and "singular" not in explorer.message.value


@pytest.mark.parametrize("start, says", [
    (dict(x=5), "x = 5 is off the slider, which runs from -1.8 to 1.8: the explorer starts at x = 1.8"),
    (dict(y=float("nan")), "y = nan is not a number: the explorer starts at y = 0.5"),
    (dict(x="1"), "x = '1' is not a number"),
    (dict(lr=0), "lr = 0 is not a learning rate"),
    (dict(lr=1.0), "lr = 1 is off the slider, which runs from 0.001 to 0.1"),
])
def test_a_start_value_off_the_sliders_gets_a_sentence_that_goes_once_a_slider_moves(start, says):
    explorer = curvature_explorer(**start)
    assert says in explorer.note.value.replace("&#x27;", "'") and getattr(explorer, "last_error", None) is None
    assert "A bowl" in explorer.message.value or "A saddle" in explorer.message.value
    explorer.x.value = 0.5
    assert explorer.note.value == ""


def test_a_start_value_on_the_sliders_gets_no_note():
    assert curvature_explorer(x=0.5, y=1.0, lr=0.05).note.value == ""


def slider_grids():
    explorer = curvature_explorer()
    return grid(explorer.x), grid(explorer.y)


X_GRID, Y_GRID = slider_grids()
X_CHUNKS = [X_GRID[i:i + 8] for i in range(0, len(X_GRID), 8)]  # 10 tests, which xdist can share out


def swept(xs):
    """The grid points (x, y) the sweep visits for these values of x: those near the singular curve, and a third.

    Every point within 0.1 of the curve y = x² + 0.1 where the Hessian is singular, and one point in three of the
    rest, on diagonals, so that every value of each slider is visited many times: 1,949 of the 5,329 points. All of
    them took 9-11 s of make test. The singular points and their neighbours are where the numbers turn (no Newton
    step, a curvature crossing 0, hyperbolas that run far); the full sweep passed when this one replaced it.
    """
    return [(x, y) for x in xs for j, y in enumerate(Y_GRID)
            if abs(y - (x * x + 0.1)) <= 0.1 + 1e-9 or (X_GRID.index(x) + j) % 3 == 0]


def singular(x, y):
    """Whether the Hessian at (x, y) is singular, from the formulas worked out by hand: det H = 20 - 200 (y - x²)."""
    return abs(torch.linalg.det(by_hand_hessian(x, y))) < 1e-9


def test_the_sweep_visits_every_value_of_each_slider_and_every_singular_point():
    points = swept(X_GRID)
    assert {x for x, _ in points} == set(X_GRID) and {y for _, y in points} == set(Y_GRID)
    on_the_curve = [(x, y) for x in X_GRID for y in Y_GRID if singular(x, y)]
    assert len(on_the_curve) == 7 and set(on_the_curve) <= set(points)
    assert 1800 < len(points) < 2100  # of 73 × 73 = 5,329


@pytest.mark.parametrize("xs", X_CHUNKS, ids=lambda xs: f"x={xs[0]}..{xs[-1]}")
def test_every_point_of_the_slider_grid_gets_a_picture_and_a_sentence(xs, monkeypatch):
    """The points of the x and y sliders' grid that `swept` picks, the singular ones included, in 10 parts.

    The frame is not rendered (what it would show is in the artists' data, checked here), which keeps a point
    to a few milliseconds.
    """
    monkeypatch.setattr("autograd_lessons.explorers.beyond_one_gradient.curvature.show", lambda image, live: None)
    explorer, said_singular = curvature_explorer(), []
    points = swept(xs)
    assert {x for x, _ in points} == set(xs)
    for x, y in points:
        explorer.x.value, explorer.y.value = x, y
        assert getattr(explorer, "last_error", None) is None, (x, y)
        assert explorer.message.value and "could not update" not in explorer.message.value, (x, y)
        assert xy(explorer.artists["point"]) == [pytest.approx([x, y])]
        if "singular" in explorer.message.value:
            said_singular.append((x, y))
    assert said_singular == [(x, y) for x, y in points if singular(x, y)]  # the grid points on y = x² + 0.1
