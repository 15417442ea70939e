"""A text in a box that Agg renders once per look and pastes after that (the boxes of a drawn graph).

Introduced with the graph drawing at network size. Rendering text is what drawing a
big graph spends its time on (about 1 ms a box here), yet a 200-node graph has a
handful of different boxes ("MulBackward0", "SinBackward0", ...). A ``BoxText``
is an ordinary matplotlib Text with a bbox (its text, extent and box patch behave as
usual), except that on an Agg canvas it keeps the pixels of each look (text, font,
colours, box style, dpi) it has drawn twice and pastes them after that (a look seen
once, such as a value that changes with a slider, is drawn as a plain Text, and so is
an animated one, which an explorer redraws every frame and compares pixel for pixel). On any other
renderer (PDF, SVG) it draws as a plain Text.
"""

from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox, IdentityTransform

_LOOKS = OrderedDict()  # look -> (RGBA pixels, anchor inside them, box extent, text layout box), from the anchor
_SEEN = OrderedDict()  # looks drawn once, plainly: the second time, they are kept
_KEEP = 512


class BoxText(Text):
    """A Text whose pixels are drawn once per look on Agg, then pasted."""

    def draw(self, renderer):
        if type(renderer) is not RendererAgg or not self.get_visible() or not self.get_text() or self.get_animated():
            return super().draw(renderer)  # an animated box (an explorer rewrites it every frame) stays exact
        x, y = self.get_transform().transform(self.get_unitless_position())
        look = self._look(renderer)
        if look not in _LOOKS and look not in _SEEN:  # a look shown once (a changing value) is drawn plainly
            _SEEN[look] = None
            if len(_SEEN) > _KEEP:
                _SEEN.popitem(last=False)
            return super().draw(renderer)
        pixels, (dx, dy), _, _ = self._pixels(renderer, x, y)
        self.update_bbox_position_size(renderer)  # the patch goes where a plain Text's draw puts it
        gc = renderer.new_gc()
        gc.set_alpha(1.0)
        renderer.draw_image(gc, round(x - dx), round(y - dy), pixels)
        gc.restore()
        self.stale = False

    def box_extent(self, renderer):
        """Return the window extent of the box (or the text, without one) on an Agg renderer.

        Like ``get_bbox_patch().get_window_extent()`` after ``update_bbox_position_size``, but the
        text is laid out once per look, not once per call.
        """
        x, y = self.get_transform().transform(self.get_unitless_position())
        if self._look(renderer) not in _LOOKS:
            extent = self.get_window_extent(renderer)
            if self._bbox_patch is None:
                return extent
            return extent.padded(self._bbox_patch.get_boxstyle().pad * renderer.points_to_pixels(self.get_size()))
        _, _, (x0, y0, width, height), _ = self._pixels(renderer, x, y)
        return Bbox.from_bounds(x + x0, y + y0, width, height)

    def update_bbox_position_size(self, renderer):
        """Place the box's patch as Text does, from the layout kept for this look (Agg only)."""
        if type(renderer) is not RendererAgg or self._bbox_patch is None or self.get_rotation() or \
                getattr(self, "_rendering", False) or self._look(renderer) not in _LOOKS:
            return super().update_bbox_position_size(renderer)
        x, y = self.get_transform().transform(self.get_unitless_position())
        *_, (x_box, y_box, w_box, h_box) = self._pixels(renderer, x, y)
        self._bbox_patch.set_bounds(0.0, 0.0, w_box, h_box)
        self._bbox_patch.set_transform(Affine2D().translate(x + x_box, y + y_box))
        self._bbox_patch.set_mutation_scale(renderer.points_to_pixels(self.get_size()))

    def _pixels(self, renderer, x, y):
        look = self._look(renderer)
        if look not in _LOOKS:
            _LOOKS[look] = self._render(renderer, x, y)
            if len(_LOOKS) > _KEEP:
                _LOOKS.popitem(last=False)
        return _LOOKS[look]

    def _look(self, renderer):
        patch = self.get_bbox_patch()
        box = None if patch is None else (
            to_rgba(patch.get_facecolor()), to_rgba(patch.get_edgecolor()), patch.get_linewidth(),
            type(patch.get_boxstyle()).__name__, tuple(sorted(vars(patch.get_boxstyle()).items())))
        return (self.get_text(), self.get_fontsize(), str(self.get_fontproperties()), to_rgba(self.get_color()),
                self.get_ha(), self.get_va(), self.get_rotation(), self.get_alpha(), box, renderer.dpi)

    def _render(self, renderer, x, y):
        """Draw this text alone on a small canvas; return its pixels and where its anchor sits in them."""
        extent = self.get_window_extent(renderer)
        _, _, ((x_box, y_box), (w_box, h_box)) = self._get_layout(renderer)
        patch = self.get_bbox_patch()
        if patch is not None:
            super().update_bbox_position_size(renderer)
            extent = patch.get_window_extent(renderer)
        margin = 3
        width, height = int(np.ceil(extent.width)) + 2 * margin, int(np.ceil(extent.height)) + 2 * margin
        dx, dy = x - extent.x0 + margin, y - extent.y0 + margin
        small = RendererAgg(width, height, renderer.dpi)
        transform, position, clip = self.get_transform(), self.get_position(), self.get_clip_on()
        try:
            self._rendering = True
            self.set_clip_on(False)  # the axes' clip path is in the big canvas's pixels
            self.set_transform(IdentityTransform())
            self.set_position((dx, dy))
            super().draw(small)
        finally:
            self._rendering = False
            self.set_clip_on(clip)
            self.set_transform(transform)
            self.set_position(position)
        pixels = np.asarray(small.buffer_rgba())[::-1].copy()  # draw_image wants the bottom row first
        return pixels, (dx, dy), (extent.x0 - x, extent.y0 - y, extent.width, extent.height), (x_box, y_box, w_box, h_box)
