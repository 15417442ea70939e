"""Draw a computational graph with matplotlib alone (no Graphviz to install).

Introduced in Lesson 2. Boxes follow torchviz's colours: blue for leaves (the
tensors you created), grey for the autograd functions, green for the output.
Gradients, once backward has run, are written in red under their box.
"""

from collections import Counter

import matplotlib.pyplot as plt

from ..compute.graph import Graph, build_graph, format_tensor, caller_tensors
from ..compute.layout import layered_layout

COLOURS = {"leaf": "#cfe2ff", "op": "#eeeeee", "output": "#cdebd0", "untracked": "#f8d7da"}
GRAD_COLOUR = "#c0392b"
EDGE_COLOUR = "#555555"
EDGE_LABEL_COLOUR = "#1f5fa8"


def draw_graph(output, names=None, recorded=None, ax=None, edge_labels=None, figsize=None):
    """Draw the graph behind ``output`` (a tensor or a Graph) on ax and return ax.

    names and recorded are as in ``build_graph``: by default the boxes are
    labelled with the caller's variable names. edge_labels writes text beside
    arrows: ``{("x", "PowBackward0"): "× 2x"}``, each end named by its variable
    name or its op name. figsize is only used when a new figure is made.
    """
    graph = output
    if not isinstance(output, Graph):
        graph = build_graph(output, names if names is not None else caller_tensors(), recorded)
    layout = layered_layout(graph)
    columns = max(c for c, _ in layout.positions.values()) + 1
    points = list(layout.positions.values()) + [p for route in layout.routes.values() for p in route]
    rows = max(r for _, r in points) + 1
    if ax is None:
        longest = max((len(text) for text in (edge_labels or {}).values()), default=0)
        width = 2.2 + 0.075 * longest  # inches per column: labels need room between the boxes
        ax = plt.subplots(figsize=figsize or (min(width * columns, 14), min(1.0 * rows + 0.3, 9)))[1]
    ax.set_xlim(-0.6, columns - 0.4)
    ax.set_ylim(-rows + 0.45, 0.55)
    boxes = {key: _draw_node(ax, graph, key, layout.positions[key]) for key in graph.nodes}
    for (source, target), count in Counter(graph.edges()).items():
        for copy in range(count):  # x * x: a second arrow, bent so both can be seen
            bend = 0.0 if count == 1 else 0.35 * (1 if copy % 2 else -1) * (1 + copy // 2)
            _draw_edge(ax, boxes[source], boxes[target], layout.routes[source, target], (source, target, copy),
                       bend)
    for (source, target), text in _resolve_edge_labels(graph, edge_labels or {}).items():
        _label_edge(ax, layout.routes[source, target], text, (source, target), boxes)
    ax.set_axis_off()
    return ax


def node_label(graph, node):
    """Return the text inside a node's box: name and value on top, the autograd function below."""
    value = None if node.value is None else format_tensor(node.value)
    if node.name is not None and value is not None:
        top = f"{node.name} = {value}"
    else:
        top = node.name or value
    bottom = "leaf · AccumulateGrad" if node.op == "AccumulateGrad" else node.op
    return bottom if top is None else f"{top}\n{bottom}"


def node_style(graph, node):
    """Return which colour a node gets: leaf, op, output or untracked."""
    if not graph.tracked:
        return "untracked"
    if node.key == graph.output:
        return "output"
    return "leaf" if node.is_leaf else "op"


def _draw_node(ax, graph, key, position):
    node = graph.nodes[key]
    column, row = position
    box = ax.text(
        column, -row, node_label(graph, node), ha="center", va="center", fontsize=9,
        bbox=dict(boxstyle="round,pad=0.4", facecolor=COLOURS[node_style(graph, node)], edgecolor="#555555"),
        gid=f"node-{key}",
    )
    if node.grad is not None:
        ax.annotate(
            f"grad {format_tensor(node.grad)}", xy=(0.5, 0), xycoords=box, xytext=(0, -9),
            textcoords="offset points", ha="center", va="top", fontsize=8.5, color=GRAD_COLOUR,
            bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"), gid=f"grad-{key}",
        )
    return box


def _draw_edge(ax, source_box, target_box, route, keys, bend=0.0):
    """Draw an arrow along route; boxes hide the ends of the line that start inside them."""
    (start_x, start_y), (end_x, end_y) = route[-2], route[-1]
    gid = f"{keys[0]}-{keys[1]}" + (f"-{keys[2]}" if keys[2] else "")
    if len(route) > 2:  # the lane part: plain line segments, drawn under the boxes
        ax.plot([c for c, _ in route[:-1]], [-r for _, r in route[:-1]], color=EDGE_COLOUR,
                linewidth=1, zorder=1, gid=f"lane-{gid}")
    ax.annotate(
        "", xy=(end_x, -end_y), xytext=(start_x, -start_y),
        arrowprops=dict(
            arrowstyle="-|>", color=EDGE_COLOUR, shrinkA=0 if len(route) > 2 else 3, shrinkB=3,
            patchA=source_box.get_bbox_patch() if len(route) == 2 else None,
            patchB=target_box.get_bbox_patch(), connectionstyle=f"arc3,rad={bend}",
        ),
        gid=f"edge-{gid}",
    )


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


def _label_edge(ax, route, text, keys, boxes):
    """Write text just above the middle of the visible part of the arrow's last stretch."""
    (x0, y0), (x1, y1) = route[-2], route[-1]
    start, end = (x0, -y0), (x1, -y1)
    t0 = _leaving(start, end, boxes[keys[0]], ax) if len(route) == 2 else 0.0
    t1 = 1.0 - _leaving(end, start, boxes[keys[1]], ax)
    t = (t0 + t1) / 2
    ax.annotate(
        text, xy=(x0 + t * (x1 - x0), -(y0 + t * (y1 - y0))), xytext=(0, 4), textcoords="offset points",
        ha="center", va="bottom", fontsize=8.5, color=EDGE_LABEL_COLOUR,
        bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"), gid=f"label-{keys[0]}-{keys[1]}",
    )


def _leaving(start, end, box, ax):
    """Fraction of the way from start to end (data coordinates) at which the line leaves box."""
    get_renderer = getattr(ax.figure.canvas, "get_renderer", None)
    if get_renderer is None:
        return 0.0
    renderer = get_renderer()
    box.update_bbox_position_size(renderer)
    extent = box.get_bbox_patch().get_window_extent(renderer)
    (sx, sy), (ex, ey) = ax.transData.transform([start, end])
    fractions = [1.0]
    for low, high, a, b in ((extent.x0, extent.x1, sx, ex), (extent.y0, extent.y1, sy, ey)):
        if b > a:
            fractions.append((high - a) / (b - a))
        elif b < a:
            fractions.append((low - a) / (b - a))
    return min(max(min(fractions), 0.0), 1.0)
