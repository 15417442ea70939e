"""Lesson 11's exercises: each checker runs right and wrong training loops and must say what they did.

The wrong loops are real: the buggy loop of each question, plus the mistakes a learner makes on the way
(returning nothing, keeping loss tensors, changing the learning rate, looping forever, raising). The
right ones are the solution and equivalent rewrites. Whatever comes in, a checker answers and never raises.
"""

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from autograd_lessons.exercises.training_a_network import loops, q1, q2, q3, q4, q5
from autograd_lessons.exercises.training_a_network import (q1_missing_zero_grad, q2_backward_through_item,
                                                 q3_detached_predictions, q4_wrong_parameters, q5_in_place_update)
from tests import fresh_python

QUESTIONS = [q1, q2, q3, q4, q5]
MODULES = {"q1": q1_missing_zero_grad, "q2": q2_backward_through_item, "q3": q3_detached_predictions,
           "q4": q4_wrong_parameters, "q5": q5_in_place_update}
UNCHECKED = "could not be checked"


def judge(question, fit):
    result = question.judge(fit)
    assert result.status in {"correct", "incorrect", "not attempted"}
    assert result.message and UNCHECKED not in result.message, result.message
    return result


def solution(question):
    namespace = {"torch": torch, "F": F, "nn": nn}
    exec(question.solution_code, namespace)
    return namespace["fit"]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes_and_the_placeholder_and_the_untouched_buggy_loop_are_not_attempted(question):
    result = judge(question, solution(question))
    assert result.correct and "Observed: over 60 steps" in result.message
    buggy = judge(question, MODULES[question.name].buggy)  # the check cell as the lesson gives it: grey, not red
    assert buggy.status == "not attempted" and "before you change it" in buggy.message, buggy
    assert judge(question, ...).status == "not attempted"
    assert len(question.hints) >= 2 and question.explanation


def test_each_buggy_loop_shows_its_real_error_or_a_loss_that_will_not_go_down():
    q1_losses = loops.observe(q1_missing_zero_grad.buggy).losses
    fixed = loops.observe(q1_missing_zero_grad.fixed).losses
    assert max(q1_losses) > 1.5 * q1_losses[0] and q1_losses[-1] > 1.5 * fixed[-1]  # jumps up, ends worse
    for buggy in (q2_backward_through_item.buggy, q4_wrong_parameters.buggy):
        seen = loops.observe(buggy)
        assert len(set(seen.losses)) == 1 and seen.changed == []
    assert "does not require grad" in loops.observe(q3_detached_predictions.buggy).error
    assert "in-place operation" in loops.observe(q5_in_place_update.buggy).error


def zero_grad_after_step(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return losses


def model_zero_grad(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        model.zero_grad()
        loss = nn.BCEWithLogitsLoss()(model(X).squeeze(1), y)
        loss.backward()
        optimizer.step()
        losses.append(loss)  # tensors, graphs kept: the memory bug of 11.9
    return [loss.detach() for loss in losses]


@pytest.mark.parametrize("fit", [zero_grad_after_step, model_zero_grad])
def test_equivalent_fixes_of_q1_pass(fit):
    assert judge(q1, fit).correct


def keeps_loss_tensors(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss)
    return losses


def other_lr(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def returns_nothing(model, X, y):
    zero_grad_after_step(model, X, y)


def forever(model, X, y):
    while True:
        pass


def raises(model, X, y):
    raise ValueError("my own mistake")


def trains_everything(model, X, y):
    return zero_grad_after_step(model, X, y)


@pytest.mark.parametrize("fit, words", [
    (keeps_loss_tensors, "keeping its graph alive"),
    (other_lr, "change only the buggy line"),
    (returns_nothing, "should return the list of its losses"),
    (forever, "was still running"),
    (raises, "ValueError: my own mistake"),
    (lambda model, X, y: ["a"] * 60, "holds str items"),
    (lambda model, X, y: [float("nan")] * 60, "does not hold the losses of this run"),
    ("def fit", "should be the function you wrote"),
    (None, "should be the function you wrote"),
])
def test_wrong_loops_are_told_what_they_did(fit, words, monkeypatch):
    monkeypatch.setattr(loops, "SECONDS", 0.2 if fit is forever else 0.5)  # 60 real steps fit in 0.5 s when busy
    result = judge(q2, fit)
    assert result.status == "incorrect" and words in result.message, result.message
    assert result.cause in q2.all_causes, result.cause


def test_q4_wants_only_the_head_changed():
    result = judge(q4, trains_everything)
    assert result.status == "incorrect" and "exactly `2.weight`, `2.bias`" in result.message


def test_q5_accepts_the_optimizer_doing_the_same_step():
    assert judge(q5, zero_grad_after_step).correct


def test_judging_twice_gives_the_same_verdict():
    fit = solution(q3)
    assert q3.judge(fit) == q3.judge(fit)


# --- loops that never learn are told why they do not, not the exercise's bug (issue 18) ----------------------

def fixed_without_step(model, X, y):  # q2's bug fixed, and optimizer.step() dropped with it
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        losses.append(loss.item())
    return losses


def head_without_step(model, X, y):  # q4's optimizer fixed, and optimizer.step() dropped with it
    model[0].requires_grad_(False)
    optimizer = torch.optim.SGD(model[2].parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        losses.append(loss.item())
    return losses


def emptied_before_step(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses


@pytest.mark.parametrize("question, fit, cause, words", [
    (q2, fixed_without_step, "no-step", "no optimizer's `step()` ran"),
    (q4, head_without_step, "no-step", "no optimizer's `step()` ran"),
    (q1, emptied_before_step, "gradients-emptied-before-step", "the gradients it held were empty"),
], ids=["q2 without step", "q4 without step", "q1 emptied before step"])
def test_a_loop_that_never_learns_is_told_what_it_did_not_the_exercises_bug(question, fit, cause, words):
    result = judge(question, fit)
    assert result.status == "incorrect" and result.cause == cause and words in result.message, result
    for bug in ("`.item()` is a new leaf", "frozen layer's parameters", "buggy loop", "before you change it"):
        assert bug not in result.message, result.message


def uphill(model, X, y):  # q5's update under no_grad, with the sign wrong
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p += 2.0 * p.grad
        losses.append(loss.item())
    return losses


def through_data(model, X, y):  # q5 repaired with .data, as Lesson 8 teaches not to
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 2.0 * p.grad
        losses.append(loss.item())
    return losses


def test_q5_a_loop_that_climbs_to_inf_then_nan_is_told_it_steps_uphill():
    losses = loops.observe(uphill).losses
    assert math.isinf(losses[-5]) and math.isnan(losses[-1])  # up to inf, then nan, as the learner saw it
    result = judge(q5, uphill)
    assert result.status == "incorrect" and result.cause == "steps-uphill", result
    assert "along the gradient" in result.message and "holds float items" not in result.message, result.message


def test_q5_accepts_data_and_says_why_no_grad_is_preferred():
    result = judge(q5, through_data)
    assert result.correct and "`.data`" in result.message and "torch.no_grad()` is preferred" in result.message
    assert "`.data`" not in judge(q5, solution(q5)).message  # the no_grad solution's counters count its update


def test_an_optimizer_step_counts_as_a_counted_update():
    assert loops.observe(zero_grad_after_step).uncounted == []
    assert loops.observe(through_data).uncounted == ["0.weight", "0.bias", "2.weight", "2.bias"]


@pytest.mark.waits
def test_the_first_check_of_a_session_counts_only_the_learners_steps():
    code = ("from autograd_lessons.exercises.training_a_network import q1, q1_missing_zero_grad as m\n"
            "print(q1.judge(m.buggy).status)")
    result = fresh_python.run(code, timeout=120)  # a new session: torch imported, the course not yet
    assert result.stdout.strip() == "not attempted", result.stderr  # the optimizer warm-up is not the learner's step
