"""Lesson 8's backward replay: step through a real backward pass, node by node, on the drawn graph.

The recording is ``compute.inside_pytorch_backward.trace_backward`` (a pre-hook and a hook on every
node, one real ``backward()``); ``drawing.stepped_graph`` draws its graph once per example and
restyles it for each step, as in Lesson 7's engine stepper. This module holds the controls (an
example menu, a step slider and a next-step button) and the words: the caption, the readout and
the message.
"""

import ipywidgets as widgets

from ..compute.inside_pytorch_backward import EXAMPLES, BackwardTrace, example_trace, grads_text
from ..compute.numbers import format_tensor
from ..drawing.stepped_graph import SteppedGraph
from .common import first_frame, guarded, lines_html, message_html, picture, readout_html, show

YOURS = "your trace"


class BackwardReplayExplorer(widgets.VBox):
    """The widget; its controls are ``example`` (dropdown), ``step`` (slider) and ``next_step`` (button)."""

    def __init__(self, source="out = s + m * e"):
        self.traces = {YOURS: source} if isinstance(source, BackwardTrace) else {}
        options = list(self.traces) + list(EXAMPLES)
        start = YOURS if self.traces else source
        if start not in options:
            raise ValueError(f"unknown example {source!r}; "
                             f"pass a trace_backward(...) result or one of {list(EXAMPLES)}")
        self.example = widgets.Dropdown(options=options, value=start, description="graph",
                                        layout=widgets.Layout(width="330px"))
        self.step = widgets.IntSlider(value=0, min=0, max=1, description="step", continuous_update=True,
                                      layout=widgets.Layout(width="420px"))
        self.next_step = widgets.Button(description="next step", icon="step-forward",
                                        layout=widgets.Layout(width="120px"))
        self.caption, self.readout, self.lines, self.message = (widgets.HTML() for _ in range(4))
        self.stepped = SteppedGraph()
        self.live, self.artists = self.stepped.live, self.stepped.artists
        self.trace, self._quiet = None, False
        self.image = picture(self.live, drawn=False)
        super().__init__([
            widgets.HBox([self.example, self.step, self.next_step], layout=widgets.Layout(align_items="center")),
            self.caption,
            widgets.Box([self.image], layout=widgets.Layout(overflow="auto")),
            widgets.HBox([self.lines, self.readout], layout=widgets.Layout(align_items="flex-start")),
            self.message,
        ])
        self.example.observe(self._on_example, "value")
        self.step.observe(self._on_step, "value")
        self.next_step.on_click(self._on_next)
        self._on_example()
        first_frame(self.image, self.live)

    @property
    def redraws(self):
        """How many graphs have been drawn (one per example shown: a step only restyles it)."""
        return self.stepped.redraws

    @guarded
    def _on_example(self, change=None):
        name = self.example.value
        if name not in self.traces:
            self.traces[name] = example_trace(name)
        self.trace = self.traces[name]
        self._quiet = True  # one frame for the new graph, not one per change of the slider's range
        try:
            self.step.value = 0
            self.step.max = len(self.trace.steps)
        finally:
            self._quiet = False
        self.caption.value = message_html(self._caption(), "info")
        self.stepped.draw(self.trace)
        self.image.layout.max_width = "none" if self.stepped.wide() else "100%"
        self._on_step()

    @guarded
    def _on_next(self, button=None):
        self.step.value = self.trace.next_position(self.step.value)

    @guarded
    def _on_step(self, change=None):
        if self._quiet:
            return
        n, trace = self.step.value, self.trace
        self.stepped.show_step(n)
        show(self.image, self.live)
        self.lines.value = lines_html(trace, n)
        self.readout.value = readout_html(readout_rows(trace, n))
        self.message.value = message_html(step_message(trace, n), "ok" if n == len(trace.steps) else "info")

    def _caption(self):
        name = self.example.value
        return "your trace_backward(...)" if name == YOURS else EXAMPLES[name].description


def step_message(trace, n):
    """Return the sentence under the picture for step n (0: before backward)."""
    if n == 0:
        first = trace.steps[0]
        return (f"Before backward: nothing has run. The engine starts at the output's node, {first.op}, "
                f"with the gradient {grads_text(first.received)}. Press next step.")
    line = trace.describe(trace.current(n)).split(". ", 1)[1]
    if n == len(trace.steps):
        return f"Step {trace.count(n)}, the last: {line}. Every node ran once, each after all the nodes that feed it."
    return f"Step {trace.count(n)}: {line}."


def readout_rows(trace, n):
    """Return the readout table's rows for step n."""
    rows = [("step", trace.count(n))]
    if n:
        step = trace.current(n)
        rows += [("running", trace.label(step.key) if step.op == trace.label(step.key)
                  else f"{step.op} ({trace.label(step.key)})"),
                 ("received", grads_text(step.received)),
                 ("sent", ", ".join(f"{format_tensor(g)} → {trace.label(k)}" for k, g in step.sent) or "—")]
    leaves = [node for node in trace.graph.nodes.values() if node.op == "AccumulateGrad"]
    done = trace.ran(n)
    for leaf in leaves:
        grad = grads_text(done[leaf.key].received) if leaf.key in done else "None"
        rows.append((f"{leaf.name or 'leaf'}.grad", grad))
    return rows


def backward_replay_explorer(source="out = s + m * e"):
    """Return Lesson 8's replay of a real backward pass: a trace_backward(...) result, or an example's name."""
    return BackwardReplayExplorer(source)
