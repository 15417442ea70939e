"""Benchmark case: Lesson 3's tangent explorer against an interact-style full redraw."""

from harness import ExplorerCase, naive_png


def _x(i):
    return -3.5 + (i % 60) * 0.12  # sweeps the window, like a learner dragging the slider


def _naive(i):
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.expressions import parse_expression
    from autograd_lessons.compute.backward import curve_points, tangent_readout, y_limits

    f = parse_expression("x**2 + 2*x + 1")
    readout = tangent_readout(f, _x(i))
    xs, ys = curve_points(f, (-4.0, 4.0))
    fig, ax = plt.subplots(figsize=(5.6, 3.6), layout="constrained")
    ax.plot(xs, ys, color="C0", label="f(x)")
    near = [readout.x - 1.6, readout.x + 1.6]
    ax.plot(near, [readout.value + readout.slope * (x - readout.x) for x in near], "--", color="C3",
            label="tangent, slope = x.grad")
    ax.plot([readout.x], [readout.value], "o", color="C3")
    ax.set_xlim(-4, 4)
    ax.set_ylim(*y_limits(ys))
    ax.set_title("f(x) = x**2 + 2*x + 1", fontsize=10)
    ax.set_xlabel("x")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    return naive_png(fig)


def cases():
    from autograd_lessons.explorers import tangent_explorer

    def move(explorer, i):
        explorer.x.value = _x(i)

    return [ExplorerCase("lesson 3 · tangent", tangent_explorer, move, _naive)]
