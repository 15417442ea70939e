"""Lesson 12's Jacobians: both of every function and backward, and the step-size curve.

torch.func.jacrev on the plain forward (no custom backward) is the oracle for every true
Jacobian, torch.autograd.gradcheck for every verdict; each wrong backward must leave the
pattern its name promises.
"""

import pytest
import torch
from torch.func import jacrev

from autograd_lessons.compute.extending_autograd.jacobians import (BUGS, ELEMENTWISE, FUNCTIONS, NAMES, W, X,
                                                                   analytical_jacobian, compile_code, error_curve,
                                                                   exact_jacobian, inputs, make_function, mismatches,
                                                                   numerical_jacobian, right_jacobian, step_error)


def true_jacobian(name):
    """jacrev of the plain forward, one row per output: x's three columns, then w's."""
    forward = compile_code(FUNCTIONS[name][0], "x, w")
    x, w = (torch.tensor(v, dtype=torch.float64) for v in (X, W))
    jx, jw = jacrev(forward, argnums=(0, 1))(x, w)
    return torch.cat([jx, jw], dim=1)


def backward_jacobian(name, bug):
    return analytical_jacobian(make_function(name, bug))


@pytest.mark.parametrize("name", NAMES)
def test_the_right_backward_gives_the_true_jacobian_both_ways(name):
    truth = true_jacobian(name)
    assert torch.allclose(backward_jacobian(name, "right backward"), truth, atol=1e-12)
    assert torch.allclose(numerical_jacobian(name), truth, atol=1e-8)
    assert torch.equal(exact_jacobian(name), right_jacobian(name, "float64"))
    assert right_jacobian(name, "float32").dtype == torch.float32


@pytest.mark.parametrize("name, bug", [(name, bug) for name in NAMES for bug in BUGS])
def test_gradchecks_rule_marks_what_gradcheck_rejects(name, bug):
    function = make_function(name, bug)
    rejected = not torch.autograd.gradcheck(function.apply, inputs(), raise_exception=False)
    assert bool(mismatches(backward_jacobian(name, bug), numerical_jacobian(name)).any()) == rejected


@pytest.mark.parametrize("name", NAMES)
def test_each_wrong_backward_leaves_its_own_pattern(name):
    truth = true_jacobian(name)
    dropped = backward_jacobian(name, "dropped grad_output")
    assert all(torch.allclose(row, dropped[0]) for row in dropped)       # every row the same
    assert torch.allclose(dropped[0], truth.sum(dim=0))                  # what all ones would have given
    missing = backward_jacobian(name, "missing w's gradient")
    assert torch.equal(missing[:, 3:], torch.zeros(3, 3)) and torch.allclose(missing[:, :3], truth[:, :3])
    sign = backward_jacobian(name, "wrong sign")
    flipped = ~torch.isclose(sign, truth)
    assert flipped.any() and torch.allclose(sign[flipped], -truth[flipped])
    transposed = backward_jacobian(name, "transposed Jacobian")
    assert torch.allclose(transposed[:, :3], truth[:, :3].T)
    assert torch.allclose(transposed, truth) == (name in ELEMENTWISE)    # a diagonal block is its own transpose


@pytest.mark.parametrize("name", NAMES)
def test_the_error_curve_is_a_v_in_float64_and_higher_in_float32(name):
    exponents = [k / 2 for k in range(-24, -1)]
    e64, e32 = error_curve(name, exponents, "float64"), error_curve(name, exponents, "float32")
    bottom = min(range(len(e64)), key=e64.__getitem__)
    assert e64[bottom] < 1e-9 and e64[0] > 100 * e64[bottom] and e64[-1] > 100 * e64[bottom]
    assert 0 < bottom < len(e64) - 1
    assert min(e32) > 100 * min(e64) and e32[exponents.index(-6.0)] > 1e-3
    assert e64 == [step_error(name, 10.0 ** e, "float64") for e in exponents]   # the batched curve, point by point


def test_every_backward_line_is_the_one_compiled():
    for name, (forward, backwards) in FUNCTIONS.items():
        assert set(backwards) == set(BUGS)
        x, w = inputs()
        g = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
        for bug, line in backwards.items():
            returned = make_function(name, bug).backward(type("ctx", (), {"saved_tensors": (x, w)})(), g)
            expected = eval(f"({line})", {"torch": torch, "x": x, "w": w, "grad_output": g})  # noqa: S307
            assert all((a is None and b is None) or torch.equal(a, b) for a, b in zip(returned, expected))
