"""autograd_lessons.compute.layout: every arrow goes rightwards and no two things share a place."""

import pytest
import torch

from autograd_lessons.compute.graph import build_graph
from autograd_lessons.compute.layout import layered_layout


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
