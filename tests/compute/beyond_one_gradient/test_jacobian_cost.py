"""Lesson 10's cost of a whole Jacobian: the pass counts, the Jacobians built one pass at a time, the timing.

torch.func's jacrev and jacfwd are the oracle for every Jacobian; the timing is only checked for its
form (positive numbers, the thread count put back), never for its values, which belong to the machine.
"""

import pytest
import torch
from torch.func import jacfwd, jacrev

from autograd_lessons.compute.beyond_one_gradient.jacobian_cost import (
    Timing, crossover, jacobian_by_jvps, jacobian_by_vjps, jvp_column, network, pass_counts, time_jacobians, vjp_row)


@pytest.mark.parametrize("inputs, outputs, cheaper", [(1_000_000, 1, "reverse"), (3, 1_000, "forward"),
                                                      (8, 8, "either"), (1, 2, "forward")])
def test_a_whole_jacobian_takes_one_jvp_per_input_or_one_vjp_per_output(inputs, outputs, cheaper):
    counts = pass_counts(inputs, outputs)
    assert (counts.forward, counts.reverse, counts.cheaper) == (inputs, outputs, cheaper)


def test_the_text_names_the_shape_both_counts_and_the_cheaper_mode():
    assert pass_counts(256, 4).text() == ("256 inputs → 4 outputs: Jacobian 4 × 256; forward mode 256 JVPs, "
                                          "reverse mode 4 VJPs: reverse mode needs fewer")
    assert pass_counts(1_000_000, 1).text().startswith("1,000,000 inputs → 1 output: Jacobian 1 × 1,000,000")
    assert pass_counts(2, 2).text().endswith("forward mode 2 JVPs, reverse mode 2 VJPs: the same count")
    assert "1 JVP," in pass_counts(1, 3).text()


@pytest.mark.parametrize("inputs, outputs", [(6, 2), (1, 5), (4, 1), (3, 3)])
def test_jacobians_built_pass_by_pass_match_torch_func_and_count_their_passes(inputs, outputs):
    f, x = network(inputs, outputs)
    by_jvps, forward = jacobian_by_jvps(f, x, outputs)
    by_vjps, reverse = jacobian_by_vjps(f, x, outputs)
    assert (forward, reverse) == (inputs, outputs)
    assert by_jvps.shape == by_vjps.shape == (outputs, inputs)
    assert torch.allclose(by_jvps, jacfwd(f)(x), atol=1e-6)
    assert torch.allclose(by_vjps, jacrev(f)(x), atol=1e-6)


def test_a_jvp_with_a_basis_vector_is_a_column_and_a_vjp_is_a_row():
    f, x = network(5, 3)
    jacobian = jacrev(f)(x)
    assert torch.allclose(jvp_column(f, x, 2), jacobian[:, 2], atol=1e-6)
    assert torch.allclose(vjp_row(f, x, 1), jacobian[1], atol=1e-6)
    assert not x.requires_grad  # the row was computed on a detached copy


def test_the_network_is_the_same_for_the_same_sizes():
    (f1, x1), (f2, x2) = network(7, 2), network(7, 2)
    assert torch.equal(x1, x2) and torch.equal(f1(x1), f2(x2))
    assert f1(x1).shape == (2,)


def test_timing_gives_two_positive_medians_and_puts_the_threads_back(two_threads):
    threads = torch.get_num_threads()
    timing = time_jacobians(8, 2, budget_ms=5)
    assert torch.get_num_threads() == threads
    assert (timing.inputs, timing.outputs) == (8, 2)
    assert timing.jacfwd_ms > 0 and timing.jacrev_ms > 0 and timing.faster in {"jacfwd", "jacrev"}


def fake(inputs, forward, reverse):
    return Timing(inputs, 4, forward, reverse)


def test_the_crossover_is_where_jacrev_starts_to_win_for_good():
    timings = [fake(1, 1.0, 2.0), fake(2, 1.0, 0.5), fake(4, 1.0, 2.0), fake(8, 3.0, 2.0), fake(16, 9.0, 2.0)]
    assert crossover(timings).inputs == 8  # the early flip at 2 is noise: jacfwd wins again at 4
    assert crossover(list(reversed(timings))).inputs == 8
    assert crossover([fake(1, 1.0, 2.0), fake(2, 1.0, 3.0)]) is None
    assert crossover([fake(1, 3.0, 2.0), fake(2, 5.0, 3.0)]).inputs == 1
