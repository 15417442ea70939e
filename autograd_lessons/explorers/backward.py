"""Lesson 3's tangent explorer: slide x and watch f, the point and the tangent whose slope is x.grad.

The maths is ``tangent.tangent_readout`` (one ``.backward()``, a finite
difference, sympy); this module only wires a dropdown, a text box and a slider
to it, and moves two artists of a figure that is drawn once.
"""

import functools

import ipywidgets as widgets

from ..compute.expressions import ExpressionError, parse_expression
from ..compute.backward import curve_points, tangent_readout, y_limits
from ..drawing.live_figure import LiveFigure
from .common import first_frame, message_html, picture, readout_html, show

PRESETS = ["x**2 + 2*x + 1", "3*x**3 - 4*x", "2*x**2", "sin(x)", "exp(x) / 10", "log(x)", "sqrt(x)", "abs(x)"]
OWN = "(type your own below)"


def calm(method):
    """Run a callback; if it fails anyway, a sentence about the learner's formula replaces the traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception:  # the last line of defence: never an exception name, never Python's own wording
            text = self.expression.value.strip()
            shown = text if len(text) <= 40 else text[:37] + "..."
            self.message.value = message_html(
                f"f(x) = {shown} could not be worked out at x = {self.x.value:g}; the picture still shows the "
                "last result. Try a simpler formula.", "error")

    return wrapper


class TangentExplorer(widgets.VBox):
    """The widget; its controls are ``function`` (dropdown), ``expression`` (text) and ``x`` (slider)."""

    def __init__(self, function=PRESETS[0], x=3.0, xlim=(-4.0, 4.0)):
        self.xlim = xlim
        self.function = widgets.Dropdown(options=PRESETS + [OWN], value=function if function in PRESETS else OWN,
                                         description="function", layout=widgets.Layout(width="260px"))
        self.expression = widgets.Text(value=function, description="f(x) =", continuous_update=False,
                                       layout=widgets.Layout(width="320px"))
        self.x = widgets.FloatSlider(value=x, min=xlim[0], max=xlim[1], step=0.05, description="x",
                                     readout_format=".2f", continuous_update=True,
                                     layout=widgets.Layout(width="560px"))
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.live, self.artists = self._figure()
        self.image = picture(self.live, drawn=False)
        self.current = None  # the last expression that parsed
        self.error = None  # what was wrong with the text box, while it stays wrong
        self._gaps = False
        super().__init__([
            widgets.HBox([self.function, self.expression]),
            self.x,
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        self.function.observe(self._on_function, "value")
        self.expression.observe(self._on_expression, "value")
        self.x.observe(self._on_x, "value")
        self._on_expression()
        first_frame(self.image, self.live)

    def _figure(self):
        live = LiveFigure(figsize=(5.6, 3.6))
        ax = live.figure.add_subplot()
        curve, = ax.plot([], [], color="C0", label="f(x)")
        tangent, = ax.plot([], [], color="C3", linestyle="--", label="tangent, slope = x.grad")
        point, = ax.plot([], [], "o", color="C3")
        ax.set_xlim(*self.xlim)
        ax.set_xlabel("x")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8)
        live.moving(tangent, point)
        return live, {"ax": ax, "curve": curve, "tangent": tangent, "point": point}

    @calm
    def _on_function(self, change=None):
        if self.function.value != OWN:
            self.expression.value = self.function.value  # parsed by _on_expression

    @calm
    def _on_expression(self, change=None):
        try:
            expression = parse_expression(self.expression.value)
        except ExpressionError as error:
            kept = f" (still showing f(x) = {self.current})" if self.current else ""
            self.error = f"{error}{kept}"
            self.message.value = message_html(self.error, "error")
            return
        self.current, self.error = expression, None
        if self.function.value != OWN and self.function.value != expression.text:
            self.function.value = OWN
        xs, ys = curve_points(expression, self.xlim)
        self.artists["curve"].set_data(xs.numpy(), ys.numpy())
        self.artists["ax"].set_ylim(*y_limits(ys))
        self.artists["ax"].set_title(f"f(x) = {expression.text}", fontsize=10)
        self.live.refresh()
        self._gaps = bool(ys.isnan().any())
        self._on_x()

    @calm
    def _on_x(self, change=None):
        if self.current is None:
            return
        readout = tangent_readout(self.current, self.x.value)
        self._draw(readout)
        self.readout.value = readout_html(readout.rows())
        if self.error:
            self.message.value = message_html(self.error, "error")
        elif readout.message:
            self.message.value = message_html(readout.message, "warning")
        elif self._gaps:
            self.message.value = message_html(
                "The curve has gaps where f(x) is not a real number (for example log or sqrt of x < 0).", "info")
        else:
            self.message.value = ""

    def _draw(self, readout):
        tangent, point = self.artists["tangent"], self.artists["point"]
        tangent.set_visible(readout.drawable)
        point.set_visible(readout.drawable)
        if readout.drawable:
            reach = (self.xlim[1] - self.xlim[0]) / 5
            xs = [readout.x - reach, readout.x + reach]
            tangent.set_data(xs, [readout.value + readout.slope * (x - readout.x) for x in xs])
            point.set_data([readout.x], [readout.value])
        show(self.image, self.live)


def tangent_explorer(function=PRESETS[0], x=3.0, xlim=(-4.0, 4.0)):
    """Return Lesson 3's tangent explorer: f, the point (x, f(x)) and the tangent from x.grad."""
    return TangentExplorer(function, x, xlim)
