"""Pictures of a training run (Lesson 11): the decision boundary over the data, the loss curve, gradient norms.

Each function draws on an axes it is given and returns the artists it made, so a
notebook cell can draw once and an explorer can keep the artists and only change
their data (``image.set_data``, ``line.set_data``, ``bar.set_height``) frame after frame.
"""

import torch
from matplotlib.colors import LinearSegmentedColormap

CLASS_COLOURS = ("#1f5fa8", "#c0392b")  # class 0, class 1
BOUNDARY_MAP = LinearSegmentedColormap.from_list("two_classes", ["#9fc5e8", "#ffffff", "#ea9999"])


def plot_decision_boundary(ax, probabilities, extent, X, y):
    """Draw P(class 1) on the grid as an image (white where it is 0.5) and the points on top; return both artists."""
    if isinstance(probabilities, torch.Tensor):
        probabilities = probabilities.detach().numpy()
    image = ax.imshow(probabilities, origin="lower", extent=extent, cmap=BOUNDARY_MAP, vmin=0.0, vmax=1.0,
                      aspect="auto", interpolation="nearest")
    colours = [CLASS_COLOURS[int(label)] for label in y.tolist()]
    points = ax.scatter(X[:, 0].tolist(), X[:, 1].tolist(), c=colours, s=14, edgecolors="white", linewidths=0.5)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xticks([])
    ax.set_yticks([])
    return image, points


def plot_loss_history(ax, losses, max_steps=None, low=1e-3, high=3.0):
    """Draw the loss against the step on a log scale with fixed limits (so frames never rescale); return the line."""
    line, = ax.plot(range(1, len(losses) + 1), list(losses), color="#333333", linewidth=1.4)
    ax.set_yscale("log")
    ax.set_xlim(0, max_steps or max(len(losses), 1))
    ax.set_ylim(low, high)
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.grid(True, which="major", alpha=0.3)
    return line


def plot_grad_norms(ax, norms, slots=None, low=1e-10, high=10.0):
    """Draw one bar per layer, the norm of its weight's gradient on a log scale, input layer first; return the bars.

    norms is a list of (layer name, norm). With slots > len(norms) the extra bars are made
    but hidden, so an explorer can show a deeper net later without making new bars.
    """
    slots = max(slots or len(norms), len(norms))
    bars = ax.bar(range(slots), [high] * slots, bottom=low, color="#4a86c5", width=0.7)
    set_grad_norms(bars, norms, low)
    ax.set_yscale("log")
    ax.set_ylim(low, high)
    ax.set_xlim(-0.6, slots - 0.4)
    ax.set_xlabel("layer (input → output)")
    ax.set_ylabel("‖gradient of its weight‖")
    ax.grid(True, axis="y", which="major", alpha=0.3)
    return bars


def set_grad_norms(bars, norms, low=1e-10):
    """Set the bars' heights to the norms (a bar per layer, the rest hidden); red where a norm is below 1e-4."""
    for index, bar in enumerate(bars):
        if index < len(norms):
            norm = max(norms[index][1], low)
            bar.set_height(norm - low)
            bar.set_facecolor("#c0392b" if norm < 1e-4 else "#4a86c5")
            bar.set_visible(True)
        else:
            bar.set_visible(False)
