"""Drawings are checked through the data their artists hold (Agg backend, see conftest.py)."""


import pytest
import torch

from autograd_lessons.compute.graph import build_graph, record_values
from autograd_lessons.drawing.graph_drawing import draw_graph, node_label


def artists(ax, prefix):
    return {a.get_gid(): a for a in ax.texts + ax.lines + ax.collections if (a.get_gid() or "").startswith(prefix)}


def arrows(ax):
    (found,) = [a for a in ax.artists if a.get_gid() == "arrows"]
    return found


def test_draw_graph_has_one_box_per_node_and_one_arrow_per_edge():
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2 + 2 * x + 1
    graph = build_graph(y, names={"x": x, "y": y})
    ax = draw_graph(graph)
    boxes = artists(ax, "node-")
    assert len(boxes) == len(graph.nodes) == 5
    assert sorted(edge[:2] for edge in arrows(ax).edges()) == sorted(graph.edges()) and len(graph.edges()) == 5
    labels = sorted(box.get_text() for box in boxes.values())
    assert "x = 3.0\nleaf · AccumulateGrad" in labels and "y = 16.0\nAddBackward0" in labels
    assert not artists(ax, "grad-")  # no backward yet, so no gradients to show


def test_draw_graph_writes_each_grad_under_its_box_after_backward():
    x = torch.tensor(3.0, requires_grad=True)
    with record_values() as recorded:
        y = x**2 + 2 * x + 1
    y.backward()
    ax = draw_graph(y, names={"x": x}, recorded=recorded)
    grads = sorted(text.get_text() for text in artists(ax, "grad-").values())
    assert grads == ["grad 1.0"] * 4 + ["grad 8.0"]  # every op passes 1 down; x collects 2·3 + 2


def test_draw_graph_labels_with_the_callers_names():
    weight = torch.tensor(0.5, requires_grad=True)
    loss = (weight * 4) ** 2
    labels = [box.get_text() for box in artists(draw_graph(loss), "node-").values()]
    assert "weight = 0.5\nleaf · AccumulateGrad" in labels and "loss = 4.0\nPowBackward0" in labels


def test_long_arrows_travel_in_lanes_below_or_above_the_boxes():
    x = torch.tensor(1.1, requires_grad=True)
    h = x * 2
    for _ in range(3):
        h = h * x
    ax = draw_graph(h, names={})
    ax.figure.canvas.draw()
    lines = arrows(ax).polylines(ax.figure.canvas.get_renderer())
    laned = [edge for edge, points in lines.items() if len(points) > 4]
    assert len(laned) == 3  # x feeds the 2nd, 3rd and 4th Mul across columns, along one lane
    rows = {round(y) for edge in laned for x, y in lines[edge][2:-2]}
    assert len(rows) == 1


def test_node_label_without_name_shows_value_and_op():
    x = torch.tensor(2.0, requires_grad=True)
    with record_values() as recorded:
        y = x * 5
    graph = build_graph(y, names={}, recorded=recorded)
    assert node_label(graph, graph.nodes[graph.output]) == "10.0\nMulBackward0"


def test_untracked_graph_is_drawn_in_its_own_colour():
    y = torch.tensor(3.0) * 2
    ax = draw_graph(y, names={"y": y})
    (box,) = artists(ax, "node-").values()
    assert box.get_text() == "y = 6.0\n(no grad_fn)"
    assert box.get_bbox_patch().get_facecolor()[:3] == pytest.approx((0xF8 / 255, 0xD7 / 255, 0xDA / 255))


def test_an_input_used_twice_gets_two_arrows():
    x = torch.tensor(2.0, requires_grad=True)
    ax = draw_graph(x * x, names={"x": x})
    ax.figure.canvas.draw()
    lines = arrows(ax).polylines(ax.figure.canvas.get_renderer())
    assert len(lines) == 2
    (first, second) = lines.values()
    assert all(abs(y1 - y2) >= 4 for (_, y1), (_, y2) in zip(first, second))  # side by side, so both can be seen


def test_edge_labels_sit_between_the_boxes_they_join():
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2 + 2 * x + 1
    ax = draw_graph(y, names={"x": x, "y": y}, edge_labels={("x", "PowBackward0"): "× 2x = 6", ("x", "MulBackward0"): "× 2"})
    labels = artists(ax, "label-")
    assert sorted(label.get_text() for label in labels.values()) == ["× 2", "× 2x = 6"]
    renderer = ax.figure.canvas.get_renderer()
    boxes = [box.get_bbox_patch().get_window_extent(renderer) for box in artists(ax, "node-").values()]
    for label in labels.values():
        assert 0 <= label.xy[0] <= 1  # between the leaf's column and the next one
        assert not any(box.overlaps(label.get_window_extent(renderer)) for box in boxes)


def test_edge_labels_name_a_missing_arrow_clearly():
    x = torch.tensor(3.0, requires_grad=True)
    with pytest.raises(ValueError, match="no arrow goes from 'x' to 'SinBackward0'"):
        draw_graph(x * 2, names={"x": x}, edge_labels={("x", "SinBackward0"): "cos x"})


@pytest.mark.parametrize("steps", [0, 30])  # a small graph draws plain texts; a big one pastes its boxes
def test_the_boxes_are_painted_where_their_extents_say_upright_and_in_their_colour(steps):
    import numpy as np

    from autograd_lessons.drawing.graph_arrows import box_extent

    x = torch.tensor(3.0, requires_grad=True)
    h = x**2 + 2 * x + 1
    for _ in range(steps):
        h = (h * 0.5).sin()
    ax = draw_graph(h, names={"x": x})
    canvas = ax.figure.canvas
    canvas.draw()
    pixels, height = np.asarray(canvas.buffer_rgba()), canvas.get_width_height()[1]
    for box in artists(ax, "node-").values():
        extent = box_extent(box, canvas.get_renderer())
        colour = box.get_bbox_patch().get_facecolor()
        row = height - int((extent.y0 + extent.y1) / 2)
        inside = pixels[row, int(extent.x0) + 4, :3] / 255
        assert inside == pytest.approx(colour[:3], abs=0.02)
        top_line = pixels[height - int(extent.y1) + 8, int(extent.x0) + 4: int(extent.x1) - 4, :3]
        bottom_line = pixels[height - int(extent.y0) - 8, int(extent.x0) + 4: int(extent.x1) - 4, :3]
        assert top_line.min() < 200 or bottom_line.min() < 200  # some text inside, whichever line it is on
