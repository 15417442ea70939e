"""How long draw_graph takes on graphs of 20, 50, 200 and 800 nodes (see run.py's "graph drawing" table).

Each graph is what an unrolled loop gives: ``h = sin(h * 1.1)`` repeated, so 2 nodes a
step. Up to 200 nodes it is one chain; the 800-node graph is 4 chains of 100 steps
added together (4 rows: one chain of 400 steps would be wider than Agg can draw).
Three numbers per graph, medians of a few runs: the layout alone (``layered_layout``),
layout plus drawing (``draw_graph`` on a new figure, then ``canvas.draw()``: every
pixel rendered), and the PNG encoding of the rendered canvas, counted apart.
"""

import statistics
import time

from harness import milliseconds

SIZES = (20, 50, 200, 800)
TARGET = (200, 150.0)  # layout plus drawing of a 200-node graph, in ms


def graph_of(nodes):
    """Return a Graph of about `nodes` nodes: chains of sin(h * 1.1), one per 200 nodes, summed."""
    import torch

    from autograd_lessons.compute.graph import build_graph

    chains = max(1, nodes // 200)
    steps = nodes // (2 * chains)
    x = torch.tensor(0.3, requires_grad=True)
    total = None
    for c in range(chains):
        h = x
        for _ in range(steps):
            h = (h * (1.1 + c)).sin()
        total = h if total is None else total + h
    return build_graph(total, names={})


def draw_rows(repeats=5):
    """Return one row per size: nodes, layout ms, layout+drawing ms (wall and CPU), PNG encoding ms, figure size."""
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.layout import layered_layout
    from autograd_lessons.drawing.graph_drawing import draw_graph
    from autograd_lessons.drawing.live_figure import png_bytes

    rows = []
    for size in SIZES:
        graph = graph_of(size)
        figures = []

        def draw(i):
            ax = draw_graph(graph)
            ax.figure.canvas.draw()
            figures.append(ax.figure)

        draw(0)  # warm-up: igraph's import, font caches
        layout = statistics.median(milliseconds(lambda i: layered_layout(graph), repeats))
        cpu = []
        drawing = statistics.median(milliseconds(lambda i: cpu.append(_cpu_ms(draw, i)), repeats))
        encoding = statistics.median(milliseconds(lambda i: png_bytes(figures[i].canvas), repeats))
        width, height = figures[-1].get_size_inches()
        rows.append({"nodes": len(graph.nodes), "layout_ms": layout, "draw_ms": drawing,
                     "draw_cpu_ms": statistics.median(cpu), "png_ms": encoding,
                     "inches": (round(float(width), 1), round(float(height), 1))})
        for figure in figures:
            plt.close(figure)
    return rows


def _cpu_ms(action, i):
    """Run action(i); return the CPU time this process spent on it, in ms (on a shared machine, less than the wall time)."""
    start = time.process_time()
    action(i)
    return (time.process_time() - start) * 1000


def cases():
    """No explorer here: run.py times these graphs with draw_rows()."""
    return []
