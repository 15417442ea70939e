"""Lesson 11's gradient-flow explorer driven from Python: controls set, bars and message read."""

from autograd_lessons.explorers import gradient_flow_explorer


def test_the_gradient_flow_explorer_shows_one_bar_per_layer_and_says_when_they_vanish():
    explorer = gradient_flow_explorer(depth=8, activation="sigmoid")
    visible = [bar for bar in explorer.bars if bar.get_visible()]
    assert len(visible) == 9 and "Vanishing" in explorer.message.value
    first = explorer.image.value
    explorer.depth.value = 3
    assert sum(bar.get_visible() for bar in explorer.bars) == 4 and explorer.image.value != first
    explorer.activation.value = "relu"
    explorer.init.value = "kaiming (He)"
    explorer.depth.value = 10
    assert "every layer learns" in explorer.message.value
    heights = [bar.get_height() for bar in explorer.bars if bar.get_visible()]
    assert len(heights) == 11 and min(heights) > 1e-2
