"""Lesson 1's tensor-state explorer: switch requires_grad, no_grad and detach, and watch what autograd records.

The maths is ``tensor_state.tensor_state`` (the four lines of code, run for
real); this module wires four checkboxes to it, prints the code and the table,
and draws the graph behind ``d``. There are only a handful of different
pictures, so each is rendered once and its PNG frame kept: a click that
brings back a picture already seen only redraws the axes' artists (so they
always match what is shown), not the pixels.
"""

import html

import ipywidgets as widgets

from ..compute.enabling_autograd import tensor_state
from ..drawing.graph_drawing import GRAD_COLOUR, draw_graph
from ..drawing.live_figure import LiveFigure
from .common import COLOURS, FAINT, first_frame, guarded, message_html, picture

FULL = (-0.75, 3.65), (-1.55, 0.55)  # axis limits of the full graph: a in column 0, d in column 3, 2 rows
NOTES = {"no_grad": "no path through b and c:\nb = a * 3 ran inside no_grad()",
         "detach": "no path through b and c:\nc was computed from b.detach()",
         "untracked": "no graph: nothing requires grad,\nso no operation was recorded"}
WIDTHS = {"tensor": 50, "value": 50, "requires_grad": 100, "is_leaf": 60, "grad_fn": 110, "grad": 170}
CHECKBOXES = {"requires_grad": "a: requires_grad=True", "no_grad": "b = a * 3 inside torch.no_grad()",
              "detach": "c = b.detach() ** 2", "backward": "run d.backward()  (a peek at Lesson 3)"}


class TensorStateExplorer(widgets.VBox):
    """The widget; its controls are the checkboxes ``requires_grad``, ``no_grad``, ``detach`` and ``backward``."""

    def __init__(self, requires_grad=True, no_grad=False, detach=False, backward=False):
        start = dict(requires_grad=requires_grad, no_grad=no_grad, detach=detach, backward=backward)
        for name, label in CHECKBOXES.items():
            setattr(self, name, widgets.Checkbox(value=start[name], description=label, indent=False,
                                                 layout=widgets.Layout(width="auto", margin="0 18px 0 0")))
        self.code = widgets.HTML(layout=widgets.Layout(min_width="330px"))
        self.table = widgets.HTML()
        self.message = widgets.HTML()
        self.live = LiveFigure(figsize=(6.2, 2.0))
        self.live.figure.set_layout_engine("none")
        self.artists = {"ax": self.live.figure.add_axes((0.01, 0, 0.98, 0.88))}
        self.frames = {}  # picture key -> PNG bytes
        self.state, self._drawn = None, None
        self.image = picture(self.live, drawn=False)
        controls = [getattr(self, name) for name in CHECKBOXES]
        super().__init__([
            widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.code, self.image], layout=widgets.Layout(align_items="center")),
            self.table,
            self.message,
        ])
        for control in controls:
            control.observe(self._on_toggle, "value")
        self._on_toggle()
        first_frame(self.image, self.live)

    @guarded
    def _on_toggle(self, change=None):
        self.state = tensor_state(self.requires_grad.value, self.no_grad.value, self.detach.value,
                                  self.backward.value)
        self.code.value = code_html(self.state.code, self.state.marked)
        self.table.value = table_html(self.state.rows)
        self.message.value = message_html(self.state.message, self.state.kind)
        self._draw(self.state)

    def _draw(self, state):
        """Redraw the axes when the picture changes; render it only the first time it is seen."""
        key = (state.cut, tuple((n.op, n.name, n.value.item(), n.grad is not None and n.grad.item())
                                for n in state.graph.nodes.values()))
        if key == self._drawn:
            return
        ax = self.artists["ax"]
        ax.clear()  # ~4 ms: the artists always match the picture shown, even when its frame is reused
        draw_graph(state.graph, ax=ax)
        ax.set_xlim(*same_spots(len(state.graph.nodes))[0])
        ax.set_ylim(*same_spots(len(state.graph.nodes))[1])
        ax.set_title("the graph that d.backward() walks", fontsize=9, color="#555555", loc="left")
        note = "untracked" if not state.graph.tracked else state.cut
        self.artists["note"] = note and ax.text(0.5 if note != "untracked" else -1.5, 0.3, NOTES[note],
                                                ha="center", va="bottom", fontsize=8.5, color="#777777",
                                                style="italic")
        self._drawn = key
        if key not in self.frames:
            self.live.refresh()
            self.frames[key] = self.live.render()
        self.image.value = self.frames[key]


def same_spots(boxes):
    """Axis limits that put a and d where the full graph has them, so the learner sees its middle vanish."""
    (left, right), (bottom, top) = FULL
    at_a, at_d = -left / (right - left), (3 - left) / (right - left)  # where a and d sit, as fractions
    middle = (bottom + top) / 2  # a and d sit half-way up; cut graphs have them at y = 0
    ylim = (bottom - middle, top - middle)
    if boxes == 4:
        return FULL
    if boxes == 2:  # a in column 0, d in column 1
        span = 1 / (at_d - at_a)
        return (-at_a * span, (1 - at_a) * span), ylim
    return (-at_d * (right - left), (1 - at_d) * (right - left)), ylim  # d alone, at column 0


def code_html(code, marked):
    """Return the code as a <pre> block, the lines a checkbox shaped on a yellow background."""
    lines = [
        f'<span style="background:#fff3c4">{html.escape(line)}</span>' if i in marked else html.escape(line)
        for i, line in enumerate(code.splitlines())
    ]
    return ('<pre style="font-size:0.92em;line-height:1.45;margin:0;padding:6px 10px;background:#f7f7f7;'
            'border-radius:4px">' + "\n".join(lines) + "</pre>")


def table_html(rows):
    """Return the table of tensors: requires_grad, is_leaf, grad_fn and grad, each None saying why."""
    head = "".join(f'<th style="padding:2px 14px 2px 0;text-align:left;font-weight:normal;color:#555;'
                   f'min-width:{width}px">{h}</th>' for h, width in WIDTHS.items())
    body = "".join(
        "<tr>" + "".join(f'<td style="padding:1px 14px 1px 0;font-family:monospace">{cell}</td>' for cell in (
            f"<b>{row.name}</b>", f"{row.value}", _flag(row.requires_grad), _flag(row.is_leaf),
            row.grad_fn or _faint("None"), _grad(row))) + "</tr>"
        for row in rows
    )
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{body}</table>"


def _flag(value):
    return f'<span style="color:{COLOURS["ok"]}">True</span>' if value else _faint("False")


def _faint(text):
    return f'<span style="color:{FAINT}">{html.escape(text)}</span>'


def _grad(row):
    if row.grad is not None:
        return f'<span style="color:{GRAD_COLOUR}">{row.grad:g}</span>'
    why = "not a leaf" if not row.is_leaf else "not tracked" if not row.requires_grad else "no backward yet"
    return _faint(f"None ({why})")


def tensor_state_explorer(requires_grad=True, no_grad=False, detach=False, backward=False):
    """Return Lesson 1's tensor-state explorer: requires_grad, no_grad and detach switches, a live table and graph."""
    return TensorStateExplorer(requires_grad, no_grad, detach, backward)
