"""Lesson 3's picture: a function with its tangent line, whose slope is the x.grad the learner computed.

Draws on the Axes it is given (or a new one) and returns that Axes, without calling
``plt.show()``, so the lesson decides when the figure appears. Every artist carries a
gid ("curve", "tangent", "point") so tests can find it.
"""

import matplotlib.pyplot as plt
import torch

from ..compute.calculus import tangent_line


def plot_tangent(f, x0, slope, xlim=(-4.0, 4.0), ax=None, points=200):
    """Draw f over xlim, the point (x0, f(x0)) and the tangent line there with the given slope.

    The tangent is drawn over a quarter of the x range on each side of x0,
    so it reads as touching the curve rather than as a second curve.
    """
    ax = ax if ax is not None else plt.subplots(figsize=(6, 4))[1]
    slope = float(slope)
    xs = torch.linspace(*xlim, points, dtype=torch.float64)
    y0 = float(f(torch.tensor(float(x0), dtype=torch.float64)))
    ax.plot(xs, f(xs), color="C0", label="f(x)", gid="curve")
    reach = (xlim[1] - xlim[0]) / 4
    near = torch.linspace(x0 - reach, x0 + reach, 2, dtype=torch.float64)
    ax.plot(near, tangent_line(x0, y0, slope, near), color="C3", linestyle="--",
            label=f"tangent at x = {x0:g}, slope {slope:g}", gid="tangent")
    ax.plot([x0], [y0], "o", color="C3", gid="point")
    ax.set_xlim(*xlim)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    return ax
