"""Lesson 12's step-size curve, read through the data its artists hold (Agg backend)."""

import math

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from autograd_lessons.drawing.extending_autograd import (FLOOR, TOLERANCE, plot_error_curve,  # noqa: E402
                                                         set_error_curve, set_error_step)

EXPONENTS = [-12.0, -9.0, -6.0, -3.0, -1.0]
CURVES = {"float64": [1e-4, 1e-7, 1e-10, 1e-6, 1e-2], "float32": [1.0, 1.0, 0.1, 1e-4, 1e-2]}


def drawn():
    ax = Figure().add_subplot()
    return ax, plot_error_curve(ax, EXPONENTS, CURVES)


def test_each_precision_is_a_line_through_its_errors_on_log_axes():
    ax, artists = drawn()
    for precision, errors in CURVES.items():
        xs, ys = artists["lines"][precision].get_data()
        assert list(xs) == [10.0 ** e for e in EXPONENTS] and list(ys) == errors
        assert artists["lines"][precision].get_label() == precision
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert ax.get_xlim() == (1e-12, 1e-1)
    assert any(line.get_ydata()[0] == TOLERANCE for line in ax.get_lines() if line.get_linestyle() == ":")


def test_an_exact_difference_is_drawn_at_the_floor_and_a_nan_is_left_out():
    ax, artists = drawn()
    set_error_curve(artists, EXPONENTS, {"float64": [0.0, 1e-8, math.nan, 1e-6, 1e-2], "float32": CURVES["float32"]})
    ys = list(artists["lines"]["float64"].get_data()[1])
    assert ys[0] == FLOOR and math.isnan(ys[2]) and ys[1] == 1e-8


def test_the_step_moves_the_line_and_one_dot_per_precision():
    ax, artists = drawn()
    set_error_step(artists, 1e-4, {"float64": 2e-9, "float32": 0.0})
    assert list(artists["step"].get_xdata()) == [1e-4, 1e-4]
    assert artists["dots"]["float64"].get_data() == ([1e-4], [2e-9])
    assert artists["dots"]["float32"].get_data() == ([1e-4], [FLOOR])
