"""Lesson 5's pictures: the loss after each step of a training loop, and a gradient field over contours.

Each function draws on the Axes it is given (or a new one) and returns that Axes; none
of them calls ``plt.show()``, so a lesson decides when a figure appears. Every artist
carries a gid ("loss", "contours", "field", "gradient", "point") so tests can find it.
"""

import matplotlib.pyplot as plt
import torch

from ..compute.calculus import gradient_grid


def plot_loss_curve(losses, ax=None, log=False):
    """Draw the loss after each step of training; log=True uses a log scale for the y axis."""
    ax = ax if ax is not None else plt.subplots(figsize=(6, 3.5))[1]
    ax.plot(range(len(losses)), [float(loss) for loss in losses], color="C0", gid="loss")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    if log:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    return ax


def plot_gradient_field(f, point=None, gradient=None, xlim=(-4.0, 4.0), ylim=(-4.0, 4.0),
                        ax=None, arrows=13):
    """Draw contours of f(x, y), its gradient as small arrows, and one bold arrow at point.

    gradient is the (dz/dx, dz/dy) you computed at point; the arrows in the
    background come from one batched backward over a grid.
    """
    ax = ax if ax is not None else plt.subplots(figsize=(5.5, 5))[1]
    fine_x, fine_y = torch.linspace(*xlim, 120), torch.linspace(*ylim, 120)
    z, _, _ = gradient_grid(f, fine_x, fine_y)
    contours = ax.contour(fine_x, fine_y, z, levels=15, cmap="viridis", linewidths=0.8)
    contours.set_gid("contours")
    ax.clabel(contours, fontsize=7)
    coarse_x, coarse_y = torch.linspace(*xlim, arrows), torch.linspace(*ylim, arrows)
    _, dx, dy = gradient_grid(f, coarse_x, coarse_y)
    grid_y, grid_x = torch.meshgrid(coarse_y, coarse_x, indexing="ij")
    ax.quiver(grid_x, grid_y, dx, dy, color="#999999", alpha=0.6, gid="field")
    if point is not None and gradient is not None:
        ax.quiver([point[0]], [point[1]], [float(gradient[0])], [float(gradient[1])],
                  color="C3", angles="xy", scale_units="xy", scale=_arrow_scale(gradient, xlim),
                  width=0.012, gid="gradient", zorder=3)
        ax.plot([point[0]], [point[1]], "o", color="C3", gid="point", zorder=4)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_aspect("equal")
    return ax


def _arrow_scale(gradient, xlim):
    """Scale so the bold arrow is a quarter of the plot wide, whatever the gradient's size."""
    length = (float(gradient[0]) ** 2 + float(gradient[1]) ** 2) ** 0.5
    return max(length, 1e-12) / (0.25 * (xlim[1] - xlim[0]))
