"""Derivatives three ways: autograd, finite differences and sympy (pure torch, no drawing).

Introduced in Lesson 3, where the learner first checks autograd's answer by hand.
A function ``f`` here is any Python callable of one variable built from
``+ - * / **`` (``lambda x: x**2 + 2*x + 1``), so the same ``f`` accepts a
tensor, a float or a sympy symbol.
"""

from dataclasses import dataclass

import torch


def autograd_derivative(f, x):
    """Return f'(x) as a float, from one ``.backward()`` at the point x."""
    x = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    f(x).backward()
    return x.grad.item()


def finite_difference(f, x, h=1e-5):
    """Return the central-difference estimate (f(x+h) - f(x-h)) / 2h as a float."""
    x = torch.tensor(float(x), dtype=torch.float64)
    return ((f(x + h) - f(x - h)) / (2 * h)).item()


def derivative_curve(f, xs):
    """Return (f(xs), f'(xs)) for every point of xs, with a single backward pass.

    f must act elementwise (each output depends only on its own input), which is
    true of every function of one variable in the lessons. Then the gradient of
    ``sum(f(xs))`` with respect to ``xs[i]`` is exactly ``f'(xs[i])``.
    """
    xs = torch.as_tensor(xs, dtype=torch.float64).detach().clone().requires_grad_(True)
    ys = f(xs)
    ys.sum().backward()
    return ys.detach(), xs.grad.detach()


def tangent_line(x0, y0, slope, xs):
    """Return the y-values of the line through (x0, y0) with the given slope at xs."""
    xs = torch.as_tensor(xs, dtype=torch.float64)
    return y0 + slope * (xs - x0)


@dataclass(frozen=True)
class SymbolicDerivative:
    """f and f' as sympy expressions of x, and f'(x0) as a float."""

    function: object
    derivative: object
    value: float

    def __str__(self):
        return f"f(x) = {self.function}, f'(x) = {self.derivative}, f'(x0) = {self.value}"


def sympy_derivative(f, x0):
    """Differentiate f exactly with sympy and evaluate the derivative at x0."""
    import sympy  # heavy: imported only when a lesson asks for it

    x = sympy.Symbol("x")
    try:
        expression = sympy.sympify(f(x))
    except TypeError as error:
        raise TypeError(
            "sympy_derivative needs f built from + - * / ** only "
            f"(calling f on a sympy symbol failed: {error})"
        ) from None
    derivative = sympy.diff(expression, x)
    return SymbolicDerivative(expression, derivative, float(derivative.subs(x, x0)))


def gradient_grid(f, xs, ys):
    """Return (z, dz/dx, dz/dy) on the grid xs × ys for f(x, y), with a single backward pass.

    Rows follow ys and columns follow xs, as ``matplotlib.pyplot.contour`` expects.
    f must act elementwise, like ``lambda x, y: x*y + y**2``.
    """
    xs = torch.as_tensor(xs, dtype=torch.float64)
    ys = torch.as_tensor(ys, dtype=torch.float64)
    grid_y, grid_x = (g.clone().requires_grad_(True) for g in torch.meshgrid(ys, xs, indexing="ij"))
    z = f(grid_x, grid_y)
    z.sum().backward()
    return z.detach(), grid_x.grad.detach(), grid_y.grad.detach()
