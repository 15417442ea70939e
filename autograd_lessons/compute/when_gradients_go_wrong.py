"""What autograd returns at a kink, beside the slopes from the left and from the right (pure torch).

Introduced with Lesson 9's kink explorer. A kink is a point where a function has no
derivative: ``relu`` and ``abs`` at 0, ``clamp`` at its bounds, a tie in ``maximum``,
``sqrt`` at 0. ``kink_readout(name, x)`` does what the lesson does by hand, a leaf with
``requires_grad=True`` and one ``.backward()``, and puts the gradient autograd returns
next to the one-sided slopes, measured by difference quotients that never use autograd.
"""

import math
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F

from .numbers import fmt

STEP = 1e-6  # the h of the one-sided difference quotients, in float64


@dataclass(frozen=True)
class Kink:
    """A function of one variable, the points where it has a kink, and the rule PyTorch applies there."""

    name: str  # the code the learner would type, e.g. "torch.relu(x)"
    function: Callable
    kinks: tuple
    rule: str  # why autograd returns what it returns at the kink, in one sentence


KINKS = {
    kink.name: kink for kink in [
        Kink("torch.relu(x)", torch.relu, (0.0,),
             "relu is convex, so PyTorch uses the subgradient of smallest size (rule 2): 0, from [0, 1]."),
        Kink("torch.abs(x)", torch.abs, (0.0,),
             "abs is convex, so PyTorch uses the subgradient of smallest size (rule 2): 0, from [-1, 1]."),
        Kink("F.leaky_relu(x, 0.1)", lambda x: F.leaky_relu(x, 0.1), (0.0,),
             "leaky_relu is convex: the subgradient of smallest size in [0.1, 1] is 0.1 (rule 2)."),
        Kink("x.clamp(-1, 1)", lambda x: x.clamp(-1.0, 1.0), (-1.0, 1.0),
             "clamp lets the gradient through wherever min ≤ x ≤ max, the bounds included: 1, the slope "
             "from inside, not the smallest subgradient. A convention of clamp's backward."),
        Kink("F.hardtanh(x)", F.hardtanh, (-1.0, 1.0),
             "hardtanh draws the same graph as clamp(-1, 1), yet returns 0 at the bounds, the smallest "
             "sub- or supergradient (rules 2 and 3): the gradient belongs to the operation, not to the graph."),
        Kink("torch.maximum(x, one)", lambda x: torch.maximum(x, torch.ones_like(x)), (1.0,),
             "At a tie, maximum splits the gradient evenly between its two tensor inputs: (1/2, 1/2) is the "
             "subgradient of smallest size of the pair (rule 2), so x gets 0.5 and `one` the other 0.5."),
        Kink("torch.sqrt(x)", torch.sqrt, (0.0,),
             "sqrt is not defined left of 0; at 0 PyTorch takes the limit of the slope from the right, "
             "inf (rule 4, by continuity)."),
    ]
}
NAMES = tuple(KINKS)


def autograd_gradient(function, x):
    """Return (f(x), df/dx) from one ``.backward()`` on a float64 leaf, as floats."""
    leaf = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    value = function(leaf)
    value.backward()
    return value.item(), leaf.grad.item()


def one_sided_slope(function, x, side, step=STEP):
    """Return the slope of f at x from one side (side = -1: left, +1: right), without autograd.

    The difference quotient (f(x ± h) − f(x)) / ±h, for h and h / 100. When the two agree,
    the slope is their value; when the second is far steeper, the quotient grows without
    bound as h shrinks (sqrt at 0), and the slope is ±inf; nan where f is not a number.
    """
    with torch.no_grad():
        at = function(torch.tensor(float(x), dtype=torch.float64)).item()
        quotients = []
        for h in (step, step / 100):
            beside = function(torch.tensor(float(x) + side * h, dtype=torch.float64)).item()
            quotients.append((beside - at) / (side * h))
    wide, narrow = quotients
    if not (math.isfinite(wide) and math.isfinite(narrow)):
        return math.nan if math.isnan(wide) or math.isnan(narrow) else narrow
    if abs(narrow) > 5 * abs(wide) + 1.0:  # steeper and steeper: an infinite one-sided slope
        return math.copysign(math.inf, narrow)
    return round(narrow, 6) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class KinkReadout:
    """f(x), autograd's gradient and the two one-sided slopes at x; rule says why, at a kink."""

    name: str
    x: float
    value: float
    gradient: float
    left: float
    right: float
    at_kink: bool
    rule: str

    @property
    def agree(self):
        """True when the slopes from both sides and autograd's gradient are one number: f is smooth here."""
        same = [self.left, self.right, self.gradient]
        return all(math.isfinite(s) for s in same) and max(same) - min(same) < 1e-4

    def verdict(self):
        """One sentence: smooth here, or a kink and which convention autograd applied."""
        if math.isnan(self.value):
            return (f"f is not a number at x = {_short(self.x)} (outside its domain), and autograd's gradient "
                    f"is {self.gradient:g} (rule 5: any value may come back, most often nan).")
        if self.agree:
            return (f"Smooth at x = {_short(self.x)}: the slopes from the left and from the right are both "
                    f"{_short(self.gradient)}, and autograd returns the same number.")
        if self.at_kink:
            return (f"A kink at x = {_short(self.x)}: slope {_short(self.left)} from the left, "
                    f"{_short(self.right)} from the right; autograd returns {_short(self.gradient)}. {self.rule}")
        return (f"At x = {_short(self.x)} the slopes from the left ({_short(self.left)}) and the right "
                f"({_short(self.right)}) differ, and autograd returns {_short(self.gradient)}.")

    def rows(self):
        """Return (label, value) pairs: what the explorer's readout table shows."""
        return [
            ("x", _short(self.x)),
            ("f(x)", _short(self.value)),
            ("autograd  x.grad", _short(self.gradient)),
            ("slope from the left", _short(self.left)),
            ("slope from the right", _short(self.right)),
        ]

    def __str__(self):
        width = max(len(label) for label, _ in self.rows())
        return "\n".join([f"{label:<{width}}  {value}" for label, value in self.rows()] + [self.verdict()])


def kink_readout(name, x):
    """Return the KinkReadout of one of the KINKS (by name) at x."""
    kink = KINKS[name]
    x = round(float(x), 9) + 0.0  # a slider's 1e-17 off the kink is the kink
    value, gradient = autograd_gradient(kink.function, x)
    at_kink = any(abs(x - point) < 1e-9 for point in kink.kinks)
    return KinkReadout(name, x, value, gradient, one_sided_slope(kink.function, x, -1),
                       one_sided_slope(kink.function, x, +1), at_kink, kink.rule)


def gradient_curve(name, xlim, points=401):
    """Return (xs, values, gradients) over xlim: f and autograd's gradient from one batched backward.

    f acts elementwise, so the gradient of f(xs).sum() holds every df/dx at once.
    """
    xs = torch.linspace(*xlim, points, dtype=torch.float64).requires_grad_()
    values = KINKS[name].function(xs)
    values.sum().backward()
    return xs.detach(), values.detach(), xs.grad


def _short(value):
    return "undefined (nan)" if isinstance(value, float) and math.isnan(value) else fmt(value)
