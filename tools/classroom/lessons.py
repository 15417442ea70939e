"""The lessons with checked exercises, found in the notebooks and the package (never a second copy of a question).

A lesson has checked exercises when ``autograd_lessons.exercises.<stem>`` exists (``06_practice_exercises.ipynb``
-> ``practice_exercises``) and exports questions ``q1``, ``q2``, ... An exercise cell is a code cell whose last
line is ``qN.check(...)`` for one of them. Its learner version (the ``...`` placeholders) and its solution come from:

- a solved notebook in notebooks/solutions/ (Lesson 6): the learner version is what tools/make_learner_notebook.py
  makes of each ✎ line, the solution is the solved cell itself;
- otherwise the lesson's notebook, whose exercise cells are the learner version already, and ``qN.solution_code``.
"""

import re
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import nbformat

from tools.make_learner_notebook import LEARNER_ONLY, SOLUTIONS_ONLY, learner_source, relink

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
CHECK_LINE = re.compile(r"^(?P<name>q\d+)\.check\((?P<arguments>.*)\)\s*$")


@dataclass
class Exercise:
    """One exercise cell: its question, the learner's version (placeholders) and a solution, each without the check."""

    question: object
    learner: str
    solution: str
    check: str  # the cell's last line, e.g. "q1.check(answer)"


@dataclass
class Lesson:
    """A lesson with checked exercises: its notebook's stem, its cells as the learner gets them, its exercises."""

    name: str  # the notebook's stem, "06_practice_exercises"; also the assignment's name
    stem: str  # the exercise package's name, "practice_exercises"
    cells: list  # nbformat cells, learner version; exercise cells are replaced by Exercise objects
    questions: dict = field(default_factory=dict)

    @property
    def exercises(self):
        """The lesson's exercises, in the order of the notebook."""
        return [cell for cell in self.cells if isinstance(cell, Exercise)]


def questions_of(stem):
    """Return {name: Question} of the exercise package named stem, or {} if there is none."""
    try:
        package = import_module(f"autograd_lessons.exercises.{stem}")
    except ModuleNotFoundError:
        return {}
    return {name: getattr(package, name) for name in getattr(package, "__all__", ()) if re.fullmatch(r"q\d+", name)}


def split_check(source):
    """Return (the cell's source without its last line, the question's name, the check line) or None if no check."""
    lines = source.rstrip().split("\n")
    match = CHECK_LINE.match(lines[-1])
    return ("\n".join(lines[:-1]), match["name"], lines[-1]) if match else None


def lesson_cells(notebook_path, solved):
    """Return [(learner cell, solved source or None)] of a notebook, as the learner's notebook has them."""
    notebook = nbformat.read(notebook_path, as_version=4)
    pairs = []
    for cell in notebook.cells:
        if SOLUTIONS_ONLY in cell.metadata.get("tags", []):
            continue
        learner = nbformat.from_dict(dict(cell))
        if solved and cell.cell_type == "code":
            learner.source = learner_source(cell.source)
        elif solved and cell.cell_type == "markdown":  # no link to the solved notebook in a graded assignment
            learner.source = relink(LEARNER_ONLY.sub("", cell.source))
        pairs.append((learner, cell.source if solved else None))
    return pairs


def read_lesson(notebook_path):
    """Return the Lesson of a notebook in notebooks/, or None when it has no checked exercises."""
    name = Path(notebook_path).stem
    stem = name.split("_", 1)[1] if "_" in name else name
    questions = questions_of(stem)
    if not questions:
        return None
    solved_path = NOTEBOOKS / "solutions" / Path(notebook_path).name
    solved = solved_path.exists()
    cells = []
    for cell, solved_source in lesson_cells(solved_path if solved else notebook_path, solved):
        found = split_check(cell.source) if cell.cell_type == "code" else None
        if not found or found[1] not in questions:
            cells.append(cell)
            continue
        learner, question_name, check = found
        question = questions[question_name]
        solution = split_check(solved_source)[0] if solved else question.solution_code
        cells.append(Exercise(question, learner, solution, check))
    return Lesson(name, stem, cells, questions)


def lessons(folder=NOTEBOOKS):
    """Return every Lesson with checked exercises among the notebooks in folder, in the course's order."""
    found = (read_lesson(path) for path in sorted(Path(folder).glob("*.ipynb")))
    return [lesson for lesson in found if lesson is not None]
