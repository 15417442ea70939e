"""Lesson 13's loss-scale explorer, driven from Python: a slider move shifts the histogram, the shares follow."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from autograd_lessons.compute.memory_and_time.loss_scale import (STAGES, exponent_counts, exponents,  # noqa: E402
                                                                 gradient_sample, scale_shares)
from autograd_lessons.drawing.memory_and_time import EXPONENTS, exponent_heights  # noqa: E402
from autograd_lessons.explorers import loss_scale_explorer  # noqa: E402


@pytest.fixture
def explorer():
    return loss_scale_explorer()


def heights(explorer):
    return exponent_heights(explorer.bars)


def test_the_bars_are_the_exponents_shifted_by_the_scale(explorer):
    values = gradient_sample(STAGES[1])
    for k in (0, 8, 16, 33):
        explorer.log2_scale.value = k
        assert heights(explorer) == pytest.approx(exponent_counts(exponents(values), k, *EXPONENTS))
        assert explorer.shares == scale_shares(values, k)


def test_the_readout_and_message_follow_the_shares(explorer):
    explorer.log2_scale.value = 0
    assert "8.6%" in explorer.readout.value and "become 0 in float16" in explorer.message.value
    explorer.log2_scale.value = 20
    assert "normal range" in explorer.message.value
    explorer.log2_scale.value = 40
    assert "overflow to inf" in explorer.message.value and "halve the scale" in explorer.message.value


def test_another_network_loads_its_gradients_and_rescales_the_axes(explorer):
    top = explorer.ax.get_ylim()[1]
    explorer.stage.value = STAGES[0]
    assert explorer.ax.get_ylim()[1] != top
    assert explorer.shares == scale_shares(gradient_sample(STAGES[0]), explorer.log2_scale.value)


def test_a_move_changes_the_picture(explorer):
    before = explorer.image.value
    explorer.log2_scale.value = 12
    assert explorer.image.value != before


def test_a_failure_is_a_sentence_not_a_traceback(explorer, monkeypatch):
    def broken(*args):
        raise RuntimeError("no gradients today")

    monkeypatch.setattr("autograd_lessons.explorers.memory_and_time.loss_scale.scale_shares", broken)
    explorer.log2_scale.value = 3
    assert "could not update" in explorer.message.value and isinstance(explorer.last_error, RuntimeError)
