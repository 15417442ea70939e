"""The layered layout of a Graph: columns by longest path, lanes for long arrows, rows from igraph.

Part of ``compute.layout`` (its docstring tells the whole story); ``bands`` cuts a deep one into bands.
"""

from dataclasses import dataclass

from .bands import banded, carries
from .rows import sugiyama_rows


@dataclass
class Layout:
    """positions: {key: (column, row)} of the nodes; routes: {(source, target): [(column, row) or Turn, ...]}.

    A route steps one column at a time; cut into bands, it may also pass the four Turns of a carry.
    per_band: the columns of one band when the layout is cut into bands (None: one band).
    """

    positions: dict
    routes: dict
    per_band: int = None

    def columns(self):
        """Return how many columns the layout spans (those of one band, when cut into bands)."""
        return int(max(column for column, _ in self.positions.values())) + 1

    def rows(self):
        """Return how many rows the layout spans, waypoints included (rows may be half-integers)."""
        return max(p[1] for route in [list(self.positions.values()), *self.routes.values()] for p in route) + 1


def layered_layout(graph, maxiter=100, bands=None):
    """Return the Layout of graph: column 0 holds the leaves, the last column the output alone.

    bands (a Bands) cuts it into bands of bands.per_band columns, stacked downwards, each laid
    out on its own, with a stand-in left of its first column for every arrow carried in.
    """
    column_of = _columns(graph)
    inputs = {key: list(dict.fromkeys(node.inputs)) for key, node in graph.nodes.items()}
    lanes = _add_lanes(graph, column_of, inputs)
    keys = list(graph.nodes) + sorted(column_of.keys() - graph.nodes.keys(), key=lambda w: (w[2], w[1]))
    paths = {edge: [edge[0], *lanes.get(edge, []), edge[1]] for edge in graph.edges()}
    if bands is None or bands.per_band > max(column_of.values()):
        everything = sugiyama_rows(keys, inputs, column_of, maxiter)
        return Layout({key: everything[key] for key in graph.nodes},
                      {edge: [everything[k] for k in path] for edge, path in paths.items()})
    per_band = bands.per_band
    everything, track_rows = banded(keys, inputs, column_of, bands, maxiter)
    carried = carries(everything, {(a, b) for path in paths.values() for a, b in zip(path, path[1:])
                                    if column_of[a] // per_band != column_of[b] // per_band},
                       column_of, bands, track_rows)
    routes = {}
    for edge, path in paths.items():
        routes[edge] = [everything[path[0]]]
        for a, b in zip(path, path[1:]):
            routes[edge] += carried.get((a, b), []) + [everything[b]]
    return Layout({key: everything[key] for key in graph.nodes}, routes, per_band)


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
