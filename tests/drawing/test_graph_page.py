"""How big a graph is drawn: as today while it fits a page, else closer columns and bands that share them evenly."""

import pytest
import torch

from autograd_lessons.compute.graph import build_graph
from autograd_lessons.compute.layout import layered_layout
from autograd_lessons.drawing.graph_page import (BAND_GAP, MAX_WIDTH, band_pitch, box_size, figure_size,
                                                 fitting_band, page_layout)


def chain(steps):
    x = torch.tensor(0.3, requires_grad=True)
    h = x
    for _ in range(steps):
        h = (h * 1.1).sin()
    return build_graph(h, names={})


def seed_graph():
    x = torch.tensor(3.0, requires_grad=True)
    return build_graph(x**2 + 2 * x + 1, names={"x": x})


def test_a_graph_that_fits_a_page_keeps_its_layout_and_size():
    graph = seed_graph()
    layout = layered_layout(graph)
    assert page_layout(graph, layout) == (layout, figure_size(graph, layout))
    assert figure_size(graph, layout)[0] < MAX_WIDTH and layout.per_band is None


@pytest.mark.parametrize("steps", [25, 100, 400])
def test_a_deep_graph_is_cut_into_even_bands_within_a_page(steps):
    graph = chain(steps)
    flat = layered_layout(graph)
    assert figure_size(graph, flat)[0] > MAX_WIDTH
    layout, (width, height) = page_layout(graph, flat)
    bands = -(-flat.columns() // layout.per_band)
    assert width <= MAX_WIDTH and bands >= 2 and height > bands * 0.5
    assert layout.per_band * bands - flat.columns() < bands  # the last band is as full as the others, or one short
    assert fitting_band(graph, flat, None, band_pitch(graph, flat)[0]) == layout.per_band


def test_columns_in_bands_stand_a_gap_apart_and_rows_hold_the_tallest_box():
    graph = chain(25)
    flat = layered_layout(graph)
    column, row = band_pitch(graph, flat)
    widths = sorted(box_size(graph, node)[0] for node in graph.nodes.values())
    assert column >= (widths[-1] + widths[-2]) / 2 + BAND_GAP - 1e-9
    assert row >= max(box_size(graph, node)[1] for node in graph.nodes.values())


def test_a_label_on_an_arrow_widens_the_columns():
    graph = chain(25)
    flat = layered_layout(graph)
    labels = {edge: "← 0.123456 + 0.654321" for edge in graph.edges()}
    assert band_pitch(graph, flat, labels)[0] > band_pitch(graph, flat)[0] + 40


def test_a_graph_that_fits_one_band_at_closer_columns_is_not_cut():
    graph = chain(4)  # 9 columns: too wide at 2.2 inches a column, not at the closer spacing
    flat = layered_layout(graph)
    layout, (width, _) = page_layout(graph, flat)
    assert figure_size(graph, flat)[0] > MAX_WIDTH >= width
    assert layout.per_band == flat.columns() and fitting_band(graph, flat, None, band_pitch(graph, flat)[0]) is None
