"""Lesson 10's curvature explorer: slide a point over the valley, see its Hessian's shape, a gradient and a Newton step.

The maths is ``compute.beyond_one_gradient.curvature.second_order`` (the gradient and the Hessian at the point)
and ``curvature_curves`` (the level curves of ½ dᵀHd: an ellipse where the
valley bends up every way, hyperbolas at a saddle). The contours are drawn once, as
the background; a move only changes the data of a few lines and markers. Where the
Hessian is singular there is no Newton step: its arrow is hidden and the message says why.
A start value that is not a number, or lies off a slider, gets a sentence on the note
line saying where the explorer started instead.
"""

import math
import numbers

import ipywidgets as widgets

from ...compute.beyond_one_gradient.curvature import (curvature_curves, curvature_remark, curvature_segments,
                                                        second_order, valley)
from ...drawing.beyond_one_gradient import BENDS, STEP_COLOURS, plot_contours
from ...drawing.live_figure import LiveFigure
from ..common import guarded, message_html, picture, readout_html, show
from ...compute.numbers import number

XLIM, YLIM = (-2.0, 2.0), (-1.0, 3.0)
LR = (0.001, 0.1)  # the learning-rate slider's range (log scale)


class CurvatureExplorer(widgets.VBox):
    """The widget; its controls are the sliders ``x``, ``y`` and ``lr`` (the gradient step's learning rate)."""

    def __init__(self, x=-1.0, y=0.5, lr=0.02):
        (x, y, lr), notes = zip(start_value("x", x, XLIM[0] + 0.2, XLIM[1] - 0.2, -1.0),
                                start_value("y", y, YLIM[0] + 0.2, YLIM[1] - 0.2, 0.5),
                                start_value("lr", lr, *LR, 0.02))
        slider = dict(step=0.05, readout_format=".2f", continuous_update=True, layout=widgets.Layout(width="360px"))
        self.x = widgets.FloatSlider(value=x, min=XLIM[0] + 0.2, max=XLIM[1] - 0.2, description="x", **slider)
        self.y = widgets.FloatSlider(value=y, min=YLIM[0] + 0.2, max=YLIM[1] - 0.2, description="y", **slider)
        self.lr = widgets.FloatLogSlider(value=lr, base=10, min=math.log10(LR[0]), max=math.log10(LR[1]), step=0.1,
                                         description="lr", readout_format=".3f", continuous_update=True,
                                         layout=widgets.Layout(width="360px"))
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.note = widgets.HTML(message_html(" ".join(note for note in notes if note), "warning"))
        self.live, self.artists = self._figure()
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([self.x, self.y]), self.lr,
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
            self.note,
        ])
        for control in (self.x, self.y, self.lr):
            control.observe(self._on_move, "value")
        self._on_move()

    def _figure(self):
        live = LiveFigure(figsize=(4.6, 4.6), dpi=90)
        ax = live.figure.add_subplot()
        plot_contours(ax, XLIM, YLIM)
        a = {"ax": ax}
        a["shape"] = [ax.plot([], [], color="#444", linewidth=1.2, linestyle="--")[0] for _ in range(4)]
        a["bars"] = [ax.plot([], [], linewidth=3, solid_capstyle="round")[0] for _ in range(2)]
        for method in STEP_COLOURS:
            a[method] = ax.plot([], [], color=STEP_COLOURS[method], linewidth=2)[0]
            a[method + "-end"] = ax.plot([], [], "o", color=STEP_COLOURS[method], markersize=5,
                                         label=f"{method} step")[0]
        a["point"] = ax.plot([], [], "o", color="k", markersize=5)[0]
        ax.set_title("f = (1 − x)² + 5 (y − x²)²: curvature and two steps", fontsize=9)
        ax.legend(loc="lower right", fontsize=7, framealpha=0.9)
        live.moving(*a["shape"], *a["bars"], a["gradient"], a["newton"], a["gradient-end"], a["newton-end"],
                    a["point"])
        return live, a

    @guarded
    def _on_move(self, change=None):
        if change is not None:
            self.note.value = ""  # the start value's note is about the start only
        reading = second_order((self.x.value, self.y.value), lr=self.lr.value)
        self._draw(reading)
        self.readout.value = readout_html(readout_rows(reading))
        self.message.value = message_html(*curvature_remark(reading))

    def _draw(self, reading):
        a = self.artists
        curves = curvature_curves(reading)
        for k, line in enumerate(a["shape"]):
            line.set_data(*(curves[k] if k < len(curves) else ([], [])))
        for line, (start, end, curvature) in zip(a["bars"], curvature_segments(reading)):
            line.set_data([start[0], end[0]], [start[1], end[1]])
            line.set_color(BENDS[curvature > 0])
        px, py = reading.point.tolist()
        for method, target in (("gradient", reading.gradient_step), ("newton", reading.newton_step)):
            if target is None:  # a singular Hessian: no Newton step to draw
                a[method].set_data([], [])
                a[method + "-end"].set_data([], [])
                continue
            tx, ty = target.tolist()
            a[method].set_data([px, tx], [py, ty])
            a[method + "-end"].set_data([tx], [ty])
        a["point"].set_data([px], [py])
        show(self.image, self.live)


def readout_rows(reading):
    """Return the readout table's rows: f, the gradient, the Hessian, its curvatures and f after each step."""
    g, h, c = reading.gradient.tolist(), reading.hessian.tolist(), reading.curvatures.tolist()
    if reading.singular:  # the flat curvature is 0 up to rounding: show it as 0
        c = [0.0 if abs(v) == min(map(abs, c)) else v for v in c]
    newton = "none: H is singular" if reading.singular else number(valley(reading.newton_step).item(), 5)
    return [("f(x, y)", number(reading.value, 5)),
            ("gradient", f"({number(g[0], 4)}, {number(g[1], 4)})"),
            ("Hessian", f"[[{number(h[0][0], 4)}, {number(h[0][1], 4)}], "
                        f"[{number(h[1][0], 4)}, {number(h[1][1], 4)}]]"),
            ("curvatures", f"{number(c[0], 4)}, {number(c[1], 4)}"),
            ("f after the gradient step", number(valley(reading.gradient_step).item(), 5)),
            ("f after the Newton step", newton)]


def start_value(name, value, low, high, default):
    """Return (the start value a slider can take, "" or a sentence saying why it is not `value`)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        shown = repr(value) if isinstance(value, (str, bool)) or value is None else str(value)
        return default, f"{name} = {shown[:30]} is not a number: the explorer starts at {name} = {default:g}."
    if name == "lr" and value <= 0:
        return low, (f"lr = {value:g} is not a learning rate: a step goes against the gradient by a positive amount. "
                     f"The explorer starts at lr = {low:g}, the smallest on its slider.")
    if not low <= value <= high:
        start = min(max(value, low), high)
        return start, (f"{name} = {value:g} is off the slider, which runs from {low:g} to {high:g}: the explorer "
                       f"starts at {name} = {start:g}, the nearest.")
    return float(value), ""


def curvature_explorer(x=-1.0, y=0.5, lr=0.02):
    """Return Lesson 10's curvature explorer: a point on the valley, its Hessian's shape, both steps."""
    return CurvatureExplorer(x, y, lr)
