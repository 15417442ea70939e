"""Lesson 9's kink explorer: slide x through a kink and compare autograd's gradient with both one-sided slopes.

The maths is ``compute.kinks`` (one ``.backward()`` per position, difference quotients
for the slopes); this module only wires a dropdown, a slider and a button to it. The
figure is drawn once per function: the curve above, autograd's gradient along the whole
range below; a slider move only moves the point, the tangent and the two slope rays.
"""

import math

import ipywidgets as widgets

from ..compute.when_gradients_go_wrong import KINKS, NAMES, gradient_curve, kink_readout
from ..drawing.live_figure import LiveFigure
from .common import guarded, message_html, picture, readout_html, show

XLIM = (-2.0, 2.0)
REACH = 0.6  # how far the tangent and the slope rays reach on each side of the point
GRADIENT_CAP = 3.0  # the lower plot shows gradients up to this size (sqrt's grow without bound near 0)


class KinkExplorer(widgets.VBox):
    """The widget; its controls are ``function`` (dropdown), ``x`` (slider) and ``to_kink`` (button)."""

    def __init__(self, function=NAMES[0], x=None):
        self.function = widgets.Dropdown(options=NAMES, value=function, description="f(x) =",
                                         layout=widgets.Layout(width="300px"))
        self.x = widgets.FloatSlider(value=KINKS[function].kinks[0] if x is None else x, min=XLIM[0],
                                     max=XLIM[1], step=0.05, description="x", readout_format=".2f",
                                     continuous_update=True, layout=widgets.Layout(width="560px"))
        self.to_kink = widgets.Button(description="go to the nearest kink", layout=widgets.Layout(width="200px"))
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.live, self.artists = self._figure()
        self.redraws = 0  # how often the background was redrawn (a new function), for tests
        self._draw_function()
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([self.function, self.to_kink]),
            self.x,
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        self.function.observe(self._on_function, "value")
        self.x.observe(self._on_x, "value")
        self.to_kink.on_click(self._on_to_kink)
        self._on_x()

    def _figure(self):
        live = LiveFigure(figsize=(5.6, 4.4), dpi=80)
        top, bottom = live.figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
        curve, = top.plot([], [], color="C0", linewidth=2, label="f(x)")
        left, = top.plot([], [], color="C2", linewidth=2.5, alpha=0.8, label="slope from the left")
        right, = top.plot([], [], color="C1", linewidth=2.5, alpha=0.8, label="slope from the right")
        tangent, = top.plot([], [], color="C3", linestyle="--", label="slope = x.grad (autograd)")
        point, = top.plot([], [], "o", color="C3", zorder=4)
        gradients, = bottom.plot([], [], color="C3", linewidth=1.5)
        marks, = bottom.plot([], [], "o", markerfacecolor="white", markeredgecolor="C3", linestyle="none",
                             label="x.grad exactly at a kink")
        dot, = bottom.plot([], [], "o", color="C3", zorder=4)
        top.set_xlim(*XLIM)
        top.grid(alpha=0.3)
        top.legend(loc="upper left", fontsize=7)
        bottom.set_ylabel("x.grad", fontsize=9)
        bottom.set_xlabel("x")
        bottom.grid(alpha=0.3)
        bottom.legend(loc="upper left", fontsize=7)
        live.moving(left, right, tangent, point, dot)
        return live, {"top": top, "bottom": bottom, "curve": curve, "left": left, "right": right,
                      "tangent": tangent, "point": point, "gradients": gradients, "marks": marks, "dot": dot}

    def _draw_function(self):
        """Draw what stays while x moves: the curve, autograd's gradient everywhere, its values at the kinks."""
        name, art = self.function.value, self.artists
        xs, values, gradients = gradient_curve(name, XLIM)
        kinks = KINKS[name].kinks
        # break the gradient's line at each kink, so a jump is not drawn as a steep line; the value exactly
        # at a kink is drawn as a hollow marker instead
        curve_xs, xs = xs.tolist(), xs.tolist()
        gradients = [math.nan if any(abs(x - point) < 1e-9 for point in kinks) else g
                     for x, g in zip(xs, gradients.tolist())]
        for point in sorted(kinks, reverse=True):
            cut = next(i for i, x in enumerate(xs) if x >= point)
            xs[cut:cut] = [math.nan]
            gradients[cut:cut] = [math.nan]
        art["curve"].set_data(curve_xs, values.tolist())
        art["gradients"].set_data(xs, [g if math.isfinite(g) and abs(g) <= GRADIENT_CAP else math.nan
                                       for g in gradients])
        at = [kink_readout(name, point).gradient for point in kinks]
        art["marks"].set_data([p for p, g in zip(kinks, at) if math.isfinite(g)], [g for g in at if math.isfinite(g)])
        finite = [v for v in values.tolist() if math.isfinite(v)]
        low, high = min(finite), max(finite)
        pad = 0.12 * (high - low or 1.0)
        art["top"].set_ylim(low - pad, high + pad)
        art["top"].set_title(f"f(x) = {name}", fontsize=10)
        shown = [g for g in gradients if math.isfinite(g) and abs(g) <= GRADIENT_CAP] + [g for g in at if math.isfinite(g)]
        art["bottom"].set_ylim(min(shown + [0.0]) - 0.3, max(shown + [1.0]) + 0.3)
        self.live.refresh()
        self.redraws += 1

    @guarded
    def _on_function(self, change=None):
        self._draw_function()
        first = KINKS[self.function.value].kinks[0]
        if self.x.value == first:
            self._on_x()
        else:
            self.x.value = first  # the slider's observer redraws

    @guarded
    def _on_to_kink(self, button=None):
        kinks = KINKS[self.function.value].kinks
        self.x.value = min(kinks, key=lambda point: abs(point - self.x.value))

    @guarded
    def _on_x(self, change=None):
        readout = kink_readout(self.function.value, self.x.value)
        self._draw(readout)
        self.readout.value = readout_html(readout.rows())
        kind = "warning" if readout.at_kink else ("ok" if readout.agree else "info")
        self.message.value = message_html(readout.verdict(), kind)

    def _draw(self, readout):
        art, x, y = self.artists, readout.x, readout.value
        drawable = math.isfinite(y)
        for key, slope, xs in [("left", readout.left, [x - REACH, x]), ("right", readout.right, [x, x + REACH]),
                               ("tangent", readout.gradient, [x - REACH, x + REACH])]:
            visible = drawable and math.isfinite(slope)
            art[key].set_visible(visible)
            if visible:
                art[key].set_data(xs, [y + slope * (end - x) for end in xs])
        art["point"].set_visible(drawable)
        art["point"].set_data([x], [y])
        shown = math.isfinite(readout.gradient) and abs(readout.gradient) <= GRADIENT_CAP
        art["dot"].set_visible(shown)
        art["dot"].set_data([x], [readout.gradient])
        show(self.image, self.live)


def kink_explorer(function=NAMES[0], x=None):
    """Return Lesson 9's kink explorer: f, autograd's gradient and the slopes from both sides as x moves."""
    return KinkExplorer(function, x)
