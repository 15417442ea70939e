"""Lesson 12's gradcheck model: both Jacobians of every function and backward, and the step-size curve.

torch.autograd.gradcheck is the oracle for every verdict, and torch.func.jacrev (on the plain
forward, no custom backward) for every true Jacobian; each wrong backward must leave the
pattern its story tells.
"""

import pytest
import torch
from torch.func import jacrev

from autograd_lessons.compute.extending_autograd import (BUGS, ELEMENTWISE, FUNCTIONS, NAMES, W, X, _compile,
                                                         error_curve, exact_jacobian, inputs, jacobian_readout,
                                                         make_function, step_error)

PAIRS = [(name, bug) for name in NAMES for bug in BUGS]


def true_jacobian(name):
    """jacrev of the plain forward, one row per output: x's three columns, then w's."""
    forward = _compile(FUNCTIONS[name][0], "x, w")
    x, w = (torch.tensor(v, dtype=torch.float64) for v in (X, W))
    jx, jw = jacrev(forward, argnums=(0, 1))(x, w)
    return torch.cat([jx, jw], dim=1)


@pytest.mark.parametrize("name, bug", PAIRS)
def test_the_verdict_is_gradchecks_own(name, bug):
    function = make_function(name, bug)
    expected = torch.autograd.gradcheck(function.apply, inputs(), raise_exception=False)
    assert jacobian_readout(name, bug).passes == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_right_backward_gives_the_true_jacobian_both_ways(name):
    readout = jacobian_readout(name)
    assert torch.allclose(readout.analytical, true_jacobian(name), atol=1e-12)
    assert torch.allclose(readout.numerical, true_jacobian(name), atol=1e-8)
    assert torch.equal(exact_jacobian(name), readout.analytical)
    assert readout.passes and readout.verdict()[1] == "ok" and not readout.noisy


@pytest.mark.parametrize("name", NAMES)
def test_each_wrong_backward_leaves_its_own_pattern(name):
    truth = true_jacobian(name)
    dropped = jacobian_readout(name, "dropped grad_output").analytical
    assert all(torch.allclose(row, dropped[0]) for row in dropped)       # every row the same
    assert torch.allclose(dropped[0], truth.sum(dim=0))                  # what all ones would have given
    missing = jacobian_readout(name, "missing w's gradient").analytical
    assert torch.equal(missing[:, 3:], torch.zeros(3, 3)) and torch.allclose(missing[:, :3], truth[:, :3])
    sign = jacobian_readout(name, "wrong sign")
    flipped = sign.analytical[sign.wrong]
    assert flipped.numel() > 0 and torch.allclose(flipped, -truth[sign.wrong])
    transposed = jacobian_readout(name, "transposed Jacobian")
    assert torch.allclose(transposed.analytical[:, :3], truth[:, :3].T)
    assert transposed.passes == (name in ELEMENTWISE)                    # a diagonal block is its own transpose


def test_the_messages_tell_each_story():
    assert "Every row of the analytical Jacobian is the same" in jacobian_readout(NAMES[0], "dropped grad_output").verdict()[0]
    assert "mirrored" in jacobian_readout("cumsum(x) * exp(w)", "transposed Jacobian").verdict()[0]
    message, kind = jacobian_readout("cos(x) * w", "transposed Jacobian").verdict()
    assert "its own transpose" in message and "gradcheck passes" in message and kind == "ok"
    message, kind = jacobian_readout("x / w", "missing w's gradient").verdict()
    assert "returned None for w" in message and kind == "error"


def test_in_float32_at_gradchecks_step_even_the_right_backward_is_marked():
    readout = jacobian_readout("cos(x) * w", "right backward", 1e-6, "float32")
    assert readout.noisy and not readout.passes and readout.verdict()[1] == "warning"
    assert "in float32" in readout.verdict()[0]
    assert jacobian_readout("cos(x) * w", "right backward", 1e-3, "float32").passes  # its narrow window


@pytest.mark.parametrize("name", NAMES)
def test_the_error_curve_is_a_v_in_float64_and_higher_in_float32(name):
    exponents = [k / 2 for k in range(-24, -1)]
    e64, e32 = error_curve(name, exponents, "float64"), error_curve(name, exponents, "float32")
    bottom = min(range(len(e64)), key=e64.__getitem__)
    assert e64[bottom] < 1e-9 and e64[0] > 100 * e64[bottom] and e64[-1] > 100 * e64[bottom]
    assert 0 < bottom < len(e64) - 1
    assert min(e32) > 100 * min(e64) and e32[exponents.index(-6.0)] > 1e-3
    assert e64 == [step_error(name, 10.0 ** e, "float64") for e in exponents]   # the batched curve, point by point


def test_the_printed_text_marks_exactly_the_wrong_entries():
    readout = jacobian_readout("cumsum(x) * exp(w)", "transposed Jacobian")
    text = readout.text()
    rows = [line for line in text.splitlines() if line.lstrip().startswith("y")]
    assert len(rows) == 6 and sum(row.count("*") for row in rows) == 2 * int(readout.wrong.sum()) == 12
    assert "6 of 18 entries disagree (*): gradcheck fails." in text
    assert text.splitlines()[0].endswith(readout.code)


def test_an_unknown_name_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="pick a function"):
        jacobian_readout("tan(x)")
    with pytest.raises(ValueError):
        jacobian_readout(NAMES[0], dtype="float16")
