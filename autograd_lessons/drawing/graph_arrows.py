"""The arrows of a drawn graph: one matplotlib artist that routes every arrow between the boxes.

Introduced with the igraph layout (``compute/layout.py``). Each arrow follows its
route (``Layout.routes``): it leaves its source box sideways, crosses the gap
between two columns on a slant, passes each column it skips horizontally at its
lane's row, and enters its target box from the left. Boxes sit only inside their
column's band (as wide as that column's widest box), and a slant stays in the gap
between bands, so no arrow runs through a box. In a wrapped layout an arrow that
leaves a band's last column turns down a track of its own beside the band, runs left
in the gap below it and comes down into the next band (its route's ``Turn`` corners,
each moved by whole tracks of TRACK points). The geometry is worked out when
the figure is drawn, from the boxes as they are then, so an explorer that changes
the axis limits or a box's text after ``draw_graph`` still gets arrows that end
at the boxes. All arrows are one line collection and one set of arrowheads:
drawing 300 of them costs about as much as drawing one.
"""

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.transforms import IdentityTransform

HEAD = (7.0, 2.6)  # arrowhead length and half-width, in points
MARGIN = 3.0  # points between a box and the ends of its arrows
DOUBLE = 4.0  # points between the two arrows of an input used twice (x * x)
TRACK = 5.0  # points between two carried arrows running side by side (the Turns of a layout cut into bands)


def box_extent(box, renderer):
    """Return the window extent of a text's rounded box: its text's extent plus the box's padding.

    The same as ``box.get_bbox_patch().get_window_extent(renderer)``, without measuring the curved outline.
    """
    if hasattr(box, "box_extent") and type(renderer).__name__ == "RendererAgg":
        return box.box_extent(renderer)  # a BoxText: measured once per look
    pad = box.get_bbox_patch().get_boxstyle().pad * renderer.points_to_pixels(box.get_fontsize())
    return box.get_window_extent(renderer).padded(pad)


class GraphArrows(Artist):
    """Every arrow of one drawn graph; ``polylines(renderer)`` tells where they run, in pixels."""

    def __init__(self, boxes, columns, routes, colour, linewidth=1.0):
        """boxes: {key: Text with a bbox}; columns: {key: column}; routes: [((source, target, copy), route, offset)].

        A route is [(column, row) or Turn, ...] from the source to the target (``Layout.routes``);
        offset, in points, moves the whole arrow up or down (the second arrow of ``x * x``), and
        its carried stretches beside it.
        """
        super().__init__()
        self.boxes, self.columns, self.routes = boxes, columns, routes
        self.lines = LineCollection([], colors=colour, linewidths=linewidth, transform=IdentityTransform())
        self.heads = PolyCollection([], facecolors=colour, edgecolors="none", transform=IdentityTransform())
        self.set_zorder(1)

    def edges(self):
        """Return the (source, target, copy) of every arrow, one per input of every node."""
        return [edge for edge, _, _ in self.routes]

    def polylines(self, renderer):
        """Return {(source, target, copy): [(x, y), ...]} in pixels, from the source box to the arrow's tip."""
        extents = {key: box_extent(box, renderer) for key, box in self.boxes.items()}
        margin = renderer.points_to_pixels(MARGIN)
        reach = margin + renderer.points_to_pixels(HEAD[0] + MARGIN)  # a straight stretch for the arrowhead
        to_pixels = self.axes.transData.transform
        pitch = abs(to_pixels((1, 0))[0] - to_pixels((0, 0))[0])  # pixels from one column to the next
        widest = {}
        for key, extent in extents.items():
            widest[self.columns[key]] = max(widest.get(self.columns[key], 0.0), extent.width / 2)
        # half the width of each column's band of boxes, in pixels: on the right, room for the arrowhead when there
        # is some; on the left, where arrows come in, always (a wide box beside a narrow gap keeps its arrowheads)
        band = {c: max(w + margin, min(w + reach, pitch / 2 - margin)) for c, w in widest.items()}
        into = {c: max(band[c], w + reach) for c, w in widest.items()}
        track, found = renderer.points_to_pixels(TRACK), {}
        for edge, route, offset in self.routes:
            shift = renderer.points_to_pixels(offset)
            xy = to_pixels([(point[0], -point[1]) for point in route]) + (0.0, shift)
            source, target = extents[edge[0]], extents[edge[1]]
            points = [(source.x1 + margin, xy[0][1]), (xy[0][0] + band[route[0][0]], xy[0][1])]
            for point, (x, y) in zip(route[1:-1], xy[1:-1]):
                if len(point) > 2:  # a Turn: the second arrow of x * x runs outside the first, both ways round
                    points.append((x + point.dx * track + shift, y - point.dy * track - 2 * shift * point.in_gap))
                else:
                    points += [(x - band.get(point[0], reach), y), (x + band.get(point[0], reach), y)]
            points += [(xy[-1][0] - into[route[-1][0]], xy[-1][1]), (target.x0 - margin, xy[-1][1])]
            found[edge] = points
        return found

    def draw(self, renderer):
        if not self.get_visible():
            return
        lines = self.polylines(renderer)
        length, half_width = renderer.points_to_pixels(HEAD[0]), renderer.points_to_pixels(HEAD[1])
        heads = []
        for points in lines.values():
            (x0, y0), (x1, y1) = points[-2], points[-1]
            norm = max(np.hypot(x1 - x0, y1 - y0), 1e-9)
            ux, uy = (x1 - x0) / norm, (y1 - y0) / norm
            bx, by = x1 - ux * length, y1 - uy * length
            heads.append([(x1, y1), (bx - uy * half_width, by + ux * half_width),
                          (bx + uy * half_width, by - ux * half_width)])
        self.lines.set_segments([np.asarray(points[:-1] + [heads[i][0]]) for i, points in enumerate(lines.values())])
        self.heads.set_verts(heads)
        for part in (self.lines, self.heads):
            part.set_figure(self.figure)
            part.draw(renderer)
        self.stale = False
