"""Benchmark case for Lesson 7's engine stepper (see harness.py).

A move is one step of the learner's backward (the slider goes 0, 1, ..., 5 and back to 0,
as "next step" does), on z = x * y + y**2 built with a micrograd-style Value like the
one the lesson types. The naive twin draws the same picture from scratch each time: a new
pyplot figure, draw_graph with the step's grads and amounts written in, saved as PNG.
"""

from dataclasses import replace

from harness import ExplorerCase, naive_png


class Value:
    """The lesson's engine, cut to what z = x * y + y**2 needs."""

    def __init__(self, data, _prev=(), _op=""):
        self.data, self.grad, self._prev, self._op = float(data), 0.0, tuple(_prev), _op
        self._backward = lambda: None

    def _make(self, data, parents, op, local):
        out = Value(data, parents, op)

        def _backward():
            for parent, slope in zip(parents, local):
                parent.grad += slope * out.grad

        out._backward = _backward
        return out

    def __add__(self, other):
        return self._make(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __mul__(self, other):
        return self._make(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __pow__(self, k):
        return self._make(self.data ** k, (self,), f"**{k}", (k * self.data ** (k - 1),))


def lesson_output():
    x, y = Value(2.0), Value(3.0)
    m = x * y
    return m + y ** 2, {"x": x, "y": y, "m": m}


def step_of(i, steps=5):
    return i % (steps + 1)


def move(explorer, i):
    explorer.step.value = step_of(i, explorer.step.max)


def naive_case():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch

    from autograd_lessons.compute.build_your_own_autograd.engine_steps import step_backward
    from autograd_lessons.compute.graph import Graph
    from autograd_lessons.drawing.graph_drawing import draw_graph
    from autograd_lessons.drawing.stepped_graph import arrow_text, column_inches

    z, names = lesson_output()
    trace = step_backward(z, {**names, "z": z})

    def naive(i):
        n = step_of(i, len(trace.steps))
        shown = Graph({key: replace(node, grad=torch.tensor(trace.grads[n][key]))
                       for key, node in trace.graph.nodes.items()}, trace.graph.output)
        label = {key: node.name or node.op for key, node in trace.graph.nodes.items()}
        labels = {(label[s], label[t]): arrow_text(g) for (s, t), g in trace.sent_along(n).items()}
        fig, ax = plt.subplots(figsize=(column_inches(trace) * 3.2, 2.5))
        draw_graph(shown, ax=ax, edge_labels=labels)
        if n:
            box = next(t for t in ax.texts if t.get_gid() == f"node-{trace.steps[n - 1].key}")
            box.get_bbox_patch().set_edgecolor("#b45f06")
            box.get_bbox_patch().set_linewidth(2.6)
        return naive_png(fig)

    return naive


def cases():
    """Return Lesson 7's engine stepper with its naive twin."""
    from autograd_lessons.explorers import engine_stepper_explorer

    def make():
        z, names = lesson_output()
        return engine_stepper_explorer(z, {**names, "z": z})

    return [ExplorerCase("lesson 7 · engine stepper", make, move, naive_case())]
