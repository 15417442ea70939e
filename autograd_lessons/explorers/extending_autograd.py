"""Lesson 12's gradcheck explorer: a custom Function's two Jacobians side by side, and the step size's error curve.

The maths is ``compute.extending_autograd`` (a real ``torch.autograd.Function`` per function
and backward, its Jacobian from backward and from central differences, gradcheck's rule for
each entry); the curve is ``drawing.extending_autograd``. The two Jacobians are HTML tables, one
row per output, the entries gradcheck would reject on red: a move rewrites their text, moves
the step's dots along the curve, and leaves the rest of the figure as it was drawn. A new
function also redraws the curve behind the dots.
"""

import html

import ipywidgets as widgets

from ..compute.extending_autograd.jacobians import (BUGS, EPS, INPUTS, NAMES, OUTPUTS, PRECISIONS, error_curve,
                                                    step_error)
from ..compute.extending_autograd.readout import jacobian_readout
from ..compute.numbers import number
from ..drawing.extending_autograd import plot_error_curve, set_error_curve, set_error_step
from ..drawing.live_figure import LiveFigure
from .common import guarded, message_html, picture, readout_html, show

EXPONENTS = [k / 4 for k in range(-48, -3)]  # the curve's steps: ε from 1e-12 to 1e-1, four per decade
CELL = "padding:2px 7px;text-align:right;font-family:monospace;border:1px solid #ddd"
RED = "background:#f4c2bd"


def jacobian_html(title, table, wrong):
    """Return a Jacobian as an HTML table, one row per output and one column per input, wrong entries on red."""
    head = "".join(f'<th style="{CELL};font-weight:normal;color:#555">{name}</th>' for name in ("",) + INPUTS)
    rows = []
    for i, (values, marks) in enumerate(zip(table.double().tolist(), wrong.tolist())):
        cells = "".join(f'<td style="{CELL};{RED if mark else ""}">{value + 0.0:.4g}</td>'
                        for value, mark in zip(values, marks))
        rows.append(f'<tr><th style="{CELL};font-weight:normal;color:#555">{OUTPUTS[i]}</th>{cells}</tr>')
    return (f'<div style="margin:0 14px 4px 0"><div style="font-size:0.9em;color:#333">{html.escape(title)}</div>'
            f'<table style="border-collapse:collapse;font-size:0.88em"><tr>{head}</tr>{"".join(rows)}</table></div>')


class GradcheckExplorer(widgets.VBox):
    """The widget; its controls: ``function`` and ``bug`` (dropdowns), ``next_bug`` (button), ``eps``, ``float32``."""

    def __init__(self, function="cumsum(x) * exp(w)", bug="transposed Jacobian", eps=EPS, float32=False):
        wide = {"description_width": "70px"}
        self.function = widgets.Dropdown(options=NAMES, value=function, description="function", style=wide,
                                         layout=widgets.Layout(width="250px"))
        self.bug = widgets.Dropdown(options=BUGS, value=bug, description="backward", style=wide,
                                    layout=widgets.Layout(width="290px"))
        self.next_bug = widgets.Button(description="next backward", layout=widgets.Layout(width="130px"))
        self.eps = widgets.FloatLogSlider(value=eps, base=10, min=-12, max=-1, step=0.25, description="step ε",
                                          readout_format=".2e", style=wide, layout=widgets.Layout(width="420px"))
        self.float32 = widgets.Checkbox(value=float32, description="finite differences in float32", indent=False)
        self.code, self.analytical, self.numerical = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.readout, self.message = widgets.HTML(), widgets.HTML()
        self.live = LiveFigure(figsize=(7.2, 3.0), dpi=80)
        self.axes = self.live.figure.add_subplot()
        self.curve = plot_error_curve(self.axes, EXPONENTS, {p: [] for p in PRECISIONS})
        self.live.moving(self.curve["step"], *self.curve["dots"].values())
        self.redraws = 0  # how often the curve was redrawn (a new function), for tests
        self._draw_function()
        self.image = picture(self.live)
        super().__init__([widgets.HBox([self.function, self.bug, self.next_bug]),
                          widgets.HBox([self.eps, self.float32]), self.code,
                          widgets.HBox([self.analytical, self.numerical]),
                          widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
                          self.message])
        self.function.observe(self._on_function, "value")
        for control in (self.bug, self.eps, self.float32):
            control.observe(self._update, "value")
        self.next_bug.on_click(self._on_next_bug)
        self._update()

    def _draw_function(self):
        """Draw what stays while the other controls move: this function's error curve, in both precisions."""
        name = self.function.value
        set_error_curve(self.curve, EXPONENTS, {p: error_curve(name, EXPONENTS, p) for p in PRECISIONS})
        self.axes.set_title(f"f(x, w) = {name}: how far finite differences land from the true Jacobian", fontsize=9)
        self.live.refresh()
        self.redraws += 1

    @guarded
    def _on_function(self, change=None):
        self._draw_function()
        self._update()

    @guarded
    def _on_next_bug(self, button=None):
        self.bug.value = BUGS[(BUGS.index(self.bug.value) + 1) % len(BUGS)]  # the dropdown's observer redraws

    @guarded
    def _update(self, change=None):
        name, eps = self.function.value, float(self.eps.value)
        precision = "float32" if self.float32.value else "float64"
        readout = jacobian_readout(name, self.bug.value, eps, precision)
        set_error_step(self.curve, eps, {p: step_error(name, eps, p) for p in PRECISIONS})
        show(self.image, self.live)
        self.code.value = (f'<code style="font-size:0.9em">f(x, w) = {html.escape(name)}; backward: '
                           f'{html.escape(readout.code)}</code>')
        self.analytical.value = jacobian_html("analytical: from backward", readout.analytical, readout.wrong)
        self.numerical.value = jacobian_html(f"numerical: finite differences, ε = {number(eps, 3)}, {precision}",
                                             readout.numerical, readout.wrong)
        self.readout.value = readout_html(readout.rows())
        self.message.value = message_html(*readout.verdict())
        self.last = readout  # what the explorer shows, for tests


def gradcheck_explorer(function="cumsum(x) * exp(w)", bug="transposed Jacobian", eps=EPS, float32=False):
    """Return Lesson 12's gradcheck explorer: the Jacobians from backward and from finite differences, side by side."""
    return GradcheckExplorer(function, bug, eps, float32)
