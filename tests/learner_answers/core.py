"""What a learner answer is, and how a checker's reply to it is judged (shared by every lesson's file)."""

from dataclasses import dataclass, field
from importlib import import_module

CORRECT, INCORRECT, NOT_ATTEMPTED, OTHER_VALUES = "correct", "incorrect", "not attempted", "pick other values"

ANSWERS = []


@dataclass(frozen=True)
class Answer:
    """One learner answer: what the cell passes to ``qN.check``, the verdict it deserves, and why."""

    lesson: str  # the stem of the lesson's notebook, which is also its exercise module's name
    question: str
    case: str
    make: object  # () -> tuple of answers, built by running the learner's code
    status: str
    cause: tuple = ()  # words the message must contain
    avoid: tuple = field(default=())  # words that would state a false cause
    named: str = ""  # for an incorrect answer: the cause its verdict must carry (a key of the question's causes)

    @property
    def id(self):
        return f"{self.lesson} {self.question}: {self.case}"


def answer(question, case, status, cause=(), avoid=(), named=""):
    """Decorate a function that runs the learner's code and returns what the check line passes.

    The lesson is the name of the file the answer is written in (``practice_exercises.py``).
    """
    def add(make):
        lesson = make.__module__.rsplit(".", 1)[-1]
        ANSWERS.append(Answer(lesson, question, case, make, status, tuple(cause), tuple(avoid), named))
        return make
    return add


def question_of(entry):
    """Return the course's question an answer is for: ``autograd_lessons.exercises.<lesson>.qN``."""
    return getattr(import_module(f"autograd_lessons.exercises.{entry.lesson}"), entry.question)


def misjudgement(entry, question=None):
    """Return what is wrong with the checker's reply to this answer ("" if nothing): verdict, cause, false cause."""
    question = question or question_of(entry)
    try:
        answers = entry.make()
    except Exception as error:  # the learner's code itself must run, or the entry is wrong
        return f"the learner's code raised {type(error).__name__}: {error}"
    result = question.judge(*answers)
    problems = []
    if result.status != entry.status:
        problems.append(f"status {result.status!r}, expected {entry.status!r}")
    missing = [word for word in entry.cause if word not in result.message]
    if missing:
        problems.append(f"message lacks {missing}")
    false = [word for word in entry.avoid if word in result.message]
    if false:
        problems.append(f"message says {false}")
    if result.status == "incorrect" and result.cause not in question.all_causes:
        problems.append(f"cause {result.cause!r} is not one of {question.name}'s causes")
    if entry.named and result.cause != entry.named:
        problems.append(f"cause {result.cause!r}, expected {entry.named!r}")
    return "; ".join(problems) + (f" -- {result.message}" if problems else "")
