"""Lesson 6's checkers against the second, independent set of learner answers in learner_answers.py.

Every answer must get the verdict it deserves, a message that names its cause, and no
word of a false cause. Before the checkers were rebuilt on facts, they misjudged 71 of
these 173 answers (see learner_answers.py); now none.
"""

import warnings

import pytest

from autograd_lessons import exercises
from tests.learner_answers import ANSWERS, misjudgement

QUESTIONS = {f"q{n}": getattr(exercises, f"q{n}") for n in range(1, 11)}


def test_the_set_is_big_enough_and_covers_every_question_both_ways():
    assert len(ANSWERS) >= 150
    for name in QUESTIONS:
        statuses = {entry.status for entry in ANSWERS if entry.question == name}
        assert {"correct", "incorrect"} <= statuses, name
        assert sum(entry.question == name for entry in ANSWERS) >= 10, name
    assert len({entry.id for entry in ANSWERS}) == len(ANSWERS), "two answers share a name"


@pytest.mark.parametrize("entry", ANSWERS, ids=lambda entry: entry.id)
def test_the_checker_judges_the_answer_and_names_its_cause(entry):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the learner's own code may warn (create_graph=True), the check must not
        problem = misjudgement(entry, QUESTIONS)
    assert not problem, problem


@pytest.mark.parametrize("entry", [e for e in ANSWERS if e.status != "incorrect"][:40], ids=lambda entry: entry.id)
def test_the_check_itself_prints_no_warning(entry):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the learner's own code may warn; only the check is asked to be quiet
        answers = entry.make()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        QUESTIONS[entry.question].check(*answers)
