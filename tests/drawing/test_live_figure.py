"""autograd_lessons.drawing.live_figure: a cheap frame must look exactly like a full redraw."""

import io

import numpy as np
from PIL import Image

from autograd_lessons.drawing.live_figure import LiveFigure


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def figure_with_a_moving_point():
    live = LiveFigure(figsize=(3, 2), dpi=80)
    ax = live.figure.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 4])
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 4)
    point, = ax.plot([0.5], [0.25], "o")
    live.moving(point)
    return live, ax, point


def test_a_blitted_frame_equals_a_full_draw_of_the_same_state():
    live, ax, point = figure_with_a_moving_point()
    live.render()  # caches the background
    point.set_data([1.5], [2.25])
    fast = pixels(live.render())
    fresh, _, fresh_point = figure_with_a_moving_point()
    fresh_point.set_data([1.5], [2.25])
    assert np.array_equal(fast, pixels(fresh.render()))


def test_moving_an_artist_changes_the_frame_and_moving_it_back_restores_it():
    live, _, point = figure_with_a_moving_point()
    first = live.render()
    point.set_data([1.5], [2.25])
    assert live.render() != first
    point.set_data([0.5], [0.25])
    assert live.render() == first


def test_background_changes_show_only_after_refresh():
    live, ax, _ = figure_with_a_moving_point()
    before = live.render()
    ax.set_title("a new title")
    assert live.render() == before  # the cached background is reused...
    live.refresh()
    assert live.render() != before  # ...until we say it changed


def test_hidden_moving_artists_are_not_drawn():
    live, _, point = figure_with_a_moving_point()
    with_point = live.render()
    point.set_visible(False)
    without = live.render()
    assert without != with_point
    assert pixels(without).shape == pixels(with_point).shape == (160, 240, 4)


def test_the_figure_is_never_registered_with_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    figure_with_a_moving_point()
    assert plt.get_fignums() == before  # so the inline backend never shows it by accident


def test_forgotten_moving_artists_are_drawn_no_more():
    live, ax, point = figure_with_a_moving_point()
    with_point = live.render()
    live.forget_moving()
    ax.clear()  # what an explorer does before drawing a new picture on the same axes
    assert live.render() != with_point
    assert not point.get_animated()


def test_a_character_the_font_lacks_is_drawn_without_a_warning(recwarn):
    live = LiveFigure(figsize=(2, 1))
    live.figure.add_subplot().set_title("f(x) = x\x0c + \U0009dd84")  # a form feed and an unassigned code point
    assert live.render().startswith(b"\x89PNG")
    assert [str(w.message) for w in recwarn if "Glyph" in str(w.message)] == []
