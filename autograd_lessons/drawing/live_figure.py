"""A figure that stays alive between slider moves and renders itself to PNG bytes, fast.

Used by every explorer. The figure and its artists are created once; a slider
move only changes the data of a few "moving" artists (a tangent, a point, an
arrow). Everything else is drawn once and kept as a background bitmap, so a
frame costs a copy, the moving artists and a PNG encoding. The frame goes to
the browser as the value of an ``ipywidgets.Image``.

Why not the alternatives, measured on the tangent explorer's figure on a 2-core
machine: a frame here takes about 5 ms in the kernel; an ``interact`` that
rebuilds the figure and shows it through an Output widget about 85 ms (``make
bench``); ipympl 0.10, which redraws the whole figure with Agg and sends a diff
image after the browser asks for it, about 30 ms, and it is one more package
whose stored output (a base64 PNG inside text/html) nbval would compare.
"""

import io
import warnings

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class LiveFigure:
    """A matplotlib Figure (never shown by pyplot) that renders to PNG bytes.

    >>> live = LiveFigure(figsize=(6, 4))
    >>> ax = live.figure.add_subplot()
    >>> point, = ax.plot([0], [0], "o")
    >>> live.moving(point)              # redrawn every frame, over a cached background
    >>> point.set_data([1], [1]); png = live.render()
    >>> ax.set_xlim(-5, 5); live.refresh()   # something in the background changed
    """

    def __init__(self, figsize=(6, 4), dpi=100):
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.figure)
        self._moving = []
        self._background = None

    def moving(self, *artists):
        """Mark artists that change on every frame; they are drawn over the cached background."""
        for artist in artists:
            artist.set_animated(True)
            self._moving.append(artist)
        self.refresh()

    def forget_moving(self):
        """Stop redrawing the moving artists (call before ``ax.clear()`` throws them away)."""
        for artist in self._moving:
            artist.set_animated(False)
        self._moving.clear()
        self.refresh()

    def refresh(self):
        """Forget the cached background: call after changing anything that is not moving."""
        self._background = None

    def render(self):
        """Return the current picture as PNG bytes, redrawing only what has to be redrawn.

        A character the font has no glyph for (a learner may type one in a text box that becomes a title) is drawn
        as an empty box, without matplotlib's warning about it.
        """
        canvas = self.figure.canvas
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
            if self._background is None:
                canvas.draw()  # lays out and draws everything except the moving artists
                self._background = canvas.copy_from_bbox(self.figure.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in self._moving:
                if artist.get_visible():
                    artist.axes.draw_artist(artist)
        return png_bytes(canvas)


def png_bytes(canvas):
    """Encode what an Agg canvas holds as PNG (fast zlib level: frames are sent, not archived)."""
    buffer = io.BytesIO()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()
