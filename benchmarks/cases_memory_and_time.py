"""Benchmark cases for Lesson 13's explorers, checkpointing and the loss scale (see harness.py).

Checkpointing: a move is one step of the segments slider, 0 … 8 and round again, on 8 layers of 64 with
a batch of 128. Two rows, as for Lesson 10's cost explorer:
- "live timing": the explorer as the learner has it, timing a step with and without checkpointing at every
  move. That timing is what the explorer is for, so the row is reported without a target (run.py's REPORTED);
- "measure and draw": the same explorer with a clock that answers at once, so the row measures what the
  explorer adds: the bytes and layer runs counted (two forward and backward passes, each segment run again),
  the bars, the texts and the frame.
The naive twins measure the same way and draw both panels from scratch, as a plain ``interact`` would.

The loss scale: a move is one step of the k slider, 0 … 40; the naive twin draws the histogram from scratch.
"""

from harness import ExplorerCase, naive_png

LIVE = "lesson 13 · checkpointing (live timing)"
MEASURED = "lesson 13 · checkpointing (measure and draw)"
DEPTH, WIDTH, BATCH = 8, 64, 128


def segments_of(i):
    return i % (DEPTH + 1)


def move_segments(explorer, i):
    explorer.segments.value = segments_of(i)


def instant(depth, width, batch, segments):
    from autograd_lessons.compute.memory_and_time.checkpointing import StepTiming

    return StepTiming(1.0, 1.0 + segments / 10)


def naive_checkpointing(timer):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.memory_and_time.checkpointing import checkpoint_costs

    def naive(i):
        segments = segments_of(i)
        cost, timing = checkpoint_costs(DEPTH, WIDTH, BATCH, segments), timer(DEPTH, WIDTH, BATCH, segments)
        fig, (memory, times) = plt.subplots(1, 2, figsize=(7.6, 2.8), dpi=90)
        memory.barh([1, 0], [1.0, cost.held / cost.plain.activations], color="#4a86c5")
        memory.barh([0], [cost.recomputed / cost.plain.activations], left=[cost.held / cost.plain.activations],
                    color="#e69138")
        times.barh([1, 0], [1.0, timing.checkpoint_ms / timing.plain_ms], color=["#7f7f7f", "#e69138"])
        return naive_png(fig)

    return naive


def move_scale(explorer, i):
    explorer.log2_scale.value = i % 41


def naive_scale():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.memory_and_time.loss_scale import (STAGES, exponent_counts, exponents,
                                                                     gradient_sample, scale_shares)
    from autograd_lessons.drawing.memory_and_time import EXPONENTS, plot_exponents

    values = gradient_sample(STAGES[1])

    def naive(i):
        k = i % 41
        shares = exponent_counts(exponents(values), k, *EXPONENTS)
        scale_shares(values, k)
        fig, ax = plt.subplots(figsize=(6.6, 3.0), dpi=85)
        plot_exponents(ax, shares, top=0.2)
        return naive_png(fig)

    return naive


def cases():
    """Return the checkpointing explorer with its live clock and with an instant one, and the loss-scale explorer."""
    from autograd_lessons.compute.memory_and_time.checkpointing import time_steps
    from autograd_lessons.explorers import loss_scale_explorer
    from autograd_lessons.explorers.memory_and_time.checkpointing import CheckpointExplorer

    def explorer(timer):
        return lambda: CheckpointExplorer(DEPTH, WIDTH, BATCH, 0, timer=timer)

    return [ExplorerCase(LIVE, explorer(time_steps), move_segments, naive_checkpointing(time_steps)),
            ExplorerCase(MEASURED, explorer(instant), move_segments, naive_checkpointing(instant)),
            ExplorerCase("lesson 13 · loss scale", loss_scale_explorer, move_scale, naive_scale())]
