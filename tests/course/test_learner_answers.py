"""Every lesson's checkers against the independent learner answers in tests/learner_answers/.

Every answer must get the verdict it deserves, a message that names its cause, and no
word of a false cause. Before Lesson 6's checkers were rebuilt on facts, they misjudged 71
of its 173 answers (see tests/learner_answers/practice_exercises.py); now none.
"""

import warnings
from collections import Counter

import pytest

from tests.learner_answers import ANSWERS, misjudgement, question_of

# the fewest answers each question of a lesson must have (right ones in several styles, wrong ones)
AT_LEAST = {"practice_exercises": 10}


def test_every_question_has_enough_answers_right_and_wrong():
    counts = Counter((entry.lesson, entry.question) for entry in ANSWERS)
    for (lesson, question), count in counts.items():
        assert count >= AT_LEAST.get(lesson, 6), (lesson, question)
        statuses = {entry.status for entry in ANSWERS if (entry.lesson, entry.question) == (lesson, question)}
        assert {"correct", "incorrect"} <= statuses, (lesson, question)
    assert sum(lesson == "practice_exercises" for lesson, _ in counts) == 10
    assert len({entry.id for entry in ANSWERS}) == len(ANSWERS), "two answers share a name"


@pytest.mark.parametrize("entry", ANSWERS, ids=lambda entry: entry.id)
def test_the_checker_judges_the_answer_and_names_its_cause(entry):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the learner's own code may warn (create_graph=True), the check must not
        problem = misjudgement(entry)
    assert not problem, problem


@pytest.mark.parametrize("entry", [e for e in ANSWERS if e.status != "incorrect"][:40], ids=lambda entry: entry.id)
def test_the_check_itself_prints_no_warning(entry):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the learner's own code may warn; only the check is asked to be quiet
        answers = entry.make()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        question_of(entry).check(*answers)
