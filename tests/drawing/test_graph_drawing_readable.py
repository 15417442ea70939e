"""draw_graph at network size: no box overlaps another, no text is cut, no arrow runs through a box (Agg).

And deep graphs fit a page at reading size: at most MAX_WIDTH inches wide, 9-point text, the
graph cut into bands that go down the page, every arrow (the carried ones too) visible: inside
the picture, ending level at its box, never drawn over an arrow of other ends.
Box extents are read from the drawn artists after a real draw; the arrows' paths from the
arrows artist, in the same pixels.
"""

import numpy as np
import pytest
import torch
from torch import nn

from autograd_lessons.compute.graph import build_graph
from autograd_lessons.drawing.graph_arrows import HEAD, box_extent
from autograd_lessons.drawing.graph_drawing import draw_graph
from autograd_lessons.drawing.graph_page import MAX_WIDTH


def mlp():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(),
                          nn.Linear(8, 1))
    return model(torch.randn(4, 2)).pow(2).mean(), model


def rnn(steps=8):
    torch.manual_seed(0)
    w, u = torch.randn(3, 3, requires_grad=True), torch.randn(3, 3, requires_grad=True)
    b, xs, h = torch.zeros(3, requires_grad=True), torch.randn(steps, 3), torch.zeros(3)
    for t in range(steps):
        h = torch.tanh(w @ xs[t] + u @ h + b)
    return h.sum()


def small_network():
    """Lesson 11's picture: two layers, ending in a loss whose op name is the widest box, in the last column."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    x, y = torch.randn(8, 2), torch.tensor([0.0, 1.0] * 4)
    return nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(1), y), model


def chain(steps=100):
    x = torch.tensor(0.3, requires_grad=True)
    h = x
    for _ in range(steps):
        h = (h * 1.1).sin()
    return h


def drawn(graph):
    ax = draw_graph(graph)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    texts = {t.get_gid(): t for t in ax.texts if (t.get_gid() or "").startswith(("node-", "grad-", "label-"))}
    extents = {gid: box_extent(t, renderer) if gid.startswith("node-") else t.get_window_extent(renderer)
               for gid, t in texts.items()}
    (arrows,) = [a for a in ax.artists if a.get_gid() == "arrows"]
    return ax, extents, arrows.polylines(renderer)


def overlapping(extents):
    """Return the pairs of gids whose extents overlap."""
    gids = list(extents)
    e = np.array([extents[gid].extents for gid in gids])
    apart = (e[:, None, 0] >= e[None, :, 2]) | (e[None, :, 0] >= e[:, None, 2]) | \
            (e[:, None, 1] >= e[None, :, 3]) | (e[None, :, 1] >= e[:, None, 3])
    return [(gids[i], gids[j]) for i, j in zip(*np.nonzero(~apart)) if i < j]


def crossed_boxes(points, boxes):
    """Return the keys of the boxes whose inside (shrunk by a pixel: touching is fine) the polyline enters."""
    low, high = min(x for x, _ in points), max(x for x, _ in points)
    keys = [key for key, box in boxes.items() if box.x1 > low and box.x0 < high]
    inner = np.array([boxes[key].padded(-1).extents for key in keys]).reshape(-1, 4)  # x0, y0, x1, y1
    t = np.linspace(0, 1, 41)[:, None]
    hit = np.zeros(len(keys), dtype=bool)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        xs, ys = x0 + t * (x1 - x0), y0 + t * (y1 - y0)  # 41 points along the stretch
        inside = (inner[:, 0] < xs) & (xs < inner[:, 2]) & (inner[:, 1] < ys) & (ys < inner[:, 3])
        hit |= inside.any(axis=0)
    return {key for key, h in zip(keys, hit) if h}


def folded_mlp():
    loss, model = mlp()
    return build_graph(loss, names={}, modules=model)


GRAPHS = {
    "a 4-layer MLP": lambda: build_graph(mlp()[0], names={}),
    "the same MLP, a box per layer": folded_mlp,
    "an 8-step RNN": lambda: build_graph(rnn(), names={}),
    "a 51-node chain": lambda: build_graph(chain(25), names={}),
    "a 201-node chain": lambda: build_graph(chain(), names={}),
    "a small network with a long loss name": lambda: build_graph(small_network()[0], names={}),
    "that network, a box per layer": lambda: build_graph(*small_network()[:1], names={}, modules=small_network()[1]),
}


DEEP = ["a 4-layer MLP", "an 8-step RNN", "a 51-node chain", "a 201-node chain"]  # wider than a page in one row


@pytest.fixture(scope="module", params=list(GRAPHS))
def picture(request):
    return drawn(GRAPHS[request.param]())


@pytest.fixture(scope="module", params=DEEP)
def deep_picture(request):
    return drawn(GRAPHS[request.param]())


def test_no_box_or_label_overlaps_another(picture):
    _, extents, _ = picture
    assert overlapping(extents) == []


def test_nothing_is_cut_at_the_axes_edge(picture):
    ax, extents, _ = picture
    edge = ax.bbox  # the boxes are clipped to the axes, which lie inside the figure
    for gid, extent in extents.items():
        assert edge.x0 <= extent.x0 and extent.x1 <= edge.x1 and edge.y0 <= extent.y0 and extent.y1 <= edge.y1, gid


def test_no_arrow_runs_through_a_box(picture):
    _, extents, lines = picture
    boxes = {int(gid.split("-")[1]): extent for gid, extent in extents.items() if gid.startswith("node-")}
    for (source, target, _), points in lines.items():
        assert crossed_boxes(points, boxes) <= {source, target}, (source, target)


def test_the_text_keeps_its_reading_size_and_the_figure_grows(picture):
    ax, extents, _ = picture
    assert {t.get_fontsize() for t in ax.texts if (t.get_gid() or "").startswith("node-")} == {9}
    width, height = ax.figure.get_size_inches() * ax.figure.dpi
    boxes = [extent for gid, extent in extents.items() if gid.startswith("node-")]
    assert width * height >= 3 * sum(box.width * box.height for box in boxes)  # room around every box, at 9 points
    columns = len({round(t.get_position()[0]) for t in ax.texts if (t.get_gid() or "").startswith("node-")})
    assert ax.figure.get_size_inches()[0] >= min(1.7 * columns, 0.85 * MAX_WIDTH)  # or nearly a page, in bands


def test_the_picture_is_never_wider_than_a_page(picture):
    assert ax_width(picture) <= MAX_WIDTH


def test_a_deep_graph_grows_downwards_in_bands_at_reading_size(deep_picture):
    ax, extents, lines = deep_picture
    assert ax_width(deep_picture) <= MAX_WIDTH and {t.get_fontsize() for t in ax.texts} <= {9, 8.5}
    rows = {round(extent.y0) for gid, extent in extents.items() if gid.startswith("node-")}
    assert ax.figure.get_size_inches()[1] > 2 and len(rows) >= 3  # several lines of boxes
    carried = [points for points in lines.values() if len(points) >= 8]  # a carried arrow turns four times
    assert carried


def test_every_arrow_is_inside_the_picture_and_ends_level_at_its_box(picture):
    ax, extents, lines = picture
    edge, head = ax.bbox, HEAD[0] * ax.figure.dpi / 72
    for (source, target, _), points in lines.items():
        assert all(edge.x0 <= x <= edge.x1 and edge.y0 <= y <= edge.y1 for x, y in points), (source, target)
        (x0, y0), (x1, y1) = points[-2], points[-1]
        box = extents[f"node-{target}"]
        assert abs(y1 - y0) < 0.5 and x1 - x0 >= head and box.x0 - 5 <= x1 <= box.x0  # room for its arrowhead
        assert box.y0 < y1 < box.y1


def test_no_arrow_is_drawn_over_an_arrow_with_other_ends(picture):
    _, _, lines = picture
    stretches = []
    for (source, target, _), points in lines.items():
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(x0 - x1) < 0.5 or abs(y0 - y1) < 0.5:  # level or upright: where two arrows could coincide
                stretches.append(((source, target), (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
    for i, (ends, (ax0, ay0, ax1, ay1)) in enumerate(stretches):
        for other, (bx0, by0, bx1, by1) in stretches[i + 1:]:
            if ends[0] == other[0] or ends[1] == other[1]:
                continue  # one lane from one source, or the last stretch into one box: shared on purpose
            along_x = min(ax1, bx1) - max(ax0, bx0)
            along_y = min(ay1, by1) - max(ay0, by0)
            level = ay1 - ay0 < 0.5 and by1 - by0 < 0.5 and abs(ay0 - by0) < 2 and along_x > 2
            upright = ax1 - ax0 < 0.5 and bx1 - bx0 < 0.5 and abs(ax0 - bx0) < 2 and along_y > 2
            assert not (level or upright), (ends, other)


def ax_width(picture):
    return picture[0].figure.get_size_inches()[0]



def test_every_node_has_its_box_and_every_edge_its_arrow(picture):
    _, extents, lines = picture
    assert len(lines) >= len([gid for gid in extents if gid.startswith("node-")]) - 1


def test_the_rnn_and_the_chains_are_the_sizes_the_issue_names():
    assert 40 <= len(build_graph(rnn(), names={}).nodes) <= 50
    assert len(build_graph(chain(25), names={}).nodes) == 51 and len(build_graph(chain(), names={}).nodes) == 201
