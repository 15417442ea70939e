"""Lesson 10's cost explorer: slide the number of inputs and of outputs, count the passes, time jacfwd and jacrev.

The counts are ``compute.beyond_one_gradient.jacobian_cost.pass_counts`` (n JVPs or m VJPs for an m × n Jacobian);
the times are ``time_jacobians``, measured live on the learner's machine
each time a slider moves. "find the crossover" times both at every number of inputs,
for the current number of outputs, and marks where reverse mode starts to win. The
times change from run to run: they live in this widget only, never in a stored output.
The figure is drawn once; a move only changes bar widths, texts and line data. A start size
that is not on the sliders (inputs=1000) gets a sentence on the note line saying where the
explorer started instead.
"""

import math
import numbers

import ipywidgets as widgets
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from ...compute.beyond_one_gradient.jacobian_cost import crossover, pass_counts, time_jacobians
from ...drawing.live_figure import LiveFigure
from ..common import guarded, message_html, picture, readout_html, show

SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
COLOURS = {"forward": "C0", "reverse": "C3"}
TIME_LIMITS = (0.1, 300.0)  # ms, the time axes (log); a slower measurement is drawn at the edge


PLAIN = FuncFormatter(lambda value, position: f"{value:g}")


class JacobianCostExplorer(widgets.VBox):
    """The widget; its controls are the sliders ``inputs`` and ``outputs`` and the button ``sweep``.

    timer(inputs, outputs) returns a Timing; tests pass a fake one, so that nothing depends on the machine.
    """

    def __init__(self, inputs=256, outputs=4, timer=time_jacobians):
        (inputs, outputs), notes = zip(start_size("inputs", inputs, 256), start_size("outputs", outputs, 4))
        slider = dict(options=SIZES, continuous_update=False, layout=widgets.Layout(width="420px"))
        self.inputs = widgets.SelectionSlider(value=inputs, description="inputs n", **slider)
        self.outputs = widgets.SelectionSlider(value=outputs, description="outputs m", **slider)
        self.sweep = widgets.Button(description="find the crossover", icon="search",
                                    layout=widgets.Layout(width="170px"))
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.sweep_message = widgets.HTML()
        self.note = widgets.HTML(message_html(" ".join(note for note in notes if note), "warning"))
        self.timer, self.timing, self.timings = timer, None, []
        self.live, self.artists = self._figure()
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([widgets.VBox([self.inputs, self.outputs]), self.sweep],
                         layout=widgets.Layout(align_items="center")),
            widgets.HBox([self.image, self.readout], layout=widgets.Layout(align_items="center")),
            self.message,
            self.sweep_message,
            self.note,
        ])
        self.inputs.observe(self._on_move, "value")
        self.outputs.observe(self._on_outputs, "value")
        self.sweep.on_click(self._on_sweep)
        self._on_move()

    def _figure(self):
        live = LiveFigure(figsize=(7.6, 3.3), dpi=90)
        live.figure.set_layout_engine("none")  # fixed margins: constrained layout would cost ~0.3 s per background
        margins = {"left": 0.1, "right": 0.985, "bottom": 0.14, "top": 0.9, "wspace": 0.35}
        passes, times, sweep = live.figure.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 1.3], **margins})
        artists = {}
        for ax, key, limits, title in ((passes, "pass_bars", (0.5, 2 * SIZES[-1]), "passes for the whole Jacobian"),
                                       (times, "time_bars", TIME_LIMITS, "measured time, ms (this machine)")):
            bars = ax.barh([1, 0], [1, 1], color=[COLOURS["forward"], COLOURS["reverse"]], height=0.6)
            ax.set(xscale="log", xlim=limits, ylim=(-0.6, 1.6))
            ax.set_yticks([1, 0], ["forward\n(jacfwd)", "reverse\n(jacrev)"] if ax is passes else ["", ""])
            ax.set_title(title, fontsize=9)
            ax.tick_params(labelsize=8)
            artists[key] = list(bars)
            artists[key + "_text"] = [ax.text(1, y, "", va="center", ha="left", fontsize=8) for y in (1, 0)]
        lines = {mode: sweep.plot([], [], "o-", color=COLOURS[mode], markersize=3, linewidth=1.2,
                                  label="jacfwd" if mode == "forward" else "jacrev")[0] for mode in COLOURS}
        artists["cross"] = sweep.axvline(1, color="#555", linestyle="--", linewidth=1)
        artists["cross"].set_visible(False)
        artists["here"] = sweep.axvline(1, color="#bbb", linewidth=3, alpha=0.6)
        sweep.set(xscale="log", yscale="log", xlim=(0.8, 1.25 * SIZES[-1]), ylim=TIME_LIMITS)
        sweep.set_xlabel("inputs n", fontsize=8)
        artists["sweep_title"] = sweep.set_title(sweep_title(False, self.outputs.value), fontsize=9)
        sweep.tick_params(labelsize=8)
        sweep.legend(loc="upper left", fontsize=7)
        artists.update(lines=lines, sweep_ax=sweep)
        for axis in (passes.xaxis, times.xaxis, sweep.xaxis, sweep.yaxis):
            axis.set_major_formatter(PLAIN)  # 1, 10, 100 rather than mathtext powers: half the first draw
            axis.set_minor_formatter(NullFormatter())
            axis.set_minor_locator(LogLocator(subs=(2, 5)))  # unlabelled marks at 2 and 5: 8 a decade were a third
            # of the first draw, each a Tick of its own
        live.moving(*artists["pass_bars"], *artists["time_bars"], *artists["pass_bars_text"],
                    *artists["time_bars_text"], *lines.values(), artists["cross"], artists["here"])
        return live, artists

    @guarded
    def _on_outputs(self, change=None):
        self.timings = []  # a sweep belongs to one number of outputs
        self.sweep_message.value = ""
        self._on_move()

    @guarded
    def _on_move(self, change=None):
        if change is not None:
            self.note.value = ""  # the start size's note is about the start only
        n, m = self.inputs.value, self.outputs.value
        counts = pass_counts(n, m)
        self.timing = self.timer(n, m)
        self._draw(counts, self.timing)
        self.readout.value = readout_html(readout_rows(counts, self.timing))
        self.message.value = message_html(*remark(counts, self.timing))

    @guarded
    def _on_sweep(self, button=None):
        m = self.outputs.value
        self.sweep_message.value = message_html(f"timing jacfwd and jacrev for n = 1 … {SIZES[-1]} inputs, "
                                                f"m = {m} outputs …", "info")
        self.timings = [self.timer(n, m) for n in SIZES]
        self._draw(pass_counts(self.inputs.value, m), self.timing)
        self.sweep_message.value = message_html(sweep_text(self.timings, m), "ok")

    def _draw(self, counts, timing):
        a = self.artists
        for bar, text, value in zip(a["pass_bars"], a["pass_bars_text"], (counts.forward, counts.reverse)):
            bar.set_width(value)
            text.set_position((value * 1.15, text.get_position()[1]))
            text.set_text(f"{value}")
        for bar, text, value in zip(a["time_bars"], a["time_bars_text"], (timing.jacfwd_ms, timing.jacrev_ms)):
            shown = min(max(value, TIME_LIMITS[0]), TIME_LIMITS[1])
            bar.set_width(shown)
            text.set_position((min(shown * 1.15, TIME_LIMITS[1] / 8), text.get_position()[1]))
            text.set_text(f"{value:.2g}")
        for mode, line in a["lines"].items():
            line.set_data([t.inputs for t in self.timings],
                          [t.jacfwd_ms if mode == "forward" else t.jacrev_ms for t in self.timings])
        found = crossover(self.timings) if self.timings else None
        a["cross"].set_visible(found is not None)
        if found is not None:
            a["cross"].set_xdata([found.inputs, found.inputs])
        a["here"].set_xdata([counts.inputs, counts.inputs])
        title = sweep_title(bool(self.timings), self.outputs.value)
        if a["sweep_title"].get_text() != title:
            a["sweep_title"].set_text(title)
            self.live.refresh()  # the title is part of the background
        show(self.image, self.live)


def sweep_title(swept, outputs):
    """Return the title over the sweep's axes."""
    return f"jacfwd vs jacrev, m = {outputs}" if swept else "press find the crossover"


def readout_rows(counts, timing):
    """Return the readout table's rows: the Jacobian's shape, both pass counts, both measured times."""
    return [("Jacobian", f"{counts.outputs} × {counts.inputs}"),
            ("forward mode: JVPs", str(counts.forward)),
            ("reverse mode: VJPs", str(counts.reverse)),
            ("fewer passes", counts.cheaper),
            ("jacfwd, ms", f"{timing.jacfwd_ms:.3g}"),
            ("jacrev, ms", f"{timing.jacrev_ms:.3g}"),
            ("faster here", timing.faster)]


def remark(counts, timing):
    """Return (sentence, kind) comparing what the counts predict with what the clock measured."""
    if counts.cheaper == "either":
        return (f"n = m = {counts.inputs}: both modes need {counts.forward} passes; the clock says "
                f"{timing.faster} this time, by overheads, not by passes.", "info")
    winner = "jacfwd" if counts.cheaper == "forward" else "jacrev"
    ratio = max(counts.forward, counts.reverse) // min(counts.forward, counts.reverse)
    agrees = "agrees" if timing.faster == winner else "disagrees: at this size fixed overheads outweigh the passes"
    return (f"{counts.cheaper} mode needs {ratio}× fewer passes, so {winner} should win; this machine's clock "
            f"{agrees}.", "ok" if timing.faster == winner else "warning")


def sweep_text(timings, outputs):
    """Return the sentence on a sweep: the number of inputs from which jacrev was faster, on this machine."""
    found = crossover(timings)
    if found is None:
        return f"With m = {outputs} outputs, jacfwd was faster at every n up to {timings[-1].inputs} on this machine."
    if found.inputs == timings[0].inputs:
        return (f"With m = {outputs} outputs, jacrev was faster at every n from 1 to {timings[-1].inputs} "
                "on this machine.")
    return (f"Crossover on this machine, m = {outputs} outputs: jacrev was faster from n = {found.inputs} inputs "
            f"on (passes alone predict from n > {outputs}).")


def start_size(name, value, default):
    """Return (a size on the sliders, "" or a sentence saying why it is not `value`)."""
    scale = f"which takes powers of two from {SIZES[0]} to {SIZES[-1]}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        shown = repr(value) if isinstance(value, str) or value is None else str(value)
        return default, f"{name} = {shown[:30]} is not a number: the explorer starts at {name} = {default}."
    if value < 1:
        return SIZES[0], (f"{name} = {value:g}: a function has at least one {name[:-1]}; the explorer starts at "
                          f"{name} = {SIZES[0]}.")
    if value in SIZES:
        return int(value), ""
    start = min(SIZES, key=lambda size: abs(math.log2(size) - math.log2(min(value, 2.0 ** 60))))
    return start, (f"{name} = {value:g} is not on the slider, {scale}: the explorer starts at {name} = {start}, "
                   "the nearest.")


def jacobian_cost_explorer(inputs=256, outputs=4):
    """Return the cost explorer: sliders for n inputs and m outputs; passes counted, jacfwd vs jacrev timed."""
    return JacobianCostExplorer(inputs, outputs)
