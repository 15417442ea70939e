"""Lesson 2's live graph: slide x through a function with an if or a loop and watch the recorded graph change.

The maths is ``compute.computational_graph.dynamic_graph`` (a fresh leaf, the function run
inside ``record_values()``, ``out.backward()``); this module wires a dropdown,
a slider and a checkbox to it. The graph's axes is cleared and redrawn only
when the graph changes shape (x crossed the branch, or the loop ran a different
number of times); when only the numbers change, the texts of the existing boxes
are rewritten and drawn over the kept arrows.
"""

import html

import ipywidgets as widgets

from ..compute.computational_graph import FUNCTIONS, dynamic_graph, shape
from ..compute.numbers import format_tensor
from ..drawing.graph_drawing import draw_graph, node_label
from ..drawing.live_figure import LiveFigure
from .common import FAINT, first_frame, guarded, message_html, picture, readout_html, show
from ..compute.numbers import number

LABELS = {"if x > 0: x**2, else: 0.5 * x": "branch", "while x < 10: x = x * 2": "loop"}
COLUMNS = 5.2  # columns of boxes the picture has room for (the loop records at most 4 doublings + x)


class LiveGraphExplorer(widgets.VBox):
    """The widget; its controls are ``function`` (dropdown), ``x`` (slider) and ``backward`` (checkbox)."""

    def __init__(self, function="loop", x=None, backward=True):
        spec = FUNCTIONS[function]
        self.function = widgets.Dropdown(options=list(LABELS.items()), value=function, description="function",
                                         layout=widgets.Layout(width="330px"))
        self.backward = widgets.Checkbox(value=backward, description="run out.backward()", indent=False,
                                         layout=widgets.Layout(width="auto", margin="0 0 0 24px"))
        self.x = widgets.FloatSlider(value=spec.x if x is None else x, min=spec.xlim[0], max=spec.xlim[1],
                                     step=0.05, description="x", readout_format=".2f", continuous_update=True,
                                     layout=widgets.Layout(width="560px"))
        self.code = widgets.HTML(layout=widgets.Layout(min_width="340px"))
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.live = LiveFigure(figsize=(8.6, 1.3))
        self.live.figure.set_layout_engine("none")
        self.artists = {"ax": self.live.figure.add_axes((0, 0, 1, 1)), "boxes": {}, "grads": {}}
        self.run, self.redraws, self._shape, self._widths, self._quiet = None, 0, None, {}, False
        self.image = picture(self.live, drawn=False)
        super().__init__([
            widgets.HBox([self.function, self.backward], layout=widgets.Layout(align_items="center")),
            self.x,
            self.image,
            widgets.HBox([self.code, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        self.function.observe(self._on_function, "value")
        self.x.observe(self._on_x, "value")
        self.backward.observe(self._on_x, "value")
        self._on_x()
        first_frame(self.image, self.live)

    @guarded
    def _on_function(self, change=None):
        low, high = FUNCTIONS[self.function.value].xlim
        self._quiet = True  # one update after the slider has its new range, not one per step
        try:
            self.x.min, self.x.max = min(low, self.x.min), max(high, self.x.max)
            self.x.value = FUNCTIONS[self.function.value].x
            self.x.min, self.x.max = low, high
        finally:
            self._quiet = False
        self._on_x()

    @guarded
    def _on_x(self, change=None):
        if self._quiet:
            return
        try:
            run = dynamic_graph(self.function.value, self.x.value, self.backward.value)
        except ValueError as error:  # only the loop refuses an x, and only one the slider cannot reach
            self.message.value = message_html(str(error), "error")
            return
        before = self.run.graph if self.run is not None and self.run.function == run.function else None
        changed = before is not None and (run.graph.ops(), run.graph.edges()) != (before.ops(), before.edges())
        self.run = run
        self._draw(run)
        self.code.value = code_html(run)
        self.readout.value = readout_html([
            ("x", number(run.x, 4)),
            ("ran", run.short),
            ("out", number(run.out)),
            ("x.grad", "None (tick out.backward())" if run.grad is None else number(run.grad)),
        ])
        self.message.value = message_html(("The graph changed shape: " if changed else "") + run.path + ".",
                                          "ok" if changed else "info")

    def _draw(self, run):
        """Rewrite the boxes' texts; redraw the axes only if the shape or a box's width changed."""
        boxes, grads = self.artists["boxes"], self.artists["grads"]
        same_shape = shape(run.graph) == self._shape
        if same_shape:
            for key, node in run.graph.nodes.items():
                boxes[key].set_text(node_label(run.graph, node))
                if key in grads:
                    grads[key].set_text(f"grad {format_tensor(node.grad)}")
        if not same_shape or self._box_widths() != self._widths:
            self._redraw(run)
        show(self.image, self.live)

    def _redraw(self, run):
        ax = self.artists["ax"]
        self.live.forget_moving()  # ax.clear() below removes them
        ax.clear()
        draw_graph(run.graph, ax=ax)
        middle = (len({round(c) for c, _ in _box_positions(ax)}) - 1) / 2
        ax.set_xlim(middle - COLUMNS / 2, middle + COLUMNS / 2)  # same spacing whatever the number of boxes
        ax.set_ylim(-0.55, 0.35)
        found = {text.get_gid(): text for text in ax.texts}
        self.artists["boxes"] = {key: found[f"node-{key}"] for key in run.graph.nodes}
        self.artists["grads"] = {key: found[f"grad-{key}"] for key in run.graph.nodes if f"grad-{key}" in found}
        renderer = self.live.figure.canvas.get_renderer()
        for box in self.artists["boxes"].values():
            box.update_bbox_position_size(renderer)  # the kept arrows end at these box outlines
        self.live.moving(*self.artists["boxes"].values(), *self.artists["grads"].values())
        self._shape, self._widths = shape(run.graph), self._box_widths()
        self.redraws += 1

    def _box_widths(self):
        renderer = self.live.figure.canvas.get_renderer()
        return {key: round(box.get_window_extent(renderer).width) for key, box in self.artists["boxes"].items()}


def _box_positions(ax):
    """The (x, y) data positions of the boxes on ax."""
    return [text.get_position() for text in ax.texts if (text.get_gid() or "").startswith("node-")]


def code_html(run):
    """Return the code of a run as a <pre> block: the lines that ran on yellow, with how often a loop line ran."""
    source_lines = FUNCTIONS[run.function].source.count("\n") + 1
    lines = []
    for i, line in enumerate(run.code().splitlines()):
        text = html.escape(line)
        if i < source_lines and i in run.ran and i > 0:
            times = {1: f"# checked {run.ran[i]} times", 2: f"# ran {run.ran[i]} times"}.get(i, "")
            times = f'<span style="color:#8a5a00">   {times}</span>' if run.function == "loop" and times else ""
            text = f'<span style="background:#fff3c4">{text}</span>{times}'
        elif i < source_lines and i > 0:
            text = f'<span style="color:{FAINT}">{text}</span>'
        lines.append(text)
    return ('<pre style="font-size:0.92em;line-height:1.45;margin:0;padding:6px 10px;background:#f7f7f7;'
            'border-radius:4px">' + "\n".join(lines) + "</pre>")


def live_graph_explorer(function="loop", x=None, backward=True):
    """Return Lesson 2's live graph explorer: a slider for x, and the graph that function records at x."""
    return LiveGraphExplorer(function, x, backward)
