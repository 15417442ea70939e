"""How long draw_graph takes on graphs of 20, 50, 200 and 800 nodes, an MLP and an RNN, and how big it draws them.

Each chain is what an unrolled loop gives: ``h = sin(h * 1.1)`` repeated, so 2 nodes a
step. Up to 200 nodes it is one chain; the 800-node graph is 4 chains of 100 steps
added together (4 rows). Then a 4-layer MLP's loss and an 8-step RNN (shared weights:
lanes carried from band to band), as tests/drawing/test_graph_drawing_readable.py builds them.
Per graph: the figure's size in inches (a graph wider than a page is cut into bands that go
down it), and three numbers, medians of a few runs: the layout alone (``layered_layout``,
then ``graph_page.page_layout``, which cuts it into bands), layout plus drawing
(``draw_graph`` on a new figure, then ``canvas.draw()``: every pixel rendered), and the PNG
encoding of the rendered canvas, counted apart.
"""

import statistics
import time

from harness import milliseconds

SIZES = (20, 50, 200, 800)
TARGET = (200, 150.0)  # layout plus drawing of a 200-node chain, in ms


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


def network_graphs():
    """Return {name: Graph} for a 4-layer MLP's loss and an 8-step RNN's (the readability tests' networks)."""
    import torch
    from torch import nn

    from autograd_lessons.compute.graph import build_graph

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(),
                          nn.Linear(8, 1))
    loss = model(torch.randn(4, 2)).pow(2).mean()
    w, u = torch.randn(3, 3, requires_grad=True), torch.randn(3, 3, requires_grad=True)
    b, xs, h = torch.zeros(3, requires_grad=True), torch.randn(8, 3), torch.zeros(3)
    for t in range(8):
        h = torch.tanh(w @ xs[t] + u @ h + b)
    return {"4-layer MLP": build_graph(loss, names={}), "8-step RNN": build_graph(h.sum(), names={})}


def draw_rows(repeats=5):
    """Return one row per graph: name, nodes, layout ms, layout+drawing ms (wall and CPU), PNG ms, figure size."""
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.layout import layered_layout
    from autograd_lessons.drawing.graph_drawing import draw_graph
    from autograd_lessons.drawing.graph_page import page_layout
    from autograd_lessons.drawing.live_figure import png_bytes

    rows = []
    graphs = [("chain", graph_of(size)) for size in SIZES] + list(network_graphs().items())
    for name, graph in graphs:
        figures = []

        def draw(i):
            ax = draw_graph(graph)
            ax.figure.canvas.draw()
            figures.append(ax.figure)

        draw(0)  # warm-up: igraph's import, font caches
        layout = statistics.median(milliseconds(lambda i: page_layout(graph, layered_layout(graph)), repeats))
        cpu = []
        drawing = statistics.median(milliseconds(lambda i: cpu.append(_cpu_ms(draw, i)), repeats))
        encoding = statistics.median(milliseconds(lambda i: png_bytes(figures[i].canvas), repeats))
        width, height = figures[-1].get_size_inches()
        rows.append({"name": name, "nodes": len(graph.nodes), "layout_ms": layout, "draw_ms": drawing,
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
