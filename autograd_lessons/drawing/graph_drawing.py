"""Draw a computational graph with matplotlib alone (no Graphviz to install).

Introduced in Lesson 2. Boxes follow torchviz's colours: blue for leaves (the
tensors you created), grey for the autograd functions, green for the output,
orange for a network's layer folded into one box (``modules=model``).
Gradients, once backward has run, are written in red under their box.
Positions come from ``compute.layout`` (igraph's layered layout), the arrows from
``graph_arrows``, the boxes' pixels from ``box_text``; a new figure is as large as
the layout needs, so a 200-node graph is wide, never unreadably small.
"""

from collections import Counter
from functools import lru_cache

import matplotlib.pyplot as plt
from matplotlib import rcParams
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from ..compute.graph import Graph, build_graph, caller_tensors
from ..compute.numbers import format_tensor
from ..compute.layout import layered_layout
from .box_text import BoxText
from .graph_arrows import DOUBLE, GraphArrows

COLOURS = {"leaf": "#cfe2ff", "op": "#eeeeee", "output": "#cdebd0", "untracked": "#f8d7da", "module": "#fbe3c4"}
GRAD_COLOUR = "#c0392b"
EDGE_COLOUR = "#555555"
EDGE_LABEL_COLOUR = "#1f5fa8"
FONT, SMALL_FONT = 9, 8.5  # points: the boxes' text, and the gradients' and arrows' labels
PAD = 0.4  # the box's padding around its text, as a fraction of FONT
GAP = 12.0  # points at least between the boxes of two neighbouring columns (more when an arrow's label sits there)
PASTE_FROM = 40  # boxes: from this many, each look is drawn once and pasted (box_text); smaller graphs draw plainly
MAX_INCHES = 600  # Agg draws at most 2**16 pixels a side: past this a graph shrinks instead of growing


def draw_graph(output, names=None, recorded=None, ax=None, edge_labels=None, figsize=None, modules=None):
    """Draw the graph behind ``output`` (a tensor or a Graph) on ax and return ax.

    names, recorded and modules are as in ``build_graph``: by default the boxes are
    labelled with the caller's variable names; ``modules=model`` draws each of the
    model's ``nn.Linear`` layers as one box. edge_labels writes text beside
    arrows: ``{("x", "PowBackward0"): "× 2x"}``, each end named by its variable
    name or its op name. A new figure is as big as the graph needs to keep its
    text at reading size (figsize overrides that); with ax, the caller's figure
    decides, and the boxes keep their text size whatever it is.
    """
    graph = output
    if not isinstance(output, Graph):
        graph = build_graph(output, names if names is not None else caller_tensors(), recorded, modules=modules)
    layout = layered_layout(graph)
    columns, rows = layout.columns(), layout.rows()
    labels = _resolve_edge_labels(graph, edge_labels or {})
    if ax is None:
        ax = plt.subplots(figsize=figsize or figure_size(graph, layout, labels))[1]
    ax.set_xlim(*_x_limits(ax, graph, layout))
    ax.set_ylim(-rows + 0.45, 0.55)
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


def figure_size(graph, layout, edge_labels=None):
    """Return (width, height) in inches that keep every box, label and arrow of the layout apart at FONT.

    A column gets 2.2 inches plus room for the longest arrow label, and a row one
    inch, as long as that is enough; a graph with wider boxes or more rows gets more.
    """
    edge_labels = edge_labels or {}
    longest = max((len(text) for text in edge_labels.values()), default=0)
    columns, rows = layout.columns(), layout.rows()
    width, height = (2.2 + 0.075 * longest) * columns, 1.0 * rows + 0.3
    label_width = max((_text_size(text, SMALL_FONT)[0] for text in edge_labels.values()), default=0.0)
    sizes = {key: _box_size(graph, node) for key, node in graph.nodes.items()}
    half = {}
    for key, (column, _) in layout.positions.items():
        half[column] = max(half.get(column, 0.0), sizes[key][0] / 2)
    pitch = max([half[c] + half[c + 1] for c in range(columns - 1)], default=0.0) + max(GAP, label_width + 2)
    tallest = max(h for _, h in sizes.values()) + 2.0
    (left, right), (bottom, top) = _axes_fractions()
    width = max(width, pitch / 72 * (columns + 0.2) / (right - left))
    if rows > 1:
        height = max(height, tallest / 72 * (rows + 0.1) / (top - bottom))
    return min(width, MAX_INCHES), min(height, MAX_INCHES)


def _x_limits(ax, graph, layout):
    """Return x-limits that leave 0.6 of a column beside the outer columns, or more when their widest box needs it.

    Boxes are sized in points and clipped to the axes, so a long op name in the first or
    last column (``BinaryCrossEntropyWithLogitsBackward0``) needs a margin measured in
    points; converted to columns it depends on the limits themselves, hence the few rounds.
    """
    columns = layout.columns()
    low, high = -0.6, columns - 0.4
    if columns < 2:
        return low, high
    half = {0: 0.0, columns - 1: 0.0}
    for key, (column, _) in layout.positions.items():
        if column in half:
            half[column] = max(half[column], _box_size(graph, graph.nodes[key])[0] / 2 + 3)
    width = ax.get_position().width * ax.figure.get_figwidth() * 72  # the axes' width in points
    for _ in range(4):
        per_point = (high - low) / width
        low, high = min(low, -half[0] * per_point), max(high, columns - 1 + half[columns - 1] * per_point)
    return low, high


def _axes_fractions():
    """Where plt.subplots puts the axes, as fractions of the figure: (left, right), (bottom, top)."""
    return ((rcParams["figure.subplot.left"], rcParams["figure.subplot.right"]),
            (rcParams["figure.subplot.bottom"], rcParams["figure.subplot.top"]))


def _box_size(graph, node):
    """Return (width, height) in points of a node's box with the gradient written under it."""
    width, height = _text_size(node_label(graph, node), FONT)
    width, height = width + 2 * PAD * FONT + 4, height + 2 * PAD * FONT
    if node.grad is not None:
        grad_width, grad_height = _text_size(f"grad {format_tensor(node.grad)}", SMALL_FONT)
        width, height = max(width, grad_width + 4), height + 9 + grad_height + 2
    return width, height


@lru_cache(maxsize=4096)
def _text_size(text, size):
    """Return (width, height) in points of text at size, without drawing it."""
    prop = FontProperties(size=size)
    lines = text.split("\n")
    width = max(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in lines)
    return width, 1.4 * size * len(lines)


def node_label(graph, node):
    """Return the text inside a node's box: name and value on top, the autograd function below."""
    value = None if node.value is None else format_tensor(node.value)
    if node.name is not None and value is not None:
        top = f"{node.name} = {value}"
    else:
        top = node.name or value
    bottom = "leaf · AccumulateGrad" if node.op == "AccumulateGrad" else node.module or node.op
    return bottom if top is None else f"{top}\n{bottom}"


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
    """Write text just above the middle of the slanted stretch of the arrow's last step, between two columns."""
    route = layout.routes[keys]
    (x0, y0), (x1, y1) = route[-2], route[-1]
    ax.annotate(
        text, xy=((x0 + x1) / 2, -(y0 + y1) / 2), xytext=(0, 4), textcoords="offset points",
        ha="center", va="bottom", fontsize=SMALL_FONT, color=EDGE_LABEL_COLOUR,
        bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"), gid=f"label-{keys[0]}-{keys[1]}",
    )
