"""Benchmark cases for Lesson 4's accumulation lab and Lesson 5's gradient and descent explorers.

Each naive twin draws the same picture from scratch with pyplot, the way a plain
``interact`` callback would: new figure, contours recomputed, saved as PNG.
"""

from harness import ExplorerCase, naive_png

from autograd_lessons.compute.accessing_and_resetting_gradients import FUNCTIONS, AccumulationLab, show
from autograd_lessons.compute.backprop_in_action import GradientDescent, best_fit, gradient_readout, mse, saddle, surface

PRESSES = ["backward()", "backward()", "backward() again", "grad.zero_()", "backward()", "grad = None",
           "grad.zero_()"]
METHODS = {"backward()": "backward", "backward() again": "backward_again", "grad.zero_()": "zero_",
           "grad = None": "set_none"}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _function(i):
    """The dropdown's function for the i-th press: the next one every len(PRESSES) presses."""
    return list(FUNCTIONS)[i // len(PRESSES) % len(FUNCTIONS)]


def accumulation_case():
    """Lesson 4: one button press per move, cycling through every button (failures included) and function."""
    from autograd_lessons.explorers import accumulation_explorer
    from autograd_lessons.explorers.accessing_and_resetting_gradients import WINDOW, y_limits

    lab = AccumulationLab()

    def naive(i):
        plt = _plt()
        lab.function = _function(i)
        getattr(lab, METHODS[PRESSES[i % len(PRESSES)]])()
        steps = lab.history[-WINDOW:]
        grads = [s.grad for s in steps]
        fig, ax = plt.subplots(figsize=(5.4, 3.3))
        ax.axhline(0, color="#999999", linewidth=0.8)
        line, = ax.plot(range(len(steps)), [float("nan") if g is None else g for g in grads], "-o", color="C0")
        nones = [i for i, g in enumerate(grads) if g is None]
        empty, = ax.plot(nones, [0.0] * len(nones), "o", color="#777777", markerfacecolor="white")
        failed = [i for i, s in enumerate(steps) if s.failed]
        cross, = ax.plot(failed, [grads[i] or 0.0 for i in failed], "x", color="C3", markersize=10,
                         markeredgewidth=2)
        for slot, step in enumerate(steps):
            ax.annotate(show(step.grad), (slot, step.grad or 0.0), xytext=(0, 7), textcoords="offset points",
                        ha="center", fontsize=8)
        ax.set_xlim(-0.5, WINDOW - 0.5)
        ax.set_xticks(range(len(steps)), [s.action for s in steps], rotation=25, ha="right", fontsize=8)
        ax.set_ylim(*y_limits(grads))
        ax.set_ylabel("x.grad")
        ax.grid(alpha=0.3)
        fig.legend([line, empty, cross], ["x.grad after the action", "x.grad is None", "call failed: x.grad unchanged"],
                   loc="upper center", ncol=3, fontsize=8, frameon=False)
        return naive_png(fig)

    def move(explorer, i):
        explorer.function.value = _function(i)
        explorer.buttons[PRESSES[i % len(PRESSES)]].click()

    return ExplorerCase("lesson 4 · accumulation lab", accumulation_explorer, move, naive)


def _sweep(i):
    """A point that sweeps the sliders' square [-3, 3]² back and forth, on the 0.1 grid."""
    x = round(-3 + (i * 0.3) % 6, 1)
    return x, round(3 - (i * 0.7) % 6, 1)


def gradient_case():
    """Lesson 5a: one slider move per move, x and y in turn over the whole range."""
    from matplotlib.patches import FancyArrowPatch

    from autograd_lessons.explorers import gradient_explorer
    from autograd_lessons.explorers.backprop_in_action.gradient import LEVELS, LIMITS, arrow_end

    def move(explorer, i):
        x, y = _sweep(i)
        if i % 2:
            explorer.y.value = y
        else:
            explorer.x.value = x

    def naive(i):
        plt = _plt()
        readout = gradient_readout(*_sweep(i))
        fig, ax = plt.subplots(figsize=(4.8, 4.5), layout="constrained")
        xs, ys, z = surface(saddle, LIMITS, LIMITS)
        ax.contourf(xs, ys, z, levels=[-4] + LEVELS + [32], cmap="viridis", alpha=0.25)
        ax.clabel(ax.contour(xs, ys, z, levels=LEVELS, cmap="viridis", linewidths=0.8), fontsize=7)
        ax.add_patch(FancyArrowPatch((readout.x, readout.y), arrow_end(readout), arrowstyle="-|>",
                                     mutation_scale=16, color="C3", linewidth=2))
        ax.plot([readout.x], [readout.y], "o", color="C3", markersize=4)
        ax.plot([], [], color="C3", linewidth=2, label="gradient (x.grad, y.grad): longer = steeper")
        ax.set(xlim=LIMITS, ylim=LIMITS, xlabel="x", ylabel="y", aspect="equal")
        ax.set_title("contours of z = x·y + y²", fontsize=10)
        ax.legend(loc="lower left", fontsize=8)
        return naive_png(fig)

    return ExplorerCase("lesson 5 · gradient arrow", gradient_explorer, move, naive)


def descent_case():
    """Lesson 5b: one press of step per move (lr = 0.1), and reset every 20th move."""
    from autograd_lessons.explorers import descent_explorer
    from autograd_lessons.explorers.backprop_in_action.descent import B_LIMITS, W_LIMITS

    descent = GradientDescent(lr=0.1)

    def move(explorer, i):
        (explorer.reset if i % 20 == 19 else explorer.step).click()

    def naive(i):
        plt = _plt()
        descent.reset() if i % 20 == 19 else descent.step()
        xs, ys = descent.xs, descent.ys
        fig, (loss_ax, data_ax) = plt.subplots(1, 2, figsize=(9.0, 3.9), width_ratios=[1.15, 1],
                                               layout="constrained")
        ws, bs, loss = surface(lambda w, b: mse(w, b, xs, ys), W_LIMITS, B_LIMITS, points=100)
        levels = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16]
        loss_ax.contourf(ws, bs, loss, levels=[0] + levels + [32], cmap="viridis_r", alpha=0.25)
        loss_ax.clabel(loss_ax.contour(ws, bs, loss, levels=levels, cmap="viridis_r", linewidths=0.8),
                       fontsize=7, fmt="%g")
        loss_ax.plot(*best_fit(xs, ys), "*", color="black", markersize=11, label="bottom of the bowl")
        path_w, path_b = zip(*descent.path)
        loss_ax.plot(path_w, path_b, "-o", color="C3", markersize=3, linewidth=1.2, label="path of (w, b)")
        loss_ax.plot([path_w[-1]], [path_b[-1]], "o", color="C3", markersize=8)
        loss_ax.set(xlim=W_LIMITS, ylim=B_LIMITS, xlabel="w (slope)", ylabel="b (intercept)")
        loss_ax.set_title("contours of the loss L(w, b)", fontsize=10)
        loss_ax.legend(loc="upper left", fontsize=8)
        data_ax.scatter(xs, ys, s=14, color="C0", label="data")
        data_ax.plot([-2.2, 2.2], [path_w[-1] * -2.2 + path_b[-1], path_w[-1] * 2.2 + path_b[-1]], color="C3",
                     label="line w·x + b")
        data_ax.set(xlim=(-2.2, 2.2), ylim=(-5, 7), xlabel="x", ylabel="y")
        data_ax.set_title("the line the current (w, b) draws", fontsize=10)
        data_ax.legend(loc="upper left", fontsize=8)
        data_ax.grid(alpha=0.3)
        return naive_png(fig)

    return ExplorerCase("lesson 5 · descent stepper", lambda: descent_explorer(lr=0.1), move, naive)


def cases():
    """The three explorers of Lessons 4 and 5, each next to its naive twin."""
    return [accumulation_case(), gradient_case(), descent_case()]
