"""Lesson 7's engine stepper: the learner's own backward, one ``_backward`` call per step, on the drawn graph.

``compute.build_your_own_autograd.engine_steps.step_backward`` runs the learner's engine node by node and records every
grad; this module replays that record. The graph is drawn once with ``draw_graph``
(from ``engine_graph``); a step only rewrites the grad under every box, the amounts on
the arrows the running value just used, and moves an amber ring to the running box.
Boxes whose ``_backward`` has not run yet sit under a white veil. The patches and
labels are kept and pasted by a ``StampedFigure``, as in Lesson 8's replay.
"""


import ipywidgets as widgets
import torch
from matplotlib.patches import PathPatch

from ..compute.build_your_own_autograd.engine_steps import EngineTrace, step_backward
from ..compute.numbers import format_tensor
from ..drawing.graph_drawing import draw_graph
from ..drawing.stamped_figure import StampedFigure
from .inside_pytorch_backward import (RING, VEIL, arrow_text, box_outline, column_inches, display_graph, lines_html,
                              placeholder_labels)
from .common import guarded, message_html, picture, readout_html, show

ARROW_TEXT = {"earlier": "#1f5fa8", "just added": "#c0392b"}
ROW_INCHES, MAX_INCHES = 1.15, (60, 24)


class EngineStepperExplorer(widgets.VBox):
    """The widget; its controls are ``step`` (slider) and ``next_step`` (button); ``trace`` is what it replays."""

    def __init__(self, trace):
        self.trace = trace
        self.step = widgets.IntSlider(value=0, min=0, max=len(trace.steps), description="step",
                                      continuous_update=True, layout=widgets.Layout(width="420px"))
        self.next_step = widgets.Button(description="next step", icon="step-forward",
                                        layout=widgets.Layout(width="120px"))
        self.readout, self.lines, self.message = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.live = StampedFigure(figsize=(8, 2.4), dpi=80)
        self.artists = {"ax": self.live.figure.add_axes((0, 0, 1, 1))}
        self.redraws = 0
        self._draw()
        self.image = picture(self.live)
        wide = self.live.figure.get_size_inches()[0] * self.live.figure.dpi > 1200
        self.image.layout.max_width = "none" if wide else "100%"
        super().__init__([
            widgets.HBox([self.step, self.next_step], layout=widgets.Layout(align_items="center")),
            widgets.Box([self.image], layout=widgets.Layout(overflow="auto")),
            widgets.HBox([self.lines, self.readout], layout=widgets.Layout(align_items="flex-start")),
            self.message,
        ])
        self.step.observe(self._on_step, "value")
        self.next_step.on_click(self._on_next)
        self._on_step()

    @guarded
    def _on_next(self, button=None):
        self.step.value = (self.step.value + 1) % (self.step.max + 1)  # after the last step, start again

    @guarded
    def _on_step(self, change=None):
        n = self.step.value
        self._restyle(n)
        show(self.image, self.live)
        self.lines.value = lines_html(self.trace, n)
        self.readout.value = readout_html(readout_rows(self.trace, n))
        last = n == len(self.trace.steps)
        failed = bool(n and self.trace.steps[n - 1].error)
        self.message.value = message_html(step_message(self.trace, n), "error" if failed else "ok" if last else "info")

    def _draw(self):
        """Draw the learner's graph once, sized for it, with a rewritable label under every box and on every arrow."""
        ax, trace, figure = self.artists["ax"], self.trace, self.live.figure
        for _ in range(2):  # the first drawing tells how big the figure must be
            ax.clear()
            draw_graph(display_graph(trace.graph), ax=ax, edge_labels=placeholder_labels(trace.graph))
            width, height = abs(ax.get_xlim()[1] - ax.get_xlim()[0]), abs(ax.get_ylim()[1] - ax.get_ylim()[0])
            size = (round(min(column_inches(trace) * width, MAX_INCHES[0]), 2),
                    round(min(ROW_INCHES * height + 0.1, MAX_INCHES[1]), 2))
            if tuple(figure.get_size_inches()) == size:
                break
            figure.set_size_inches(*size)
        found = {text.get_gid(): text for text in ax.texts}
        self.artists["grads"] = {key: found[f"grad-{key}"] for key in trace.graph.nodes}
        self.artists["arrows"] = {edge: found[f"label-{edge[0]}-{edge[1]}"] for edge in set(trace.graph.edges())}
        renderer = figure.canvas.get_renderer()
        self.artists["veils"], self.artists["rings"] = {}, {}
        for key in trace.graph.nodes:
            box = found[f"node-{key}"]
            box.update_bbox_position_size(renderer)
            outline = box_outline(ax, box)
            self.artists["veils"][key] = ax.add_patch(PathPatch(outline, **VEIL))
            self.artists["rings"][key] = ax.add_patch(PathPatch(outline, **RING))
        self.live.moving(*self.artists["veils"].values(), *self.artists["rings"].values())
        self.live.stamped(*self.artists["grads"].values(), *self.artists["arrows"].values())
        self.redraws += 1

    def _restyle(self, n):
        """Show the graph after n steps: every grad as it stands, the running box lit, boxes still to run veiled."""
        trace = self.trace
        current = trace.steps[n - 1].key if n else None
        ran = {step.key for step in trace.steps[:n]}
        for key in trace.graph.nodes:
            self.artists["rings"][key].set_visible(key == current)
            self.artists["veils"][key].set_visible(key not in ran)
            self.artists["grads"][key].set_text(f"grad {grad_text(trace.grads[n].get(key))}")
        crossed = trace.sent_along(n)
        for edge, label in self.artists["arrows"].items():
            grads = crossed.get(edge)
            label.set_text("" if grads is None else arrow_text(grads).replace("← ", "← +"))
            label.set_color(ARROW_TEXT["just added" if edge[1] == current else "earlier"])
            label.set_fontweight("bold" if edge[1] == current else "normal")


def grad_text(grad):
    """Return a grad (a float or None) as the short text under a box."""
    return "None" if grad is None else format_tensor(torch.tensor(grad))


def step_message(trace, n):
    """Return the sentence under the picture for step n (0: before backward)."""
    if not trace.steps:
        return "This graph has nothing to step through."
    if n == 0:
        return "Before backward: every grad is 0 but the output's, which is 1. Its _backward runs first. Press next step."
    line = trace.describe(trace.steps[n - 1]).split(". ", 1)[1]
    if n == len(trace.steps):
        return f"Step {n} of {n}, the last: {line}. Every value ran once, after every value computed from it."
    return f"Step {n} of {len(trace.steps)}: {line}."


def readout_rows(trace, n):
    """Return the readout table's rows for step n: the step, who runs, and every leaf's grad so far."""
    rows = [("step", f"{n} of {len(trace.steps)}")]
    if n:
        step = trace.steps[n - 1]
        rows += [("running", f"{trace.label(step.key)}._backward()"),
                 ("its grad", grad_text(step.received[0] if step.received[0] is None else step.received[0].item())),
                 ("adds", ", ".join(f"+{format_tensor(g)} → {trace.label(k)}" for k, g in step.sent) or "—")]
    for node in trace.graph.nodes.values():
        if node.is_leaf:
            rows.append((f"{trace.label(node.key)}.grad", grad_text(trace.grads[n].get(node.key))))
    return rows


def engine_stepper_explorer(output, names=None):
    """Return Lesson 7's stepper for a learner's Value (or a step_backward(...) trace): one _backward per step."""
    trace = output if isinstance(output, EngineTrace) else step_backward(output, names)
    return EngineStepperExplorer(trace)
