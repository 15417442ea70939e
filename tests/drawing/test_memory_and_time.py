"""Lesson 13's pictures, checked through the data their artists hold."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from autograd_lessons.compute.memory_and_time.checkpointing import StepTiming, checkpoint_costs  # noqa: E402
from autograd_lessons.compute.memory_and_time.saved_memory import SavedMemory  # noqa: E402
from autograd_lessons.drawing.memory_and_time import (EXPONENTS, ZONES, exponent_colour,  # noqa: E402
                                                      exponent_heights, plot_checkpoint_bars, plot_exponents,
                                                      plot_saved_memory, set_checkpoint_bars, set_exponents)


def test_saved_memory_bars_stack_the_activations_on_what_exists_anyway():
    rows = [("a", SavedMemory(3072, 1024)), ("b", SavedMemory(6144, 2048))]
    fig, ax = plt.subplots()
    grey, blue = plot_saved_memory(ax, rows)
    assert [bar.get_height() for bar in grey] == [1.0, 2.0]
    assert [bar.get_height() for bar in blue] == [2.0, 4.0]
    assert [bar.get_y() for bar in blue] == [1.0, 2.0]


def test_checkpoint_bars_show_the_peak_as_a_share_and_the_times_as_multiples():
    fig, (left, right) = plt.subplots(1, 2)
    artists = plot_checkpoint_bars(left, right)
    cost = checkpoint_costs(8, 64, 128, 2)
    set_checkpoint_bars(artists, cost, StepTiming(2.0, 3.0))
    whole = cost.plain.activations
    assert artists["plain"].get_width() == 1.0
    assert artists["kept"].get_width() == pytest.approx(cost.held / whole)
    assert artists["recompute"].get_x() == pytest.approx(cost.held / whole)
    assert artists["recompute"].get_width() == pytest.approx(cost.recomputed / whole)
    assert [bar.get_width() for bar in artists["time_bars"]] == [1.0, 1.5]
    assert artists["memory_text"][1].get_text() == "160.0 KB (62%)"
    assert artists["time_text"][1].get_text() == "3 ms (×1.5)"


def test_a_time_far_beyond_the_axis_is_drawn_at_its_edge():
    fig, (left, right) = plt.subplots(1, 2)
    artists = plot_checkpoint_bars(left, right)
    set_checkpoint_bars(artists, checkpoint_costs(2, 8, 4, 1), StepTiming(1.0, 50.0))
    assert artists["time_bars"][1].get_width() == right.get_xlim()[1]
    assert "×50" in artists["time_text"][1].get_text()


def test_exponent_bars_take_the_colour_of_their_float16_zone_and_new_heights():
    fig, ax = plt.subplots()
    count = EXPONENTS[1] - EXPONENTS[0] + 1
    bars = plot_exponents(ax, [0.0] * count)
    assert exponent_heights(bars) == [0.0] * count
    colours = {e: exponent_colour(e) for e in (-30, -20, 0, 16)}
    assert colours == {-30: ZONES["flushed"], -20: ZONES["subnormal"], 0: ZONES["normal"], 16: ZONES["overflow"]}
    faces = [matplotlib.colors.to_hex(c) for c in bars.get_facecolors()]
    assert faces[-30 - EXPONENTS[0]] == ZONES["flushed"] and faces[16 - EXPONENTS[0]] == ZONES["overflow"]
    set_exponents(bars, [i / count for i in range(count)])
    assert exponent_heights(bars)[5] == pytest.approx(5 / count)
