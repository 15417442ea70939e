"""Lesson 5's descent explorer: press step and watch (w, b) walk downhill on the loss, and the line fit the data.

The maths is ``descent.GradientDescent`` (the lesson's training loop, one step
per press); this module wires a learning-rate slider and three buttons to it.
The loss contours and the data are drawn once; the path, the point and the
line move. When the loss blows up, stepping stops and the message says why.
"""

import ipywidgets as widgets
import torch

from ...compute.backprop_in_action import GradientDescent, best_fit, mse, surface
from ...drawing.live_figure import LiveFigure
from ..common import guarded, message_html, picture, readout_html, show
from ...compute.numbers import number

W_LIMITS, B_LIMITS = (-1.0, 5.0), (-1.5, 3.5)
LOOP = """loss = ((w * xs + b - ys) ** 2).mean()
loss.backward()
with torch.no_grad():
    w -= lr * w.grad
    b -= lr * b.grad
w.grad.zero_()
b.grad.zero_()"""


class DescentExplorer(widgets.VBox):
    """The widget; its controls are ``lr`` (slider) and the buttons ``step``, ``ten_steps`` and ``reset``."""

    def __init__(self, lr=0.05):
        self.descent = GradientDescent(lr=lr)
        self.lr = widgets.FloatSlider(value=lr, min=0.01, max=1.0, step=0.01, description="lr",
                                      readout_format=".2f", continuous_update=False,
                                      layout=widgets.Layout(width="360px"))
        self.step = widgets.Button(description="step", button_style="primary", layout=widgets.Layout(width="90px"))
        self.ten_steps = widgets.Button(description="10 steps", layout=widgets.Layout(width="90px"))
        self.reset = widgets.Button(description="reset", layout=widgets.Layout(width="90px"))
        self.readout = widgets.HTML(layout=widgets.Layout(min_width="240px"))
        self.code = widgets.HTML(
            "<div style='color:#555'>each step runs the lesson's loop body:</div>"
            f"<pre style='margin:2px 0;font-size:0.85em;line-height:1.3'>{LOOP}</pre>",
            layout=widgets.Layout(margin="0 0 0 40px"))
        self.message = widgets.HTML()
        self.live, self.artists = self._figure()
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([self.lr, self.step, self.ten_steps, self.reset]),
            self.image,
            self.message,
            widgets.HBox([self.readout, self.code]),
        ])
        self.step.on_click(lambda button: self._on_steps(1))
        self.ten_steps.on_click(lambda button: self._on_steps(10))
        self.reset.on_click(lambda button: self._on_reset())
        self.lr.observe(self._on_lr, "value")
        self._on_reset()

    def _figure(self):
        live = LiveFigure(figsize=(9.0, 3.9))
        loss_ax, data_ax = live.figure.subplots(1, 2, width_ratios=[1.15, 1])
        xs, ys = self.descent.xs, self.descent.ys
        ws, bs, loss = surface(lambda w, b: mse(w, b, xs, ys), W_LIMITS, B_LIMITS, points=100)
        levels = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16]
        top = max(loss.max().item(), 32)
        loss_ax.contourf(ws, bs, loss, levels=[0] + levels + [top], cmap="viridis_r", alpha=0.25)
        contours = loss_ax.contour(ws, bs, loss, levels=levels, cmap="viridis_r", linewidths=0.8)
        loss_ax.clabel(contours, fontsize=7, fmt="%g")
        loss_ax.plot(*best_fit(xs, ys), "*", color="black", markersize=11, label="bottom of the bowl")
        path, = loss_ax.plot([], [], "-o", color="C3", markersize=3, linewidth=1.2, label="path of (w, b)")
        point, = loss_ax.plot([], [], "o", color="C3", markersize=8)
        ahead = loss_ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color="C1", lw=1.8))
        loss_ax.plot([], [], color="C1", lw=1.8, label="next step: −lr · gradient")  # the arrow's legend entry
        banner = loss_ax.text(0.5, 0.1, "diverged: stopped", transform=loss_ax.transAxes, ha="center",
                              color="#b3261e", fontsize=13, weight="bold", visible=False,
                              bbox=dict(facecolor="white", edgecolor="#b3261e", alpha=0.9))
        loss_ax.set(xlim=W_LIMITS, ylim=B_LIMITS, xlabel="w (slope)", ylabel="b (intercept)")
        loss_ax.set_title("contours of the loss L(w, b)", fontsize=10)
        loss_ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
        data_ax.scatter(xs, ys, s=14, color="C0", label="data")
        line, = data_ax.plot([-2.2, 2.2], [0, 0], color="C3", label="line w·x + b")
        data_ax.set(xlim=(-2.2, 2.2), ylim=(-5, 7), xlabel="x", ylabel="y")
        data_ax.set_title("the line the current (w, b) draws", fontsize=10)
        data_ax.legend(loc="upper left", fontsize=8)
        data_ax.grid(alpha=0.3)
        live.moving(path, point, ahead, line, banner)
        return live, {"loss_ax": loss_ax, "data_ax": data_ax, "path": path, "point": point, "line": line,
                      "banner": banner, "next": ahead}

    @guarded
    def _on_steps(self, count):
        for _ in range(count):
            state = self.descent.step()
            if self.descent.diverged:
                break
        self._update(state)

    @guarded
    def _on_reset(self):
        self._update(self.descent.reset())

    @guarded
    def _on_lr(self, change=None):
        self.descent.lr = self.lr.value
        self._draw()
        if not self.descent.diverged:
            self.message.value = message_html(f"The next steps use lr = {self.lr.value:g}.", "info")

    def _update(self, state):
        self._draw()
        self.step.disabled = self.ten_steps.disabled = self.descent.diverged
        self.readout.value = readout_html([
            ("steps", str(state.step)),
            ("w", number(state.w, 5)),
            ("b", number(state.b, 5)),
            ("loss L(w, b)", number(state.loss, 5)),
            ("last w.grad", "-" if state.w_grad is None else number(state.w_grad, 4)),
            ("last b.grad", "-" if state.b_grad is None else number(state.b_grad, 4)),
        ])
        message, kind = state.message, state.kind
        if kind != "error" and not _inside(state.w, state.b):
            message, kind = f"{message} The point has left the picture: the steps are growing.", "warning"
        self.message.value = message_html(message, kind)

    def _draw(self):
        ws, bs = zip(*self.descent.path)
        self.artists["path"].set_data(ws, bs)
        self.artists["point"].set_data([ws[-1]], [bs[-1]])
        grid = torch.tensor([-2.2, 2.2])
        self.artists["line"].set_ydata((ws[-1] * grid + bs[-1]).tolist())
        self.artists["banner"].set_visible(self.descent.diverged)
        ahead = self.artists["next"]
        ahead.set_visible(not self.descent.diverged)
        if not self.descent.diverged:  # the arrow grows and shrinks with lr: the step the button would take
            step_w, step_b = self.descent.next_step()
            ahead.set_position((ws[-1], bs[-1]))
            ahead.xy = (ws[-1] + step_w, bs[-1] + step_b)
        show(self.image, self.live)


def _inside(w, b):
    return W_LIMITS[0] <= w <= W_LIMITS[1] and B_LIMITS[0] <= b <= B_LIMITS[1]


def descent_explorer(lr=0.05):
    """Return Lesson 5's gradient-descent stepper on the lesson's line fit: lr slider, step, reset, path."""
    return DescentExplorer(lr)
