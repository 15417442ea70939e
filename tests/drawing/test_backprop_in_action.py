"""Lesson 5's pictures, checked through the data their artists hold (Agg backend, see conftest.py)."""

import math

import pytest
import torch

from autograd_lessons.drawing.backprop_in_action import plot_gradient_field, plot_loss_curve


def artists(ax, prefix):
    return {a.get_gid(): a for a in ax.texts + ax.lines + ax.collections if (a.get_gid() or "").startswith(prefix)}


def test_plot_loss_curve_holds_the_losses():
    losses = [torch.tensor(4.0), 2.0, 1.0, 0.5]
    ax = plot_loss_curve(losses, log=True)
    xs, ys = artists(ax, "loss")["loss"].get_data()
    assert list(xs) == [0, 1, 2, 3] and list(ys) == [4.0, 2.0, 1.0, 0.5]
    assert ax.get_yscale() == "log"


def test_plot_gradient_field_arrow_points_along_the_gradient():
    f = lambda x, y: x * y + y**2  # noqa: E731
    ax = plot_gradient_field(f, point=(2.0, 3.0), gradient=(3.0, 8.0), xlim=(-1, 5), ylim=(0, 6))
    found = artists(ax, "")
    arrow = found["gradient"]
    assert arrow.U[0] == 3.0 and arrow.V[0] == 8.0
    assert tuple(arrow.get_offsets()[0]) == (2.0, 3.0)
    assert math.hypot(3.0, 8.0) / arrow.scale == pytest.approx(0.25 * 6)  # a quarter of the plot wide


def test_plot_gradient_field_background_arrows_are_the_true_gradient():
    f = lambda x, y: x * y + y**2  # noqa: E731
    ax = plot_gradient_field(f, xlim=(-2, 2), ylim=(-2, 2), arrows=5)
    field = artists(ax, "field")["field"]
    for (x, y), u, v in zip(field.get_offsets(), field.U, field.V):
        assert u == pytest.approx(y) and v == pytest.approx(x + 2 * y)
    assert "gradient" not in artists(ax, "")
