"""Lesson 11's training explorer: train a small MLP on two moons and watch its boundary and loss move.

The maths is ``compute.training_a_network.TrainingRun``; this module only wires it to controls.
Training runs in frames: a frame is a few optimizer steps, then one new picture. While
"train" is on, each frame asks the kernel's event loop to run the next one shortly
after (``loop.call_later``), so between two frames the kernel handles whatever else
arrives, a pause click, a slider, another cell: it never sits inside a long loop. The
figure is made once; a frame only changes the image's array, the loss line's data and
the caption (``LiveFigure`` keeps the rest as a cached background).
"""

import asyncio
import math
import numbers
import time

import ipywidgets as widgets

from ...compute.training_a_network import ACTIVATIONS, TrainingRun, two_moons
from ...drawing.live_figure import LiveFigure
from ...drawing.training_a_network import plot_decision_boundary, plot_loss_history
from ..common import guarded, message_html, picture, readout_html, show

STEPS_PER_FRAME = 5
MAX_STEPS = 1000
FRAME_SECONDS = 0.04  # ask for the next frame this long after the last one began: at most 25 per second
LR_RANGE, WIDTH_RANGE = (0.001, 1.0), (1, 64)  # what the sliders can hold
DEFAULTS = {"width": 16, "activation": "relu", "lr": 0.01}


def within(value, what, low, high, whole=False):
    """Return (the value a slider can hold, "" or a sentence saying what was put in its place and why)."""
    default = DEFAULTS["width" if whole else "lr"]
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        return default, f"The {what} {value!r} is not a number: the explorer starts at {default}."
    if whole and math.isfinite(value) and value != int(value):
        return default, f"The {what} {value!r} is not a whole number: the explorer starts at {default}."
    if not low <= value <= high:
        nearest = low if value < low else high
        return nearest, (f"The {what} {value:g} is outside its slider's range, {low:g} to {high:g}: the explorer "
                         f"starts at {nearest:g}.")
    return (int(value) if whole else float(value)), ""


def starting_values(width, activation, lr):
    """Return (width, activation, lr, note): values the controls can hold, and one sentence on any that was changed."""
    width, width_note = within(width, "hidden width", *WIDTH_RANGE, whole=True)
    lr, lr_note = within(lr, "learning rate", *LR_RANGE)
    activation_note = ""
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        activation_note = (f"The activation {activation!r} is not one of {', '.join(ACTIVATIONS)}: the explorer "
                           f"starts with {DEFAULTS['activation']}.")
        activation = DEFAULTS["activation"]
    return width, activation, lr, " ".join(note for note in (width_note, activation_note, lr_note) if note)


def event_loop_scheduler(delay, callback):
    """Run callback after delay seconds on the running event loop (the kernel's); False when there is none."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop running: a test, or plain Python; it calls tick() itself
        return False
    loop.call_later(delay, callback)
    return True


class TrainingExplorer(widgets.VBox):
    """The widget; controls ``train``, ``pause``, ``one_step``, ``reset`` (buttons), ``lr``, ``width``, ``activation``."""

    def __init__(self, width=16, activation="relu", lr=0.01, n=200, seed=0, schedule=event_loop_scheduler):
        width, activation, lr, note = starting_values(width, activation, lr)
        self.X, self.y = two_moons(n, seed=seed)
        self.seed, self.schedule = seed, schedule
        self.lr = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0, step=0.1, description="learning rate",
                                         readout_format=".3f", style={"description_width": "90px"})
        self.width = widgets.IntSlider(value=width, min=1, max=64, description="hidden width",
                                       style={"description_width": "90px"})
        self.activation = widgets.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation",
                                           layout=widgets.Layout(width="200px"))
        self.train = widgets.Button(description="train", icon="play", layout=widgets.Layout(width="90px"))
        self.pause = widgets.Button(description="pause", icon="pause", layout=widgets.Layout(width="90px"))
        self.one_step = widgets.Button(description="one step", icon="step-forward", layout=widgets.Layout(width="100px"))
        self.reset = widgets.Button(description="reset", icon="undo", layout=widgets.Layout(width="90px"))
        self.readout, self.message = widgets.HTML(), widgets.HTML()
        self.live = LiveFigure(figsize=(8, 3.4), dpi=80)
        self.playing, self.frames = False, 0
        self._make_run()
        self._draw()
        self.image = picture(self.live)
        super().__init__([
            widgets.HBox([self.train, self.pause, self.one_step, self.reset, self.activation]),
            widgets.HBox([self.lr, self.width]),
            self.image,
            widgets.HBox([self.readout, self.message], layout=widgets.Layout(align_items="center")),
        ])
        self.train.on_click(self._on_train)
        self.pause.on_click(self._on_pause)
        self.one_step.on_click(self._on_one_step)
        self.reset.on_click(self._on_reset)
        self.lr.observe(self._on_lr, "value")
        self.width.observe(self._on_network, "value")
        self.activation.observe(self._on_network, "value")
        self._update()
        if note:  # until the first click, the message line says what was put in place of the arguments
            self.message.value = message_html(note, "warning")

    def _make_run(self):
        self.run = TrainingRun(self.X, self.y, width=self.width.value, activation=self.activation.value,
                               lr=self.lr.value, seed=self.seed)

    def _draw(self):
        """Make the figure's artists once: the boundary image and points, the loss line, the caption."""
        boundary, curve = self.live.figure.subplots(1, 2, width_ratios=(1, 1.3))
        self.boundary, self.points = plot_decision_boundary(boundary, self.run.probabilities(), self.run.extent,
                                                            self.X, self.y)
        boundary.set_title("P(class 1): white is the boundary", fontsize=10)
        self.curve = plot_loss_history(curve, [], MAX_STEPS)
        self.caption = curve.set_title(" ", fontsize=10, loc="left")
        self.live.moving(self.boundary, self.points, self.curve, self.caption)

    def _update(self):
        """Show the run as it is now: a new frame, the readout and the message."""
        run = self.run
        self.boundary.set_data(run.probabilities().numpy())
        self.curve.set_data(range(1, len(run.losses) + 1), run.losses)
        loss = run.losses[-1] if run.losses else run.loss()
        self.caption.set_text(f"step {len(run.losses)} · loss {loss:.4f} · lr {run.lr:.3g}")
        show(self.image, self.live)
        self.frames += 1
        self.readout.value = readout_html(readout_rows(run))
        self.message.value = message_html(*status(run, self.playing))

    @guarded
    def tick(self):
        """One frame: a few training steps and a new picture; while training is on, ask for the next frame."""
        if not self.playing:
            return
        started = time.perf_counter()
        self.run.step(min(STEPS_PER_FRAME, MAX_STEPS - len(self.run.losses)))
        self.playing = len(self.run.losses) < MAX_STEPS
        self._update()
        if self.playing:
            self.schedule(max(0.0, FRAME_SECONDS - (time.perf_counter() - started)), self.tick)

    @guarded
    def _on_train(self, button=None):
        if self.playing:
            return
        if len(self.run.losses) >= MAX_STEPS:
            self._make_run()
        self.playing = True
        if not self.schedule(0.0, self.tick):  # nothing to drive the frames: stay paused, say so
            self.playing = False
        self._update()

    @guarded
    def _on_pause(self, button=None):
        self.playing = False
        self._update()

    @guarded
    def _on_one_step(self, button=None):
        self.playing = False
        if len(self.run.losses) < MAX_STEPS:
            self.run.step(1)
        self._update()

    @guarded
    def _on_reset(self, button=None):
        self.playing = False
        self._make_run()
        self._update()

    @guarded
    def _on_lr(self, change=None):
        self.run.lr = self.lr.value  # the next steps use it; the run so far is kept
        self._update()

    @guarded
    def _on_network(self, change=None):
        self._make_run()  # a new network, from the same seed: its training starts again
        self._update()


def readout_rows(run):
    """Return the readout table's rows: step, loss, accuracy, parameters."""
    loss = run.losses[-1] if run.losses else run.loss()
    parameters = sum(p.numel() for p in run.model.parameters())
    return [("step", f"{len(run.losses)} of {MAX_STEPS}"), ("loss", f"{loss:.4f}"),
            ("accuracy", f"{run.accuracy():.1%}"), ("learning rate", f"{run.lr:.3g}"),
            ("parameters", str(parameters))]


def status(run, playing):
    """Return (sentence, kind) for the message line."""
    steps = len(run.losses)
    if playing:
        return f"Training: {STEPS_PER_FRAME} steps of Adam per frame. Press pause to stop, one step to go slowly.", "info"
    if steps >= MAX_STEPS:
        return f"Done: {MAX_STEPS} steps. Press train to start again from the same initial weights.", "ok"
    if steps == 0:
        return "A new network, not trained yet: its boundary is where its random initial weights put it.", "info"
    return f"Paused after {steps} step{'' if steps == 1 else 's'}.", "info"


def training_explorer(width=16, activation="relu", lr=0.01):
    """Return Lesson 11's training explorer: an MLP learning two moons, trained frame by frame."""
    return TrainingExplorer(width=width, activation=activation, lr=lr)
