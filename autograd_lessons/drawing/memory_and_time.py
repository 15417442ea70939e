"""Pictures of Lesson 13: saved memory as stacked bars, checkpointing's memory and time, float16 exponents.

Each ``plot_*`` draws on the axes it is given and returns the artists it made; the
matching ``set_*`` changes only those artists' data, so an explorer draws a figure
once and then moves bars and texts frame after frame (``drawing/live_figure.py``).
"""

from matplotlib.collections import PolyCollection

from ..compute.memory_and_time.loss_scale import LARGEST, SMALLEST_NORMAL, SMALLEST_SUBNORMAL
from ..compute.memory_and_time.saved_memory import kilobytes

ANYWAY, ACTIVATIONS, RECOMPUTE = "#b7b7b7", "#4a86c5", "#e69138"  # parameters and data; activations; recomputed
ZONES = {"flushed": "#c0392b", "subnormal": "#e69138", "normal": "#4a86c5", "overflow": "#7b1fa2"}
EXPONENTS = (-40, 20)  # the exponents the histogram shows; what lies beyond is counted at the ends
RELATIVE_LIMIT = 1.5   # the memory bars are drawn as shares of the step without checkpointing
TIME_LIMIT = 3.0       # the time bars as multiples of that step's time (a slower step is drawn at the edge)


def plot_saved_memory(ax, rows):
    """Draw one stacked bar per (label, SavedMemory): grey what exists anyway, blue the activations; return both."""
    labels = [label for label, _ in rows]
    anyway = [memory.anyway / 1024 for _, memory in rows]
    activations = [memory.activations / 1024 for _, memory in rows]
    grey = ax.bar(labels, anyway, color=ANYWAY, label="weights and data (exist anyway)")
    blue = ax.bar(labels, activations, bottom=anyway, color=ACTIVATIONS, label="activations (kept for backward)")
    ax.set_ylabel("saved for backward, KB")
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(True, axis="y", alpha=0.3)
    return grey, blue


def plot_checkpoint_bars(memory_ax, time_ax):
    """Draw the memory and time panels of the checkpointing explorer, empty; return their artists by name."""
    artists = {
        "plain": memory_ax.barh([1], [0.0], color=ACTIVATIONS, height=0.55, label="activations kept")[0],
        "kept": memory_ax.barh([0], [0.0], color=ACTIVATIONS, height=0.55)[0],
        "recompute": memory_ax.barh([0], [0.0], color=RECOMPUTE, height=0.55,
                                    label="a segment recomputed by backward")[0],
        "memory_text": [memory_ax.text(0, y, "", va="center", fontsize=8) for y in (1, 0)],
        "time_bars": list(time_ax.barh([1, 0], [0.0, 0.0], color=["#7f7f7f", RECOMPUTE], height=0.55)),
        "time_text": [time_ax.text(0, y, "", va="center", fontsize=8) for y in (1, 0)],
    }
    memory_ax.figure.legend(loc="lower center", ncol=2, fontsize=8, frameon=False)
    memory_ax.set(xlim=(0, RELATIVE_LIMIT), ylim=(-0.6, 1.6))
    memory_ax.set_yticks([1, 0], ["no checkpoint", "checkpoint"])
    memory_ax.set_title("peak of the activations (share of no checkpoint)", fontsize=9)
    time_ax.set(xlim=(0, TIME_LIMIT), ylim=(-0.6, 1.6))
    time_ax.set_yticks([1, 0], ["", ""])
    time_ax.set_title("step time (× no checkpoint, this machine)", fontsize=9)
    for ax in (memory_ax, time_ax):
        ax.tick_params(labelsize=8)
        ax.axvline(1.0, color="#555", linewidth=0.8, linestyle=":")
    return artists


def set_checkpoint_bars(artists, cost, timing):
    """Show a CheckpointCost and a StepTiming on the artists of plot_checkpoint_bars."""
    whole = max(cost.plain.activations, 1)
    artists["plain"].set_width(cost.plain.activations / whole)
    artists["kept"].set_width(cost.held / whole)
    artists["recompute"].set_x(cost.held / whole)
    artists["recompute"].set_width(cost.recomputed / whole)
    for text, value in zip(artists["memory_text"], (cost.plain.activations, cost.peak)):
        text.set_position((min(value / whole, RELATIVE_LIMIT - 0.45) + 0.02, text.get_position()[1]))
        text.set_text(f"{kilobytes(value)} ({value / whole:.0%})")
    for bar, text, ms in zip(artists["time_bars"], artists["time_text"], (timing.plain_ms, timing.checkpoint_ms)):
        share = ms / timing.plain_ms if timing.plain_ms > 0 else 1.0
        bar.set_width(min(share, TIME_LIMIT))
        text.set_position((min(share, TIME_LIMIT - 0.75) + 0.04, text.get_position()[1]))
        text.set_text(f"{ms:.3g} ms (×{share:.2g})")


def exponent_colour(exponent):
    """Return the colour of a binary exponent's zone in float16: flushed, subnormal, normal or overflow."""
    if exponent < SMALLEST_SUBNORMAL:
        return ZONES["flushed"]
    if exponent < SMALLEST_NORMAL:
        return ZONES["subnormal"]
    return ZONES["normal"] if exponent < LARGEST else ZONES["overflow"]


def plot_exponents(ax, shares, low=EXPONENTS[0], high=EXPONENTS[1], top=0.3):
    """Draw one bar per binary exponent low … high, coloured by its float16 zone, over the zones; return the bars.

    The bars are one PolyCollection (one rectangle per exponent), so a frame draws them in one call.
    """
    spans = ((low - 0.5, SMALLEST_SUBNORMAL - 0.5, "flushed", "→ 0"),
             (SMALLEST_SUBNORMAL - 0.5, SMALLEST_NORMAL - 0.5, "subnormal", "fewer digits"),
             (LARGEST - 0.5, high + 0.5, "overflow", "→ inf"))
    for start, stop, zone, words in spans:
        ax.axvspan(start, stop, color=ZONES[zone], alpha=0.08)
        ax.text((start + stop) / 2, top * 0.93, words, ha="center", va="top", fontsize=8, color=ZONES[zone])
    exponents = list(range(low, high + 1))
    bars = PolyCollection(bar_outlines(exponents, shares), facecolors=[exponent_colour(e) for e in exponents],
                          edgecolors="none")
    bars.exponents = exponents
    ax.add_collection(bars)
    ax.set(xlim=(low - 0.5, high + 0.5), ylim=(0, top))
    ax.set_xlabel("binary exponent of the scaled gradient, in float16 (|g| ≈ 2^exponent)", fontsize=8)
    ax.set_ylabel("share of the gradients", fontsize=8)
    ax.tick_params(labelsize=8)
    return bars


def bar_outlines(exponents, shares, width=0.85):
    """Return the corners of one bar per exponent, `width` wide, as tall as its share."""
    half = width / 2
    return [[(e - half, 0), (e - half, h), (e + half, h), (e + half, 0)] for e, h in zip(exponents, shares)]


def set_exponents(bars, shares):
    """Set the heights of plot_exponents' bars to new shares (one per exponent)."""
    bars.set_verts(bar_outlines(bars.exponents, shares))


def exponent_heights(bars):
    """Return the heights plot_exponents' bars show, one per exponent (what a test reads back)."""
    return [float(path.vertices[:, 1].max()) for path in bars.get_paths()]
