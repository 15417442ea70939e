"""Lesson 8's backward replay: step through a real backward pass, node by node, on the drawn graph.

The recording is ``compute.inside_pytorch_backward.trace_backward`` (a pre-hook and a hook on every
node, one real ``backward()``); this module only replays it. The graph is drawn
once per example with ``draw_graph``; a step recolours boxes and rewrites the
gradient under each box and the numbers on the arrows, over the kept arrows and
boxes, so no step redraws the graph: a box that has not run yet is under a white
veil, the running one under an amber ring, both patches laid over the drawn box;
each label is drawn once per look and pasted after that (``StampedFigure``).
"""

import html
from dataclasses import replace

import ipywidgets as widgets
import torch
from matplotlib.patches import PathPatch

from ..compute.inside_pytorch_backward import EXAMPLES, BackwardTrace, example_trace
from ..compute.graph import Graph
from ..compute.numbers import format_tensor
from ..drawing.graph_drawing import draw_graph
from ..drawing.stamped_figure import StampedFigure
from .common import guarded, message_html, picture, readout_html, show

YOURS = "your trace"
# patches laid over a box (above it: zorder 5): the running node, and a node that has not run yet
RING = {"facecolor": (1.0, 0.85, 0.4, 0.45), "edgecolor": "#b45f06", "linewidth": 2.6, "zorder": 5}
VEIL = {"facecolor": (1.0, 1.0, 1.0, 0.7), "edgecolor": "none", "zorder": 5}
ARROW_TEXT = {"crossed": "#1f5fa8", "just sent": "#c0392b"}
ROW_INCHES = 1.15  # per row of boxes; a column gets 2.2 inches plus room for the longest number on an arrow
MAX_INCHES = (60, 24)  # a learner's big graph: the picture grows (and scrolls) rather than shrink its text
SCROLL_FROM = 1200  # pixels wide: a wider picture keeps its size and scrolls sideways in its box


class BackwardReplayExplorer(widgets.VBox):
    """The widget; its controls are ``example`` (dropdown), ``step`` (slider) and ``next_step`` (button)."""

    def __init__(self, source="out = s + m * e"):
        self.traces = {YOURS: source} if isinstance(source, BackwardTrace) else {}
        options = list(self.traces) + list(EXAMPLES)
        start = YOURS if self.traces else source
        if start not in options:
            raise ValueError(f"unknown example {source!r}; pass a trace_backward(...) result or one of {list(EXAMPLES)}")
        self.example = widgets.Dropdown(options=options, value=start, description="graph",
                                        layout=widgets.Layout(width="330px"))
        self.step = widgets.IntSlider(value=0, min=0, max=1, description="step", continuous_update=True,
                                      layout=widgets.Layout(width="420px"))
        self.next_step = widgets.Button(description="next step", icon="step-forward",
                                        layout=widgets.Layout(width="120px"))
        self.caption = widgets.HTML()
        self.readout = widgets.HTML()
        self.lines = widgets.HTML()
        self.message = widgets.HTML()
        self.live = StampedFigure(figsize=(8, 2.4), dpi=80)  # JupyterLab shows it about this size anyway
        self.artists = {"ax": self.live.figure.add_axes((0, 0, 1, 1))}
        self.trace, self.redraws, self._quiet = None, 0, False
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([self.example, self.step, self.next_step], layout=widgets.Layout(align_items="center")),
            self.caption,
            widgets.Box([self.image], layout=widgets.Layout(overflow="auto")),
            widgets.HBox([self.lines, self.readout], layout=widgets.Layout(align_items="flex-start")),
            self.message,
        ])
        self.example.observe(self._on_example, "value")
        self.step.observe(self._on_step, "value")
        self.next_step.on_click(self._on_next)
        self._on_example()

    @guarded
    def _on_example(self, change=None):
        name = self.example.value
        if name not in self.traces:
            self.traces[name] = example_trace(name)
        self.trace = self.traces[name]
        self._quiet = True  # one frame for the new graph, not one per change of the slider's range
        try:
            self.step.value = 0
            self.step.max = len(self.trace.steps)
        finally:
            self._quiet = False
        self.caption.value = message_html(self._caption(), "info")
        self._redraw(self.trace)
        self._on_step()

    @guarded
    def _on_next(self, button=None):
        self.step.value = (self.step.value + 1) % (self.step.max + 1)  # after the last step, start again

    @guarded
    def _on_step(self, change=None):
        if self._quiet:
            return
        n, trace = self.step.value, self.trace
        self._restyle(trace, n)
        show(self.image, self.live)
        self.lines.value = lines_html(trace, n)
        self.readout.value = readout_html(readout_rows(trace, n))
        self.message.value = message_html(step_message(trace, n), "ok" if n == len(trace.steps) else "info")

    def _caption(self):
        name = self.example.value
        return "your trace_backward(...)" if name == YOURS else EXAMPLES[name].description

    def _redraw(self, trace):
        """Draw the graph of a new trace once, with a rewritable label under every box and on every arrow."""
        ax = self.artists["ax"]
        self.live.forget_moving()  # ax.clear() below removes them
        for _ in range(2):  # the first drawing tells how big the figure must be for this graph
            ax.clear()
            draw_graph(display_graph(trace.graph), ax=ax, edge_labels=placeholder_labels(trace.graph))
            width, height = abs(ax.get_xlim()[1] - ax.get_xlim()[0]), abs(ax.get_ylim()[1] - ax.get_ylim()[0])
            size = (round(min(column_inches(trace) * width, MAX_INCHES[0]), 2),
                    round(min(ROW_INCHES * height + 0.1, MAX_INCHES[1]), 2))
            if tuple(self.live.figure.get_size_inches()) == size:
                break
            self.live.figure.set_size_inches(*size)
        wide = self.live.figure.get_size_inches()[0] * self.live.figure.dpi > SCROLL_FROM
        self.image.layout.max_width = "none" if wide else "100%"
        found = {text.get_gid(): text for text in ax.texts}
        boxes = {key: found[f"node-{key}"] for key in trace.graph.nodes}
        self.artists["grads"] = {key: found[f"grad-{key}"] for key in trace.graph.nodes}
        self.artists["arrows"] = {edge: found[f"label-{edge[0]}-{edge[1]}"] for edge in set(trace.graph.edges())}
        renderer = self.live.figure.canvas.get_renderer()
        self.artists["veils"], self.artists["rings"] = {}, {}
        for key, box in boxes.items():
            box.update_bbox_position_size(renderer)  # places the box's outline without drawing anything
            outline = box_outline(ax, box)
            self.artists["veils"][key] = ax.add_patch(PathPatch(outline, **VEIL))
            self.artists["rings"][key] = ax.add_patch(PathPatch(outline, **RING))
        self.live.moving(*self.artists["veils"].values(), *self.artists["rings"].values())
        self.live.stamped(*self.artists["grads"].values(), *self.artists["arrows"].values())
        self.redraws += 1

    def _restyle(self, trace, n):
        """Show the graph after n steps: done boxes as drawn, the running one lit, the waiting ones veiled."""
        current = trace.steps[n - 1].key if n else None
        received = {step.key: step.received for step in trace.steps[:n]}
        for key in trace.graph.nodes:
            self.artists["rings"][key].set_visible(key == current)
            self.artists["veils"][key].set_visible(key not in received)
            self.artists["grads"][key].set_text(f"grad {grads_text(received[key])}" if key in received else "")
        crossed = trace.sent_along(n)
        for edge, label in self.artists["arrows"].items():
            grads = crossed.get(edge)
            label.set_text("" if grads is None else arrow_text(grads))
            label.set_color(ARROW_TEXT["just sent" if edge[1] == current else "crossed"])
            label.set_fontweight("bold" if edge[1] == current else "normal")


def column_inches(trace):
    """Return the width a column of the picture needs, as draw_graph reckons it for its arrow labels."""
    longest = max((len(arrow_text(grads)) for grads in trace.sent_along(len(trace.steps)).values()), default=0)
    return 2.2 + 0.075 * longest


def arrow_text(grads):
    """Return the label of an arrow that backward has crossed: the gradient(s) sent back along it."""
    return "← " + " + ".join(format_tensor(g) for g in grads)


def box_outline(ax, box):
    """Return the outline of a drawn box as a path in data coordinates (to lay a patch over it)."""
    patch = box.get_bbox_patch()
    on_screen = patch.get_transform().transform_path(patch.get_path())
    return ax.transData.inverted().transform_path(on_screen)


def display_graph(graph):
    """Return a copy of graph whose every box has a gradient, so draw_graph draws a label to rewrite."""
    nodes = {key: replace(node, grad=torch.zeros(())) for key, node in graph.nodes.items()}
    return Graph(nodes, graph.output, graph.tracked)


def placeholder_labels(graph):
    """Return draw_graph edge_labels that put a (rewritable) label on every arrow of graph."""
    def end(key):
        node = graph.nodes[key]
        return node.name or node.op

    return {(end(source), end(target)): " " for source, target in graph.edges()}


def grads_text(grads):
    """Return the gradient(s) a node received as short text."""
    shown = ["None" if g is None else format_tensor(g) for g in grads]
    return shown[0] if len(shown) == 1 else "(" + ", ".join(shown) + ")"


def step_message(trace, n):
    """Return the sentence under the picture for step n (0: before backward)."""
    if n == 0:
        first = trace.steps[0]
        return (f"Before backward: nothing has run. The engine starts at the output's node, {first.op}, "
                f"with the gradient {grads_text(first.received)}. Press next step.")
    step = trace.steps[n - 1]
    line = trace.describe(step).split(". ", 1)[1]
    if n == len(trace.steps):
        return f"Step {n} of {n}, the last: {line}. Every node ran once, each after all the nodes that feed it."
    return f"Step {n} of {len(trace.steps)}: {line}."


def readout_rows(trace, n):
    """Return the readout table's rows for step n."""
    rows = [("step", f"{n} of {len(trace.steps)}")]
    if n:
        step = trace.steps[n - 1]
        rows += [("running", trace.label(step.key) if step.op == trace.label(step.key)
                  else f"{step.op} ({trace.label(step.key)})"),
                 ("received", grads_text(step.received)),
                 ("sent", ", ".join(f"{format_tensor(g)} → {trace.label(k)}" for k, g in step.sent) or "—")]
    leaves = [node for node in trace.graph.nodes.values() if node.op == "AccumulateGrad"]
    done = {step.key: step for step in trace.steps[:n]}
    for leaf in leaves:
        grad = grads_text(done[leaf.key].received) if leaf.key in done else "None"
        rows.append((f"{leaf.name or 'leaf'}.grad", grad))
    return rows


def lines_html(trace, n):
    """Return the trace as text, the step just run on yellow and the steps to come in grey."""
    lines = []
    for step in trace.steps:
        text = html.escape(trace.describe(step))
        if step.number == n:
            text = f'<span style="background:#fff3c4">{text}</span>'
        elif step.number > n:
            text = f'<span style="color:#aaa">{text}</span>'
        lines.append(text)
    return ('<pre style="font-size:0.88em;line-height:1.45;margin:0 16px 0 0;padding:6px 10px;background:#f7f7f7;'
            'border-radius:4px">' + "\n".join(lines) + "</pre>")


def backward_replay_explorer(source="out = s + m * e"):
    """Return Lesson 8's replay of a real backward pass: a trace_backward(...) result, or an example's name."""
    return BackwardReplayExplorer(source)
