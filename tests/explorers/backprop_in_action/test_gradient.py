"""Lesson 5's gradient explorer, driven from Python: the arrow is (x.grad, y.grad), checked by hand formulas."""

import math

import pytest

from autograd_lessons.explorers import gradient_explorer


def arrow_of(explorer):
    """The arrow's start and its direction as a unit vector (FancyArrowPatch keeps its ends in _posA_posB)."""
    (x0, y0), (x1, y1) = explorer.artists["arrow"]._posA_posB
    length = math.hypot(x1 - x0, y1 - y0)
    return (x0, y0), ((x1 - x0) / length, (y1 - y0) / length)


def unit(dx, dy):
    return dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)


def drawn_length(explorer):
    (x0, y0), (x1, y1) = explorer.artists["arrow"]._posA_posB
    return math.hypot(x1 - x0, y1 - y0)


def test_it_opens_on_the_seed_point():
    explorer = gradient_explorer()
    assert (explorer.x.value, explorer.y.value) == (2.0, 3.0)
    start, gradient = arrow_of(explorer)
    assert start == (2.0, 3.0) and gradient == pytest.approx(unit(3.0, 8.0))
    assert list(explorer.artists["point"].get_data()) == [[2.0], [3.0]]
    for text in ("z = x·y + y²", ">15<", "x.grad", ">3<", "by hand:  x + 2y", ">8<", "8.544"):
        assert text in explorer.readout.value
    assert "z.backward()" in explorer.readout.value
    assert "y = torch.tensor(3.0, requires_grad=True)" in explorer.readout.value
    assert explorer.message.value == ""
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


@pytest.mark.parametrize("x, y", [(-3.0, -3.0), (1.5, -2.5), (-0.7, 2.2), (3.0, 3.0), (0.3, 0.1)])
def test_the_arrow_follows_the_sliders_and_the_hand_formulas(x, y):
    explorer = gradient_explorer()
    before = bytes(explorer.image.value)
    explorer.x.value, explorer.y.value = x, y
    assert bytes(explorer.image.value) != before
    start, direction = arrow_of(explorer)
    assert start == pytest.approx((x, y))
    assert direction == pytest.approx(unit(y, x + 2 * y), abs=1e-6)  # by hand: dz/dx = y, dz/dy = x + 2y
    end = explorer.artists["arrow"]._posA_posB[1]
    assert all(-4 <= v <= 4 for v in end)  # the whole arrow stays on the map


def test_the_arrow_points_uphill():
    explorer = gradient_explorer(x=1.0, y=-2.0)
    start, (dx, dy) = arrow_of(explorer)
    step = 1e-3 / math.hypot(dx, dy)
    z = lambda x, y: x * y + y**2  # noqa: E731
    assert z(1 + step * dx, -2 + step * dy) > z(1, -2) > z(1 - step * dx, -2 - step * dy)


def test_a_steeper_place_draws_a_longer_arrow():
    explorer = gradient_explorer()
    lengths = []
    for y in (0.1, 0.5, 1.0, 2.0, 3.0):  # at x = 0 the gradient is (y, 2y): it grows with y
        explorer.x.value, explorer.y.value = 0.0, y
        lengths.append(drawn_length(explorer))
    assert lengths == sorted(lengths) and lengths[0] > 0.1  # even a gentle slope shows its direction
    assert max(lengths) <= 1.0


def test_the_saddle_point_hides_the_arrow_and_says_why():
    explorer = gradient_explorer()
    explorer.x.value, explorer.y.value = 0.0, 0.0
    assert not explorer.artists["arrow"].get_visible()
    assert "saddle point" in explorer.message.value
    explorer.y.value = 1.0
    assert explorer.artists["arrow"].get_visible() and explorer.message.value == ""


@pytest.mark.parametrize("x, y, says", [(2.0, 0.0, "x.grad is 0"), (-2.0, 1.0, "y.grad is 0")])
def test_a_zero_partial_is_pointed_out(x, y, says):
    explorer = gradient_explorer()
    explorer.x.value, explorer.y.value = x, y
    assert says in explorer.message.value


def test_values_beyond_the_sliders_are_clamped_and_still_drawn():
    explorer = gradient_explorer()
    explorer.x.value, explorer.y.value = 100.0, -100.0
    assert (explorer.x.value, explorer.y.value) == (3.0, -3.0)
    assert arrow_of(explorer)[1] == pytest.approx(unit(-3.0, -3.0))


def test_the_contours_are_drawn_once():
    explorer = gradient_explorer()
    contours, children = explorer.artists["contours"], len(explorer.artists["ax"].get_children())
    for x in (-2.0, 0.5, 2.5):
        explorer.x.value = x
    assert explorer.artists["contours"] is contours and len(explorer.artists["ax"].get_children()) == children


def test_an_unexpected_failure_is_a_message_not_a_traceback(monkeypatch):
    explorer = gradient_explorer()
    import autograd_lessons.explorers.backprop_in_action.gradient as module

    monkeypatch.setattr(module, "gradient_readout", lambda *args: 1 / 0)
    explorer.x.value = 1.0
    assert "not anything you did" in explorer.message.value and "Error" not in explorer.message.value
    assert isinstance(explorer.last_error, ZeroDivisionError)


def test_creating_it_displays_nothing(capsys):
    gradient_explorer()
    assert capsys.readouterr() == ("", "")
