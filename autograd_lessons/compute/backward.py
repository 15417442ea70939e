"""What the tangent explorer shows for f and x: the numbers and the curve (pure torch + sympy).

Introduced with Lesson 3's explorer. ``tangent_readout(f, x)`` does what the
lesson did by hand -- a leaf with requires_grad, one ``.backward()`` -- and puts
the answer next to a finite difference and sympy's exact derivative. Where f or
its slope is not a finite number, ``message`` says why in words.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import torch

from .bounded import run_bounded
from .calculus import finite_difference
from .numbers import number

NO_EXACT = "(sympy could not work it out)"
SYMPY_SECONDS = 2.0  # sympy's exact derivative of a typed formula; the explorer answers with autograd's anyway


@dataclass(frozen=True)
class TangentReadout:
    """f(x), autograd's slope, a finite difference and sympy's exact slope; message if one is not finite."""

    x: float
    value: float
    slope: float
    finite_difference: float
    exact: float
    derivative: str  # sympy's f'(x), as text
    message: str = None

    @property
    def drawable(self):
        """True when the point and the tangent can be drawn (f(x) and the slope are finite)."""
        return math.isfinite(self.value) and math.isfinite(self.slope)

    def rows(self):
        """Return (label, value) pairs: what the explorer's readout table shows."""
        return [
            ("x", number(self.x, 4)),
            ("f(x)", number(self.value)),
            ("autograd  x.grad", number(self.slope)),
            ("finite difference", number(self.finite_difference)),
            (f"sympy  f'(x) = {self.derivative}", number(self.exact)),
        ]

    def __str__(self):
        width = max(len(label) for label, _ in self.rows())
        lines = [f"{label:<{width}}  {value}" for label, value in self.rows()]
        return "\n".join(lines + ([self.message] if self.message else []))


def tangent_readout(expression, x):
    """Return the TangentReadout of an expression (parsed, or as text) at x."""
    if isinstance(expression, str):
        from .expressions import parse_expression

        expression = parse_expression(expression)
    leaf = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    y = expression(leaf)
    y.backward()
    value, slope = y.item(), leaf.grad.item()
    derivative, exact_at = _exact(expression.text)
    exact = exact_at(float(x))
    readout = dict(x=float(x), value=value, slope=slope, finite_difference=finite_difference(expression, x),
                   exact=exact, derivative=derivative)
    return TangentReadout(**readout, message=_explain(expression, float(x), value, slope, exact, derivative))


def curve_points(expression, xlim, points=400):
    """Return (xs, ys) for drawing f over xlim, with nan (a gap) where f is not finite or jumps.

    A jump is where the curve leaps across the whole plot between two samples,
    like 1/x at 0: without the gap, a vertical line would join the two branches.
    """
    xs = torch.linspace(*xlim, points, dtype=torch.float64)
    with torch.no_grad():
        ys = expression(xs)
    ys = torch.where(torch.isfinite(ys), ys, torch.nan)
    low, high = y_limits(ys)
    jumps = (ys[1:] - ys[:-1]).abs() > 2 * (high - low)
    ys[1:][jumps] = torch.nan
    return xs, ys


def y_limits(ys, margin=0.08):
    """Return y limits that show the whole curve, unless a spike (1/x near 0) would flatten the rest."""
    finite = ys[torch.isfinite(ys)]
    if finite.numel() == 0:
        return -1.0, 1.0
    low, high = finite.min().item(), finite.max().item()
    typical_low, typical_high = torch.quantile(finite, 0.02).item(), torch.quantile(finite, 0.98).item()
    if high - low > 10 * (typical_high - typical_low):
        low, high = typical_low, typical_high
    if high - low < 1e-9 * max(1.0, abs(low), abs(high)):  # flat, even at 1e300 where 1e300 + 1 == 1e300
        spread = max(1.0, abs(low) / 10, abs(high) / 10)
        low, high = low - spread, high + spread
    pad = margin * (high - low)
    return low - pad, high + pad


@lru_cache(maxsize=64)
def _exact(text):
    """sympy's derivative of an expression (as text) and a fast float function for it, cached per text."""
    import sympy

    from .expressions import parse_expression, symbol

    def work():
        derivative = parse_expression(text).sympy_derivative()
        return sympy.lambdify(symbol(), derivative, modules=["math"]), str(derivative)

    # exact_size refuses the numbers sympy cannot handle before it starts; the time bound is for anything else.
    # sympy failing on a formula must not take autograd's answer with it (the failure is cached, like success)
    outcome = run_bounded(work, seconds=SYMPY_SECONDS)
    if not outcome.ok:
        return NO_EXACT, lambda at: math.nan
    compiled, shown = outcome.value

    def at(x):
        try:
            return float(compiled(x))
        except ZeroDivisionError:
            return math.inf
        except OverflowError:
            return math.inf
        except Exception:  # outside the domain (sqrt(-1)), a complex result, anything else: not a number
            return math.nan

    return shown, at


def _explain(expression, x, value, slope, exact, derivative):
    """Return None when f(x) and the slope are finite, else one sentence saying why they are not."""
    if math.isfinite(value) and math.isfinite(slope):
        if math.isfinite(exact):
            return None
        if derivative == NO_EXACT:
            return ("sympy could not work out an exact derivative of this formula; "
                    "autograd's slope and the finite difference are still shown.")
        return (f"autograd reports a slope of {slope:g} at x = {x:g}, but f has no derivative there "
                f"(sympy gives {exact:g}): at such points autograd returns a convention, not a derivative.")
    where = f"x = {x:g}"
    if not math.isfinite(value):
        cause = expression.why_not_finite(x)
        return f"f is not a number at {where}: {cause}, so there is no point or tangent to draw."
    if math.isinf(slope):
        return f"f({x:g}) = {value:g}, but autograd's slope there is {slope:g}: the tangent is vertical, so it is not drawn."
    return f"f({x:g}) = {value:g}, but autograd's slope there is nan: f has no derivative at {where}."
