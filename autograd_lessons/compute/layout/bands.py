"""A layered layout cut into bands of columns, stacked downwards like lines of text, its carried arrows routed.

Part of ``compute.layout``. Each band is laid out on its own (``rows``), with a stand-in
left of its first column for every arrow carried into it; an arrow from a band's last
column into the next band's first turns four times (``Turn``): down a track of its own
beside the band, left along the gap below it, down beside the next band, into its box.
"""

from itertools import combinations
from typing import NamedTuple

from .rows import straightened, sugiyama_rows


class Turn(NamedTuple):
    """A corner of an arrow carried from the end of one band to the start of the next.

    It lies at (column, row) moved dx tracks rightwards and dy tracks downwards (a track is
    a few points, ``graph_arrows.TRACK``); in_gap: it lies in the gap below a band, not on its arrow's row.
    """

    column: float
    row: float
    dx: float
    dy: float
    in_gap: bool


class Bands(NamedTuple):
    """How a layout is cut into bands: per_band columns each, stacked downwards with gap extra rows between two.

    below: how far under a band's last row its carried arrows run, in rows; entry and exit: the
    columns (left of the first, right of the last) where they go down beside the bands.
    """

    per_band: int
    gap: float = 0.0
    below: float = 0.5
    entry: float = -0.5
    exit: float = None  # None: half a column right of the last


def banded(keys, inputs, column_of, bands, maxiter):
    """Lay out each band of per_band columns on its own, stacked downwards.

    Return ({key: (column in its band, row)}, {band: the row its carried arrows run along}).
    An arrow carried into a band starts from a stand-in left of its first column, so igraph
    orders that column by where the carried arrows come in; a band is turned upside down when
    that keeps the carried arrows in the order they left the band above (fewer crossings beside it).
    """
    per_band, members = bands.per_band, {}
    for key in keys:
        members.setdefault(column_of[key] // per_band, []).append(key)
    placed, track_rows, top = {}, {}, 0.0
    for band in sorted(members):
        own, carried_in = set(members[band]), []
        local = {key: column_of[key] - band * per_band + 1 for key in members[band]}  # column 0: the stand-ins
        band_inputs = {}
        for key in members[band]:
            band_inputs[key] = []
            for source in inputs.get(key, []):
                if source not in own:
                    carried_in.append((source, key))
                    local.setdefault(("carried", source), 0)
                    source = ("carried", source)
                band_inputs[key].append(source)
        rows = straightened(sugiyama_rows(list(local), band_inputs, local, maxiter), band_inputs)
        rows = {key: row for key, row in rows.items() if key in own}
        low, high = min(rows.values()), max(rows.values())
        flip = _inversions(carried_in, placed, {key: high - row for key, row in rows.items()}) < \
            _inversions(carried_in, placed, rows)
        placed.update({key: (local[key] - 1, (high - row if flip else row - low) + top) for key, row in rows.items()})
        track_rows[band] = high - low + top + bands.below
        top += high - low + 1 + bands.gap
    return placed, track_rows


def _inversions(steps, placed, rows):
    """Return how many pairs of steps (a, b) leave in one order (placed[a]'s row) and arrive in the other (rows[b])."""
    return sum(1 for (a, b), (c, d) in combinations(steps, 2)
               if (placed[a][1] - placed[c][1]) * (rows[b] - rows[d]) < 0)


def carries(everything, crossing, column_of, bands, track_rows):
    """Return {(a, b): [four Turns]} for every step from a band's last column into the next band's first.

    The steps that cross one break are ordered by row: the topmost goes down the outermost track on
    the right, runs lowest in the gap and comes down the innermost track on the left.
    """
    per_band, breaks = bands.per_band, {}
    exit = per_band - 0.5 if bands.exit is None else bands.exit
    for a, b in crossing:
        breaks.setdefault(column_of[a] // per_band, []).append((a, b))
    carries = {}
    for band, steps in breaks.items():
        ordered = sorted(steps, key=lambda step: (everything[step[0]][1], everything[step[1]][1]))
        n, gap_row = len(ordered), track_rows[band]
        for j, (a, b) in enumerate(ordered):
            right, left, down = n - j - 0.5, -(j + 0.5), (n - 1) / 2 - j
            carries[a, b] = [Turn(exit, everything[a][1], right, 0.0, False), Turn(exit, gap_row, right, down, True),
                             Turn(bands.entry, gap_row, left, down, True),
                             Turn(bands.entry, everything[b][1], left, 0.0, False)]
    return carries


def carried(layout, per_band):
    """Return the most arrows that one break between two bands of per_band columns carries (layout: one band)."""
    crossing = {}
    for route in layout.routes.values():
        for a, b in zip(route, route[1:]):
            if a[0] // per_band != b[0] // per_band:
                crossing.setdefault(a[0] // per_band, set()).add((a, b))
    return max((len(steps) for steps in crossing.values()), default=0)
