"""Lesson 4's accumulation lab: press backward(), backward() again, zero_() or None and watch x.grad.

The maths is ``accumulation.AccumulationLab`` (real calls on a real leaf); this
module wires buttons to it and draws the history of x.grad: a dot per action,
a hollow dot on the axis where x.grad is None, a red cross where a call failed.
"""

import html
import math

import ipywidgets as widgets
from matplotlib.transforms import offset_copy

from ..compute.accessing_and_resetting_gradients import FUNCTIONS, AccumulationLab, show as shown
from ..drawing.live_figure import LiveFigure
from .common import first_frame, guarded, message_html, picture, readout_html, show

WINDOW = 10  # actions shown in the history plot (the latest ones)
BUTTONS = {"backward()": "backward", "backward() again": "backward_again",
           "grad.zero_()": "zero_", "grad = None": "set_none"}


class AccumulationExplorer(widgets.VBox):
    """The widget: ``function``, ``x``, ``retain_graph`` and one button per action in ``buttons``."""

    def __init__(self, function="x**2", x=2.0):
        self.lab = AccumulationLab(function, x)
        self.function = widgets.Dropdown(options=list(FUNCTIONS), value=function, description="y =",
                                         layout=widgets.Layout(width="200px"))
        self.x = widgets.FloatSlider(value=x, min=-3.0, max=3.0, step=0.5, description="x",
                                     readout_format=".1f", continuous_update=False,
                                     layout=widgets.Layout(width="300px"))
        self.retain_graph = widgets.Checkbox(value=False, description="retain_graph=True", indent=False,
                                             layout=widgets.Layout(width="170px"))
        self.buttons = {label: widgets.Button(description=label, layout=widgets.Layout(width="140px"))
                        for label in BUTTONS}
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.live, self.artists = self._figure()
        self.image = picture(self.live, drawn=False)
        super().__init__([
            widgets.HBox([self.function, self.x, self.retain_graph]),
            widgets.HBox(list(self.buttons.values())),
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        for label, button in self.buttons.items():
            button.on_click(self._on_button(BUTTONS[label]))
        self.function.observe(self._on_function, "value")
        self.x.observe(self._on_x, "value")
        self.retain_graph.observe(self._on_retain, "value")
        self._update(self.lab.history[-1])
        first_frame(self.image, self.live)

    def _figure(self):
        live = LiveFigure(figsize=(5.4, 3.3))
        live.figure.set_layout_engine("none")  # fixed margins: the action names below the axis are moving texts
        ax = live.figure.add_axes((0.12, 0.2, 0.86, 0.66))
        ax.axhline(0, color="#999999", linewidth=0.8)
        line, = ax.plot([], [], "-o", color="C0", label="x.grad after the action")
        empty, = ax.plot([], [], "o", color="#777777", markerfacecolor="white", label="x.grad is None")
        failed, = ax.plot([], [], "x", color="C3", markersize=10, markeredgewidth=2,
                          label="call failed: x.grad unchanged")
        above = offset_copy(ax.transData, fig=live.figure, y=5, units="points")  # just above each dot
        values = [ax.text(i, 0, "", transform=above, ha="center", va="bottom", fontsize=8) for i in range(WINDOW)]
        below = ax.get_xaxis_transform()  # x in data, y in axes units
        names = [ax.text(i, -0.03, "", transform=below, rotation=25, ha="right", va="top", fontsize=8)
                 for i in range(WINDOW)]
        ax.set_xlim(-0.5, WINDOW - 0.5)
        ax.set_xticks(range(WINDOW), [""] * WINDOW)
        ax.set_ylabel("x.grad")
        ax.grid(alpha=0.3)
        live.figure.legend(handles=[line, empty, failed], loc="upper center", ncol=3, fontsize=8, frameon=False)
        caption = ax.text(0.01, 0.97, "", transform=ax.transAxes, va="top", fontsize=8, color="#444444")
        live.moving(line, empty, failed, *values, *names, caption)
        return live, {"ax": ax, "line": line, "none": empty, "failed": failed, "values": values, "names": names,
                      "caption": caption}

    def _on_button(self, action):
        @guarded
        def click(explorer, button=None):
            explorer._update(getattr(explorer.lab, action)())

        return lambda button: click(self, button)

    @guarded
    def _on_function(self, change=None):
        self.lab.function = self.function.value
        self._draw(self.lab.history[-WINDOW:])
        self._readout(self.lab.history[-1])
        self.message.value = message_html(
            f"The next backward() builds y = {self.function.value}; x.grad keeps what it holds.", "info")

    @guarded
    def _on_x(self, change=None):
        self._update(self.lab.new_leaf(self.x.value))

    @guarded
    def _on_retain(self, change=None):
        self.lab.retain_graph = self.retain_graph.value
        self._readout(self.lab.history[-1])

    def _update(self, step):
        self._draw(self.lab.history[-WINDOW:])
        self._readout(step)
        self.message.value = message_html(step.message, "error" if step.failed else "ok")

    def _draw(self, steps):
        slots = range(len(steps))
        grads = [s.grad for s in steps]
        self.artists["line"].set_data(slots, [float("nan") if g is None else g for g in grads])
        nones = [i for i, g in zip(slots, grads) if g is None]
        self.artists["none"].set_data(nones, [0.0] * len(nones))
        failed = [i for i, s in zip(slots, steps) if s.failed]
        self.artists["failed"].set_data(failed, [grads[i] or 0.0 for i in failed])
        padded = steps + [None] * (WINDOW - len(steps))
        for slot, (value, name, step) in enumerate(zip(self.artists["values"], self.artists["names"], padded)):
            value.set_text("" if step is None else shown(step.grad))
            value.set_y(0.0 if step is None else step.grad or 0.0)
            name.set_text("" if step is None else step.action)
        caption = f"leaf x = {self.lab.x.item():g} · next backward() builds y = {self.lab.function}"
        self.artists["caption"].set_text(caption)
        limits = y_limits(grads, self.artists["ax"].get_ylim() if len(self.lab.history) > 1 else None)
        if limits != self.artists["ax"].get_ylim():
            self.artists["ax"].set_ylim(*limits)
            self.live.refresh()  # only when the values outgrow the axis: most clicks redraw the moving parts only
        show(self.image, self.live)

    def _readout(self, step):
        lab = self.lab
        graph = "saved no tensor" if not lab.y_saves else "kept" if lab.y_kept else "freed"
        y = "not built yet" if lab.y is None else f"{lab.y_text} (graph {graph})"
        call = "y.backward(retain_graph=True)" if lab.retain_graph else "y.backward()"
        rows = [("x", f"{lab.x.item():g}"), ("y", y), ("next backward() builds", f"y = {lab.function}"),
                ("and calls", call), ("x.grad", shown(lab.grad))]
        code = html.escape(step.code)
        self.readout.value = (readout_html(rows) + "<div style='color:#555;margin-top:6px'>the code this ran:</div>"
                              f"<pre style='margin:2px 0;font-size:0.9em;line-height:1.3'>{code}</pre>")


def y_limits(grads, current=None):
    """Return y limits holding 0 and every gradient with room for its label: the current ones if they do."""
    values = [0.0] + [g for g in grads if g is not None]
    low, high = min(values), max(values)
    pad = 0.2 * max(high - low, 5.0)
    if current is not None and current[0] <= low - pad / 2 and current[1] >= high + pad:
        return current
    return -_nice(pad - low), _nice(high + pad)


def _nice(value):
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) at least value (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(round(m * power, 12) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= value)


def accumulation_explorer(function="x**2", x=2.0):
    """Return Lesson 4's accumulation lab: buttons for backward(), zero_() and None, and x.grad's history."""
    return AccumulationExplorer(function, x)
