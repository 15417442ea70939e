"""Benchmark case for Lesson 12's gradcheck explorer (see harness.py).

A move is one step of the ε slider, as a learner drags it from 1e-12 to 1e-1 and back: both
Jacobians are rebuilt the way gradcheck builds them (three backwards, twelve forwards), the two
tables rewritten, and the step's dots moved along the error curve. The naive twin does the same
work and draws the curve from scratch each time, the way a plain ``interact`` callback would:
a new pyplot figure with both precisions' curves (computed again), the dots and the step, saved as PNG.
"""

from harness import ExplorerCase, naive_png

FUNCTION, BUG = "cumsum(x) * exp(w)", "transposed Jacobian"


def _eps(i):
    step = i % 88  # 44 slider steps up, then back down
    return 10.0 ** (-12 + 0.25 * (step if step < 44 else 88 - step))


def move(explorer, i):
    explorer.eps.value = _eps(i)


def naive(i):
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.extending_autograd.jacobians import error_curve, step_error
    from autograd_lessons.compute.extending_autograd.readout import jacobian_readout
    from autograd_lessons.explorers.extending_autograd import EXPONENTS

    eps = _eps(i)
    jacobian_readout(FUNCTION, BUG, eps, "float64")
    fig, ax = plt.subplots(figsize=(7.2, 3.0), dpi=80, layout="constrained")
    for precision, colour in (("float64", "#1f5fa8"), ("float32", "#c0392b")):
        ax.plot([10.0 ** e for e in EXPONENTS], error_curve(FUNCTION, EXPONENTS, precision), color=colour,
                label=precision)
        ax.plot([eps], [step_error(FUNCTION, eps, precision)], "o", color=colour)
    ax.axvline(eps, color="#555555", linestyle="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-13, 1e2)
    ax.set_title(f"f(x, w) = {FUNCTION}", fontsize=9)
    ax.legend(loc="lower right", fontsize=8)
    return naive_png(fig)


def cases():
    """Return Lesson 12's gradcheck explorer with its naive twin."""
    from autograd_lessons.explorers import gradcheck_explorer

    return [ExplorerCase("lesson 12 · gradcheck (ε slider)", lambda: gradcheck_explorer(FUNCTION, BUG), move, naive)]
