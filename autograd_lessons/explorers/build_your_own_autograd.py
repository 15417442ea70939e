"""Lesson 7's engine stepper: the learner's own backward, one ``_backward`` call per step, on the drawn graph.

``compute.build_your_own_autograd.engine_steps.step_backward`` runs the learner's engine node by node, each
``_backward`` under one time budget for the whole backward, and records every grad; ``drawing.stepped_graph`` draws
the graph once and restyles it for each step, as in Lesson 8's replay. This module holds the controls (a step slider
and a next-step button) and the words: the readout, and the message, which says where and why a backward stopped.
"""

import ipywidgets as widgets

from ..compute.build_your_own_autograd.engine_steps import SECONDS, EngineTrace, grad_text, step_backward
from ..compute.numbers import format_tensor
from ..drawing.stepped_graph import SteppedGraph
from .common import guarded, lines_html, message_html, picture, readout_html, show


class EngineStepperExplorer(widgets.VBox):
    """The widget; its controls are ``step`` (slider) and ``next_step`` (button); ``trace`` is what it replays."""

    def __init__(self, trace):
        self.trace = trace
        self.step = widgets.IntSlider(value=0, min=0, max=len(trace.steps), description="step",
                                      continuous_update=True, layout=widgets.Layout(width="420px"))
        self.next_step = widgets.Button(description="next step", icon="step-forward",
                                        layout=widgets.Layout(width="120px"))
        self.readout, self.lines, self.message = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.stepped = SteppedGraph()
        self.stepped.draw(trace)
        self.live, self.artists = self.stepped.live, self.stepped.artists
        self.image = picture(self.live)
        self.image.layout.max_width = "none" if self.stepped.wide() else "100%"
        super().__init__([
            widgets.HBox([self.step, self.next_step], layout=widgets.Layout(align_items="center")),
            widgets.Box([self.image], layout=widgets.Layout(overflow="auto")),
            widgets.HBox([self.lines, self.readout], layout=widgets.Layout(align_items="flex-start")),
            self.message,
        ])
        self.step.observe(self._on_step, "value")
        self.next_step.on_click(self._on_next)
        self._on_step()

    @property
    def redraws(self):
        """How many times the graph has been drawn (once: a step only restyles it)."""
        return self.stepped.redraws

    @guarded
    def _on_next(self, button=None):
        self.step.value = self.trace.next_position(self.step.value)

    @guarded
    def _on_step(self, change=None):
        n = self.step.value
        self.stepped.show_step(n)
        show(self.image, self.live)
        self.lines.value = lines_html(self.trace, n)
        self.readout.value = readout_html(readout_rows(self.trace, n))
        self.message.value = message_html(step_message(self.trace, n), message_kind(self.trace, n))


def step_message(trace, n):
    """Return the sentence under the picture for step n (0: before backward), saying where a backward stopped."""
    stop = trace.stopped()
    if not trace.steps:
        return trace.failure or "This graph has nothing to step through."
    if n == 0:
        start = "Before backward: every grad is 0 but the output's, which is 1. Its _backward runs first."
        if stop is None:
            return f"{start} Press next step."
        return (f"{start} Press next step to replay your backward up to step {stop.number}, where "
                f"{trace.label(stop.key)}._backward failed: {stop.error}.")
    step = trace.current(n)
    line = trace.describe(step).split(". ", 1)[1]
    if step.error:
        never = " The values after it never ran." if len(trace.steps) < len(trace.graph.nodes) else ""
        return f"Step {trace.count(n)}, where your backward stopped: {line}.{never}"
    if n == len(trace.steps):
        return f"Step {trace.count(n)}, the last: {line}. Every value ran once, after every value computed from it."
    return f"Step {trace.count(n)}: {line}."


def message_kind(trace, n):
    """Return the message's colour for step n: an error where the backward stopped, a warning before it."""
    if not trace.steps:
        return "error" if trace.failure else "info"
    if n and trace.current(n).error:
        return "error"
    if n == 0 and trace.stopped() is not None:
        return "warning"
    return "ok" if n == len(trace.steps) else "info"


def readout_rows(trace, n):
    """Return the readout table's rows for step n: the step, who runs, and every leaf's grad so far."""
    rows = [("step", trace.count(n))]
    if n:
        step = trace.current(n)
        rows += [("running", f"{trace.label(step.key)}._backward()"),
                 ("its grad", grad_text(step.received[0] if step.received[0] is None else step.received[0].item())),
                 ("adds", ", ".join(f"+{format_tensor(g)} → {trace.label(k)}" for k, g in step.sent) or "—")]
    for node in trace.graph.nodes.values():
        if node.is_leaf:
            rows.append((f"{trace.label(node.key)}.grad", grad_text(trace.grads[n].get(node.key))))
    return rows


def engine_stepper_explorer(output, names=None, seconds=SECONDS):
    """Return Lesson 7's stepper for a learner's Value (or a step_backward(...) trace): one _backward per step."""
    trace = output if isinstance(output, EngineTrace) else step_backward(output, names, seconds=seconds)
    return EngineStepperExplorer(trace)
