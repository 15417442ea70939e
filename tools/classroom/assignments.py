"""Write an nbgrader source assignment from a lesson's own notebook: answer cells, graded test cells, a locked setup.

    python -m tools.classroom assignments COURSE [--lesson 06] [--no-hints] [--points 1]

For each lesson with checked exercises (lessons.py finds them), COURSE/source/<lesson>/<lesson>.ipynb holds the
lesson as the learner gets it, with:

- a locked setup cell before the first code cell, ``graded_assignment(hints=...)``: ``qN.solution()`` says it is
  not available, and hints stay unless the instructor passes ``--no-hints``;
- each exercise cell as an nbgrader answer cell: the learner's lines with their ``...`` placeholders, then the
  solution between nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers, then the ``qN.check(...)``
  line, so a learner still sees the checker's box as they work. nbgrader's ``generate_assignment`` removes the
  solution and leaves a blank line (the course's settings make its stub empty), so the learner's cell reads as in
  the learner's notebook;
- after it, a locked test cell worth ``--points``: ``qN.grade(...)`` prints the checker's verdict and cause (the
  lines the class report reads) and fails unless the answer is right; between nbgrader's hidden-test markers,
  the hidden assert of hidden_tests.py checks the answer again without the checker.

COURSE/nbgrader_config.py gets the course's settings between two marker lines (the file's other lines are kept):
the empty solution stub, and a cell time limit long enough for Lesson 11's training loops.
"""

import re
from pathlib import Path

import nbformat

from .hidden_tests import hidden_test
from .lessons import Exercise

SCHEMA = 3
BEGIN, END = "# --- autograd-lessons: course settings (python -m tools.classroom assignments) ---", \
             "# --- end of autograd-lessons' settings ---"
SETTINGS = """c.ClearSolutions.code_stub = {"python": ""}   # the answer cell keeps the `...` lines, adds nothing
c.Execute.timeout = 120  # seconds per cell: Lesson 11 took 43 s whole under a load of 12; a stuck loop costs 2 min"""


def nbgrader(grade_id, grade=False, solution=False, locked=False, points=None):
    """Return the nbgrader metadata of a cell."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def setup_cell(hints):
    """The locked cell that makes the kernel a graded assignment."""
    source = ("# Graded assignment: `qN.solution()` is not available here"
              + ("; `qN.hint()` is." if hints else ", and neither is `qN.hint()`.") + "\n"
              "# Your instructor set this cell; it is locked, and nothing a later cell calls turns solutions back on.\n"
              "from autograd_lessons.exercises import graded_assignment\n"
              f"graded_assignment(hints={hints})")
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = nbgrader("graded_setup", locked=True)
    return cell


def answer_cell(exercise):
    """The nbgrader answer cell of an exercise: the learner's lines, the solution between markers, the check."""
    parts = [exercise.learner, "### BEGIN SOLUTION", exercise.solution.rstrip("\n"), "### END SOLUTION", exercise.check]
    cell = nbformat.v4.new_code_cell("\n".join(part for part in parts if part))
    cell.metadata["nbgrader"] = nbgrader(f"{exercise.question.name}_answer", solution=True)
    return cell


def test_source(lesson_stem, exercise, points):
    """The source of an exercise's test cell, and whether it holds a hidden test."""
    question = exercise.question
    grade = re.sub(r"\.check\(", ".grade(", exercise.check, count=1)
    hidden = hidden_test(lesson_stem, question)
    lines = [f"# Graded test of {question.name} · {question.title}, {points:g} point{'s' * (points != 1)}: "
             "the course's checker judges your answer",
             "# and names the mistake behind a wrong one; a hidden test then checks the answer without the checker.",
             f"from autograd_lessons.exercises.{lesson_stem} import {question.name}",
             f"_verdict = {grade}"]
    if hidden:
        lines += ["### BEGIN HIDDEN TESTS", hidden.rstrip("\n"), "### END HIDDEN TESTS"]
    return "\n".join(lines), hidden is not None


def test_cell(lesson_stem, exercise, points):
    """The locked, graded test cell of an exercise."""
    source, _ = test_source(lesson_stem, exercise, points)
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = nbgrader(f"{exercise.question.name}_test", grade=True, locked=True, points=points)
    return cell


def plain(cell):
    """A lesson cell as it goes into the assignment: no outputs, no execution count, no run timestamps."""
    cell = nbformat.from_dict(dict(cell))
    cell.metadata = {key: value for key, value in cell.metadata.items() if key != "execution"}
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def assignment_notebook(lesson, notebook_metadata, hints=True, points=1):
    """Return the nbgrader source notebook of a lesson (a new notebook)."""
    cells, set_up = [], False
    for cell in lesson.cells:
        if not set_up and (isinstance(cell, Exercise) or cell.cell_type == "code"):
            cells.append(setup_cell(hints))
            set_up = True
        if isinstance(cell, Exercise):
            cells += [answer_cell(cell), test_cell(lesson.stem, cell, points)]
        else:
            cells.append(plain(cell))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=dict(notebook_metadata))
    return notebook


def write_assignment(lesson, course, hints=True, points=1):
    """Write COURSE/source/<lesson>/<lesson>.ipynb; return its path and the questions without a hidden test."""
    from .lessons import NOTEBOOKS
    metadata = nbformat.read(NOTEBOOKS / f"{lesson.name}.ipynb", as_version=4).metadata
    path = Path(course) / "source" / lesson.name / f"{lesson.name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(assignment_notebook(lesson, metadata, hints, points), path)
    bare = [exercise.question.name for exercise in lesson.exercises
            if not test_source(lesson.stem, exercise, points)[1]]
    return path, bare


def write_settings(course):
    """Put the course's settings into COURSE/nbgrader_config.py between the marker lines; keep every other line."""
    path = Path(course) / "nbgrader_config.py"
    text = path.read_text() if path.exists() else "c = get_config()  # noqa: F821 (nbgrader defines it)\n"
    block = f"{BEGIN}\n{SETTINGS}\n{END}\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text)
    return path
