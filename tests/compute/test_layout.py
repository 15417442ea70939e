"""autograd_lessons.compute.layout: every arrow goes rightwards and no two things share a place."""

import pytest
import torch

from autograd_lessons.compute.graph import build_graph
from autograd_lessons.compute.layout import Bands, layered_layout


def loop_graph():
    x = torch.tensor(1.2, requires_grad=True)
    h = x * 2
    for _ in range(3):
        h = h * x
    return build_graph(torch.sin(h) + h**2, names={})


def seed_graph():
    x = torch.tensor(3.0, requires_grad=True)
    return build_graph(x**2 + 2 * x + 1, names={})


def two_leaf_graph():
    x, y = torch.tensor(2.0, requires_grad=True), torch.tensor(3.0, requires_grad=True)
    return build_graph(x * y + y**2, names={})


GRAPHS = [seed_graph, loop_graph, two_leaf_graph]


@pytest.mark.parametrize("make", GRAPHS)
def test_output_is_rightmost_and_alone(make):
    graph = make()
    positions = layered_layout(graph).positions
    last = max(column for column, _ in positions.values())
    assert [key for key, (column, _) in positions.items() if column == last] == [graph.output]


@pytest.mark.parametrize("make", GRAPHS)
def test_every_route_steps_one_column_to_the_right(make):
    graph = make()
    layout = layered_layout(graph)
    assert set(layout.routes) == set(graph.edges())
    for (source, target), route in layout.routes.items():
        assert route[0] == layout.positions[source] and route[-1] == layout.positions[target]
        columns = [column for column, _ in route]
        assert columns == list(range(columns[0], columns[-1] + 1))


@pytest.mark.parametrize("make", GRAPHS)
def test_nothing_shares_a_place(make):
    layout = layered_layout(make())
    nodes = set(layout.positions.values())
    assert len(nodes) == len(layout.positions)
    for route in layout.routes.values():
        assert not nodes.intersection(route[1:-1])  # lanes never run through a box


def test_the_seed_graph_is_four_columns_with_pow_and_mul_side_by_side():
    graph = seed_graph()
    positions = layered_layout(graph).positions
    by_op = {}
    for key, node in graph.nodes.items():
        by_op.setdefault(node.op, []).append(positions[key])
    assert by_op["AccumulateGrad"][0][0] == 0
    assert by_op["PowBackward0"][0][0] == by_op["MulBackward0"][0][0] == 1
    assert by_op["PowBackward0"][0][1] != by_op["MulBackward0"][0][1]
    assert positions[graph.output][0] == 3


def test_layout_is_reproducible():
    assert layered_layout(loop_graph()) == layered_layout(loop_graph())


def test_arrows_from_one_node_share_one_lane():
    x, w = torch.tensor(0.3, requires_grad=True), torch.tensor(1.1, requires_grad=True)
    h = x
    for _ in range(20):
        h = (h * w).sin()
    layout = layered_layout(build_graph(h, names={}))
    lanes = {point for (source, _), route in layout.routes.items() for point in route[1:-1]}
    columns = layout.columns()
    assert len(lanes) < columns  # one waypoint per column crossed, not one per arrow and column
    assert layout.rows() <= 3  # w's lane runs beside the chain: the picture stays low


def test_rows_start_at_zero_and_a_chain_is_one_row():
    x = torch.tensor(0.3, requires_grad=True)
    h = x
    for _ in range(30):
        h = h.sin()
    layout = layered_layout(build_graph(h, names={}))
    assert {row for _, row in layout.positions.values()} == {0}
    assert layout.columns() == 31 and layout.rows() == 1


def value_chain(steps=30):
    """A chain with a fresh leaf at every step (h * w + b, w and b new leaves): igraph's rows climb like stairs."""
    h = torch.tensor(0.5, requires_grad=True)
    for _ in range(steps):
        h = h * torch.tensor(1.1, requires_grad=True) + torch.tensor(0.1, requires_grad=True)
    return build_graph(h, names={})


def shared_weight_chain(steps=20):
    x, w = torch.tensor(0.3, requires_grad=True), torch.tensor(1.1, requires_grad=True)
    h = x
    for _ in range(steps):
        h = (h * w).sin()
    return build_graph(h, names={})


BANDED = [(value_chain, 7), (shared_weight_chain, 6), (loop_graph, 2)]


@pytest.mark.parametrize("make, per_band", BANDED)
def test_bands_hold_their_columns_and_stack_downwards(make, per_band):
    graph = make()
    flat, layout = layered_layout(graph), layered_layout(graph, bands=Bands(per_band, gap=0.5))
    assert layout.per_band == per_band and layout.columns() == per_band
    band_of = {key: column // per_band for key, (column, _) in flat.positions.items()}
    spans = {}
    for key, (column, row) in layout.positions.items():
        assert column == flat.positions[key][0] % per_band
        low, high = spans.get(band_of[key], (row, row))
        spans[band_of[key]] = (min(low, row), max(high, row))
    ordered = [spans[band] for band in sorted(spans)]
    assert min(point[1] for route in layout.routes.values() for point in route if len(point) == 2) == 0
    for (_, bottom), (top, _) in zip(ordered, ordered[1:]):
        assert top >= bottom + 1.5  # a row and the gap between two bands


@pytest.mark.parametrize("make, per_band", BANDED)
def test_an_arrow_from_a_bands_end_is_carried_round_into_the_next_bands_start(make, per_band):
    graph = make()
    layout = layered_layout(graph, bands=Bands(per_band, gap=0.5, below=0.7, entry=-0.5))
    carried = 0
    for (source, target), route in layout.routes.items():
        assert route[0] == layout.positions[source] and route[-1] == layout.positions[target]
        for i, (a, b) in enumerate(zip(route, route[1:])):
            if len(a) == 2 and len(b) == 2:
                assert b[0] == a[0] + 1  # within a band: one column to the right
            elif len(a) == 2:  # a carry starts: four Turns, from the band's last column to the next band's first
                right, down, left, level = route[i + 1: i + 5]
                after = route[i + 5]
                assert a[0] == per_band - 1 and after[0] == 0 and after[1] > a[1]
                assert right.row == a[1] and right.column == down.column == per_band - 0.5 and right.dx == down.dx
                assert down.row == left.row and down.in_gap and left.in_gap and down.dy == left.dy
                assert left.column == level.column == -0.5 and left.dx == level.dx and level.row == after[1]
                assert a[1] < down.row < after[1]  # below the band it leaves, above the one it enters
                carried += 1
    assert carried >= len(graph.nodes) // (2 * per_band) - 1


def test_the_arrows_carried_past_one_break_run_side_by_side_without_crossing():
    layout = layered_layout(shared_weight_chain(), bands=Bands(6))
    carries = {}
    for route in layout.routes.values():
        for i, point in enumerate(route):
            if len(point) > 2 and not point.in_gap and point.dx > 0:  # the first Turn of a carry
                carries[route[i - 1], route[i + 4]] = route[i: i + 4]
    by_break = {}
    for (start, end), turns in carries.items():
        by_break.setdefault(turns[1].row, []).append((start[1], end[1], turns))
    assert by_break and max(len(c) for c in by_break.values()) == 2  # the chain and the weight's lane
    for crossing in by_break.values():
        crossing.sort(key=lambda c: c[0])  # from the top row down
        tracks = [(turns[0].dx, turns[1].dy, turns[2].dx) for _, _, turns in crossing]
        assert len(set(tracks)) == len(tracks)
        for (a_out, a_in, a), (b_out, b_in, b) in zip(crossing, crossing[1:]):
            assert a[0].dx > b[0].dx and a[1].dy > b[1].dy and a[2].dx > b[2].dx  # outer, lower, inner


def test_a_band_keeps_a_chain_on_one_row_with_its_leaves_beside_it():
    graph = value_chain()
    flat, layout = layered_layout(graph), layered_layout(graph, bands=Bands(7))
    chain_rows, all_rows = {}, {}
    for key, (column, row) in layout.positions.items():
        band = flat.positions[key][0] // 7
        all_rows.setdefault(band, set()).add(row)
        if not graph.nodes[key].is_leaf:
            chain_rows.setdefault(band, set()).add(round(row, 3))
    assert all(len(rows) == 1 for rows in chain_rows.values())  # level arrows along the chain, band after band
    assert max(max(rows) - min(rows) for rows in all_rows.values()) <= 2.5  # the chain, a leaf above and below


def test_a_layout_that_fits_one_band_is_not_cut():
    graph = loop_graph()
    assert layered_layout(graph, bands=Bands(50)) == layered_layout(graph)
