"""autograd_lessons.compute.backward: the readout agrees with sympy and finite differences, and explains nan/inf."""

import math

import pytest
import sympy
import torch

from autograd_lessons.compute.calculus import finite_difference
from autograd_lessons.compute.expressions import parse_expression, symbol
from autograd_lessons.compute.backward import curve_points, tangent_readout, y_limits


@pytest.mark.parametrize("text", ["x**2 + 2*x + 1", "3*x**3 - 4*x", "2*x**2", "sin(x)", "exp(x) / 10", "x**x", "abs(x)"])
@pytest.mark.parametrize("x0", [0.5, 1.25, 3.0])
def test_readout_matches_sympy_and_finite_differences(text, x0):
    readout = tangent_readout(parse_expression(text), x0)
    exact = sympy.diff(sympy.sympify(text, locals={"x": symbol()}), symbol())
    assert readout.slope == pytest.approx(float(exact.subs(symbol(), x0)), rel=1e-9)
    assert readout.exact == pytest.approx(readout.slope, rel=1e-9)
    assert readout.finite_difference == pytest.approx(readout.slope, rel=1e-5, abs=1e-6)
    assert readout.message is None and readout.drawable


def test_seed_quadratic_at_three():
    readout = tangent_readout(parse_expression("x**2 + 2*x + 1"), 3.0)
    assert (readout.value, readout.slope, readout.exact, readout.derivative) == (16.0, 8.0, 8.0, "2*x + 2")
    assert readout.finite_difference == pytest.approx(8.0, abs=1e-6)


@pytest.mark.parametrize("text, x0, says", [
    ("log(x)", 0.0, "log(x) is log(0), which is minus infinity"),
    ("log(x)", -1.0, "log(x) is the log of a negative number"),
    ("sqrt(x)", -2.0, "sqrt(x) is the square root of a negative number"),
    ("1/x", 0.0, "1 / x divides by zero"),
    ("x**-2", 0.0, "x ** (-2) divides by zero (0 to a negative power)"),
    ("x**0.5", -1.0, "takes a negative number to a fractional power"),
    ("exp(exp(x))", 8.0, "exp(exp(x)) is too large for a float64"),
    ("3 + 1/(x - 1)", 1.0, "1 / (x - 1) divides by zero"),
])
def test_points_outside_the_domain_are_explained(text, x0, says):
    readout = tangent_readout(parse_expression(text), x0)
    assert not readout.drawable
    assert readout.message.startswith(f"f is not a number at x = {x0:g}: ")
    assert says in readout.message


def test_an_infinite_slope_is_a_vertical_tangent():
    readout = tangent_readout(parse_expression("sqrt(x)"), 0.0)
    assert readout.value == 0.0 and math.isinf(readout.slope) and not readout.drawable
    assert "the tangent is vertical" in readout.message


def test_a_point_without_derivative_is_flagged_even_when_autograd_gives_a_number():
    readout = tangent_readout(parse_expression("x**x"), 0.0)
    assert readout.value == 1.0 and readout.slope == 0.0 and math.isnan(readout.exact)  # torch's convention
    assert "f has no derivative there" in readout.message


def test_abs_at_zero_follows_the_same_convention_as_sympy():
    readout = tangent_readout(parse_expression("abs(x)"), 0.0)
    assert readout.slope == readout.exact == 0.0 and readout.message is None


def test_curve_has_gaps_where_f_is_not_real_and_at_jumps():
    xs, ys = curve_points(parse_expression("1/x"), (-1.0, 1.0), points=201)
    middle = (xs.abs() < 0.02)
    assert ys[middle].isnan().any()  # the jump across 0 is cut, so no vertical line joins the branches
    assert torch.isfinite(ys[xs.abs() > 0.1]).all()
    _, ys = curve_points(parse_expression("log(x)"), (-1.0, 1.0), points=201)
    assert ys[:100].isnan().all() and torch.isfinite(ys[101:]).all()


def test_y_limits_ignore_spikes_but_keep_a_whole_smooth_curve():
    xs = torch.linspace(-4, 4, 400, dtype=torch.float64)
    low, high = y_limits(xs.sqrt())  # nan for x < 0, 0 to 2 otherwise
    assert low < 0 < 2 < high
    low, high = y_limits(1 / xs)
    assert high < 50  # 1/x reaches 400 near 0: that spike must not flatten the rest


def test_finite_difference_used_by_the_readout_is_the_calculus_one():
    expression = parse_expression("sin(x)")
    assert tangent_readout(expression, 1.0).finite_difference == finite_difference(expression, 1.0)
