"""The kink readout: autograd's gradient at and beside each kink, the one-sided slopes, the sentences.

PyTorch is the oracle for the gradients (a fresh leaf, one backward, in the test); the
one-sided slopes are checked against the slopes the pieces of each function have.
"""

import math

import pytest
import torch
import torch.nn.functional as F

from autograd_lessons.compute.when_gradients_go_wrong import KINKS, NAMES, gradient_curve, kink_readout, one_sided_slope

# (name, kink, left slope, right slope, what autograd returns there) in PyTorch 2.13
AT_THE_KINK = [
    ("torch.relu(x)", 0.0, 0.0, 1.0, 0.0),
    ("torch.abs(x)", 0.0, -1.0, 1.0, 0.0),
    ("F.leaky_relu(x, 0.1)", 0.0, 0.1, 1.0, 0.1),
    ("x.clamp(-1, 1)", -1.0, 0.0, 1.0, 1.0),
    ("x.clamp(-1, 1)", 1.0, 1.0, 0.0, 1.0),
    ("F.hardtanh(x)", -1.0, 0.0, 1.0, 0.0),
    ("F.hardtanh(x)", 1.0, 1.0, 0.0, 0.0),
    ("torch.maximum(x, one)", 1.0, 0.0, 1.0, 0.5),
]


def torch_gradient(function, x):
    leaf = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    function(leaf).backward()
    return leaf.grad.item()


@pytest.mark.parametrize("name, kink, left, right, gradient", AT_THE_KINK)
def test_at_each_kink_the_slopes_differ_and_autograd_picks_its_convention(name, kink, left, right, gradient):
    readout = kink_readout(name, kink)
    assert (readout.left, readout.right) == (left, right)
    assert readout.gradient == gradient == torch_gradient(KINKS[name].function, kink)
    assert readout.at_kink and not readout.agree
    assert readout.verdict().startswith(f"A kink at x = {kink:g}") and KINKS[name].rule in readout.verdict()


@pytest.mark.parametrize("name", NAMES)
def test_away_from_the_kinks_all_three_agree_with_torch(name):
    for x in [-1.7, -0.45, 0.3, 1.55]:
        readout = kink_readout(name, x)
        if math.isnan(readout.value):
            continue  # sqrt left of 0
        expected = torch_gradient(KINKS[name].function, x)
        assert readout.gradient == pytest.approx(expected)
        assert readout.left == pytest.approx(expected, abs=1e-5) and readout.right == pytest.approx(expected, abs=1e-5)
        assert readout.agree and not readout.at_kink and readout.verdict().startswith("Smooth at")


def test_sqrt_at_zero_is_infinite_from_the_right_and_undefined_from_the_left():
    readout = kink_readout("torch.sqrt(x)", 0.0)
    assert readout.gradient == math.inf and readout.right == math.inf and math.isnan(readout.left)
    assert "rule 4" in readout.verdict() and "undefined (nan)" in str(readout)
    left_of_zero = kink_readout("torch.sqrt(x)", -0.5)
    assert math.isnan(left_of_zero.value) and math.isnan(left_of_zero.gradient)
    assert "not a number" in left_of_zero.verdict() and "rule 5" in left_of_zero.verdict()


def test_one_sided_slopes_without_autograd():
    assert one_sided_slope(torch.abs, 0.0, -1) == -1.0 and one_sided_slope(torch.abs, 0.0, +1) == 1.0
    assert one_sided_slope(lambda x: x**3, 2.0, -1) == pytest.approx(12.0, abs=1e-5)
    assert one_sided_slope(torch.sqrt, 0.0, +1) == math.inf
    assert one_sided_slope(lambda x: -torch.sqrt(x), 0.0, +1) == -math.inf


def test_a_slider_value_a_hair_off_the_kink_is_the_kink():
    assert kink_readout("torch.relu(x)", 5.551115123125783e-17).at_kink
    assert kink_readout("x.clamp(-1, 1)", -0.9999999999999999).x == -1.0


def test_the_readout_prints_its_table_and_its_verdict():
    text = str(kink_readout("torch.abs(x)", 0.0))
    assert text.splitlines()[:5] == ["x                     0", "f(x)                  0",
                                     "autograd  x.grad      0", "slope from the left   -1",
                                     "slope from the right  1"]
    assert "subgradient of smallest size" in text


@pytest.mark.parametrize("name", NAMES)
def test_the_gradient_curve_is_one_batched_backward_equal_to_pointwise_ones(name):
    xs, values, gradients = gradient_curve(name, (-2.0, 2.0), points=41)
    function = KINKS[name].function
    assert torch.allclose(values, function(xs), equal_nan=True)
    pointwise = torch.tensor([torch_gradient(function, x) for x in xs.tolist()], dtype=torch.float64)
    assert torch.allclose(gradients, pointwise, equal_nan=True)


def test_every_rule_is_a_sentence_about_its_function_and_every_kink_is_inside_the_explorer():
    for name, kink in KINKS.items():
        assert kink.rule.endswith(".") and name.split("(")[0].split(".")[-1] in kink.rule, name
        assert all(-2.0 < point < 2.0 for point in kink.kinks)


def test_the_functions_are_the_ones_their_names_say():
    x = torch.linspace(-2, 2, 9, dtype=torch.float64)
    one = torch.ones_like(x)
    for name, expected in [("torch.relu(x)", torch.relu(x)), ("torch.abs(x)", x.abs()),
                           ("F.leaky_relu(x, 0.1)", F.leaky_relu(x, 0.1)), ("x.clamp(-1, 1)", x.clamp(-1, 1)),
                           ("F.hardtanh(x)", F.hardtanh(x)), ("torch.maximum(x, one)", torch.maximum(x, one))]:
        assert torch.equal(KINKS[name].function(x), expected), name
