"""How big a drawn graph is: its boxes in points, its figure in inches, and the bands a deep graph is cut into.

Introduced with the graph drawing for deep graphs (``graph_drawing.draw_graph``). The
text stays at FONT points whatever the graph: a new figure grows to fit the layout, up
to MAX_WIDTH inches wide. A graph that would be wider is drawn with its columns closer
together and, if that is still too wide, cut into bands of columns stacked down the page
like lines of text, each arrow that leaves a band's last column carried round, along a
track of its own in the gap below the band, into the next band's first column
(``compute.layout.Bands``).
"""

from dataclasses import replace
from functools import lru_cache

from matplotlib import rcParams
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from ..compute.layout import Bands, carried, layered_layout
from ..compute.numbers import format_tensor
from .graph_arrows import TRACK

FONT, SMALL_FONT = 9, 8.5  # points: the boxes' text, and the gradients' and arrows' labels
PAD = 0.4  # the box's padding around its text, as a fraction of FONT
GAP = 12.0  # points at least between the boxes of two neighbouring columns (more when an arrow's label sits there)
MAX_INCHES = 600  # Agg draws at most 2**16 pixels a side: past this a graph shrinks instead of growing
MAX_WIDTH = 16.0  # inches: a page at reading size; a graph that would be wider is cut into bands, stacked downwards
BAND_GAP = 30.0  # points at least between two columns' boxes in a picture cut into bands (an arrow and its head)
ROW_GAP = 14.0  # points at least between two rows' boxes in a picture cut into bands


def page_layout(graph, layout, edge_labels=None, max_inches=MAX_WIDTH):
    """Return (layout, figsize): as it is if its figure is at most max_inches wide, else cut into bands that are.

    Past max_inches the columns stand closer (their boxes BAND_GAP points apart, the rows
    ROW_GAP) and, if that is not enough, the graph is cut into bands that share its columns
    evenly; either way the layout's per_band is set, and its axes are to fill the figure.
    """
    size = figure_size(graph, layout, edge_labels)
    if size[0] <= max_inches:
        return layout, size
    column, row = band_pitch(graph, layout, edge_labels)
    per_band = fitting_band(graph, layout, edge_labels, column, max_inches) or layout.columns()
    layout = replace(banded_layout(graph, layout, per_band, edge_labels), per_band=per_band)
    low, high = x_reach(graph, layout, 1 / column)
    return layout, (round(column * (high - low) / 72, 2), round(min(row * (layout.rows() + 0.1) / 72, MAX_INCHES), 2))


def fitting_band(graph, layout, edge_labels, column, max_inches=MAX_WIDTH):
    """Return how many columns a band holds (the same in every band) for a picture at most max_inches wide.

    layout: the graph's in one band; column: the points from one column to the next. None if the
    whole graph fits in one band.
    """
    columns = layout.columns()

    def width(per_band):
        if per_band >= columns:
            low, high = x_reach(graph, layout, 1 / column)
        else:
            bands, tracks = _bands(graph, layout, per_band, edge_labels), carried(layout, per_band)
            low = min(-0.6, bands.entry - (tracks + 0.5) * TRACK / column)
            high = max(per_band - 0.4, bands.exit + (tracks + 0.5) * TRACK / column)
            half = _band_halves(graph, layout, per_band)
            low, high = min(low, -(half[0] + 3) / column), max(high, per_band - 1 + (half[per_band - 1] + 3) / column)
        return column * (high - low) / 72

    if width(columns) <= max_inches:
        return None
    per_band = max(1, min(columns - 1, int(max_inches * 72 / column) - 1))  # a guess: a column's room for the tracks
    while per_band < columns - 1 and width(per_band + 1) <= max_inches:
        per_band += 1
    while per_band > 1 and width(per_band) > max_inches:
        per_band -= 1
    bands = -(-columns // per_band)
    return -(-columns // bands)  # as many bands, the columns shared out evenly


def band_pitch(graph, layout, edge_labels=None):
    """Return the points from one column to the next and from one row to the next, for a picture cut into bands.

    Two neighbouring columns stand BAND_GAP points apart (more for an arrow's label), two rows ROW_GAP.
    """
    label_width = max((_text_size(text, SMALL_FONT)[0] for text in (edge_labels or {}).values()), default=0.0)
    half = _column_halves(graph, layout)
    pair = max((half[c] + half[c + 1] for c in range(layout.columns() - 1)), default=max(half.values()))
    up, down = box_reach(graph)
    row = max(up + down + ROW_GAP, (max(up, down) + 3) / 0.55)  # the 0.55 row that the limits leave at each edge
    return pair + max(BAND_GAP, label_width + 2 * GAP), row


def banded_layout(graph, layout, per_band, edge_labels=None):
    """Return graph's layout cut into bands of per_band columns (layout: in one band), room left for carried arrows."""
    if per_band is None or per_band >= layout.columns():
        return layout
    return layered_layout(graph, bands=_bands(graph, layout, per_band, edge_labels))


def _bands(graph, layout, per_band, edge_labels):
    """Return the Bands that cut layout into bands of per_band columns.

    The carried arrows run below each band, and go down beside it half a gap from its outer boxes
    (on the left, a whole gap, or room for an arrow's label, from the box they enter).
    """
    column, row = band_pitch(graph, layout, edge_labels)
    up, down = box_reach(graph)
    tracks = carried(layout, per_band) * TRACK + 2 * GAP  # the carried arrows, and room above and below them
    half = _band_halves(graph, layout, per_band)
    label_width = max((_text_size(text, SMALL_FONT)[0] for text in (edge_labels or {}).values()), default=0.0)
    return Bands(per_band, gap=max(0.3, (down + up + tracks) / row - 1), below=(down + tracks / 2) / row,
                 entry=-(half[0] + max(BAND_GAP, label_width + 2 * GAP)) / column,
                 exit=per_band - 1 + (half[per_band - 1] + BAND_GAP / 2) / column)


def _band_halves(graph, layout, per_band):
    """Return {column of a band: half the width of its widest box in any band}, in points."""
    half = {}
    for c, width in _column_halves(graph, layout).items():
        half[c % per_band] = max(half.get(c % per_band, 0.0), width)
    return half


def _column_halves(graph, layout):
    """Return {column: half the width of its widest box}, in points."""
    half = {}
    for key, (column, _) in layout.positions.items():
        half[column] = max(half.get(column, 0.0), box_size(graph, graph.nodes[key])[0] / 2)
    return half


def box_reach(graph):
    """Return how far (points) the boxes reach above and below their row: the gradient hangs under its box."""
    up = down = 0.0
    for node in graph.nodes.values():
        text_height = _text_size(node_label(graph, node), FONT)[1] + 2 * PAD * FONT
        up, down = max(up, text_height / 2), max(down, box_size(graph, node)[1] - text_height / 2)
    return up, down


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
    half = _column_halves(graph, layout)
    pitch = max([half[c] + half[c + 1] for c in range(columns - 1)], default=0.0) + max(GAP, label_width + 2)
    tallest = max(box_size(graph, node)[1] for node in graph.nodes.values()) + 2.0
    (left, right), (bottom, top) = _axes_fractions()
    width = max(width, pitch / 72 * (columns + 0.2) / (right - left))
    if rows > 1:
        height = max(height, tallest / 72 * (rows + 0.1) / (top - bottom))
    return min(width, MAX_INCHES), min(height, MAX_INCHES)


def x_limits(ax, graph, layout):
    """Return x-limits that leave 0.6 of a column beside the outer columns, or more when their widest box needs it.

    Boxes are sized in points and clipped to the axes, so a long op name in the first or
    last column (``BinaryCrossEntropyWithLogitsBackward0``) needs a margin measured in
    points; converted to columns it depends on the limits themselves, hence the few rounds.
    """
    low, high = -0.6, layout.columns() - 0.4
    if layout.columns() < 2:
        return low, high
    width = ax.get_position().width * ax.figure.get_figwidth() * 72  # the axes' width in points
    for _ in range(4):
        low, high = x_reach(graph, layout, (high - low) / width, low, high)
    return low, high


def x_reach(graph, layout, per_point, low=-0.6, high=None):
    """Return (low, high) widened to the outer columns' widest boxes and the carried arrows' tracks.

    per_point: data units (columns) a point, as the axes show them.
    """
    columns = layout.columns()
    high = columns - 0.4 if high is None else high
    half = {0: 0.0, columns - 1: 0.0}
    for key, (column, _) in layout.positions.items():
        if column in half:
            half[column] = max(half[column], box_size(graph, graph.nodes[key])[0] / 2 + 3)
    low, high = min(low, -half[0] * per_point), max(high, columns - 1 + half[columns - 1] * per_point)
    for turn in {point for route in layout.routes.values() for point in route if len(point) > 2}:
        reach = (abs(turn.dx) + 1) * TRACK * per_point
        low, high = min(low, turn.column - reach), max(high, turn.column + reach)
    return low, high


def _axes_fractions():
    """Where plt.subplots puts the axes, as fractions of the figure: (left, right), (bottom, top)."""
    return ((rcParams["figure.subplot.left"], rcParams["figure.subplot.right"]),
            (rcParams["figure.subplot.bottom"], rcParams["figure.subplot.top"]))


def box_size(graph, node):
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
