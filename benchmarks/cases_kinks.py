"""Benchmark case for Lesson 9's kink explorer (see harness.py).

A move is one slider step through clamp's two kinks, as a learner drags x from -2 to 2.
The naive twin draws the same two plots from scratch each time, the way a plain
``interact`` callback would: a new pyplot figure, the curve, the gradient curve from a
batched backward, the point and the three slope lines, saved as PNG.
"""

from harness import ExplorerCase, naive_png

FUNCTION = "x.clamp(-1, 1)"


def _x(i):
    return round(-1.95 + (i % 78) * 0.05, 2)  # crosses both kinks, -1 and 1, and back


def move(explorer, i):
    explorer.x.value = _x(i)


def naive(i):
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.when_gradients_go_wrong import gradient_curve, kink_readout

    r = kink_readout(FUNCTION, _x(i))
    xs, values, gradients = gradient_curve(FUNCTION, (-2.0, 2.0))
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(5.6, 4.4), dpi=80, layout="constrained",
                                      height_ratios=[3, 2])
    top.plot(xs, values, color="C0", linewidth=2, label="f(x)")
    top.plot([r.x - 0.6, r.x], [r.value - 0.6 * r.left, r.value], color="C2", label="slope from the left")
    top.plot([r.x, r.x + 0.6], [r.value, r.value + 0.6 * r.right], color="C1", label="slope from the right")
    top.plot([r.x - 0.6, r.x + 0.6], [r.value - 0.6 * r.gradient, r.value + 0.6 * r.gradient], "--", color="C3",
             label="slope = x.grad (autograd)")
    top.plot([r.x], [r.value], "o", color="C3")
    top.set_title(f"f(x) = {FUNCTION}", fontsize=10)
    top.legend(loc="upper left", fontsize=7)
    bottom.plot(xs, gradients, color="C3")
    bottom.plot([r.x], [r.gradient], "o", color="C3")
    bottom.set_xlabel("x")
    return naive_png(fig)


def cases():
    """Return Lesson 9's kink explorer with its naive twin."""
    from autograd_lessons.explorers import kink_explorer

    return [ExplorerCase("lesson 9 · kinks", lambda: kink_explorer(FUNCTION), move, naive)]
