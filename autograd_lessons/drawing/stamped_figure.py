"""A figure kept alive between frames whose changing labels are stamped: drawn once per look, then pasted.

Introduced with Lesson 8's backward replay, where every step rewrites a dozen short
labels (the gradient under each box, the number on each arrow) and drawing text is
what a frame spends its time on. Like ``live_figure.LiveFigure``, the figure is drawn
once and kept as a background bitmap, and "moving" artists (here: patches laid over
boxes) are drawn over it every frame. A *stamped* label is drawn only the first time it
shows a given look (text, colour, weight, alpha): its pixels, label and background
together, are kept, and every later frame pastes them back, a copy of a few hundred
bytes. A label is opaque (draw_graph gives each a white box), so pasting is exact as
long as two labels do not overlap.
"""

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from .live_figure import png_bytes


class StampedFigure:
    """A matplotlib Figure (never shown by pyplot) that renders to PNG bytes, pasting its labels' pixels.

    >>> live = StampedFigure(figsize=(6, 2))
    >>> ax = live.figure.add_subplot(); label = ax.text(0, 0, "", bbox=dict(facecolor="white"))
    >>> live.stamped(label)            # drawn once per look, then pasted
    >>> label.set_text("grad 8.0"); png = live.render()
    """

    def __init__(self, figsize=(6, 4), dpi=100):
        self.figure = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.figure)
        self._moving, self._labels, self._stamps, self._background = [], [], {}, None

    def moving(self, *artists):
        """Mark artists drawn over the cached background on every frame."""
        for artist in artists:
            artist.set_animated(True)
            self._moving.append(artist)
        self.refresh()

    def stamped(self, *labels):
        """Mark text artists whose look changes between frames; each look is drawn once, then pasted."""
        for label in labels:
            label.set_animated(True)
            self._labels.append(label)
        self.refresh()

    def forget_moving(self):
        """Stop drawing the moving and stamped artists (call before ``ax.clear()`` throws them away)."""
        for artist in self._moving + self._labels:
            artist.set_animated(False)
        self._moving.clear()
        self._labels.clear()
        self.refresh()

    def refresh(self):
        """Forget the background and every stamp: call after changing anything else in the figure."""
        self._background, self._stamps = None, {}

    def render(self):
        """Return the current picture as PNG bytes."""
        canvas = self.figure.canvas
        if self._background is None:
            canvas.draw()  # everything but the moving and stamped artists
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        stamps = [self._stamp(label) for label in self._labels if label.get_visible() and label.get_text()]
        canvas.restore_region(self._background)
        for artist in self._moving:
            if artist.get_visible():
                artist.axes.draw_artist(artist)
        for stamp in stamps:
            canvas.restore_region(stamp)
        return png_bytes(canvas)

    def stamps(self):
        """Return how many looks have been drawn since the last refresh (each later use is a paste)."""
        return len(self._stamps)

    def _stamp(self, label):
        look = (id(label), label.get_text(), to_rgba(label.get_color()), label.get_fontweight(), label.get_alpha())
        if look not in self._stamps:
            canvas = self.figure.canvas
            canvas.restore_region(self._background)
            label.axes.draw_artist(label)
            self._stamps[look] = canvas.copy_from_bbox(self._extent(label))
        return self._stamps[look]

    def _extent(self, label):
        """The pixels a label covers: its text and its box, plus a pixel for anti-aliasing, inside the figure."""
        renderer = self.figure.canvas.get_renderer()
        boxes = [label.get_window_extent(renderer)]
        if label.get_bbox_patch() is not None:
            boxes.append(label.get_bbox_patch().get_window_extent(renderer))
        x0, y0, x1, y1 = Bbox.union(boxes).padded(2).extents
        width, height = self.figure.canvas.get_width_height()
        return Bbox.from_extents(max(x0, 0), max(y0, 0), min(x1, width), min(y1, height))
