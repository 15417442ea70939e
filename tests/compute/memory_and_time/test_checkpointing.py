"""Checkpointing measured: the peak of the activations, the layers run twice, the gradients unchanged.

Oracle: arithmetic on layers. Each hidden layer keeps one output of batch × width × 4 bytes (a "layer"),
a checkpointed segment keeps only its input, and recomputing a segment brings back one output per layer.
"""

import pytest
import torch

from autograd_lessons.compute.memory_and_time.checkpointing import (checkpoint_costs, checkpointed_loss,
                                                                    segment_bounds, time_steps)
from autograd_lessons.compute.memory_and_time.saved_memory import memory_data, memory_net


@pytest.mark.parametrize("depth, segments", [(8, 1), (8, 3), (7, 2), (16, 4), (3, 5)])
def test_segments_cover_every_layer_once_in_near_equal_runs(depth, segments):
    bounds = segment_bounds(depth, segments)
    assert bounds[0][0] == 0 and bounds[-1][1] == depth
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    sizes = [stop - first for first, stop in bounds]
    assert max(sizes) - min(sizes) <= 1 and len(bounds) == min(segments, depth)


LAYER = 128 * 64 * 4  # one hidden layer's output at batch 128, width 64


@pytest.mark.parametrize("segments, peak, recomputed", [
    (0, 8 * LAYER + 512, 0),       # no checkpointing: every output, and the network's output for the loss
    (1, 8 * LAYER, 8 * LAYER),     # everything recomputed at once: nothing saved at the peak
    (2, 5 * LAYER, 4 * LAYER),     # the second half recomputed while the first half's input is kept
    (4, 5 * LAYER, 2 * LAYER),
    (8, 8 * LAYER + 512, 0),       # every layer's input kept: the peak is the forward's
])
def test_the_peak_of_the_activations(segments, peak, recomputed):
    cost = checkpoint_costs(8, 64, 128, segments)
    assert cost.plain.activations == 8 * LAYER + 512
    assert (cost.peak, cost.recomputed) == (peak, recomputed)
    assert cost.same_gradients


def test_every_checkpointed_layer_runs_forward_twice():
    cost = checkpoint_costs(6, 16, 8, 3)
    assert cost.runs_plain == 7 and cost.runs_checkpoint == 7 + 6


def test_the_checkpointed_loss_has_the_plain_loss_and_gradients():
    net, (X, y) = memory_net(4, 16), memory_data(8, 16)
    plain = checkpointed_loss(net, X, y, 0)
    plain.backward()
    expected = [p.grad.clone() for p in net.parameters()]
    net.zero_grad()
    checkpointed = checkpointed_loss(net, X, y, 2)
    checkpointed.backward()
    assert torch.equal(plain, checkpointed)
    assert all(torch.equal(p.grad, e) for p, e in zip(net.parameters(), expected))


def test_the_printout_names_the_bytes_and_runs_and_no_time():
    text = checkpoint_costs(8, 64, 128, 2).text()
    assert "peak 160.0 KB (62%)" in text and "17 layer runs" in text and "same gradients: True" in text
    assert " ms" not in text
    assert "no checkpointing" in checkpoint_costs(2, 8, 4, 0).text()


def test_more_segments_than_layers_is_one_per_layer_and_bad_sizes_are_refused():
    assert checkpoint_costs(2, 8, 4, 9).segments == 2
    with pytest.raises(ValueError):
        checkpoint_costs(0, 8, 4, 1)


def test_time_steps_measures_both_steps():
    timing = time_steps(2, 8, 4, 1, budget_ms=5)
    assert timing.plain_ms > 0 and timing.checkpoint_ms > 0
    assert torch.get_num_threads() >= 1
