"""Lesson 11's explorers driven from Python: frames are ticked by hand, controls set, artists read."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from autograd_lessons.explorers import training_explorer  # noqa: E402
from autograd_lessons.explorers.training_a_network import training  # noqa: E402
from autograd_lessons.explorers.training_a_network.training import STEPS_PER_FRAME, TrainingExplorer  # noqa: E402


class Ticks:
    """A scheduler a test drives: it keeps the callbacks the explorer asks for, run() runs the next."""

    def __init__(self):
        self.pending = []

    def __call__(self, delay, callback):
        assert delay >= 0
        self.pending.append(callback)
        return True

    def run(self, n=1):
        for _ in range(n):
            if self.pending:
                self.pending.pop(0)()


@pytest.fixture(scope="module")
def made():
    ticks = Ticks()
    return TrainingExplorer(schedule=ticks), ticks


@pytest.fixture
def ticked(made):
    """The module's explorer (its figure is drawn once), back at its defaults, paused, untrained."""
    explorer, ticks = made
    explorer.pause.click()
    ticks.pending.clear()
    explorer.lr.value, explorer.width.value, explorer.activation.value = 0.01, 16, "relu"
    explorer.reset.click()
    return explorer, ticks


def test_the_explorer_starts_untrained_with_its_controls():
    explorer = training_explorer()
    assert explorer.run.losses == [] and not explorer.playing
    assert "step" in explorer.readout.value and "0 of" in explorer.readout.value
    assert explorer.image.value[:4] == b"\x89PNG"
    assert "not trained yet" in explorer.message.value


def test_train_without_an_event_loop_stays_paused():
    explorer = training_explorer()  # a test has no running loop: nothing would drive the frames
    explorer.train.click()
    assert not explorer.playing and explorer.run.losses == []


def test_train_runs_frame_by_frame_and_pause_stops_it(ticked):
    explorer, ticks = ticked
    explorer.train.click()
    assert explorer.playing and len(ticks.pending) == 1
    frames, first = explorer.frames, explorer.image.value
    ticks.run(3)
    assert len(explorer.run.losses) == 3 * STEPS_PER_FRAME and explorer.frames == frames + 3
    assert explorer.image.value != first
    xs, ys = explorer.curve.get_data()
    assert list(ys) == explorer.run.losses and list(xs) == list(range(1, 16))
    assert f"step {3 * STEPS_PER_FRAME}" in explorer.caption.get_text()
    explorer.pause.click()
    ticks.run(5)  # a frame already asked for finds training paused and does nothing
    assert len(explorer.run.losses) == 3 * STEPS_PER_FRAME and not ticks.pending
    assert "Paused after 15 steps" in explorer.message.value


def test_the_boundary_image_shows_the_runs_probabilities(ticked):
    explorer, ticks = ticked
    explorer.one_step.click()
    assert len(explorer.run.losses) == 1
    assert (explorer.boundary.get_array() == explorer.run.probabilities().numpy()).all()


def test_training_stops_by_itself_at_the_last_step(ticked, monkeypatch):
    monkeypatch.setattr(training, "MAX_STEPS", 30)  # as with MAX_STEPS = 1000, in a thirtieth of the time
    explorer, ticks = ticked
    explorer.run.step(30 - 7)
    explorer.train.click()
    ticks.run(5)
    assert len(explorer.run.losses) == 30 and not explorer.playing and not ticks.pending
    assert "Done" in explorer.message.value
    explorer.train.click()  # starts again from the same initial weights
    assert explorer.playing and explorer.run.losses == []


def test_lr_changes_the_run_in_place_width_and_activation_start_a_new_one(ticked):
    explorer, ticks = ticked
    explorer.one_step.click()
    run = explorer.run
    explorer.lr.value = 0.1
    assert explorer.run is run and abs(run.lr - 0.1) < 1e-9 and "lr 0.1" in explorer.caption.get_text()
    assert "learning rate" in explorer.readout.value
    explorer.width.value = 4
    assert explorer.run is not run and explorer.run.losses == []
    assert explorer.run.model[0].out_features == 4 and ">37<" in explorer.readout.value  # 2·4+4 + 4·4+4 + 4+1
    explorer.activation.value = "sigmoid"
    assert type(explorer.run.model[1]).__name__ == "Sigmoid"
    explorer.reset.click()
    assert explorer.run.losses == []


@pytest.mark.parametrize("arguments, starts, says", [
    ({"lr": float("nan")}, (16, "relu", 0.01), "The learning rate nan is not a number: the explorer starts at 0.01."),
    ({"lr": float("inf")}, (16, "relu", 1.0), "outside its slider's range, 0.001 to 1: the explorer starts at 1."),
    ({"lr": -0.5}, (16, "relu", 0.001), "The learning rate -0.5 is outside its slider's range"),
    ({"lr": "fast"}, (16, "relu", 0.01), "The learning rate 'fast' is not a number"),
    ({"width": 2.5}, (16, "relu", 0.01), "The hidden width 2.5 is not a whole number"),
    ({"width": 500}, (64, "relu", 0.01), "The hidden width 500 is outside its slider's range, 1 to 64"),
    ({"activation": "gelu"}, (16, "relu", 0.01), "not one of relu, tanh, sigmoid: the explorer starts with relu."),
], ids=["nan", "inf", "negative", "text", "fraction", "too wide", "unknown activation"])
def test_odd_arguments_get_a_sentence_and_values_the_controls_can_hold(arguments, starts, says):
    explorer = training_explorer(**arguments)  # before: lr=nan raised ValueError from Adam, a traceback
    assert (explorer.width.value, explorer.activation.value, explorer.lr.value) == starts
    assert says in explorer.message.value.replace("&#x27;", "'"), explorer.message.value
    assert explorer.run.losses == [] and explorer.image.value[:4] == b"\x89PNG"
    explorer.one_step.click()  # the run works, and the first click's message replaces the note
    assert len(explorer.run.losses) == 1 and "Paused after 1 step." in explorer.message.value


def test_right_arguments_get_no_note():
    explorer = training_explorer(width=8, activation="tanh", lr=0.1)
    assert (explorer.width.value, explorer.activation.value, explorer.lr.value) == (8, "tanh", 0.1)
    assert "not trained yet" in explorer.message.value
