"""Float16 under a loss scale: which gradients flush to 0, which are subnormal, which overflow.

Oracle: numbers placed on purpose around float16's limits (2⁻²⁵ rounds to 0, 2⁻¹⁴ is the smallest
normal, 2¹⁶ overflows), and torch's own float16 conversion.
"""

import pytest
import torch

from autograd_lessons.compute.memory_and_time.loss_scale import (STAGES, exponent_counts, exponents, gradient_sample,
                                                                 scale_shares)

VALUES = torch.tensor([2.0 ** -30, 2.0 ** -20, 2.0 ** -10, 2.0 ** 10])


def test_the_shares_at_known_exponents():
    at_0 = scale_shares(VALUES, 0)
    assert (at_0.flushed, at_0.subnormal, at_0.normal, at_0.overflow) == (0.25, 0.25, 0.5, 0.0)
    at_6 = scale_shares(VALUES, 6)  # 2^10 · 2^6 = 65536: inf; 2^-30 · 2^6 = 2^-24: the smallest subnormal
    assert (at_6.flushed, at_6.subnormal, at_6.normal, at_6.overflow) == (0.0, 0.25, 0.5, 0.25)
    assert scale_shares(VALUES, 5).overflow == 0.0  # 2^15 = 32768 is a float16


def test_the_shares_agree_with_torchs_conversion_and_add_up_to_one():
    values = gradient_sample(STAGES[1])
    for k in (0, 9, 30):
        shares = scale_shares(values, k)
        halves = (values.double() * 2.0 ** k).half()
        assert shares.flushed == pytest.approx((halves == 0).double().mean().item())
        assert shares.overflow == pytest.approx(halves.isinf().double().mean().item())
        assert shares.flushed + shares.subnormal + shares.normal + shares.overflow == pytest.approx(1.0)
    assert "scale 2^9 = 512" in scale_shares(values, 9).text()


def test_a_scale_must_be_a_whole_power():
    with pytest.raises(TypeError):
        scale_shares(VALUES, 1.5)


def test_exponents_and_their_shifted_counts():
    assert exponents(torch.tensor([0.75, 3e-8, 1.0, 65504.0])).tolist() == [-1, -25, 0, 15]
    powers = exponents(VALUES)
    counts = exponent_counts(powers, 0, -40, 20)
    shifted = exponent_counts(powers, 4, -40, 20)
    assert sum(counts) == pytest.approx(1.0) and shifted[4:] == counts[:-4]
    assert exponent_counts(powers, 60, -40, 20)[-1] == 1.0  # what lies beyond the range is counted at the end


def test_a_nearly_trained_networks_gradients_are_smaller_and_none_is_zero():
    fresh, trained = gradient_sample(STAGES[0]), gradient_sample(STAGES[1])
    assert (trained != 0).all() and fresh.numel() > 1000
    assert trained.abs().median() < fresh.abs().median() / 100
    assert scale_shares(trained, 0).flushed > 0.05 and scale_shares(fresh, 0).flushed < 0.001


def test_the_sample_holds_the_parameters_gradients():
    from autograd_lessons.compute.memory_and_time.saved_memory import memory_data, memory_net

    net, (X, y) = memory_net(4, 32), memory_data(64, 32)
    torch.nn.functional.mse_loss(net(X), y).backward()
    last = net[-1].weight.grad.reshape(-1)
    sample = gradient_sample(STAGES[0])
    assert torch.equal(sample[-last.numel() - 1:-1], last[last != 0])


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError):
        gradient_sample("half trained")
