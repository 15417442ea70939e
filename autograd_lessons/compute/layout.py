"""Where each node of a Graph goes on the page: a small layered layout, no Graphviz needed.

Columns follow the forward pass: leaves on the left, the output on the right.
A node's column is set by its longest path to the output, so every arrow points
rightwards. An arrow that skips columns (a leaf used again and again in a loop)
travels along a lane of waypoints of its own, one per column it crosses, so it
never runs through another box. Within a column, nodes and waypoints are
ordered by the average row of their neighbours (the barycenter heuristic).
"""

from dataclasses import dataclass


@dataclass
class Layout:
    """positions: {key: (column, row)} of the nodes; routes: {(source, target): [(column, row), ...]}."""

    positions: dict
    routes: dict


def layered_layout(graph, sweeps=4):
    """Return the Layout of graph: column 0 holds the leaves, the last column the output."""
    column_of = _columns(graph)
    inputs = {key: list(node.inputs) for key, node in graph.nodes.items()}
    lanes = _add_lanes(graph, column_of, inputs)
    columns = [[] for _ in range(max(column_of.values()) + 1)]
    waypoints = sorted(column_of.keys() - graph.nodes.keys(), key=lambda w: (w[2], w[1]))
    for key in list(graph.nodes) + waypoints:
        columns[column_of[key]].append(key)
    users = {key: [] for key in column_of}
    for target, sources in inputs.items():
        for source in sources:
            users[source].append(target)
    for sweep in range(sweeps):
        forward = sweep % 2 == 0  # alternate: order by inputs, then by users
        neighbours = inputs if forward else users
        for column in columns[1:] if forward else columns[-2::-1]:
            row = {key: r for key, (_, r) in _positions(columns).items()}
            column.sort(key=lambda k: _mean([row[n] for n in neighbours[k]], row[k]))
    everything = _positions(columns)
    positions = {key: everything[key] for key in graph.nodes}
    routes = {
        (source, target): [everything[k] for k in [source, *lanes.get((source, target), []), target]]
        for source, target in graph.edges()
    }
    return Layout(positions, routes)


def _columns(graph):
    """Column of each node: the deepest node (longest path to the output) goes leftmost."""
    depth = {graph.output: 0}
    for key in _topological_order(graph):
        for child in graph.nodes[key].inputs:
            depth[child] = max(depth.get(child, 0), depth[key] + 1)
    deepest = max(depth.values())
    return {key: deepest - d for key, d in depth.items()}


def _add_lanes(graph, column_of, inputs):
    """Give each source of a long arrow one waypoint per column its arrows cross.

    Adds the waypoints to column_of and inputs (as tiny nodes) and returns
    {(source, target): [waypoint keys]} for every arrow that skips a column.
    """
    lanes = {}
    for source, target in graph.edges():
        start, end = column_of[source], column_of[target]
        if end - start < 2:
            continue
        waypoints = [("lane", source, c) for c in range(start + 1, end)]
        for previous, waypoint in zip([source] + waypoints, waypoints):
            if waypoint not in column_of:
                column_of[waypoint] = waypoint[2]
                inputs[waypoint] = [previous]
        inputs[target] = [waypoints[-1] if k == source else k for k in inputs[target]]
        lanes[(source, target)] = waypoints
    return lanes


def _topological_order(graph):
    """Output first; a node comes only after every node that uses it."""
    users = {key: 0 for key in graph.nodes}
    for source, _ in graph.edges():
        users[source] += 1
    ready, order = [graph.output], []
    while ready:
        key = ready.pop()
        order.append(key)
        for child in graph.nodes[key].inputs:
            users[child] -= 1
            if users[child] == 0:
                ready.append(child)
    return order


def _positions(columns):
    tallest = max(len(column) for column in columns)
    return {
        key: (c, r + (tallest - len(column)) / 2)
        for c, column in enumerate(columns)
        for r, key in enumerate(column)
    }


def _mean(values, default):
    return sum(values) / len(values) if values else default
