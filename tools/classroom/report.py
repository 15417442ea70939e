"""Read autograded submissions into what the class got right and the causes behind what it got wrong.

    python -m tools.classroom report COURSE            # COURSE/autograded/<student>/<assignment>/*.ipynb
    python -m tools.classroom report COURSE/autograded --out report.html

Each graded test cell that assignments.py wrote prints, through ``qN.grade(...)``, the lines
``question: <lesson>.<qN>``, ``verdict: <status>`` and, for a wrong answer, ``cause: <name>``; nbgrader keeps
them in the autograded notebook's outputs (the Feedback box's HTML, which nbval compares in the lessons, is not
touched). Each learner's answer to each question becomes one Outcome:

- right: the checker said correct and the hidden test passed (the cell has no error);
- wrong: the checker said incorrect, with its cause;
- not attempted: the checker said so, or the answer cell is exactly as it was handed out (nbgrader's checksum);
- pick other values: the learner chose values at which a wrong answer looks right (Lesson 6 q4);
- hidden test failed: the checker said correct but the hidden assert did not agree (a patched checker, or a
  checker bug: read that submission);
- no verdict: the test cell stopped before the checker answered (a name the check needs was removed), or the
  learner's notebook lost the test cell.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import nbformat

from autograd_lessons.exercises.checking import GENERAL_CAUSES

LINE = re.compile(r"^(question|verdict|cause): (.+)$", re.M)
KINDS = ("right", "wrong", "not attempted", "pick other values", "hidden test failed", "no verdict")
EXPLAINED = {  # what the report itself says about the outcomes that carry no checker's cause
    "hidden test failed": "The checker said correct but the hidden test, which checks the answer without the "
                          "checker, did not agree: a patched checker, or a checker bug. Read these submissions.",
    "no verdict": "The test cell stopped before the checker answered (a name the check needs was removed or "
                  "renamed), or the test cell is missing from the submission.",
}


@dataclass(frozen=True)
class Outcome:
    """One learner's answer to one question, as the autograded test cell shows it."""

    student: str
    assignment: str
    question: str  # "<lesson>.<qN>", e.g. "practice_exercises.q4"
    kind: str  # one of KINDS
    cause: str = ""  # for a wrong answer: the checker's cause


@dataclass
class ClassResults:
    """Every Outcome of a class, with the questions in the order the assignments ask them."""

    outcomes: list = field(default_factory=list)
    questions: list = field(default_factory=list)

    @property
    def learner_count(self):
        """How many learners submitted anything."""
        return len({outcome.student for outcome in self.outcomes})

    def of(self, question):
        """The outcomes of one question."""
        return [outcome for outcome in self.outcomes if outcome.question == question]

    def kinds(self, question):
        """Counter of the outcomes' kinds for one question (every kind present, 0 if none)."""
        counts = Counter(outcome.kind for outcome in self.of(question))
        return {kind: counts.get(kind, 0) for kind in KINDS}

    def causes(self, question):
        """Counter of the causes of the wrong answers to one question, most frequent first."""
        return Counter(outcome.cause for outcome in self.of(question) if outcome.kind == "wrong")


def stdout_of(cell):
    """All the text a cell printed on stdout, its stream outputs joined."""
    return "".join(output.get("text", "") for output in cell.get("outputs", [])
                   if output.get("output_type") == "stream" and output.get("name") == "stdout")


def errored(cell):
    """True when the cell's outputs hold an error (or stderr, which nbgrader also scores 0)."""
    return any(output.get("output_type") == "error" or output.get("name") == "stderr"
               for output in cell.get("outputs", []))


def unchanged(cell):
    """True when an answer cell is exactly as handed out (nbgrader's checksum); False if unknown."""
    checksum = cell.get("metadata", {}).get("nbgrader", {}).get("checksum")
    if not checksum:
        return False
    try:
        from nbgrader.utils import compute_checksum
    except ImportError:  # the report still works without nbgrader; it cannot tell an untouched cell then
        return False
    return compute_checksum(cell) == checksum


def outcome_of(cell, student, assignment, fallback_question, untouched):
    """Return the Outcome a graded test cell shows."""
    lines = dict(LINE.findall(stdout_of(cell)))
    question = lines.get("question", fallback_question)
    if question.startswith("."):  # printed by a question whose lesson could not be told: the cell's own id
        question = fallback_question
    verdict = lines.get("verdict")
    if untouched and verdict != "correct":
        kind, cause = "not attempted", ""
    elif verdict is None:
        kind, cause = "no verdict", ""
    elif verdict == "correct":
        kind, cause = ("hidden test failed" if errored(cell) else "right"), ""
    elif verdict == "incorrect":
        kind, cause = "wrong", lines.get("cause", "other")
    else:
        kind, cause = (verdict if verdict in KINDS else "no verdict"), ""
    return Outcome(student, assignment, question, kind, cause)


def notebook_outcomes(path, student, assignment, lesson):
    """Return the Outcomes of one autograded notebook, and the questions its test cells ask, in order."""
    notebook = nbformat.read(path, as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in notebook.cells}
    outcomes, asked = [], []
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        if not (meta.get("grade") and grade_id.endswith("_test")):
            continue
        name = grade_id[: -len("_test")]
        answer = by_id.get(f"{name}_answer")
        outcome = outcome_of(cell, student, assignment, f"{lesson}.{name}",
                             answer is not None and unchanged(answer))
        outcomes.append(outcome)
        asked.append(outcome.question)
    return outcomes, asked


def autograded_folder(path):
    """Return the autograded/ folder of a course directory, or path itself if it is one."""
    path = Path(path)
    return path / "autograded" if (path / "autograded").is_dir() else path


def read_submissions(path):
    """Return the ClassResults of every autograded notebook under path (a course directory or its autograded/)."""
    results, asked = ClassResults(), {}
    for notebook in sorted(autograded_folder(path).glob("*/*/*.ipynb")):
        student, assignment = notebook.parent.parent.name, notebook.parent.name
        lesson = assignment.split("_", 1)[1] if "_" in assignment else assignment
        outcomes, questions = notebook_outcomes(notebook, student, assignment, lesson)
        results.outcomes += outcomes
        for question in questions:
            asked.setdefault(assignment, {})[question] = None
    for assignment, questions in asked.items():  # a learner whose notebook lost a test cell: no verdict there
        students = {o.student for o in results.outcomes if o.assignment == assignment}
        for question in questions:
            answered = {o.student for o in results.outcomes if o.question == question}
            results.outcomes += [Outcome(s, assignment, question, "no verdict") for s in sorted(students - answered)]
        results.questions += list(questions)
    return results


def question_info(key):
    """Return (title, {cause: explanation}) of a question "<lesson>.<qN>", from the course's package."""
    lesson, name = key.split(".", 1)
    try:
        question = getattr(import_module(f"autograd_lessons.exercises.{lesson}"), name)
    except (ImportError, AttributeError):  # a question since removed from the course: its name only
        return name, dict(GENERAL_CAUSES)
    return question.title, question.all_causes


def explanation(key, cause):
    """The course's words for a cause of a question (or the report's, for outcomes with no checker's cause)."""
    return question_info(key)[1].get(cause) or EXPLAINED.get(cause, "")
