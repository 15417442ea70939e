"""The replay's StampedFigure: a pasted label looks exactly as a drawn one, and each look is drawn once."""

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from autograd_lessons.drawing.live_figure import png_bytes  # noqa: E402
from autograd_lessons.drawing.stamped_figure import StampedFigure  # noqa: E402
from autograd_lessons.explorers import backward_replay_explorer  # noqa: E402


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_a_stamped_frame_is_the_picture_drawn_in_full():
    replay = backward_replay_explorer("out = (x * x).sigmoid()")
    for n in [3, 1, 2]:  # pasted looks from earlier frames, and new ones
        replay.step.value = n
    frame = pixels(replay.image.value)
    replay.live.forget_moving()  # every artist is drawn normally again, as it stands
    replay.live.figure.canvas.draw()
    assert np.array_equal(frame, pixels(png_bytes(replay.live.figure.canvas)))


def test_each_look_of_a_label_is_drawn_once_and_any_change_draws_it_again():
    live = StampedFigure(figsize=(3, 1))
    ax = live.figure.add_axes((0, 0, 1, 1))
    label = ax.text(0.5, 0.5, "", bbox=dict(facecolor="white", edgecolor="none"))
    live.stamped(label)
    live.render()
    assert live.stamps() == 0  # an empty label is not drawn at all
    frames = {}
    for text, colour in [("grad 1.0", "red"), ("grad 8.0", "red"), ("grad 1.0", "red"), ("grad 1.0", "blue")]:
        label.set_text(text)
        label.set_color(colour)
        frames.setdefault((text, colour), set()).add(live.render())
    assert live.stamps() == 3 and all(len(f) == 1 for f in frames.values())
    ax.set_facecolor("yellow")
    live.refresh()  # the background changed: every stamp is drawn again on it
    assert live.render() not in frames[("grad 1.0", "blue")] and live.stamps() == 1
