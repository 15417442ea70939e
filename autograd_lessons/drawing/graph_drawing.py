"""Draw a computational graph with matplotlib alone (no Graphviz to install).

Introduced in Lesson 2. Boxes follow torchviz's colours: blue for leaves (the
tensors you created), grey for the autograd functions, green for the output,
orange for a network's layer folded into one box (``modules=model``).
Gradients, once backward has run, are written in red under their box.
Positions come from ``compute.layout`` (igraph's layered layout), the arrows from
``graph_arrows``, the boxes' pixels from ``box_text``; a new figure is as large as
the layout needs, at 9-point text, and never wider than MAX_WIDTH inches: a deeper
graph is cut into bands of columns stacked downwards, read like lines of text, each
arrow from a band's end carried round into the next band's start (``graph_page``).
"""

from collections import Counter

import matplotlib.pyplot as plt
from matplotlib.text import Text

from ..compute.graph import Graph, build_graph, caller_tensors
from ..compute.layout import layered_layout
from ..compute.numbers import format_tensor
from .box_text import BoxText
from .graph_arrows import DOUBLE, GraphArrows
from .graph_page import (FONT, PAD, SMALL_FONT, banded_layout, box_size, figure_size, node_label, page_layout,
                         x_limits)

COLOURS = {"leaf": "#cfe2ff", "op": "#eeeeee", "output": "#cdebd0", "untracked": "#f8d7da", "module": "#fbe3c4"}
GRAD_COLOUR = "#c0392b"
EDGE_COLOUR = "#555555"
EDGE_LABEL_COLOUR = "#1f5fa8"
PASTE_FROM = 40  # boxes: from this many, each look is drawn once and pasted (box_text); smaller graphs draw plainly


def draw_graph(output, names=None, recorded=None, ax=None, edge_labels=None, figsize=None, modules=None,
               per_band=None):
    """Draw the graph behind ``output`` (a tensor or a Graph) on ax and return ax.

    names, recorded and modules are as in ``build_graph``: by default the boxes are
    labelled with the caller's variable names; ``modules=model`` draws each of the
    model's ``nn.Linear`` layers as one box. edge_labels writes text beside
    arrows: ``{("x", "PowBackward0"): "× 2x"}``, each end named by its variable
    name or its op name. A new figure is as big as the graph needs to keep its
    text at reading size, up to MAX_WIDTH inches wide: a deeper graph is cut into
    bands of columns that go down the page (figsize overrides that). With ax, the
    caller's figure decides, and the boxes keep their text size whatever it is;
    per_band cuts the graph into bands of that many columns.
    """
    graph = output
    if not isinstance(output, Graph):
        graph = build_graph(output, names if names is not None else caller_tensors(), recorded, modules=modules)
    layout = layered_layout(graph)
    labels = _resolve_edge_labels(graph, edge_labels or {})
    if per_band is not None:
        layout = banded_layout(graph, layout, per_band, labels)
    elif ax is None and figsize is None:
        layout, figsize = page_layout(graph, layout, labels)
    if ax is None:
        figure, ax = plt.subplots(figsize=figsize or figure_size(graph, layout, labels))
        if layout.per_band:
            figure.subplots_adjust(0, 0, 1, 1)  # bands fill the page's width; the figure is sized to them
    ax.set_xlim(*x_limits(ax, graph, layout))
    ax.set_ylim(-layout.rows() + 0.45, 0.55)
    kind = BoxText if len(graph.nodes) >= PASTE_FROM else Text  # a small graph's pixels stay exactly matplotlib's
    boxes = {key: _draw_node(ax, graph, key, layout.positions[key], kind) for key in graph.nodes}
    routes = []
    for (source, target), count in Counter(graph.edges()).items():
        for copy in range(count):  # x * x: a second arrow beside the first, so both can be seen
            offset = DOUBLE * (copy - (count - 1) / 2)
            routes.append(((source, target, copy), layout.routes[source, target], offset))
    arrows = GraphArrows(boxes, {key: column for key, (column, _) in layout.positions.items()}, routes,
                         EDGE_COLOUR)
    arrows.set_gid("arrows")
    ax.add_artist(arrows)
    for (source, target), text in labels.items():
        _label_edge(ax, graph, layout, text, (source, target))
    ax.set_axis_off()
    return ax


def node_style(graph, node):
    """Return which colour a node gets: leaf, op, module (a folded layer), output or untracked."""
    if not graph.tracked:
        return "untracked"
    if node.key == graph.output:
        return "output"
    if node.module is not None:
        return "module"
    return "leaf" if node.is_leaf else "op"


def _draw_node(ax, graph, key, position, kind=Text):
    node = graph.nodes[key]
    column, row = position
    box = ax.add_artist(kind(  # a Text like ax.text's (a BoxText draws each look once, then pastes it)
        column, -row, node_label(graph, node), ha="center", va="center", fontsize=FONT,
        bbox=dict(boxstyle=f"round,pad={PAD}", facecolor=COLOURS[node_style(graph, node)], edgecolor="#555555"),
        gid=f"node-{key}",
    ))
    if node.grad is not None:
        ax.annotate(
            f"grad {format_tensor(node.grad)}", xy=(0.5, 0), xycoords=box, xytext=(0, -9),
            textcoords="offset points", ha="center", va="top", fontsize=SMALL_FONT, color=GRAD_COLOUR,
            bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"), gid=f"grad-{key}",
        )
    return box


def _resolve_edge_labels(graph, edge_labels):
    """Turn {(source name, target name): text} into {(source key, target key): text}."""
    def names(key):
        node = graph.nodes[key]
        return {node.name, node.op} - {None}

    resolved = {}
    for (source, target), text in edge_labels.items():
        matches = [edge for edge in dict.fromkeys(graph.edges()) if source in names(edge[0]) and target in names(edge[1])]
        if not matches:
            raise ValueError(f"no arrow goes from {source!r} to {target!r} in this graph")
        resolved.update({edge: text for edge in matches})
    return resolved


def _label_edge(ax, graph, layout, text, keys):
    """Write text just above the middle of the slanted stretch of the arrow's last step, between two columns.

    An arrow carried in from the band above ends with a level stretch: the text sits in the middle of it.
    """
    route = layout.routes[keys]
    (x0, y0), (x1, y1) = route[-2][:2], route[-1][:2]
    middle = (x0 + x1) / 2
    if len(route[-2]) > 2:  # a Turn: from there to the left edge of the box the arrow enters
        per_point = abs(ax.get_xlim()[1] - ax.get_xlim()[0]) / (ax.get_position().width * ax.figure.get_figwidth() * 72)
        middle = (x0 + x1 - box_size(graph, graph.nodes[keys[1]])[0] / 2 * per_point) / 2
    ax.annotate(
        text, xy=(middle, -(y0 + y1) / 2), xytext=(0, 4), textcoords="offset points",
        ha="center", va="bottom", fontsize=SMALL_FONT, color=EDGE_LABEL_COLOUR,
        bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"), gid=f"label-{keys[0]}-{keys[1]}",
    )
