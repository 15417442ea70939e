"""Every wrong verdict names the mistake it diagnosed, from a list each question keeps (what the class report counts).

A question's ``causes`` map each misconception to the course's explanation of it; the
general ones (``checking.GENERAL_CAUSES``: unreadable, wrong kind, raised, ran too long,
other, and what a tracked tensor lacks) serve every question. Once a question lists causes, every
``incorrect(...)`` in its module must pass one by name, so no wrong verdict falls back on "other" by
accident, and every known wrong answer in tests/learner_answers/ must say which cause it gets (``named=``).
"""

import ast
import inspect
import re
from importlib import import_module
from pathlib import Path

import pytest

from autograd_lessons.exercises.checking import GENERAL_CAUSES
from tests.learner_answers import ANSWERS

PACKAGE = Path(__file__).resolve().parents[2] / "autograd_lessons" / "exercises"
LESSONS = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
QUESTIONS = [(lesson, getattr(import_module(f"autograd_lessons.exercises.{lesson}"), name))
             for lesson in LESSONS for name in import_module(f"autograd_lessons.exercises.{lesson}").__all__
             if re.fullmatch(r"q\d+", name)]
NAME = re.compile(r"[a-z]+(-[a-z0-9]+)*")


def unnamed_incorrects(source):
    """Return the line of every ``incorrect(...)`` call in source that does not name its cause."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "incorrect"
            and len(node.args) < 2 and not any(k.arg == "cause" for k in node.keywords)]


@pytest.mark.parametrize("lesson, question", QUESTIONS, ids=lambda v: getattr(v, "name", v))
def test_a_questions_causes_are_named_and_explained(lesson, question):
    for name, explanation in question.causes.items():
        assert NAME.fullmatch(name) and name not in GENERAL_CAUSES, name
        assert len(explanation) > 30 and explanation.strip().endswith("."), name


@pytest.mark.parametrize("lesson, question", [(lesson, q) for lesson, q in QUESTIONS if q.causes],
                         ids=lambda v: getattr(v, "name", v))
def test_every_wrong_verdict_of_a_question_with_causes_names_one(lesson, question):
    source = Path(inspect.getsourcefile(question._checker)).read_text()
    assert unnamed_incorrects(source) == [], f"name the cause of each incorrect(...) in {question.name}'s module"


def test_the_scan_finds_an_unnamed_verdict():
    source = 'incorrect("a")\nincorrect("b", "wrong-sign")\nincorrect("c", cause="other")\nx.incorrect("d")'
    assert unnamed_incorrects(source) == [1]


def test_the_general_causes_are_named_and_explained():
    assert set(GENERAL_CAUSES) >= {"not-checkable", "wrong-kind", "code-raised", "ran-too-long", "other"}
    assert all(NAME.fullmatch(name) and text.endswith(".") for name, text in GENERAL_CAUSES.items())


def test_every_known_wrong_answer_names_its_cause_once_its_lesson_lists_causes():
    listed = {lesson for lesson, _ in QUESTIONS} - {lesson for lesson, question in QUESTIONS if not question.causes}
    unnamed = [entry.id for entry in ANSWERS if entry.lesson in listed and entry.status == "incorrect"
               and not entry.named]
    assert "practice_exercises" in listed
    assert unnamed == [], "give each wrong answer named=<the cause its verdict must carry>"


def test_every_question_of_every_lesson_lists_its_causes():
    bare = [f"{lesson}.{question.name}" for lesson, question in QUESTIONS if not question.causes]
    assert bare == [], "give each question causes={...}: the class report counts wrong answers by them"
