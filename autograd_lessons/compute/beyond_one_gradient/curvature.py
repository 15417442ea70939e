"""Second order: a two-variable function's Hessian, its curvatures, a Newton step beside a gradient step (Lesson 10).

The lesson's cells take the Hessian from ``torch.func.hessian``; here it comes from a
double backward (the gradient with ``create_graph=True``, then one backward per entry of
the gradient): the same numbers, about 7 times faster for two variables, which a slider
feels (vmap's set-up dominates torch.func at this size). Its eigenvalues are the curvatures along its
eigenvectors: the function bends up along a positive one and down along a negative
one. A gradient step walks downhill by a fixed learning rate; a Newton step jumps to
the flat point of the local quadratic model f + g·d + ½ dᵀHd, d = −H⁻¹g, which is its
bottom only when every curvature is positive. Where a curvature is 0 the Hessian is singular
(on the valley, along the curve y = x² + 0.1): H d = −g has no single answer, so there is no
Newton step, and ``newton_step`` is None.
"""

import math
from dataclasses import dataclass

import torch

from ..numbers import number


def valley(p):
    """Lesson 10's f(x, y) = (1 − x)² + 5 (y − x²)²: a curved valley with its lowest point at (1, 1)."""
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 5 * (y - x**2) ** 2


def by_hand_hessian(x, y):
    """Return the Hessian of valley at (x, y) from the formulas worked out by hand, as a 2 × 2 float64 tensor."""
    return torch.tensor([[2 - 20 * y + 60 * x**2, -20 * x], [-20 * x, 10.0]], dtype=torch.float64)


@dataclass(frozen=True)
class SecondOrder:
    """Everything the lesson reads at one point: value, gradient, Hessian, its curvatures, and both steps."""

    point: torch.Tensor
    value: float
    gradient: torch.Tensor
    hessian: torch.Tensor
    curvatures: torch.Tensor  # eigenvalues of the Hessian, smallest first
    directions: torch.Tensor  # the matching eigenvectors, as columns
    gradient_step: torch.Tensor
    newton_step: torch.Tensor  # None where the Hessian is singular: H d = −g has no single answer

    @property
    def bowl(self):
        """True when every curvature is positive: the quadratic model has a bottom and Newton jumps to it."""
        return bool((self.curvatures > 0).all())

    @property
    def singular(self):
        """True when a curvature is 0 (within float64 rounding of the largest): there is no Newton step."""
        return self.newton_step is None


def gradient_and_hessian(f, p):
    """Return (gradient, Hessian) of a scalar f at the 1-D tensor p, by double backward."""
    p = p.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(f(p), p, create_graph=True)
    if g.grad_fn is None:  # f is linear: its gradient is a constant
        return g.detach(), torch.zeros(p.numel(), p.numel(), dtype=p.dtype)
    rows = [torch.autograd.grad(g[i], p, retain_graph=True, allow_unused=True)[0] for i in range(p.numel())]
    rows = [torch.zeros_like(p) if row is None else row for row in rows]  # an entry of g that is constant
    return g.detach(), torch.stack(rows).detach()


def second_order(point, f=valley, lr=0.02):
    """Return the SecondOrder of f at point (two numbers), with a gradient step of learning rate lr.

    Where the Hessian is singular (a curvature within 1e-9 of 0, relative to the largest) the Newton step is None.
    """
    p = torch.as_tensor(point, dtype=torch.float64).reshape(2)
    g, h = gradient_and_hessian(f, p)
    curvatures, directions = torch.linalg.eigh(h)
    sizes = curvatures.abs()
    singular = bool(sizes.min() <= 1e-9 * max(1.0, float(sizes.max())))
    newton = None if singular else p - torch.linalg.solve(h, g)
    return SecondOrder(p, float(f(p)), g, h, curvatures, directions, p - lr * g, newton)


def quadratic_model(reading, xs, ys):
    """Return the local quadratic model f + g·d + ½ dᵀHd of a SecondOrder on the grid xs × ys (rows follow ys)."""
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    d = torch.stack([grid_x - reading.point[0], grid_y - reading.point[1]], dim=-1)
    h = reading.hessian
    return reading.value + d @ reading.gradient + 0.5 * torch.einsum("...i,ij,...j->...", d, h, d)


def curvature_segments(reading, length=0.5):
    """Return [(start, end, curvature)] along the Hessian's two eigenvectors through the point, each `length` long."""
    segments = []
    for k in range(2):
        half = reading.directions[:, k] * length / 2
        segments.append(((reading.point - half).tolist(), (reading.point + half).tolist(),
                         float(reading.curvatures[k])))
    return segments


def descend(start, method, steps, f=valley, lr=0.02):
    """Return the points of `steps` gradient or Newton steps from start (method "gradient" or "newton").

    Newton's walk stops early at a point where the Hessian is singular: there is no step to take from it.
    """
    points = [torch.as_tensor(start, dtype=torch.float64).reshape(2)]
    for _ in range(steps):
        reading = second_order(points[-1], f, lr)
        step = reading.newton_step if method == "newton" else reading.gradient_step
        if step is None:
            break
        points.append(step)
    return points


def curvature_curves(reading, size=0.5, points=61):
    """Return the level curves ½ dᵀHd = ±h around the point, as [(xs, ys)]: the Hessian's shape, drawn.

    Both curvatures positive (or both negative): one ellipse, its axes along the eigenvectors, as long
    as `size` along the flatter one, shorter along the steeper one by √(flatter / steeper). One of each
    sign: the four branches of two hyperbolas, a saddle, cut at 2 · `size` from the point. A curvature
    of 0 gives nothing to draw.
    """
    (l1, l2), (e1, e2) = reading.curvatures.tolist(), reading.directions.T
    flatter = min(abs(l1), abs(l2))
    if flatter < 1e-9:
        return []
    h = flatter * size**2 / 2
    t = torch.linspace(0, 1, points, dtype=torch.float64)
    if l1 * l2 > 0:
        angle = 2 * torch.pi * t
        pieces = [((2 * h / abs(l1)) ** 0.5 * angle.cos(), (2 * h / abs(l2)) ** 0.5 * angle.sin())]
    else:  # l1 < 0 < l2 (eigh sorts them)
        s = size * (2 * t - 1)
        along = ((2 * h - l1 * s**2) / l2).sqrt()   # ½(l1 a² + l2 b²) = +h, for a = s
        across = ((2 * h + l2 * s**2) / -l1).sqrt()  # ½(l1 a² + l2 b²) = −h, for b = s
        pieces = [(s, along), (s, -along), (across, s), (-across, s)]
    curves = []
    for a, b in pieces:
        near = a**2 + b**2 <= (2 * size) ** 2  # a flat direction sends a hyperbola far away: keep it near the point
        a, b = a[near], b[near]
        xy = reading.point + a[:, None] * e1 + b[:, None] * e2
        curves.append((xy[:, 0].tolist(), xy[:, 1].tolist()))
    return curves


def curvature_remark(reading):
    """Return (sentence, kind) on the shape at the point and what the Newton step did."""
    low, high = reading.curvatures.tolist()
    if reading.singular:
        other = high if abs(low) <= abs(high) else low
        walked = valley(reading.gradient_step).item()
        return (f"The Hessian is singular here: one curvature is 0 (the other is {number(other, 3)}), so the model "
                "does not bend along one direction, a straight trough with no single flat point. Newton's step "
                "solves H d = −g, "
                "which has no single answer: there is no Newton step from here. The gradient step still goes "
                f"{'downhill' if walked < reading.value else 'uphill'}: f from {number(reading.value, 4)} to "
                f"{number(walked, 4)}.", "warning")
    after = valley(reading.newton_step).item()
    if not reading.bowl:
        verdict = "uphill" if after > reading.value else "downhill, by luck"
        return (f"A saddle: curvature {number(low, 3)} bends down, {number(high, 3)} up (the dashed hyperbolas). "
                f"The model has no bottom, and Newton jumps to its flat point: {verdict}.", "warning")
    ratio = high / low
    return (f"A bowl: both curvatures are positive (the dashed ellipse), {number(ratio, 3)}× steeper one way "
            f"than the other. Newton jumps to the model's bottom; f goes from {number(reading.value, 4)} to "
            f"{number(after, 4)}.", "ok" if after < reading.value or math.isclose(after, reading.value) else "info")
