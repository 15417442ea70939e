"""Lesson 5's descent stepper, driven from Python: each press is one step of the lesson's loop."""

import math

import pytest

from autograd_lessons.compute.backprop_in_action import GradientDescent
from autograd_lessons.explorers import descent_explorer


def path_of(explorer):
    return list(zip(*explorer.artists["path"].get_data()))


def flat(path):
    return [v for point in path for v in point]


def test_it_opens_at_the_flat_line():
    explorer = descent_explorer()
    assert explorer.lr.value == 0.05 and path_of(explorer) == [(0.0, 0.0)]
    assert ">0<" in explorer.readout.value and "8.0659" in explorer.readout.value
    assert "w -= lr * w.grad" in explorer.code.value and "w.grad.zero_()" in explorer.code.value
    assert list(explorer.artists["line"].get_ydata()) == [0.0, 0.0]
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


def test_each_step_extends_the_path_exactly_like_the_loop():
    explorer, reference = descent_explorer(lr=0.1), GradientDescent(lr=0.1)
    for count in range(1, 6):
        before = bytes(explorer.image.value)
        explorer.step.click()
        reference.step()
        assert bytes(explorer.image.value) != before
        assert flat(path_of(explorer)) == pytest.approx(flat(reference.path))
        assert f">{count}<" in explorer.readout.value
    w, b = reference.path[-1]
    assert list(explorer.artists["point"].get_data()) == [[w], [b]]
    assert list(explorer.artists["line"].get_ydata()) == pytest.approx([w * -2.2 + b, w * 2.2 + b])
    assert "The loss went down" in explorer.message.value


def test_ten_steps_and_reset():
    explorer = descent_explorer()
    for _ in range(10):
        explorer.ten_steps.click()
    assert len(path_of(explorer)) == 101 and "0.06665" in explorer.readout.value
    w, b = path_of(explorer)[-1]
    assert (round(w, 3), round(b, 3)) == (2.145, 1.104)  # the lesson's fit
    explorer.reset.click()
    assert path_of(explorer) == [(0.0, 0.0)] and ">0<" in explorer.readout.value


def test_the_learning_rate_applies_from_the_next_step():
    explorer = descent_explorer()
    explorer.step.click()
    explorer.lr.value = 0.5
    assert "lr = 0.5" in explorer.message.value
    explorer.step.click()
    reference = GradientDescent(lr=0.05)
    reference.step()
    reference.lr = 0.5
    reference.step()
    assert flat(path_of(explorer)) == pytest.approx(flat(reference.path))


def test_an_overshoot_is_a_warning():
    explorer = descent_explorer(lr=0.68)
    for _ in range(3):
        explorer.step.click()
    assert "The loss went up" in explorer.message.value and "#8a5a00" in explorer.message.value


@pytest.mark.parametrize("lr", [0.75, 1.0])
def test_divergence_stops_the_stepper_and_explains(lr):
    explorer = descent_explorer(lr=lr)
    for _ in range(30):
        explorer.ten_steps.click()
        if "Diverged" in explorer.message.value:
            break
    explorer.ten_steps.click()  # once more, as a learner might: the stepper stays stopped
    assert "Diverged" in explorer.message.value and "press reset" in explorer.message.value
    assert explorer.step.disabled and explorer.ten_steps.disabled
    assert explorer.artists["banner"].get_visible()
    assert all(math.isfinite(v) for point in path_of(explorer) for v in point)
    assert "left the picture" not in explorer.message.value
    explorer.reset.click()
    assert not explorer.step.disabled and not explorer.artists["banner"].get_visible()
    assert path_of(explorer) == [(0.0, 0.0)]


def test_leaving_the_picture_is_mentioned():
    explorer = descent_explorer(lr=0.75)
    for _ in range(8):
        explorer.step.click()
    assert "left the picture" in explorer.message.value


def test_an_unexpected_failure_is_a_message_not_a_traceback(monkeypatch):
    explorer = descent_explorer()
    monkeypatch.setattr(explorer.descent, "step", lambda: 1 / 0)
    explorer.step.click()
    assert "not anything you did" in explorer.message.value and "Error" not in explorer.message.value
    assert isinstance(explorer.last_error, ZeroDivisionError)


def test_creating_it_displays_nothing(capsys):
    descent_explorer()
    assert capsys.readouterr() == ("", "")


def test_the_next_step_arrow_grows_with_the_learning_rate():
    explorer = descent_explorer(lr=0.1)
    arrow = explorer.artists["next"]
    start, tip = arrow.get_position(), arrow.xy
    short = math.dist(start, tip)
    before = bytes(explorer.image.value)
    explorer.lr.value = 0.4
    assert math.dist(arrow.get_position(), arrow.xy) == pytest.approx(4 * short)
    assert bytes(explorer.image.value) != before
