"""Lesson 13's checkpointing explorer, driven from Python with a fake clock (and once with the real one)."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from autograd_lessons.compute.memory_and_time.checkpointing import StepTiming, checkpoint_costs  # noqa: E402
from autograd_lessons.explorers import checkpoint_explorer  # noqa: E402
from autograd_lessons.explorers.memory_and_time.checkpointing import CheckpointExplorer  # noqa: E402


def slower_with_segments(depth, width, batch, segments):
    """A clock where a step takes 1 ms, and 1 ms more per checkpointed segment."""
    return StepTiming(1.0, 1.0 + segments)


@pytest.fixture
def explorer():
    return CheckpointExplorer(depth=8, width=64, batch=128, segments=2, timer=slower_with_segments)


def test_the_bars_and_the_readout_show_the_measured_step(explorer):
    for depth, width, batch, segments in [(8, 64, 128, 2), (4, 32, 16, 1), (16, 128, 256, 4)]:
        explorer.depth.value, explorer.width.value = depth, width
        explorer.batch.value, explorer.segments.value = batch, segments
        cost = checkpoint_costs(depth, width, batch, segments)
        assert explorer.cost == cost
        bars = explorer.artists
        assert bars["kept"].get_width() + bars["recompute"].get_width() == pytest.approx(cost.share)
        assert bars["time_bars"][1].get_width() == min(1.0 + segments, 3.0)  # a slower step is drawn at the edge
        assert f"{cost.runs_plain} → {cost.runs_checkpoint}" in explorer.readout.value
        assert explorer.last_error is None


def test_the_message_says_what_was_saved_and_what_it_cost(explorer):
    explorer.segments.value = 2
    assert "62% of 256.5 KB" in explorer.message.value and "×3" in explorer.message.value
    explorer.segments.value = 8
    assert "no saving at all" in explorer.message.value
    explorer.segments.value = 0
    assert "nothing is checkpointed" in explorer.message.value


def test_fewer_layers_than_segments_brings_the_segments_down(explorer):
    explorer.segments.value = 6
    explorer.depth.value = 3
    assert (explorer.segments.value, explorer.segments.max, explorer.cost.segments) == (3, 3, 3)
    explorer.depth.value = 12
    assert explorer.segments.max == 12 and explorer.segments.value == 3


def test_a_move_changes_the_picture(explorer):
    before = explorer.image.value
    explorer.segments.value = 4
    assert explorer.image.value != before


def test_a_failure_is_a_sentence_not_a_traceback():
    def broken(*args):
        raise RuntimeError("the clock broke")

    explorer = CheckpointExplorer(timer=broken)
    assert "could not update" in explorer.message.value and isinstance(explorer.last_error, RuntimeError)


def test_the_real_clock_fills_the_readout():
    explorer = checkpoint_explorer(depth=2, width=16, batch=16, segments=1)
    assert "step ms, checkpointed" in explorer.readout.value and explorer.last_error is None
