"""The rows of a layered layout: igraph orders each column; in a band, the rows are then set so arrows run level.

Part of ``compute.layout``. igraph's Sugiyama layout cuts crossings well but, on a chain
fed by a fresh leaf at every step, lets the chain climb a row a column, a staircase that
a band cut from a deep graph cannot afford; ``straightened`` keeps igraph's order in each
column and moves the rows so that each box lines up with what feeds it.
"""


def sugiyama_rows(keys, inputs, column_of, maxiter):
    """Return {key: (column, row)}: igraph orders each column to cut crossings; the top row is 0."""
    import igraph  # ~0.2 s the first time, so only when a graph is laid out

    index = {key: i for i, key in enumerate(keys)}
    edges = [(index[source], index[target]) for target, sources in inputs.items() if target in index
             for source in sources if source in index]
    drawn = igraph.Graph(n=len(keys), edges=edges, directed=True)
    coordinates = drawn.layout_sugiyama(layers=[column_of[key] for key in keys], maxiter=maxiter).coords
    top = min(x for x, _ in coordinates[: len(keys)])
    return {key: (column_of[key], x - top) for key, (x, _) in zip(keys, coordinates)}


def straightened(placed, inputs, sweeps=5):
    """Return {key: row}: igraph's order in each column kept, the rows moved so that arrows run level.

    Sweeping forwards, each box is drawn towards the rows of its inputs, backwards towards its users,
    leaving out the lighter ones when there are heavier (a leaf sits beside its user rather than pull
    it; a lane's waypoint follows its own lane). Each column's rows are then the closest to
    those wishes that keep its order and one row between neighbours (least squares, pool adjacent
    violators), a lane's waypoints weighing most, so a chain stays on one row instead of drifting.
    """
    layers = {}
    for key, (column, row) in placed.items():
        layers.setdefault(column, []).append(key)
    layers = [sorted(layers[c], key=lambda k: placed[k][1]) for c in sorted(layers)]
    users = {key: [] for key in placed}
    for key, sources in inputs.items():
        for source in sources:
            users[source].append(key)
    rows = {key: row for key, (_, row) in placed.items()}
    weight = {key: _weight(key, inputs) for key in placed}
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        for layer in layers if forward else layers[::-1]:
            wishes = []
            for key in layer:
                near = inputs.get(key, []) if forward else users[key]
                near = [n for n in near if weight[n] > weight[key] / 2] or near  # a lane follows its own lane
                wishes.append(sum(rows[n] for n in near) / len(near) if near else rows[key])
            rows.update(zip(layer, _closest_rows(wishes, [weight[key] for key in layer])))
    return rows


def _weight(key, inputs):
    """How strongly a box keeps its wished row: a lane's waypoint most, a leaf (nothing feeds it) hardly."""
    if isinstance(key, tuple) and key[0] == "lane":
        return 20.0
    return 1.0 if inputs.get(key) or isinstance(key, tuple) else 0.01


def _closest_rows(wishes, weights):
    """Return rows as close to wishes as can be (weighted least squares) with each one at least 1 below the last."""
    blocks = []  # [target, weight, count], pooled while they would break the order
    for i, (wish, weight) in enumerate(zip(wishes, weights)):
        blocks.append([wish - i, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (a, wa, na), (b, wb, nb) = blocks.pop(-2), blocks.pop()
            blocks.append([(a * wa + b * wb) / (wa + wb), wa + wb, na + nb])
    rows = []
    for target, _, count in blocks:
        rows += [target + len(rows) + j for j in range(count)]
    return rows
