"""Every checker that runs a learner's code runs it through run_bounded: an endless loop gets that checker's own
sentence, in time, and leaves autograd as it was (one test per wrapper)."""

import time

import pytest
import torch

from autograd_lessons.compute.bounded import WARM_UPS, warm_up
from autograd_lessons.exercises.beyond_one_gradient import _calls, q2 as jvp_question
from autograd_lessons.exercises.build_your_own_autograd import oracle, q1 as exp_question
from autograd_lessons.exercises.training_a_network import loops
from autograd_lessons.exercises.when_gradients_go_wrong import q1 as where_question, trial
from tests.micro_engine import make_value

BOUND = 0.1
# a hang would last forever; anything under this is "in time", even on a loaded 2-core machine
IN_TIME = 20.0
STOPPED = "was still running after 0.1 s, so it was stopped"


@pytest.fixture(autouse=True)
def warm_and_timed():
    """Warm everything first (the first warm-up can take seconds), then time only the check."""
    warm_up(*WARM_UPS)
    start = time.monotonic()
    yield
    assert time.monotonic() - start < IN_TIME
    assert torch.is_grad_enabled()


def forever(*args):
    """Loop for longer than any check may take (a wrapper that does not bound it fails, rather than hangs)."""
    end = time.monotonic() + IN_TIME
    with torch.no_grad():  # stopped inside the block: autograd must still come back on
        while time.monotonic() < end:
            pass


def test_lesson_7_check_engine(monkeypatch):
    monkeypatch.setattr(oracle, "SECONDS", BOUND)
    Value = make_value()
    Value.exp = lambda self: forever()
    message = exp_question.judge(Value).message
    assert STOPPED in message and message.endswith("in the op, in a `_backward` or in `backward()`.")


def test_lesson_9_try_function(monkeypatch):
    monkeypatch.setattr(trial, "SECONDS", BOUND)
    message = where_question.judge(forever).message
    assert message == (f"`sqrt_or_zero(x)` {STOPPED}: look for a loop that never ends, or a walk over the graph "
                       "that visits nodes again and again. Run the cell with the bug repaired and no error.")


class StuckBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.where(x > 0, x, 1.0).sqrt()

    @staticmethod
    def backward(ctx, grad_output):
        forever()


def test_lesson_9_backward_of(monkeypatch):
    monkeypatch.setattr(trial, "SECONDS", BOUND)
    message = where_question.judge(lambda x: torch.where(x > 0, StuckBackward.apply(x), 0.0)).message
    assert message.startswith(f"the backward pass {STOPPED}")


def test_lesson_10_call(monkeypatch):
    monkeypatch.setattr(_calls, "SECONDS", BOUND)
    assert jvp_question.judge(forever).message.startswith(f"`jvp_forward` {STOPPED}")


def test_lesson_11_observe(monkeypatch):
    monkeypatch.setattr(loops, "SECONDS", BOUND)
    seen = loops.observe(forever)
    assert seen.error.startswith(f"your `fit` {STOPPED}") and seen.losses == []
