"""Lesson 13's exercises, fed their solution, their placeholder, the usual wrong answers, and junk.

The answers to q1 and q2 are functions: each wrong one below is real code making a real mistake (the
reentrant checkpoint, the block under no_grad, clipping the scaled gradients, optimizer.step() past the
scaler), and the checker must recognise it by what it does. q3's wrong reasons are answered with what
PyTorch measured. Whatever comes in, a checker answers and never raises; a loop is stopped by the bound.
"""

import pytest
import torch
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

from autograd_lessons.exercises.memory_and_time import q1, q2, q3
from autograd_lessons.exercises.memory_and_time.q3_bfloat16_gradients import gradients, relative

QUESTIONS = [q1, q2, q3]
UNCHECKED = "could not be checked"  # the safety net's words: no foreseen input may end up there
JUNK = [None, 1.5, "my answer", [1.0, 2.0], torch.ones(2, 2), {"x": 1.0}, object(), -7, int]


def judge(question, *answers):
    result = question.judge(*answers)
    assert result.status in {"correct", "incorrect", "not attempted"}
    assert result.message and UNCHECKED not in result.message, result.message
    if result.status == "incorrect":
        assert result.cause in question.all_causes, result.cause
    return result


def solved(question):
    namespace = {"torch": torch, "F": F, "checkpoint": checkpoint, "g_32": None, "g_bf16": None}
    if question is q3:
        namespace["g_32"], namespace["g_bf16"] = gradients()[:2]
    exec(question.solution_code, namespace)
    return [namespace[name] for name in question.arguments]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes_and_the_placeholder_is_not_attempted(question):
    assert judge(question, *solved(question)).correct
    result = judge(question, *[...] * len(question.arguments))
    assert result.status == "not attempted" and "`...`" in result.message


@pytest.mark.parametrize("question", [q1, q2], ids=lambda q: q.name)
def test_a_function_that_still_returns_the_placeholder_is_not_attempted(question):
    result = judge(question, lambda *args: ...)
    assert result.status == "not attempted" and "still returns `...`" in result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_junk_in_any_position_gets_a_clear_message(question):
    for position in range(len(question.arguments)):
        for junk in JUNK:
            answers = solved(question)
            answers[position] = junk
            result = judge(question, *answers)
            assert result.status == "incorrect", (position, junk, result)
            assert len(result.message) > 30


@pytest.mark.parametrize("question", [q1, q2], ids=lambda q: q.name)
def test_functions_that_raise_return_junk_or_never_return_are_answered(question, monkeypatch):
    monkeypatch.setattr("autograd_lessons.exercises.memory_and_time._running.SECONDS", 0.1)

    def loops_forever(*args):
        while True:
            pass

    for wrong in (lambda *args: 1 / 0, lambda *args: "text", lambda *args: None, loops_forever):
        result = judge(question, wrong)
        assert result.status == "incorrect", result
    assert "still running after 0.1 s" in result.message and result.cause == "ran-too-long"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_hints_solution_and_causes_are_there(question):
    assert len(question.hints) >= 2 and question.explanation and len(question.causes) >= 5
    assert question.solution_code.splitlines()[0] in repr(question.solution())


# --- q1: checkpoint a block -----------------------------------------------------------------------------


def no_use_reentrant(block, head, X, y):
    return F.mse_loss(head(checkpoint(block, X)), y)


def under_no_grad(block, head, X, y):
    with torch.no_grad():
        h = block(X)
    return F.mse_loss(head(h), y)


def the_output_to_checkpoint(block, head, X, y):
    return F.mse_loss(head(checkpoint(block(X), use_reentrant=False)), y)


def block_run_twice(block, head, X, y):
    block(X)
    return F.mse_loss(head(checkpoint(block, X, use_reentrant=False)), y)


def another_loss(block, head, X, y):
    return (head(checkpoint(block, X, use_reentrant=False)) - y).abs().mean()


@pytest.mark.parametrize("answer, cause, words", [
    (no_use_reentrant, "reentrant-checkpoint", "use_reentrant=False"),
    (under_no_grad, "block-cut-off", "got None"),
    (the_output_to_checkpoint, "passed-the-output", "cannot be called"),
    (block_run_twice, "nothing-saved", "still saved"),
    (another_loss, "different-loss", "not those of"),
    (lambda block, head, X, y: F.mse_loss(head(block(X)), y).detach(), "no-graph", "no `grad_fn`"),
    (lambda block, head, X, y: head(checkpoint(block, X, use_reentrant=False)), "wrong-kind", "shape (64, 1)"),
])
def test_q1_names_each_mistake(answer, cause, words):
    result = judge(q1, answer)
    assert (result.status, result.cause) == ("incorrect", cause) and words in result.message, result


def test_q1_counts_the_memory_from_the_learners_own_forward():
    result = judge(q1, solved(q1)[0])
    assert "8.2 KB of activations instead of 32.2 KB" in result.message


# --- q2: GradScaler, clipping and the optimizer -----------------------------------------------------------


def step_in(order):
    """A train_step running the scaler's lines in the given order: u unscale_, c clip, s scaler.step,
    o optimizer.step, p update."""
    def train_step(model, optimizer, scaler, X, y):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.mse_loss(model(X), y)
        scaler.scale(loss).backward()
        norm = None
        for letter in order:
            if letter == "c":
                norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            else:
                {"u": lambda: scaler.unscale_(optimizer), "s": lambda: scaler.step(optimizer),
                 "o": optimizer.step, "p": scaler.update}[letter]()
        return norm
    return train_step


@pytest.mark.parametrize("order, cause", [
    ("cusp", "clipped-scaled-gradients"), ("csp", "clipped-scaled-gradients"),
    ("uscp", "clipped-after-step"), ("ucop", "stepped-past-the-scaler"), ("cop", "stepped-past-the-scaler"),
    ("ucs", "no-update"), ("uucsp", "unscaled-twice"), ("scup", "unscaled-after-step"),
])
def test_q2_names_each_wrong_order(order, cause):
    result = judge(q2, step_in(order))
    assert (result.status, result.cause) == ("incorrect", cause), result


def test_q2_tells_the_scaled_norm_from_the_true_one():
    result = judge(q2, step_in("cusp"))
    assert "3052" in result.message and "2.981" in result.message


def test_q2_asks_for_the_norm_when_the_step_returns_nothing():
    result = judge(q2, lambda model, optimizer, scaler, X, y: None)
    assert result.cause == "wrong-kind" and "clip_grad_norm_" in result.message


# --- q3: bfloat16 ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def measured():
    g_32, g_bf16, _, _ = gradients()
    return g_32, g_bf16, relative(g_bf16, g_32)


@pytest.mark.parametrize("why, cause, words", [
    ("b", "thinks-underflow", "0 of the 1024 gradients became 0"),
    ("c", "thinks-weights-cast", "still float32"),
    ("d", "thinks-sum-order", "in the other order"),
    ("e", "wrong-kind", "one letter"),
])
def test_q3_answers_a_wrong_reason_with_what_pytorch_measured(measured, why, cause, words):
    result = judge(q3, why, measured[2])
    assert (result.status, result.cause) == ("incorrect", cause) and words in result.message, result


def test_q3_names_the_wrong_measurements(measured):
    g_32, g_bf16, right = measured
    difference = g_bf16 - g_32
    for value, cause in [(difference.norm().item(), "not-relative"), (difference.abs().max().item(), "not-relative"),
                         (torch.finfo(torch.bfloat16).eps, "quoted-eps"),
                         ((difference.abs() / g_32.abs()).max().item(), "elementwise-relative"), (0.5, "other")]:
        assert judge(q3, "a", value).cause == cause, value
    assert judge(q3, " (A) ", torch.tensor(right)).correct
    assert judge(q3, "a", "0.01").cause == "wrong-kind"
