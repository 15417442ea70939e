"""Benchmark case for Lesson 8's backward replay (see harness.py).

A move is one step of the replay (the slider goes 0, 1, ..., 5 and back to 0, as "next
step" does). The naive twin draws the same picture from scratch each time, the way a
plain ``interact`` callback would: a new pyplot figure, draw_graph with the step's
labels written in, saved as PNG.
"""

from dataclasses import replace

from harness import ExplorerCase, naive_png

EXAMPLE = "z = x * y + y**2"


def step_of(i, steps=5):
    return i % (steps + 1)


def move(explorer, i):
    explorer.step.value = step_of(i, explorer.step.max)


def naive_case():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.inside_pytorch_backward import example_trace
    from autograd_lessons.drawing.graph_drawing import draw_graph
    from autograd_lessons.compute.graph import Graph
    from autograd_lessons.drawing.stepped_graph import arrow_text, column_inches

    trace = example_trace(EXAMPLE)

    def naive(i):
        n = step_of(i, len(trace.steps))
        received = {step.key: step.received[0] for step in trace.steps[:n]}
        shown = Graph({key: replace(node, grad=received.get(key)) for key, node in trace.graph.nodes.items()},
                      trace.graph.output)
        names = {key: node.name or node.op for key, node in trace.graph.nodes.items()}
        labels = {(names[s], names[t]): arrow_text(g) for (s, t), g in trace.sent_along(n).items()}
        fig, ax = plt.subplots(figsize=(column_inches(trace) * 3.2, 2.5))
        draw_graph(shown, ax=ax, edge_labels=labels)
        if n:
            box = next(t for t in ax.texts if t.get_gid() == f"node-{trace.steps[n - 1].key}")
            box.get_bbox_patch().set_edgecolor("#b45f06")
            box.get_bbox_patch().set_linewidth(2.6)
        return naive_png(fig)

    return naive


def cases():
    """Return Lesson 8's replay explorer with its naive twin."""
    from autograd_lessons.explorers import backward_replay_explorer

    return [ExplorerCase("lesson 8 · backward replay", lambda: backward_replay_explorer(EXAMPLE), move, naive_case())]
