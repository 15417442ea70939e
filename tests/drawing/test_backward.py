"""Lesson 3's tangent picture, checked through the data its artists hold (Agg backend, see conftest.py)."""


import pytest
import torch

from autograd_lessons.drawing.backward import plot_tangent


def artists(ax, prefix):
    return {a.get_gid(): a for a in ax.texts + ax.lines + ax.collections if (a.get_gid() or "").startswith(prefix)}


def test_plot_tangent_draws_the_curve_the_point_and_a_line_with_the_slope():
    f = lambda x: x**2 + 2 * x + 1  # noqa: E731
    ax = plot_tangent(f, 3.0, 8.0, xlim=(-2, 6))
    found = artists(ax, "")
    xs, ys = found["curve"].get_data()
    assert min(xs) == -2 and max(xs) == 6
    assert ys == pytest.approx([f(x) for x in xs])
    (tx0, tx1), (ty0, ty1) = found["tangent"].get_data()
    assert (ty1 - ty0) / (tx1 - tx0) == pytest.approx(8.0)
    assert ty0 + 8.0 * (3.0 - tx0) == pytest.approx(16.0)  # the line passes through (3, f(3))
    assert list(found["point"].get_data()) == [[3.0], [16.0]]
    assert "slope 8" in found["tangent"].get_label()


def test_plot_tangent_accepts_a_tensor_slope():
    ax = plot_tangent(lambda x: 2 * x**2, -1.0, torch.tensor(-4.0))
    (tx0, tx1), (ty0, ty1) = artists(ax, "tangent")["tangent"].get_data()
    assert (ty1 - ty0) / (tx1 - tx0) == pytest.approx(-4.0)
