"""Lesson 13's loss-scale explorer: a histogram of gradient exponents in float16, the loss scale 2ᵏ as a slider.

The gradients are ``compute.memory_and_time.loss_scale.gradient_sample`` (every activation's and
parameter's gradient of one backward, in float32), for a fresh or a nearly trained network.
Scaling the loss by 2ᵏ adds k to every exponent, so a slider move only shifts the counts under
fixed bars and fixed zones: flushed to 0, subnormal, normal, overflow. The shares in the
readout come from really converting the scaled gradients to float16 (``scale_shares``).
"""

import ipywidgets as widgets

from ...compute.memory_and_time.loss_scale import STAGES, exponent_counts, exponents, gradient_sample, scale_shares
from ...drawing.live_figure import LiveFigure
from ...drawing.memory_and_time import EXPONENTS, plot_exponents, set_exponents
from ..common import guarded, message_html, picture, readout_html, show

SCALES = (0, 40)  # k in the loss scale 2ᵏ; GradScaler starts at 2¹⁶


class LossScaleExplorer(widgets.VBox):
    """The widget; its controls are ``stage`` (dropdown) and ``log2_scale`` (slider, the k of the scale 2ᵏ)."""

    def __init__(self, stage=STAGES[1], log2_scale=0):
        self.stage = widgets.Dropdown(options=STAGES, value=stage, description="gradients of a",
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="330px"))
        self.log2_scale = widgets.IntSlider(value=log2_scale, min=SCALES[0], max=SCALES[1],
                                            description="scale 2^k, k", style={"description_width": "initial"},
                                            continuous_update=True, layout=widgets.Layout(width="520px"))
        self.readout, self.message, self.last_error = widgets.HTML(), widgets.HTML(), None
        self.live = LiveFigure(figsize=(6.6, 3.0), dpi=85)
        ax = self.live.figure.add_subplot()
        self.bars = plot_exponents(ax, [0.0] * (EXPONENTS[1] - EXPONENTS[0] + 1))
        self.ax, self.shares = ax, None
        self.live.moving(self.bars)
        self._load()
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([self.stage, self.log2_scale]),
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
        ])
        self.stage.observe(self._on_stage, "value")
        self.log2_scale.observe(self._on_scale, "value")
        self._on_scale()

    def _load(self):
        """Take the gradients of the chosen network; fix the height of the axes for them (a background change)."""
        self.values = gradient_sample(self.stage.value)
        self.powers = exponents(self.values)
        tallest = max(exponent_counts(self.powers, 0, *EXPONENTS))
        self.ax.set_ylim(0, tallest * 1.25)
        for text in self.ax.texts:  # the zones' labels sit near the top
            text.set_y(tallest * 1.2)
        self.live.refresh()

    @guarded
    def _on_stage(self, change=None):
        self._load()
        self._on_scale()

    @guarded
    def _on_scale(self, change=None):
        k = self.log2_scale.value
        set_exponents(self.bars, exponent_counts(self.powers, k, *EXPONENTS))
        show(self.image, self.live)
        self.shares = scale_shares(self.values, k)
        self.readout.value = readout_html(readout_rows(self.shares, self.values.numel()))
        self.message.value = message_html(*remark(self.shares))


def readout_rows(shares, count):
    """Return the readout's rows: the scale, and the share of the gradients in each float16 zone."""
    return [("gradients", f"{count:,}"),
            ("loss scale", f"2^{shares.log2_scale} = {shares.scale:,.0f}"),
            ("flushed to 0", f"{shares.flushed:.1%}"),
            ("subnormal (fewer digits)", f"{shares.subnormal:.1%}"),
            ("normal", f"{shares.normal:.1%}"),
            ("overflow to inf", f"{shares.overflow:.1%}")]


def remark(shares):
    """Return (sentence, kind) on what this scale does to the gradients in float16."""
    if shares.overflow > 0:
        return (f"{shares.overflow:.1%} of the gradients overflow to inf: GradScaler would find them, skip this "
                "optimizer step and halve the scale.", "error")
    if shares.flushed > 0:
        return (f"{shares.flushed:.1%} of the gradients become 0 in float16, and those layers stop learning: "
                "raise the scale.", "warning")
    if shares.subnormal > 0.01:
        return (f"No gradient is lost, but {shares.subnormal:.1%} are subnormal and keep only a few significant "
                "bits: a larger scale keeps all 11.", "info")
    return ("Every gradient lands in float16's normal range: nothing flushed, nothing overflowing. "
            "GradScaler keeps such a scale, and tries twice as large after 2000 steps without an overflow.", "ok")


def loss_scale_explorer(stage=STAGES[1], log2_scale=0):
    """Return the loss-scale explorer: a network's gradient exponents in float16, with the scale 2ᵏ as a slider."""
    return LossScaleExplorer(stage, log2_scale)
