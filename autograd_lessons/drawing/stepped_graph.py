"""A backward pass stepped through on its drawn graph: drawn once, then restyled for step n (Lessons 7 and 8).

Introduced with Lesson 8's backward replay and shared by Lesson 7's engine stepper: both
show a ``stepper.StepTrace``. The graph is drawn once per trace with ``draw_graph``, with a
rewritable label under every box and on every arrow; a step only rewrites those labels
(what the trace writes under a box, the gradients sent back along an arrow), moves an
amber ring to the box that has just run and lifts a white veil from every box that has
run, over the kept arrows and boxes, so no step redraws the graph. The ring and veil are
patches laid over the drawn boxes, and each label is drawn once per look and pasted after
that (``StampedFigure``). The picture keeps its text size and is never wider than
MAX_INCHES[0] (its box's width at the figure's dpi): a deeper graph is cut into bands of
columns that go down the picture, as ``draw_graph`` does on a page.
"""

from dataclasses import replace

import torch
from matplotlib.patches import PathPatch

from ..compute.graph import Graph
from ..compute.layout import layered_layout
from ..compute.numbers import format_tensor
from .graph_drawing import draw_graph
from .graph_page import band_pitch, fitting_band
from .stamped_figure import StampedFigure

# patches laid over a box (above it: zorder 5): the node that has just run, and a node that has not run yet
RING = {"facecolor": (1.0, 0.85, 0.4, 0.45), "edgecolor": "#b45f06", "linewidth": 2.6, "zorder": 5}
VEIL = {"facecolor": (1.0, 1.0, 1.0, 0.7), "edgecolor": "none", "zorder": 5}
ARROW_TEXT = {"crossed": "#1f5fa8", "just sent": "#c0392b"}
ROW_INCHES = 1.15  # per row of boxes; a column gets 2.2 inches plus room for the longest number on an arrow
MAX_INCHES = (15, 600)  # a learner's big graph: the picture grows downwards, in bands, rather than shrink its text
SCROLL_FROM = 1200  # pixels wide: a wider picture would scroll sideways in its box (15 inches at 80 dpi: none does)


class SteppedGraph:
    """A trace's graph drawn once on a StampedFigure; ``show_step(n)`` restyles it for step n.

    >>> stepped = SteppedGraph()
    >>> stepped.draw(trace)        # once per trace
    >>> stepped.show_step(2); png = stepped.live.render()
    """

    def __init__(self, figsize=(8, 2.4), dpi=80):  # JupyterLab shows a picture about this size anyway
        self.live = StampedFigure(figsize=figsize, dpi=dpi)
        self.artists = {"ax": self.live.figure.add_axes((0, 0, 1, 1)), "grads": {}, "arrows": {}, "veils": {},
                        "rings": {}}
        self.trace, self.redraws = None, 0

    def draw(self, trace):
        """Draw the graph of a trace once, sized for it, with a rewritable label under every box and on every arrow."""
        ax, figure = self.artists["ax"], self.live.figure
        self.trace = trace
        self.live.forget_moving()  # ax.clear() below removes them
        shown, labels = display_graph(trace.graph), placeholder_labels(trace.graph, longest_arrow_text(trace))
        per_band, inches = band_columns(shown, labels, column_inches(trace)) if trace.graph.nodes else (None, 0)
        for _ in range(2):  # the first drawing tells how big the figure must be for this graph
            ax.clear()
            if not trace.graph.nodes:  # nothing could be read: an empty picture, and the explorer says why
                ax.set_axis_off()
                break
            draw_graph(shown, ax=ax, edge_labels=labels, per_band=per_band)
            width, height = abs(ax.get_xlim()[1] - ax.get_xlim()[0]), abs(ax.get_ylim()[1] - ax.get_ylim()[0])
            size = (round(min(inches * width, MAX_INCHES[0]), 2),
                    round(min(ROW_INCHES * height + 0.1, MAX_INCHES[1]), 2))
            if tuple(figure.get_size_inches()) == size:
                break
            figure.set_size_inches(*size)
        self._keep_artists(trace)
        self.redraws += 1

    def _keep_artists(self, trace):
        """Find the labels draw_graph drew, and lay a veil and a ring over every box."""
        ax, found = self.artists["ax"], {text.get_gid(): text for text in self.artists["ax"].texts}
        self.artists["grads"] = {key: found[f"grad-{key}"] for key in trace.graph.nodes}
        self.artists["arrows"] = {edge: found[f"label-{edge[0]}-{edge[1]}"] for edge in set(trace.graph.edges())}
        renderer = self.live.figure.canvas.get_renderer()
        self.artists["veils"], self.artists["rings"] = {}, {}
        for key in trace.graph.nodes:
            box = found[f"node-{key}"]
            box.update_bbox_position_size(renderer)  # places the box's outline without drawing anything
            outline = box_outline(ax, box)
            self.artists["veils"][key] = ax.add_patch(PathPatch(outline, **VEIL))
            self.artists["rings"][key] = ax.add_patch(PathPatch(outline, **RING))
        self.live.moving(*self.artists["veils"].values(), *self.artists["rings"].values())
        self.live.stamped(*self.artists["grads"].values(), *self.artists["arrows"].values())

    def show_step(self, n):
        """Show the graph after n steps: the boxes that ran as drawn, the one just run lit, the others veiled."""
        trace, artists = self.trace, self.artists
        current = trace.current(n).key if n else None
        ran, texts = trace.ran(n), trace.box_texts(n)
        for key in trace.graph.nodes:
            artists["rings"][key].set_visible(key == current)
            artists["veils"][key].set_visible(key not in ran)
            artists["grads"][key].set_text(texts[key])
        crossed = trace.sent_along(n)
        for edge, label in artists["arrows"].items():
            grads = crossed.get(edge)
            label.set_text("" if grads is None else arrow_text(grads, trace.arrow_sign))
            label.set_color(ARROW_TEXT["just sent" if edge[1] == current else "crossed"])
            label.set_fontweight("bold" if edge[1] == current else "normal")

    def wide(self):
        """True when the picture is wider than SCROLL_FROM pixels: shown at its size, scrolling sideways."""
        return self.live.figure.get_size_inches()[0] * self.live.figure.dpi > SCROLL_FROM


def column_inches(trace):
    """Return the width a column of the picture needs, as draw_graph reckons it for its arrow labels."""
    longest = max((len(arrow_text(grads)) for grads in trace.sent_along(len(trace.steps)).values()), default=0)
    return 2.2 + 0.075 * longest


def longest_arrow_text(trace):
    """Return the longest label any arrow gets in the trace (what an arrow's room is measured by)."""
    return max((arrow_text(grads, trace.arrow_sign) for grads in trace.sent_along(len(trace.steps)).values()),
               key=len, default=" ")


def band_columns(graph, edge_labels, inches):
    """Return (columns of a band, inches a column) for a picture of graph at most MAX_INCHES[0] wide.

    (None, inches) when the graph fits in one band at inches a column; else its columns stand as close as
    on a page cut into bands (``graph_page.band_pitch``), in bands of as many columns as fit.
    """
    layout = layered_layout(graph)
    if fitting_band(graph, layout, edge_labels, inches * 72, MAX_INCHES[0]) is None:
        return None, inches
    column = band_pitch(graph, layout, edge_labels)[0]
    return fitting_band(graph, layout, edge_labels, column, MAX_INCHES[0]) or layout.columns(), column / 72


def arrow_text(grads, sign=""):
    """Return the label of an arrow that backward has crossed: the gradient(s) sent back along it."""
    return "← " + sign + " + ".join(format_tensor(g) for g in grads)


def box_outline(ax, box):
    """Return the outline of a drawn box as a path in data coordinates (to lay a patch over it)."""
    patch = box.get_bbox_patch()
    on_screen = patch.get_transform().transform_path(patch.get_path())
    return ax.transData.inverted().transform_path(on_screen)


def display_graph(graph):
    """Return a copy of graph whose every box has a gradient, so draw_graph draws a label to rewrite."""
    nodes = {key: replace(node, grad=torch.zeros(())) for key, node in graph.nodes.items()}
    return Graph(nodes, graph.output, graph.tracked)


def placeholder_labels(graph, text=" "):
    """Return draw_graph edge_labels that put a (rewritable) label on every arrow of graph, text until rewritten.

    text is what the labels are measured by: the longest one they will show leaves room for all.
    """
    def end(key):
        node = graph.nodes[key]
        return node.name or node.op

    return {(end(source), end(target)): text for source, target in graph.edges()}
