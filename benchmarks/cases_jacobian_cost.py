"""Benchmark cases for Lesson 10's explorers, the cost explorer and the curvature explorer (see harness.py).

A move is one step of the inputs slider through its sizes, 1 … 1024 and round again. Two rows:
- "live timing": the explorer as the learner has it, timing jacfwd and jacrev at every move. That
  timing is what the explorer is for, so this row is reported without a target (run.py's REPORTED);
- "drawing only": the same explorer with a clock that answers at once, so the row measures what the
  explorer adds to the timing: counts, bars, texts and the frame. That part has the ≤ 30 ms target.
The naive twin draws the same three panels from scratch each time, as a plain ``interact`` callback
would, and times the same Jacobians (or not) like its explorer.

The curvature explorer's move is a step of its x slider; its naive twin redraws the valley's contours,
the model, the curvature bars and both steps with ``plot_second_order``, as a new figure each time.
"""

from harness import ExplorerCase, naive_png

LIVE = "lesson 10 · jacobian cost (live timing)"
DRAWING = "lesson 10 · jacobian cost (drawing only)"


def size_of(i):
    from autograd_lessons.explorers.beyond_one_gradient.jacobian_cost import SIZES

    return SIZES[i % len(SIZES)]


def move(explorer, i):
    explorer.inputs.value = size_of(i)


def instant(inputs, outputs):
    from autograd_lessons.compute.beyond_one_gradient.jacobian_cost import Timing

    return Timing(inputs, outputs, float(inputs), float(outputs))


def naive_case(timer):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.beyond_one_gradient.jacobian_cost import pass_counts

    def naive(i):
        n, m = size_of(i), 4
        counts, timing = pass_counts(n, m), timer(n, m)
        fig, (passes, times, sweep) = plt.subplots(1, 3, figsize=(7.6, 3.3), dpi=90)
        passes.barh([1, 0], [counts.forward, counts.reverse], color=["C0", "C3"])
        times.barh([1, 0], [timing.jacfwd_ms, timing.jacrev_ms], color=["C0", "C3"])
        for ax in (passes, times):
            ax.set_xscale("log")
        sweep.set(xscale="log", yscale="log", xlim=(0.8, 1280), ylim=(0.1, 300))
        sweep.axvline(n, color="#bbb", linewidth=3)
        return naive_png(fig)

    return naive


def x_of(i):
    return -1.4 + 0.1 * (i % 20)


def move_point(explorer, i):
    explorer.x.value = x_of(i)


def naive_curvature(i):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.beyond_one_gradient.curvature import second_order
    from autograd_lessons.drawing.beyond_one_gradient import plot_second_order

    fig, ax = plt.subplots(figsize=(4.6, 4.6), dpi=90)
    plot_second_order(second_order((x_of(i), 0.5)), ax=ax)
    return naive_png(fig)


def cases():
    """Return the cost explorer with its live clock and with an instant one, and the curvature explorer."""
    from autograd_lessons.compute.beyond_one_gradient.jacobian_cost import time_jacobians
    from autograd_lessons.explorers import curvature_explorer
    from autograd_lessons.explorers.beyond_one_gradient.jacobian_cost import JacobianCostExplorer

    return [ExplorerCase(LIVE, lambda: JacobianCostExplorer(1, 4), move, naive_case(time_jacobians)),
            ExplorerCase(DRAWING, lambda: JacobianCostExplorer(1, 4, timer=instant), move, naive_case(instant)),
            ExplorerCase("lesson 10 · curvature", curvature_explorer, move_point, naive_curvature)]
