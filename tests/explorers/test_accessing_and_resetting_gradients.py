"""Lesson 4's accumulation lab, driven from Python as a learner would drive it in JupyterLab."""

import math

import pytest

from autograd_lessons.explorers import accumulation_explorer
from autograd_lessons.explorers.accessing_and_resetting_gradients import WINDOW, y_limits


def press(explorer, *labels):
    for label in labels:
        explorer.buttons[label].click()


def grads_drawn(explorer):
    return [None if math.isnan(v) else v for v in explorer.artists["line"].get_ydata()]


def names_drawn(explorer):
    return [name.get_text() for name in explorer.artists["names"] if name.get_text()]


def test_it_opens_on_a_fresh_leaf_with_grad_none():
    explorer = accumulation_explorer()
    assert explorer.function.value == "x**2" and explorer.x.value == 2.0 and not explorer.retain_graph.value
    assert "x.grad" in explorer.readout.value and "None" in explorer.readout.value
    assert "x = torch.tensor(2.0, requires_grad=True)" in explorer.readout.value
    assert grads_drawn(explorer) == [None] and list(explorer.artists["none"].get_xdata()) == [0]
    assert names_drawn(explorer) == ["start"]
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


def test_the_seed_example_by_buttons_and_dropdown():
    explorer = accumulation_explorer()
    press(explorer, "backward()")
    explorer.function.value = "3*x"
    press(explorer, "backward()", "grad.zero_()", "backward()")
    assert grads_drawn(explorer) == [None, 4.0, 7.0, 0.0, 3.0]
    assert names_drawn(explorer) == ["start", "backward()", "backward()", "zero_()", "backward()"]
    assert [label.get_text() for label in explorer.artists["values"][:5]] == ["None", "4", "7", "0", "3"]
    assert "y = 3*x\ny.backward()" in explorer.readout.value
    assert "added dy/dx = 3 to x.grad: 0 + 3 = 3" in explorer.message.value


def test_every_press_changes_the_picture():
    explorer = accumulation_explorer()
    for label in ["backward()", "backward()", "grad.zero_()", "grad = None", "backward()"]:
        before = explorer.image.value
        press(explorer, label)
        assert explorer.image.value != before, label


def test_backward_again_twice_is_a_one_line_message_and_a_red_cross():
    explorer = accumulation_explorer()
    press(explorer, "backward()", "backward() again")
    assert "Trying to backward through the graph a second time" in explorer.message.value
    assert "#b3261e" in explorer.message.value and "\n" not in explorer.message.value
    assert list(explorer.artists["failed"].get_data()[0]) == [2] and grads_drawn(explorer)[-1] == 4.0
    assert "graph freed" in explorer.readout.value
    press(explorer, "backward() again")  # and again: still a message, never an exception
    assert "second time" in explorer.message.value and grads_drawn(explorer)[-1] == 4.0


def test_retain_graph_lets_backward_again_accumulate():
    explorer = accumulation_explorer()
    explorer.retain_graph.value = True
    press(explorer, "backward()", "backward() again", "backward() again")
    assert grads_drawn(explorer)[-3:] == [4.0, 8.0, 12.0]
    assert "y.backward(retain_graph=True)" in explorer.readout.value and "graph kept" in explorer.readout.value
    assert len(explorer.artists["failed"].get_xdata()) == 0


def test_x_plus_1_goes_backward_again_without_retain_graph_and_doubles():
    explorer = accumulation_explorer()
    explorer.function.value = "x + 1"
    press(explorer, "backward()", "backward() again", "backward() again")
    assert grads_drawn(explorer)[-3:] == [1.0, 2.0, 3.0]
    assert "graph saved no tensor" in explorer.readout.value
    assert len(explorer.artists["failed"].get_xdata()) == 0


def test_zero_while_grad_is_none_explains_instead_of_failing():
    explorer = accumulation_explorer()
    press(explorer, "backward()", "grad = None", "grad.zero_()")
    assert "AttributeError" in explorer.message.value and "x.grad is None" in explorer.message.value
    assert grads_drawn(explorer)[-2:] == [None, None]
    assert list(explorer.artists["none"].get_xdata()) == [0, 2, 3]
    assert list(explorer.artists["failed"].get_data()[1]) == [0.0]


def test_moving_x_starts_a_fresh_leaf():
    explorer = accumulation_explorer()
    press(explorer, "backward()", "backward()")
    explorer.x.value = -1.5
    assert grads_drawn(explorer) == [None] and "x = torch.tensor(-1.5, requires_grad=True)" in explorer.readout.value
    press(explorer, "backward()")
    assert grads_drawn(explorer)[-1] == -3.0
    low, high = explorer.artists["ax"].get_ylim()
    assert low < -3.0 < 0 < high


def test_the_dropdown_changes_the_next_y_but_keeps_x_grad():
    explorer = accumulation_explorer()
    press(explorer, "backward()")
    explorer.function.value = "x**2 + 3*x"
    assert "x.grad keeps what it holds" in explorer.message.value and grads_drawn(explorer) == [None, 4.0]
    press(explorer, "backward()")
    assert grads_drawn(explorer)[-1] == 11.0


def test_the_history_shows_the_latest_actions_and_the_axis_holds_them():
    explorer = accumulation_explorer()
    press(explorer, *["backward()"] * 14)
    assert len(grads_drawn(explorer)) == WINDOW and grads_drawn(explorer)[-1] == 56.0
    assert names_drawn(explorer) == ["backward()"] * WINDOW
    low, high = explorer.artists["ax"].get_ylim()
    assert low <= 0 and high >= 56.0 * 1.1


@pytest.mark.parametrize("grads, current, expected", [
    ([None], None, (-1.0, 1.0)),
    ([4.0, 8.0], None, (-2.0, 10.0)),
    ([9.0], None, (-2.0, 12.0)),
    ([4.0], (-2.0, 10.0), (-2.0, 10.0)),  # still fits: no redraw of the background
    ([-3.0], None, (-4.0, 1.0)),
    ([0.5, 0.25], None, (-1.0, 1.5)),
])
def test_y_limits_are_round_and_kept_while_they_fit(grads, current, expected):
    assert y_limits(grads, current) == expected


def test_an_unexpected_failure_is_a_message_not_a_traceback(monkeypatch):
    explorer = accumulation_explorer()
    monkeypatch.setattr(explorer.lab, "backward", lambda: 1 / 0)
    press(explorer, "backward()")
    assert "not anything you did" in explorer.message.value and "Error" not in explorer.message.value
    assert isinstance(explorer.last_error, ZeroDivisionError)


def test_creating_it_displays_nothing(capsys):
    accumulation_explorer()
    assert capsys.readouterr() == ("", "")
