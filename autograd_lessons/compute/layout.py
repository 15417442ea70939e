"""Where each node of a Graph goes on the page: igraph's layered (Sugiyama) layout, no Graphviz needed.

Columns follow the forward pass: leaves on the left, the output on the right.
A node's column is set by its longest path to the output, so every arrow points
rightwards and a leaf sits just left of the first node that uses it. An arrow
that skips columns travels through waypoints ("dummy vertices"), one per column
it crosses, so it never runs through a box; every arrow leaving one node shares
that node's waypoints, so a weight used in each of 100 steps is one lane, not
100 parallel lines. igraph then orders each column to cut crossings and spaces
the rows (``Graph.layout_sugiyama``, implemented in C).

igraph is imported on the first layout, not with the package.
"""

from dataclasses import dataclass


@dataclass
class Layout:
    """positions: {key: (column, row)} of the nodes; routes: {(source, target): [(column, row), ...]}."""

    positions: dict
    routes: dict

    def columns(self):
        """Return how many columns the layout spans."""
        return int(max(column for column, _ in self.positions.values())) + 1

    def rows(self):
        """Return how many rows the layout spans, waypoints included (rows may be half-integers)."""
        return max(row for route in [list(self.positions.values()), *self.routes.values()] for _, row in route) + 1


def layered_layout(graph, maxiter=100):
    """Return the Layout of graph: column 0 holds the leaves, the last column the output alone."""
    import igraph  # ~0.2 s the first time, so only when a graph is laid out

    column_of = _columns(graph)
    inputs = {key: list(dict.fromkeys(node.inputs)) for key, node in graph.nodes.items()}
    lanes = _add_lanes(graph, column_of, inputs)
    keys = list(graph.nodes) + sorted(column_of.keys() - graph.nodes.keys(), key=lambda w: (w[2], w[1]))
    index = {key: i for i, key in enumerate(keys)}
    edges = [(index[source], index[target]) for target, sources in inputs.items() for source in sources]
    drawn = igraph.Graph(n=len(keys), edges=edges, directed=True)
    coordinates = drawn.layout_sugiyama(layers=[column_of[key] for key in keys], maxiter=maxiter).coords
    top = min(x for x, _ in coordinates[: len(keys)])
    everything = {key: (column_of[key], x - top) for key, (x, _) in zip(keys, coordinates)}
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
    for source, target in dict.fromkeys(graph.edges()):
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
