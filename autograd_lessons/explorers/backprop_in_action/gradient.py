"""Lesson 5's gradient explorer: slide x and y over the contours of z = x·y + y² and watch the gradient arrow.

The maths is ``descent.gradient_readout`` (two leaves, one ``z.backward()``);
this module wires two sliders to it. The contours are drawn once, as the
background; only the arrow and the point move.
"""

import math

import ipywidgets as widgets
from matplotlib.patches import FancyArrowPatch

from ...compute.backprop_in_action import gradient_readout, saddle, surface
from ...drawing.live_figure import LiveFigure
from ..common import guarded, message_html, picture, readout_html, show
from ...compute.numbers import number

REACH = 0.45  # the arrow's length on the map is REACH * sqrt(length of the gradient), at most one unit
LIMITS = (-4.0, 4.0)  # the map; the sliders stop a unit short of its edges, so the arrow fits
LEVELS = [-3, -2, -1, 0, 1, 2, 4, 8, 12, 16, 20, 24, 28]


class GradientExplorer(widgets.VBox):
    """The widget; its controls are the sliders ``x`` and ``y``."""

    def __init__(self, x=2.0, y=3.0):
        slider = dict(min=LIMITS[0] + 1, max=LIMITS[1] - 1, step=0.1, readout_format=".1f", continuous_update=True,
                      layout=widgets.Layout(width="420px"))
        self.x = widgets.FloatSlider(value=x, description="x", **slider)
        self.y = widgets.FloatSlider(value=y, description="y", **slider)
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.live, self.artists = self._figure()
        self.image = picture(self.live)
        super().__init__([
            self.x, self.y,
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        self.x.observe(self._on_move, "value")
        self.y.observe(self._on_move, "value")
        self._on_move()

    def _figure(self):
        live = LiveFigure(figsize=(4.8, 4.5))
        ax = live.figure.add_subplot()
        xs, ys, z = surface(saddle, LIMITS, LIMITS)
        ax.contourf(xs, ys, z, levels=[-4] + LEVELS + [32], cmap="viridis", alpha=0.25)
        contours = ax.contour(xs, ys, z, levels=LEVELS, cmap="viridis", linewidths=0.8)
        ax.clabel(contours, fontsize=7)
        arrow = FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=16, color="C3", linewidth=2,
                                zorder=5)
        ax.add_patch(arrow)
        point, = ax.plot([], [], "o", color="C3", markersize=4, zorder=4)
        ax.plot([], [], color="C3", linewidth=2, label="gradient (x.grad, y.grad): longer = steeper")
        ax.set(xlim=LIMITS, ylim=LIMITS, xlabel="x", ylabel="y", aspect="equal")
        ax.set_title("contours of z = x·y + y²", fontsize=10)
        ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
        live.moving(point, arrow)  # the arrow is drawn over the point, so a short one still shows
        return live, {"ax": ax, "contours": contours, "arrow": arrow, "point": point}

    @guarded
    def _on_move(self, change=None):
        readout = gradient_readout(self.x.value, self.y.value)
        self._draw(readout)
        self.readout.value = readout_html([
            ("z = x·y + y²", number(readout.z, 5)),
            ("x.grad  (∂z/∂x)", number(readout.dz_dx, 5)),
            ("by hand:  y", number(readout.by_hand_dx, 5)),
            ("y.grad  (∂z/∂y)", number(readout.dz_dy, 5)),
            ("by hand:  x + 2y", number(readout.by_hand_dy, 5)),
            ("length of the gradient", number(readout.length, 4)),
        ]) + _code(readout)
        self.message.value = message_html(*_remark(readout))

    def _draw(self, readout):
        arrow, point = self.artists["arrow"], self.artists["point"]
        start = (readout.x, readout.y)
        end = arrow_end(readout)
        arrow.set_positions(start, end)
        arrow.set_visible(readout.length > 1e-6)
        pixels = math.dist(*self.artists["ax"].transData.transform([start, end]))
        arrow.set_mutation_scale(min(16.0, max(4.0, 0.6 * pixels)))  # a short arrow gets a small head
        point.set_data([readout.x], [readout.y])
        show(self.image, self.live)


def arrow_end(readout):
    """Where the arrow from (x, y) ends: along the gradient, longer where it is steeper, always on the map.

    The length grows like the square root of the gradient's, so that a gentle
    slope near the saddle still shows its direction and a steep one stays on the map.
    """
    if readout.length == 0:
        return readout.x, readout.y
    reach = min(1.0, REACH * math.sqrt(readout.length)) / readout.length
    return readout.x + reach * readout.dz_dx, readout.y + reach * readout.dz_dy


def _code(readout):
    """The lesson's cell, at this point: what the explorer ran to fill x.grad and y.grad."""
    lines = [f"x = torch.tensor({_literal(readout.x)}, requires_grad=True)",
             f"y = torch.tensor({_literal(readout.y)}, requires_grad=True)", "z = x * y + y**2", "z.backward()"]
    return ("<div style='color:#555;margin-top:6px'>the code this ran:</div>"
            f"<pre style='margin:2px 0;font-size:0.85em;line-height:1.3'>{chr(10).join(lines)}</pre>")


def _literal(value):
    """A float as the learner would type it: 2.0, -0.3 (a float, so requires_grad=True is allowed)."""
    text = f"{round(value, 4):g}"
    return text if any(c in text for c in ".en") else f"{text}.0"


def _remark(readout):
    """A sentence for the special places: the flat saddle point and the lines where one partial is 0."""
    if readout.length <= 1e-6:
        return ("Both grads are 0: the ground is flat here. This is a saddle point: z rises in some directions "
                "and falls in others, so it is not a bottom.", "warning")
    if math.isclose(readout.dz_dx, 0.0, abs_tol=1e-6):
        return ("x.grad is 0 (because y = 0): moving x alone does not change z, "
                "so the arrow points along y.", "info")
    if math.isclose(readout.dz_dy, 0.0, abs_tol=1e-6):
        return ("y.grad is 0 (because x + 2y = 0): moving y alone does not change z, "
                "so the arrow points along x.", "info")
    return "", "info"


def gradient_explorer(x=2.0, y=3.0):
    """Return Lesson 5's gradient explorer: contours of z = x·y + y² and the arrow (x.grad, y.grad) at (x, y)."""
    return GradientExplorer(x, y)
