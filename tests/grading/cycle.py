"""The nbgrader cycle on fake learners, in a temporary course directory and exchange (``make test-grading``).

Everything nbgrader, Jupyter and IPython would write goes under one temporary folder: the course directory, the
exchange and its cache, each learner's home, Jupyter's data, runtime and config folders, IPython's and
matplotlib's. Nothing touches ~/.local, /srv or /usr/local/share. Learners are told apart as nbgrader's exchange
does when one account plays them all: by ``--student`` (on a real hub, by their user). Each nbgrader command's
wall time is recorded, for the closing note and ``python -m tests.grading.timings``.
"""

import ast
import inspect
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COURSE_ID = "autograd"


class Cycle:
    """A course directory and an exchange in a temporary folder, and the nbgrader commands run on them."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.course, self.exchange = self.folder / "course", self.folder / "exchange"
        self.times = {}  # step -> [seconds, ...]
        for path in (self.course, self.exchange, self.folder / "home"):
            path.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                        HOME=str(self.folder / "home"), IPYTHONDIR=str(self.folder / "ipython"),
                        MPLCONFIGDIR=str(self.folder / "matplotlib"), PYTHONPATH=str(ROOT),
                        JUPYTER_DATA_DIR=str(self.folder / "jupyter" / "data"),
                        JUPYTER_RUNTIME_DIR=str(self.folder / "jupyter" / "runtime"),
                        JUPYTER_CONFIG_DIR=str(self.folder / "jupyter" / "config"))
        self.exchange_args = [f"--Exchange.root={self.exchange}", f"--Exchange.cache={self.folder / 'cache'}"]

    def run(self, step, *args, cwd=None, timeout=1800):
        """Run a command (``nbgrader ...`` or ``python -m ...``), record its time under step, return its output."""
        start = time.perf_counter()
        done = subprocess.run(list(args), cwd=cwd or self.course, env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        self.times.setdefault(step, []).append(time.perf_counter() - start)
        if done.returncode != 0:
            raise AssertionError(f"{step} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return done.stdout + done.stderr

    def nbgrader(self, step, *args, cwd=None):
        """Run one nbgrader subcommand."""
        return self.run(step, str(BIN / "nbgrader"), step, *args, cwd=cwd)

    def write_assignments(self, *lessons):
        """Write the source assignments with the course's tool, and the exchange settings beside them."""
        prefixes = [arg for lesson in lessons for arg in ("--lesson", lesson)]
        output = self.run("write assignments", sys.executable, "-m", "tools.classroom", "assignments",
                          str(self.course), *prefixes, cwd=ROOT)
        with open(self.course / "nbgrader_config.py", "a") as config:
            config.write(f'c.CourseDirectory.course_id = "{COURSE_ID}"\n'
                         f'c.Exchange.root = "{self.exchange}"\nc.Exchange.cache = "{self.folder / "cache"}"\n')
        return output

    def release(self, assignment):
        """generate_assignment and release_assignment, as the instructor."""
        self.nbgrader("generate_assignment", assignment)
        self.nbgrader("release_assignment", assignment)

    def fetch(self, assignment, student):
        """fetch_assignment as a learner, into their home; return the fetched notebook's path."""
        home = self.folder / "home" / student
        home.mkdir(parents=True, exist_ok=True)
        self.nbgrader("fetch_assignment", assignment, f"--course={COURSE_ID}", *self.exchange_args, cwd=home)
        return next((home / assignment).glob("*.ipynb"))

    def submit(self, assignment, student):
        """submit as a learner, from their home."""
        self.nbgrader("submit", assignment, f"--course={COURSE_ID}", f"--student={student}", *self.exchange_args,
                      cwd=self.folder / "home" / student)

    def grade(self, assignment, feedback=True):
        """collect, autograde, export, and (if asked) feedback, as the instructor; return grades.csv's rows."""
        # one account plays every learner, so collect's owner check would warn "cheating attempt?" for each
        self.nbgrader("collect", assignment, "--CollectApp.check_owner=False")
        self.nbgrader("autograde", assignment)
        self.nbgrader("export")
        if feedback:
            self.nbgrader("generate_feedback", assignment)
            self.nbgrader("release_feedback", assignment)
        import csv
        with open(self.course / "grades.csv") as rows:
            return list(csv.DictReader(rows))

    def fetch_feedback(self, assignment, student):
        """fetch_feedback as a learner; return the feedback pages they received."""
        home = self.folder / "home" / student
        self.nbgrader("fetch_feedback", assignment, f"--course={COURSE_ID}", f"--student={student}",
                      *self.exchange_args, cwd=home)
        return sorted((home / assignment / "feedback").rglob("*.html"))

    def report(self, out):
        """The class report, as an instructor runs it."""
        return self.run("report", sys.executable, "-m", "tools.classroom", "report", str(self.course),
                        "--out", str(out), "--title", "Test class", cwd=ROOT)

    def cell_scores(self, assignment, student):
        """{grade_id: score} of one learner's autograded test cells, from nbgrader's gradebook."""
        from nbgrader.api import Gradebook
        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gradebook:
            submission = gradebook.find_submission(assignment, student)
            return {grade.name: grade.score for notebook in submission.notebooks for grade in notebook.grades}


def edit_answers(path, answers, extra_cells=()):
    """Replace answer cells ({grade_id: source}) of a fetched notebook; extra_cells [(index, source)] are inserted."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    for index, source in sorted(extra_cells, reverse=True):
        notebook.cells.insert(index, nbformat.v4.new_code_cell(source))
    nbformat.write(notebook, path)


def solved_answers(lesson):
    """{grade_id: source} that answers every exercise of a lesson with the course's solution."""
    return {f"{ex.question.name}_answer": f"{ex.solution.rstrip()}\n{ex.check}" for ex in lesson.exercises}


def learner_answer_prelude(module):
    """The imports and helper functions of a learner-answers file, as one cell (its answers left out)."""
    tree = ast.parse(inspect.getsource(module))
    keep = [node for node in tree.body
            if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0)
            or (isinstance(node, ast.FunctionDef) and not node.decorator_list)]
    return "\n\n".join(ast.unparse(node) for node in keep)


def learner_answer_cell(entry, question, check_line):
    """An answer cell that runs one learner answer's own code and passes what it returns to the check line."""
    function = next(node for node in ast.parse(inspect.getsource(entry.make)).body
                    if isinstance(node, ast.FunctionDef))
    function.decorator_list, function.name = [], "_learner_answer"
    names = ", ".join(question.arguments) + ("," if len(question.arguments) == 1 else "")
    return f"{ast.unparse(function)}\n\n{names} = _learner_answer()\n{check_line}"
