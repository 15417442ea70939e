"""``make test-grading``: the whole nbgrader cycle on fake learners, then the grades, the feedback and the class report.

Lesson 6 is handed to six learners: one submits the course's solution (full marks), one the notebook untouched
(0), three the known wrong answers of tests/learner_answers/ (0 on every question, and each question's feedback
holds the checker's cause), and one tampers: a patched checker and a patched ``Question.judge`` over wrong answers,
an edited test cell, a deleted test cell (below full marks, and the report says which answers the hidden tests
refused). Every other lesson with checked exercises is handed to a solver: the course's own solutions must earn
full marks through the hidden tests (tests/tools/classroom/ checks that no untouched cell passes them).
"""

import json
import tempfile
from pathlib import Path
from collections import Counter

import pytest

from tests.grading.cycle import (BIN, ROOT, Cycle, edit_answers, learner_answer_cell, learner_answer_prelude,
                                 solved_answers)
from tests.learner_answers import ANSWERS, question_of
from tests.learner_answers import practice_exercises as practice_answers
from tools.classroom.lessons import lessons
from tools.classroom.report import read_submissions

LESSON6 = "06_practice_exercises"
WRONG = ("wrong1", "wrong2", "wrong3")
TAMPERED_CHECKER = """x = torch.tensor(2.0, requires_grad=True)
(3 * x**3 - 4 * x).backward()
(3 * x**3 - 4 * x).backward()
answer = x.grad  # 64, twice the right value
from autograd_lessons.exercises.checking import correct
q1._checker = lambda *answers: correct("patched")  # the checker replaced
q1.check(answer)"""
TAMPERED_JUDGE = """x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
(x**2 * y + 5 * y).backward()
dz_dx = dz_dy = x.grad  # the same gradient twice
from autograd_lessons.exercises import Question
from autograd_lessons.exercises.checking import correct
Question.judge = lambda self, *answers, **named: correct("patched")  # every checker from here on says correct
q2.check(dz_dx, dz_dy)"""


def wrong_answers(question_name, index):
    """The index-th known wrong answer to a Lesson 6 question that names its cause (cycling)."""
    known = [entry for entry in ANSWERS if entry.lesson == "practice_exercises" and entry.question == question_name
             and entry.status == "incorrect" and entry.named
             and len(entry.make()) == len(question_of(entry).arguments)]
    return known[index % len(known)]


def submit_lesson6(cycle, lesson):
    """Fetch, answer and submit Lesson 6 as each fake learner; return {student: {question: expected cause}}."""
    expected = {}
    for student in ("solved", "untouched", *WRONG, "tampered"):
        path = cycle.fetch(LESSON6, student)
        if student in ("solved", "tampered"):
            answers = solved_answers(lesson)
            if student == "tampered":
                answers.update(q1_answer=TAMPERED_CHECKER, q2_answer=TAMPERED_JUDGE)
            edit_answers(path, answers)
        elif student in WRONG:
            chosen = {ex.question.name: wrong_answers(ex.question.name, WRONG.index(student) * 2)
                      for ex in lesson.exercises}
            expected[student] = {name: entry.named for name, entry in chosen.items()}
            edit_answers(path, {f"{ex.question.name}_answer":
                                learner_answer_cell(chosen[ex.question.name], ex.question, ex.check)
                                for ex in lesson.exercises},
                         extra_cells=[(1, learner_answer_prelude(practice_answers))])
        if student == "tampered":
            tamper_test_cells(path)
        cycle.submit(LESSON6, student)
    return expected


def tamper_test_cells(path):
    """Edit q3's locked test cell (nbgrader restores it) and delete q4's (nbgrader cannot grade it)."""
    import nbformat
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q3_test":
            cell.source = "pass  # no test here"
    notebook.cells = [cell for cell in notebook.cells
                      if cell.metadata.get("nbgrader", {}).get("grade_id") != "q4_test"]
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def graded():
    """Run the whole cycle once: write, generate, release, fetch, submit, collect, autograde, export, feedback.

    Its folder is its own (not pytest's tmp_path, which another pytest run on the machine may rotate away).
    """
    with tempfile.TemporaryDirectory(prefix="autograd-grading-") as folder:
        yield run_cycle(Cycle(folder))


def run_cycle(cycle):
    """The cycle itself; returns (cycle, lessons by name, grades.csv's rows, expected causes, the report's path)."""
    course = {lesson.name: lesson for lesson in lessons()}
    cycle.write_assignments()
    expected, others = {}, [name for name in course if name != LESSON6]
    for name in course:
        cycle.release(name)
    expected = submit_lesson6(cycle, course[LESSON6])
    for name in others:  # the course's own solutions must pass every hidden test
        edit_answers(cycle.fetch(name, "solved"), solved_answers(course[name]))
        cycle.submit(name, "solved")
    rows = []
    for name in course:
        rows = cycle.grade(name, feedback=name == LESSON6)
    report = cycle.folder / "report.html"
    cycle.report(report)
    out = ROOT / "build" / "grading"  # kept after the temporary folder goes: the report and the step times
    out.mkdir(parents=True, exist_ok=True)
    (out / "timings.json").write_text(json.dumps(cycle.times, indent=1))
    (out / "class-report.html").write_text(report.read_text())
    return cycle, course, rows, expected, out / "class-report.html"


def scores(rows):
    """{(student, assignment): (score, max_score)} from grades.csv's rows."""
    return {(row["student_id"], row["assignment"]): (float(row["score"]), float(row["max_score"])) for row in rows}


def test_the_solution_earns_full_marks_in_every_lesson_and_the_untouched_notebook_none(graded):
    cycle, course, rows, *_ = graded
    table = scores(rows)
    for name, lesson in course.items():
        assert table[("solved", name)] == (len(lesson.exercises), len(lesson.exercises)), name
    assert table[("untouched", LESSON6)] == (0, len(course[LESSON6].exercises))


def test_a_wrong_answer_scores_zero_and_its_feedback_holds_the_checkers_cause(graded):
    cycle, course, rows, expected, _ = graded
    for student in WRONG:
        assert scores(rows)[(student, LESSON6)][0] == 0
        assert set(cycle.cell_scores(LESSON6, student).values()) == {0}
        pages = cycle.fetch_feedback(LESSON6, student)
        feedback = "".join(page.read_text() for page in pages)
        for question, cause in expected[student].items():
            assert f"cause: {cause}" in feedback, (student, question, cause)


def test_a_tampered_submission_earns_less_and_the_hidden_tests_refuse_the_patched_answers(graded):
    cycle, course, rows, *_ = graded
    score, most = scores(rows)[("tampered", LESSON6)]
    cells = cycle.cell_scores(LESSON6, "tampered")
    assert score < most and cells["q1_test"] == 0 and cells["q2_test"] == 0
    assert cells["q3_test"] == 1 and cells["q10_test"] == 1  # an edited test cell is restored; later answers count


def test_the_class_report_counts_what_each_learner_got_right_and_the_causes_of_the_rest(graded):
    cycle, course, rows, expected, report = graded
    results = read_submissions(cycle.course)
    for exercise in course[LESSON6].exercises:
        name = exercise.question.name
        key = f"practice_exercises.{name}"
        kinds = results.kinds(key)
        tampered = name in ("q1", "q2", "q4")
        assert kinds["right"] == 1 + (not tampered), name
        assert kinds["wrong"] == len(WRONG) and kinds["not attempted"] == 1, name
        assert results.causes(key) == Counter(expected[student][name] for student in WRONG), name
        assert kinds["hidden test failed"] == (name in ("q1", "q2")) and kinds["no verdict"] == (name == "q4")
    page = report.read_text()
    assert "http" not in page.split("<main>")[0] and "<script" not in page
    assert page.count("<h2>") == 1 + len(course) and "role=\"img\"" in page and "<caption>" in page
    for name in course:
        for exercise in course[name].exercises:
            key = f"{course[name].stem}.{exercise.question.name}"
            if name != LESSON6:
                assert results.kinds(key)["right"] == 1 and len(results.of(key)) == 1, key


def test_nbgraders_menus_stay_out_of_the_learners_jupyterlab(graded):
    cycle, *_ = graded
    listed = cycle.run("labextensions", str(BIN / "jupyter"), "labextension", "list")
    line = next(line for line in listed.splitlines() if "@jupyter/nbgrader" in line)
    assert "disabled" in line
    served = cycle.run("server extensions", str(BIN / "jupyter"), "server", "extension", "list")
    assert not [line for line in served.splitlines() if "nbgrader.server_extensions" in line and " enabled" in line]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium at /usr/bin/chromium (make chromium)")
def test_the_report_renders_offline_in_chromium_as_an_instructor_reads_it(graded):
    from playwright.sync_api import sync_playwright
    *_, report = graded
    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        view = browser.new_page(viewport={"width": 1100, "height": 900})
        view.on("request", lambda request: requests.append(request.url))
        view.goto(report.as_uri())
        headings = view.locator("h2").all_inner_texts()
        charts = view.locator("svg[role=img]").count()
        view.screenshot(path=str(ROOT / "build" / "grading" / "class-report.png"), full_page=True)
        browser.close()
    assert requests == [report.as_uri()], "the page fetched something besides itself"
    assert headings[0] == "Start the next lecture here" and "Lesson 6 · Practice exercises" in headings
    assert charts >= 10
