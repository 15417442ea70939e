"""autograd_lessons.compute.calculus, checked against sympy (exact) and against autograd itself."""

import math

import pytest
import sympy
import torch

from autograd_lessons.compute.calculus import (
    autograd_derivative,
    derivative_curve,
    finite_difference,
    gradient_grid,
    sympy_derivative,
    tangent_line,
)

# The seed's functions, plus one with a quotient so the oracle sees more than polynomials.
FUNCTIONS = {
    "x**2 + 2*x + 1": lambda x: x**2 + 2 * x + 1,
    "3*x**3 - 4*x": lambda x: 3 * x**3 - 4 * x,
    "2*x**2": lambda x: 2 * x**2,
    "x**3/(1 + x**2)": lambda x: x**3 / (1 + x**2),
}
POINTS = [-2.5, -1.0, 0.0, 0.5, 3.0]


def exact_derivative(text, x0):
    x = sympy.Symbol("x")
    return float(sympy.diff(sympy.sympify(text), x).subs(x, x0))


@pytest.mark.parametrize("text", FUNCTIONS)
@pytest.mark.parametrize("x0", POINTS)
def test_autograd_derivative_matches_sympy(text, x0):
    assert autograd_derivative(FUNCTIONS[text], x0) == pytest.approx(exact_derivative(text, x0), abs=1e-12)


@pytest.mark.parametrize("text", FUNCTIONS)
@pytest.mark.parametrize("x0", POINTS)
def test_finite_difference_is_close_to_sympy(text, x0):
    assert finite_difference(FUNCTIONS[text], x0) == pytest.approx(exact_derivative(text, x0), abs=1e-6)


def test_finite_difference_error_shrinks_with_h():
    f = FUNCTIONS["3*x**3 - 4*x"]  # f''' = 18, so the central-difference error is 3 h**2
    exact = exact_derivative("3*x**3 - 4*x", 2.0)
    assert abs(finite_difference(f, 2.0, h=0.1) - exact) == pytest.approx(0.03, rel=1e-6)
    assert abs(finite_difference(f, 2.0, h=0.01) - exact) == pytest.approx(0.0003, rel=1e-4)


@pytest.mark.parametrize("text", FUNCTIONS)
def test_derivative_curve_matches_one_backward_per_point(text):
    f = FUNCTIONS[text]
    xs = torch.linspace(-3, 3, 41)
    ys, slopes = derivative_curve(f, xs)
    assert torch.allclose(ys, f(xs.double()))
    expected = torch.tensor([autograd_derivative(f, x) for x in xs.tolist()], dtype=torch.float64)
    assert torch.allclose(slopes, expected)


def test_derivative_curve_does_not_touch_the_callers_tensor():
    xs = torch.linspace(0, 1, 5, requires_grad=True)
    derivative_curve(FUNCTIONS["2*x**2"], xs)
    assert xs.grad is None


def test_tangent_line_goes_through_the_point_with_the_slope():
    line = tangent_line(3.0, 16.0, 8.0, [3.0, 4.0, 1.0])
    assert line.tolist() == [16.0, 24.0, 0.0]


def test_sympy_derivative_of_the_seed_quadratic():
    result = sympy_derivative(FUNCTIONS["x**2 + 2*x + 1"], 3.0)
    assert str(result.function) == "x**2 + 2*x + 1"
    assert str(result.derivative) == "2*x + 2"
    assert result.value == 8.0
    assert str(result) == "f(x) = x**2 + 2*x + 1, f'(x) = 2*x + 2, f'(x0) = 8.0"


def test_sympy_derivative_says_which_functions_it_needs():
    with pytest.raises(TypeError, match=r"\+ - \* / \*\* only"):
        sympy_derivative(lambda x: torch.sin(x), 1.0)


def test_gradient_grid_matches_the_hand_gradient_of_the_seed():
    xs, ys = torch.linspace(-2, 2, 5), torch.linspace(-1, 3, 3)
    z, dzdx, dzdy = gradient_grid(lambda x, y: x * y + y**2, xs, ys)
    assert z.shape == dzdx.shape == dzdy.shape == (3, 5)  # rows follow y, columns follow x
    for i, y in enumerate(ys.tolist()):
        for j, x in enumerate(xs.tolist()):
            assert z[i, j].item() == pytest.approx(x * y + y**2)
            assert dzdx[i, j].item() == pytest.approx(y)  # dz/dx = y
            assert dzdy[i, j].item() == pytest.approx(x + 2 * y)  # dz/dy = x + 2y


def test_gradient_grid_against_autograd_at_one_point():
    f = lambda x, y: torch.sin(x) * torch.exp(y)  # noqa: E731
    _, dzdx, dzdy = gradient_grid(f, [0.7], [-0.3])
    x = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(-0.3, dtype=torch.float64, requires_grad=True)
    f(x, y).backward()
    assert dzdx.item() == pytest.approx(x.grad.item()) and dzdy.item() == pytest.approx(y.grad.item())
    assert dzdx.item() == pytest.approx(math.cos(0.7) * math.exp(-0.3))
