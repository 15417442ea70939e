"""Lesson 13's checkpointing explorer: memory against recomputation, measured in the kernel at every move.

Sliders for the network's depth and width, the batch size and the number of checkpointed
segments (0: none). Each move measures one step with
``compute.memory_and_time.checkpointing.checkpoint_costs`` (bytes counted from the saved
tensors, layer runs counted with forward hooks, gradients compared) and times it with
``time_steps``, live, on this machine. The times change from run to run: they live in this
widget only, never in a stored output. The figure is drawn once; a move changes bars and texts.
"""

import ipywidgets as widgets

from ...compute.memory_and_time.checkpointing import checkpoint_costs, time_steps
from ...compute.memory_and_time.saved_memory import kilobytes
from ...drawing.live_figure import LiveFigure
from ...drawing.memory_and_time import plot_checkpoint_bars, set_checkpoint_bars
from ..common import guarded, message_html, picture, readout_html, show

WIDTHS = [16, 32, 64, 128]  # small enough that a move measures in a fraction of a second on a busy machine
BATCHES = [16, 32, 64, 128, 256]
DEPTHS = (1, 16)


class CheckpointExplorer(widgets.VBox):
    """The widget; its controls are the sliders ``depth``, ``width``, ``batch`` and ``segments``.

    timer(depth, width, batch, segments) returns a StepTiming; tests pass a fake one, so nothing depends on the clock.
    """

    def __init__(self, depth=8, width=64, batch=128, segments=2, timer=time_steps):
        layout = widgets.Layout(width="360px")
        slider = dict(continuous_update=False, layout=layout)
        self.depth = widgets.IntSlider(value=depth, min=DEPTHS[0], max=DEPTHS[1], description="depth", **slider)
        self.width = widgets.SelectionSlider(options=WIDTHS, value=width, description="width", **slider)
        self.batch = widgets.SelectionSlider(options=BATCHES, value=batch, description="batch", **slider)
        self.segments = widgets.IntSlider(value=min(segments, depth), min=0, max=depth, description="segments",
                                          **slider)
        self.readout, self.message = widgets.HTML(), widgets.HTML()
        self.timer, self.cost, self.timing, self.last_error = timer, None, None, None
        self.live = LiveFigure(figsize=(6.8, 2.8), dpi=90)
        self.live.figure.get_layout_engine().set(rect=(0, 0.09, 1, 0.91))  # room for the legend below
        memory_ax, time_ax = self.live.figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        self.artists = plot_checkpoint_bars(memory_ax, time_ax)
        self.live.moving(*(artist for value in self.artists.values()
                           for artist in (value if isinstance(value, list) else [value])))
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([widgets.VBox([self.depth, self.width]), widgets.VBox([self.batch, self.segments])]),
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        self.depth.observe(self._on_depth, "value")
        for control in (self.width, self.batch, self.segments):
            control.observe(self._on_move, "value")
        self._on_move()

    @guarded
    def _on_depth(self, change=None):
        if self.segments.value > self.depth.value:  # fewer layers than segments: one layer per segment at most
            self.segments.unobserve(self._on_move, "value")
            self.segments.value = self.depth.value
            self.segments.observe(self._on_move, "value")
        self.segments.max = self.depth.value
        self._on_move()

    @guarded
    def _on_move(self, change=None):
        depth, width, batch, segments = self.depth.value, self.width.value, self.batch.value, self.segments.value
        self.cost = checkpoint_costs(depth, width, batch, segments)
        self.timing = self.timer(depth, width, batch, segments)
        set_checkpoint_bars(self.artists, self.cost, self.timing)
        show(self.image, self.live)
        self.readout.value = readout_html(readout_rows(self.cost, self.timing))
        self.message.value = message_html(*remark(self.cost, self.timing))


def readout_rows(cost, timing):
    """Return the readout's rows: bytes saved and kept, the peak, layer runs, equal gradients, the measured times."""
    rows = [("activations, plain", cost.plain.activations), ("kept by the forward", cost.kept.activations),
            ("peak, checkpointed", cost.peak), ("of it recomputed", cost.recomputed),
            ("weights and data", cost.plain.anyway)]
    return [(label, kilobytes(count).replace(" ", "\u00a0")) for label, count in rows] + [
        ("layer runs", f"{cost.runs_plain} → {cost.runs_checkpoint}"),
        ("same gradients", str(cost.same_gradients)),
        ("step ms, plain", f"{timing.plain_ms:.3g}"),
        ("step ms, checkpointed", f"{timing.checkpoint_ms:.3g}")]


def remark(cost, timing):
    """Return (sentence, kind) on what checkpointing saved and what it cost here."""
    if not cost.segments:
        return ("Segments 0: nothing is checkpointed, so both bars are the same step. Move segments to 1 or more.",
                "info")
    if not cost.same_gradients:
        return ("The gradients with checkpointing differ from those without: that should not happen.", "error")
    share = cost.share
    slower = timing.checkpoint_ms / timing.plain_ms if timing.plain_ms > 0 else 1.0
    memory = (f"the activations peak at {share:.0%} of {kilobytes(cost.plain.activations)}" if share < 1
              else f"the activations peak at {share:.0%} of {kilobytes(cost.plain.activations)}, no saving at all")
    return (f"{cost.segments} segment{'s' if cost.segments > 1 else ''}: {memory}; "
            f"{cost.runs_checkpoint - cost.runs_plain} layers ran forward twice, and the step took ×{slower:.2g} "
            "as long on this machine. The gradients are the same.", "ok" if share < 1 else "warning")


def checkpoint_explorer(depth=8, width=64, batch=128, segments=2):
    """Return the memory-against-recomputation explorer: depth, width, batch and checkpointed segments as sliders."""
    return CheckpointExplorer(depth, width, batch, segments)
