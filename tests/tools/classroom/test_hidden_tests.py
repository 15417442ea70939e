"""hidden_tests.py: every question's hidden assert passes the course's solution and every right learner answer,
and refuses the untouched cell and the known wrong answers, without asking the checker."""

import functools
import math
import warnings

import pytest
import torch
from torch.utils.checkpoint import checkpoint

from tests.learner_answers import ANSWERS, question_of
from tests.learner_answers.memory_and_time import two_gradients
from tests.micro_engine import make_value
from tools.classroom.hidden_tests import hidden_test, plain_data
from tools.classroom.lessons import lessons

EXERCISES = [(lesson.stem, exercise) for lesson in lessons() for exercise in lesson.exercises]


@functools.cache
def lesson_gradients():
    """Lesson 13's g_32 and g_bf16, as the cell before its q3 computes them (the learner answers' own copy)."""
    return dict(zip(("g_32", "g_bf16"), two_gradients()))


def lesson_namespace():
    """What a lesson's earlier cells leave for its exercise cells: imports, Lesson 7's Value and its 7.6 number power
    (which q2's solution hands a number exponent to), Lesson 13's gradients."""
    value = make_value()
    return {"torch": torch, "math": math, "F": torch.nn.functional, "nn": torch.nn, "Value": value,
            "number_power": value.__pow__, "fwAD": torch.autograd.forward_ad, "vmap": torch.func.vmap,
            "grad": torch.func.grad, "jvp": torch.func.jvp, "checkpoint": checkpoint, **lesson_gradients()}


def passes(code, namespace):
    try:
        exec(code, namespace)
    except Exception:  # an AssertionError, or the learner's objects failing: either way, no points
        return False
    return True


@pytest.mark.parametrize("stem, exercise", EXERCISES, ids=lambda v: getattr(getattr(v, "question", None), "name", v))
def test_the_solution_passes_and_the_untouched_cell_does_not(stem, exercise):
    code = hidden_test(stem, exercise.question)
    assert code is not None, f"write a hidden test for {stem}.{exercise.question.name}"
    assert "autograd_lessons.exercises" not in code and ".check(" not in code and "judge" not in code
    solved, untouched = lesson_namespace(), lesson_namespace()
    exec(exercise.solution, solved)
    exec(exercise.learner, untouched)
    assert passes(code, solved) and not passes(code, untouched)


@pytest.mark.parametrize("entry", ANSWERS, ids=lambda entry: entry.id)
def test_a_learner_answer_passes_the_hidden_test_exactly_when_the_checker_calls_it_right(entry):
    """Built here, not while collecting: running all 409 learners' code cost each worker a second before any test ran."""
    question = question_of(entry)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the learners' own code may warn (create_graph=True)
        answers = entry.make()
    if len(answers) != len(question.arguments):  # the check line was handed too few or too many things: no variables
        assert entry.status != "correct"  # for a hidden test to read, and no right answer among them either
        return
    namespace = dict(zip(question.arguments, answers))
    assert passes(hidden_test(entry.lesson, question), namespace) == (entry.status == "correct")


def test_a_patched_checker_does_not_change_the_hidden_tests_verdict():
    from autograd_lessons.exercises import q1
    from autograd_lessons.exercises.checking import correct
    original = q1._checker
    q1._checker = lambda *answers: correct("patched")
    try:
        assert q1.judge(64.0).correct
        assert not passes(hidden_test("practice_exercises", q1), {"answer": torch.tensor(64.0)})
    finally:
        q1._checker = original


def test_only_plain_data_becomes_a_literal():
    assert plain_data(["AddBackward0", 6, 2.5, None]) and not plain_data([torch.tensor(1.0)])
