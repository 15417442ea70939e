"""Pictures of second order (Lesson 10): the Hessian's curvatures on a function's contours, Newton beside gradient.

What is drawn comes from ``compute.second_order``; every artist carries a gid
("contours", "model", "curvature-0", "gradient-step", "newton-step", ...) so that
tests can read the data it holds.
"""

import matplotlib.pyplot as plt
import torch

from ..compute.backprop_in_action import surface
from ..compute.beyond_one_gradient.curvature import curvature_segments, quadratic_model, valley

LEVELS = [0.1, 0.5, 1, 2, 3, 5, 8, 12, 20, 30]
STEP_COLOURS = {"gradient": "C0", "newton": "C3"}
BENDS = {True: "#1e7b34", False: "#b45f06"}  # a curvature > 0 (bends up) and one < 0 (bends down)


def _valley_xy(x, y):
    return valley(torch.stack([x, y]))


def plot_contours(ax, xlim=(-2.0, 2.0), ylim=(-1.0, 3.0)):
    """Draw the contours of Lesson 10's valley on ax and return the contour set."""
    xs, ys, z = surface(_valley_xy, xlim, ylim, points=100)
    contours = ax.contour(xs, ys, z, levels=LEVELS, cmap="viridis", linewidths=0.8)
    contours.set_gid("contours")
    ax.clabel(contours, fontsize=7)
    ax.plot([1], [1], "*", color="k", markersize=9, gid="minimum")
    ax.set(xlim=xlim, ylim=ylim, xlabel="x", ylabel="y", aspect="equal")
    return contours


def plot_second_order(reading, ax=None, xlim=(-2.0, 2.0), ylim=(-1.0, 3.0), window=0.6):
    """Draw the valley's contours, and at reading's point the quadratic model, the curvatures and both steps.

    The model f + g·d + ½ dᵀHd is drawn dashed, in a square `window` wide each side of the point;
    the two curvature segments lie along the Hessian's eigenvectors (green: bends up, orange: down).
    Where the Hessian is singular there is no Newton step, and no Newton arrow.
    """
    ax = ax if ax is not None else plt.subplots(figsize=(5.5, 5.5))[1]
    plot_contours(ax, xlim, ylim)
    px, py = reading.point.tolist()
    xs = torch.linspace(px - window, px + window, 60, dtype=torch.float64)
    ys = torch.linspace(py - window, py + window, 60, dtype=torch.float64)
    model = ax.contour(xs, ys, quadratic_model(reading, xs, ys), levels=LEVELS, cmap="viridis",
                       linestyles="--", linewidths=1.2, alpha=0.9)
    model.set_gid("model")
    for k, (start, end, curvature) in enumerate(curvature_segments(reading)):
        ax.plot([start[0], end[0]], [start[1], end[1]], color=BENDS[curvature > 0], linewidth=3,
                solid_capstyle="round", gid=f"curvature-{k}", label=f"curvature {curvature:.3g}")
    for method, target in (("gradient", reading.gradient_step), ("newton", reading.newton_step)):
        if target is None:  # a singular Hessian: there is no Newton step to draw
            continue
        tx, ty = target.tolist()
        ax.annotate("", xy=(tx, ty), xytext=(px, py), gid=f"{method}-step",
                    arrowprops={"arrowstyle": "-|>", "color": STEP_COLOURS[method], "linewidth": 2})
        ax.plot([tx], [ty], "o", color=STEP_COLOURS[method], markersize=5, gid=f"{method}-end",
                label=f"{method} step")
    ax.plot([px], [py], "o", color="k", markersize=5, gid="point")
    ax.legend(loc="lower right", fontsize=7, framealpha=0.9)
    return ax


def plot_paths(paths, ax=None, xlim=(-2.0, 2.0), ylim=(-1.0, 3.0)):
    """Draw descent paths on the valley's contours: paths maps a method ("gradient", "newton") to its points."""
    ax = ax if ax is not None else plt.subplots(figsize=(5.5, 5.5))[1]
    plot_contours(ax, xlim, ylim)
    for method, points in paths.items():
        xy = torch.stack(points).tolist()
        ax.plot([p[0] for p in xy], [p[1] for p in xy], "o-", color=STEP_COLOURS[method], markersize=3,
                linewidth=1.2, gid=f"{method}-path", label=f"{method}: {len(points) - 1} steps")
    ax.legend(loc="lower right", fontsize=7, framealpha=0.9)
    return ax
