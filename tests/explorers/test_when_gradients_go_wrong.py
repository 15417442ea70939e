"""Lesson 9's kink explorer, driven from Python: move x, change the function, check the artists and the text."""

import html
import math

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from autograd_lessons.compute.when_gradients_go_wrong import KINKS, NAMES, kink_readout  # noqa: E402
from autograd_lessons.explorers import kink_explorer  # noqa: E402


@pytest.fixture(scope="module")
def explorer():
    return kink_explorer()


def xy(line):
    xs, ys = line.get_data()
    return list(xs), list(ys)


def test_it_opens_on_relu_at_its_kink(explorer):
    explorer.function.value = NAMES[0]
    explorer.x.value = 0.0
    art = explorer.artists
    assert explorer.function.value == "torch.relu(x)" and explorer.x.value == 0.0
    assert "A kink at x = 0" in explorer.message.value and "autograd returns 0" in explorer.message.value
    assert xy(art["point"]) == ([0.0], [0.0]) and xy(art["dot"]) == ([0.0], [0.0])
    assert xy(art["left"])[1] == [0.0, 0.0]                       # slope 0 from the left
    assert xy(art["right"]) == ([0.0, 0.6], [0.0, 0.6])            # slope 1 from the right
    assert xy(art["tangent"])[1] == [0.0, 0.0]                    # autograd's slope: 0
    assert "slope from the right" in explorer.readout.value


def test_a_slider_move_moves_the_point_and_the_slopes_without_redrawing(explorer):
    explorer.function.value = "torch.abs(x)"
    redraws, frames = explorer.redraws, set()
    for x in [-1.0, -0.05, 0.0, 0.05, 1.0]:
        explorer.x.value = x
        readout = kink_readout("torch.abs(x)", x)
        assert xy(explorer.artists["point"]) == ([readout.x], [readout.value])
        assert xy(explorer.artists["dot"])[1] == [readout.gradient]
        frames.add(bytes(explorer.image.value))
    assert explorer.redraws == redraws and len(frames) == 5
    explorer.x.value = 1.0
    assert "Smooth at x = 1" in explorer.message.value


@pytest.mark.parametrize("name", NAMES)
def test_each_function_opens_at_its_first_kink_with_its_rule(explorer, name):
    explorer.function.value = NAMES[(NAMES.index(name) + 1) % len(NAMES)]  # from another one: a real change
    explorer.x.value = 1.95
    explorer.function.value = name
    kink = KINKS[name]
    assert explorer.x.value == kink.kinks[0]
    assert html.escape(kink.rule) in explorer.message.value
    gradients = [g for g in explorer.artists["gradients"].get_data()[1] if not math.isnan(g)]
    assert gradients and explorer.artists["top"].get_title() == f"f(x) = {name}"


def test_the_lower_plot_marks_what_autograd_returns_exactly_at_each_kink(explorer):
    explorer.function.value = "x.clamp(-1, 1)"
    assert xy(explorer.artists["marks"]) == ([-1.0, 1.0], [1.0, 1.0])
    explorer.function.value = "F.hardtanh(x)"
    assert xy(explorer.artists["marks"]) == ([-1.0, 1.0], [0.0, 0.0])
    explorer.function.value = "torch.sqrt(x)"  # inf at 0: nothing to mark
    assert xy(explorer.artists["marks"]) == ([], [])


def test_sqrt_at_zero_hides_what_cannot_be_drawn_and_says_why(explorer):
    explorer.function.value = "torch.sqrt(x)"
    explorer.x.value = 0.0
    art = explorer.artists
    assert art["point"].get_visible() and not art["tangent"].get_visible()
    assert not art["left"].get_visible() and not art["right"].get_visible() and not art["dot"].get_visible()
    assert "inf" in explorer.message.value and "rule 4" in explorer.message.value
    explorer.x.value = -1.0
    assert not art["point"].get_visible() and "not a number" in explorer.message.value


def test_the_button_goes_to_the_nearest_kink(explorer):
    explorer.function.value = "x.clamp(-1, 1)"
    explorer.x.value = 0.6
    explorer.to_kink.click()
    assert explorer.x.value == 1.0
    explorer.x.value = -1.8
    explorer.to_kink.click()
    assert explorer.x.value == -1.0 and "A kink at x = -1" in explorer.message.value


def test_maximum_at_a_tie_shows_the_half(explorer):
    explorer.function.value = "torch.maximum(x, one)"
    explorer.x.value = 1.0
    assert xy(explorer.artists["dot"]) == ([1.0], [0.5]) and "returns 0.5" in explorer.message.value
