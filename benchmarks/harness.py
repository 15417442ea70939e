"""What a benchmark case is, and how one is timed (used by run.py and by each cases_*.py file)."""

import io
import statistics
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class ExplorerCase:
    """An explorer, how to move its control the i-th time, and its naive twin.

    move(explorer, i) changes a control the way a learner would (a slider step,
    a button click); the explorer's observers run at once and leave the new PNG
    frame in its Image widget, which is what the front end receives.
    naive(i) draws the same picture the way a plain ``interact`` callback with
    the inline backend does: a new pyplot figure, saved as PNG with
    bbox_inches="tight", then closed.
    """

    name: str
    make: Callable
    move: Callable
    naive: Callable
    frame: Callable = lambda explorer: explorer.image.value  # the bytes the front end receives


def milliseconds(action, repeats):
    """Run action(i) for i in range(repeats) and return the list of durations in ms."""
    durations = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def median_p95(durations):
    """Return (median, 95th percentile) of a list of durations."""
    ordered = sorted(durations)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def naive_png(figure):
    """Encode a pyplot figure as the inline backend does, close it, and return the bytes."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()
