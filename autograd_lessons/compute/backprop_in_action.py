"""Lesson 5's two explorers, the maths only: the gradient of z = x·y + y² and gradient descent on a line fit.

Introduced with Lesson 5's explorers. ``gradient_readout(x, y)`` runs the
lesson's cell (two leaves, ``z = x * y + y**2``, one ``z.backward()``) and puts
the hand formulas next to it. ``GradientDescent`` runs the lesson's training
loop one step at a time on the mean squared error of a line fitted to the
lesson's 20 noisy points, and stops, with a sentence saying why, when the loss
stops being a finite number.
"""

import math
from dataclasses import dataclass

import torch

BLOW_UP = 1e6  # a loss this many times the starting loss counts as diverged (it would only keep growing)


def saddle(x, y):
    """The lesson's z = x·y + y² (a saddle: no lowest point)."""
    return x * y + y**2


@dataclass(frozen=True)
class GradientReadout:
    """z at (x, y), autograd's x.grad and y.grad from one backward, and the hand formulas y and x + 2y."""

    x: float
    y: float
    z: float
    dz_dx: float
    dz_dy: float
    by_hand_dx: float
    by_hand_dy: float

    def __str__(self):
        return (f"z = {self.z:g} at (x, y) = ({self.x:g}, {self.y:g})\n"
                f"x.grad = {self.dz_dx:g}, by hand y = {self.by_hand_dx:g}\n"
                f"y.grad = {self.dz_dy:g}, by hand x + 2y = {self.by_hand_dy:g}")

    @property
    def length(self):
        """The length of the gradient: how fast z rises per unit step straight uphill."""
        return math.hypot(self.dz_dx, self.dz_dy)


def gradient_readout(x, y):
    """Return the GradientReadout of z = x·y + y² at (x, y), from one z.backward()."""
    x_leaf = torch.tensor(float(x), requires_grad=True)
    y_leaf = torch.tensor(float(y), requires_grad=True)
    z = saddle(x_leaf, y_leaf)
    z.backward()
    return GradientReadout(float(x), float(y), z.item(), x_leaf.grad.item(), y_leaf.grad.item(),
                           by_hand_dx=float(y), by_hand_dy=float(x) + 2 * float(y))


def surface(f, xlim, ylim, points=120):
    """Return (xs, ys, f on the grid xs × ys) for a contour plot: rows follow ys, columns follow xs."""
    xs = torch.linspace(*xlim, points, dtype=torch.float64)
    ys = torch.linspace(*ylim, points, dtype=torch.float64)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    with torch.no_grad():
        return xs, ys, f(grid_x, grid_y)


def line_data(points=20, noise=0.3, seed=0):
    """Return Lesson 5's data: points on y = 2x + 1 over [-2, 2] plus noise, as the notebook draws them.

    The notebook seeds the global generator with 0 and draws nothing else before
    this noise, so a private generator seeded with 0 gives the same numbers
    without touching the learner's random state.
    """
    xs = torch.linspace(-2, 2, points)
    return xs, 2 * xs + 1 + noise * torch.randn(points, generator=torch.Generator().manual_seed(seed))


def mse(w, b, xs, ys):
    """The mean squared error of the line w·x + b on the points (xs, ys); w and b may be grids."""
    w, b = torch.as_tensor(w), torch.as_tensor(b)
    return ((w[..., None] * xs + b[..., None] - ys) ** 2).mean(-1)


def best_fit(xs, ys):
    """Return the (w, b) at the bottom of the mean-squared-error bowl, by least squares (no descent)."""
    design = torch.stack([xs, torch.ones_like(xs)], dim=1)
    w, b = torch.linalg.lstsq(design, ys[:, None]).solution.flatten().tolist()
    return w, b


@dataclass(frozen=True)
class DescentStep:
    """Where the descent stands: step count, (w, b), the loss there, the grads just used, and what happened."""

    step: int
    w: float
    b: float
    loss: float
    w_grad: float = None
    b_grad: float = None
    message: str = ""
    kind: str = "info"  # info, ok, warning or error (diverged)

    def __str__(self):
        return f"step {self.step}: w = {self.w:.4g}, b = {self.b:.4g}, loss {self.loss:.4g}"


class GradientDescent:
    """The lesson's training loop on the line fit, one step per call of step(); path keeps every (w, b)."""

    def __init__(self, xs=None, ys=None, start=(0.0, 0.0), lr=0.05):
        self.xs, self.ys = (xs, ys) if xs is not None else line_data()
        self.start, self.lr = start, lr
        self.reset()

    def reset(self):
        """Go back to the start: fresh leaves w and b with requires_grad=True, an empty path."""
        self.w = torch.tensor(float(self.start[0]), requires_grad=True)
        self.b = torch.tensor(float(self.start[1]), requires_grad=True)
        self.steps, self.diverged = 0, False
        self.path, self.losses = [(self.w.item(), self.b.item())], [self._loss_now()]
        w, b = self.path[0]
        start = f"Start: w = {w:g}, b = {b:g}, loss {self.losses[0]:.4g}."
        return DescentStep(0, w, b, self.losses[0], message=start)

    def step(self):
        """One step of the lesson's loop: forward, loss.backward(), update under torch.no_grad(), zero the grads."""
        if self.diverged:
            return self._state(self.diverged_message(), "error")
        loss = ((self.w * self.xs + self.b - self.ys) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            self.w -= self.lr * self.w.grad
            self.b -= self.lr * self.b.grad
        grads = self.w.grad.item(), self.b.grad.item()
        self.w.grad.zero_()
        self.b.grad.zero_()
        self.steps += 1
        now = self._loss_now()
        finite = math.isfinite(now) and math.isfinite(self.w.item()) and math.isfinite(self.b.item())
        if finite:
            self.path.append((self.w.item(), self.b.item()))
            self.losses.append(now)
        if not finite or now > BLOW_UP * self.losses[0]:
            self.diverged = True
            return self._state(self.diverged_message(), "error", grads)
        before = self.losses[-2]
        if now > before:
            return self._state(f"The loss went up, from {before:.4g} to {now:.4g}: with lr = {self.lr:g} the step "
                               "jumps past the bottom of the bowl and lands higher on the other side.",
                               "warning", grads)
        return self._state(f"The loss went down, from {before:.4g} to {now:.4g}.", "ok", grads)

    def next_step(self):
        """Return (Δw, Δb) = −lr · gradient at the current (w, b): where step() would go, without stepping.

        Uses torch.autograd.grad, which returns the gradient instead of adding it to .grad.
        """
        loss = ((self.w * self.xs + self.b - self.ys) ** 2).mean()
        w_grad, b_grad = torch.autograd.grad(loss, [self.w, self.b])
        return -self.lr * w_grad.item(), -self.lr * b_grad.item()

    def diverged_message(self):
        """The sentence shown once the loss has blown up (or stopped being a finite number)."""
        now = self.losses[-1] if len(self.losses) == self.steps + 1 else math.inf
        if not math.isfinite(now):
            return (f"Diverged: with lr = {self.lr:g} the loss overflowed (it is no longer a finite number) "
                    f"after {self.steps} steps. Lower lr and press reset.")
        return (f"Diverged: with lr = {self.lr:g} the loss grew from {self.losses[0]:.4g} to {now:.3g} "
                f"in {self.steps} steps, each step overshooting more. Lower lr and press reset.")

    def _loss_now(self):
        with torch.no_grad():
            return ((self.w * self.xs + self.b - self.ys) ** 2).mean().item()

    def _state(self, message, kind, grads=(None, None)):
        return DescentStep(self.steps, *self.path[-1], self.losses[-1], *grads, message=message, kind=kind)
