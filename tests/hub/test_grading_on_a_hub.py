"""The graded Lesson 6 through the hub: released by the instructor, fetched and submitted by three learners from
their own servers through nbgrader's exchange, then collected, autograded and reported by the instructor.

nbgrader 0.9.6 names the submitting student after the system user of the process that submits
(``nbgrader.utils.get_username``: ``pwd.getpwuid(os.getuid())``, or JUPYTERHUB_USER when that user is jovyan), and
``collect`` warns "cheating attempt?" when a submission's files are owned by someone else. Here each learner's
server runs as their own user, so nbgrader tells them apart with nothing passed to it, and collect checks owners
(make test-grading plays every learner from one account, with --student and check_owner off).
"""

from collections import Counter

import pytest

from tests.grading.test_cycle import wrong_answers
from tools.classroom.lessons import lessons
from tools.classroom.report import read_submissions

from .grading import ASSIGNMENT, COURSE_ID, Instructor, LearnerServer, answers_of
from .machine import INSTRUCTOR, LEARNERS

KINDS = dict(zip(LEARNERS, ("solved", "untouched", "half")))  # what each learner hands in


def wrong_answer(question):
    """The known wrong answer the 'half' learner gives to one of q1-q5 (it names its cause)."""
    return wrong_answers(question, 0)


@pytest.fixture(scope="module")
def lesson6():
    return next(lesson for lesson in lessons() if lesson.name == ASSIGNMENT)


@pytest.fixture(scope="module")
def cycle(hub, machine, exchange, lesson6, notes, out):
    """The whole cycle once, as a class lives it; returns what each step left behind."""
    times = notes["grading"]
    notes["instructor_spawn_s"] = hub.start_server(INSTRUCTOR)  # their start pulls the course into their home
    instructor = Instructor(INSTRUCTOR, machine.home(INSTRUCTOR), exchange, times)
    instructor.write_assignment(exchange)
    instructor.nbgrader("generate_assignment", ASSIGNMENT)
    instructor.nbgrader("release_assignment", ASSIGNMENT)
    for name in LEARNERS:  # running since their visit; started again if one has stopped
        hub.start_server(name)
    servers = {name: LearnerServer(hub, name, times) for name in LEARNERS}
    for name, server in servers.items():
        server.fetch()
        server.answer(answers_of(KINDS[name], lesson6, wrong_answer))
        assert server.submit() is not None
    collected = instructor.nbgrader("collect", ASSIGNMENT)
    instructor.nbgrader("autograde", ASSIGNMENT)
    instructor.nbgrader("export")
    instructor.nbgrader("generate_feedback", ASSIGNMENT)
    instructor.nbgrader("release_feedback", ASSIGNMENT)
    for server in servers.values():
        server.fetch_feedback()
    report = instructor.course / "class-report.html"
    instructor.report(report)
    return {"instructor": instructor, "collected": collected, "report": report}


def test_each_learner_fetched_the_released_notebook_into_their_own_home(cycle, machine):
    for name in LEARNERS:
        fetched = machine.home(name) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        assert fetched.exists() and fetched.owner() == name, name


def test_nbgrader_names_each_submission_after_its_learner_and_collect_finds_no_stranger(cycle, exchange):
    inbound = sorted((exchange / COURSE_ID / "inbound").iterdir())
    assert sorted(path.name.split("+")[0] for path in inbound) == sorted(LEARNERS)
    for path in inbound:
        assert path.owner() == path.name.split("+")[0], f"{path.name} is owned by {path.owner()}"
    assert "cheating attempt" not in cycle["collected"], cycle["collected"]
    submitted = cycle["instructor"].course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == sorted(LEARNERS)


def test_the_grades_tell_the_three_learners_apart(cycle, lesson6):
    import csv

    with open(cycle["instructor"].course / "grades.csv") as rows:
        table = {row["student_id"]: float(row["score"]) for row in csv.DictReader(rows)
                 if row["assignment"] == ASSIGNMENT}
    most = len(lesson6.exercises)
    assert table == {LEARNERS[0]: most, LEARNERS[1]: 0, LEARNERS[2]: most - 5}


def test_each_learner_fetched_their_own_feedback_and_only_theirs(cycle, machine):
    for name in LEARNERS:
        pages = sorted((machine.home(name) / ASSIGNMENT / "feedback").rglob("*.html"))
        assert pages, f"{name} got no feedback"
        assert all(page.owner() == name for page in pages)
    half = "".join(p.read_text() for p in (machine.home(LEARNERS[2]) / ASSIGNMENT / "feedback").rglob("*.html"))
    assert f"cause: {wrong_answer('q1').named}" in half, "the checker's cause did not reach the learner's feedback"


def test_the_class_report_counts_the_three_learners_and_the_causes_of_the_wrong_answers(cycle, lesson6, out):
    results = read_submissions(cycle["instructor"].course)
    assert results.learner_count == len(LEARNERS)
    for index, exercise in enumerate(lesson6.exercises):
        key = f"{lesson6.stem}.{exercise.question.name}"
        kinds = results.kinds(key)
        wrong = index < 5  # the 'half' learner's wrong answers
        assert (kinds["right"], kinds["wrong"], kinds["not attempted"]) == (1 + (not wrong), int(wrong), 1), key
        expected = Counter([wrong_answer(exercise.question.name).named] if wrong else [])
        assert results.causes(key) == expected, key
    page = cycle["report"].read_text()
    assert "Lesson 6" in page and "<svg" in page
    (out / "class-report.html").write_text(page)


def test_the_instructor_reads_the_report_through_their_own_server(cycle, hub, browser, out):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{hub.url}/hub/login")
        page.fill("#username_input", INSTRUCTOR)
        page.fill("#password_input", "any password")
        page.click("#login_submit")
        page.wait_for_url("**/user/**", timeout=300_000)
        page.goto(f"{hub.url}/user/{INSTRUCTOR}/files/course/class-report.html")
        headings = page.locator("h2").all_inner_texts()
        page.screenshot(path=str(out / "class-report.png"), full_page=True)
    finally:
        context.close()
    assert headings and headings[0] == "Start the next lecture here", headings
