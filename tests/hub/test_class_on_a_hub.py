"""A class of three on a real JupyterHub on this machine (make test-hub), in the order a class lives it.

1. Each learner follows the instructor's nbgitpuller link in Chromium, logs in, and lands on Lesson 3 in their own
   ~/my-lessons; Run All shows the explorer, and a slider move changes its picture. Their own note is saved.
2. With all three kernels running, each learner's server and kernel stay under 1 GiB.
3. The course's author pushes an update; at each learner's next server start it reaches ~/my-lessons: beside
   the Lesson 3 they changed, in place of the Lesson 1 they did not.
4. The instructor releases an assignment; the learners fetch and submit it through nbgrader's exchange from
   their own servers; the instructor collects, autogrades and writes the class report (test_grading_on_a_hub.py).

Each learner is a system user, as on a hub with local users, and their server runs as that user: that is how
nbgrader tells them apart. The tests run in order and share one hub (tests/hub/conftest.py).
"""

import datetime
import json
import pwd

import pytest

from . import course, learners, measure
from .machine import LEARNERS, uid_processes

MEMORY_BOUND_MIB = 1024
UPDATED = ["03_backward.ipynb", "01_enabling_autograd.ipynb"]  # one each learner changed, one nobody did


@pytest.fixture(scope="module")
def visits(hub, origin, browser, out, notes):
    """Each learner's visit, one after the other, as measured (a failed visit fails every test that needs it)."""
    seen = {}
    for name in LEARNERS:
        seen[name] = learners.learner_session(browser, hub.url, f"file://{origin}", name, out)
        notes["learners"][name].update(seen[name])
    for name, times in hub.spawn_times().items():
        if name in notes["learners"]:
            notes["learners"][name]["spawn_s"] = times[0]
    return seen


@pytest.mark.parametrize("name", LEARNERS)
def test_the_link_lands_on_lesson_3_in_my_lessons_and_the_explorer_answers(visits, machine, name):
    seen = visits[name]
    assert seen["path"] == f"my-lessons/{learners.LESSON}", seen["url"]
    assert seen["errors"] == [] and seen["broken_widgets"] == []
    assert seen["picture_changed"], "a slider move did not change the explorer's picture"
    assert seen["first_slider_ms"] is not None, "the first slider move never repainted"
    saved = machine.home(name) / "my-lessons" / learners.LESSON
    assert seen["note"] in course.markdown_sources(saved), "the learner's save did not reach their own copy"


@pytest.mark.parametrize("name", LEARNERS)
def test_each_server_runs_as_its_learner_with_the_course_in_their_home(visits, machine, name):
    home, uid = machine.home(name), pwd.getpwnam(name).pw_uid
    assert uid_processes(uid), f"no process of {name}: their server does not run as their own user"
    manifest = json.loads((home / "my-lessons" / ".course.json").read_text())
    assert learners.LESSON in manifest, "~/my-lessons was not made by tools/learner_folder.py"
    assert (home / "autograd-lessons" / ".git").is_dir(), "nbgitpuller's clone is not in ~/autograd-lessons"
    assert all(path.owner() == name for path in (home / "my-lessons").iterdir())


def test_each_learner_with_a_running_lesson_stays_under_1_gib(visits, notes):
    for name in LEARNERS:
        memory = measure.learner_memory(pwd.getpwnam(name).pw_uid)
        notes["learners"][name]["memory"] = memory
        assert memory["kernels"] >= 1, f"{name}'s Lesson 3 kernel is not running"
        assert memory["total_mib"] < MEMORY_BOUND_MIB, f"{name}: {memory}"


def test_a_course_update_reaches_my_lessons_beside_the_learners_own_edits(visits, hub, origin, machine, notes):
    tag = datetime.datetime.now().strftime("%H%M%S")
    mark = course.push_update(origin, machine.folder, UPDATED, tag)
    notes["restarts_s"] = []
    for name in LEARNERS:  # the next start: the idle culler stopped the server, or the learner did
        hub.stop_server(name)
        notes["restarts_s"].append(hub.start_server(name))
    today = datetime.date.today().isoformat()
    for name in LEARNERS:
        folder = machine.home(name) / "my-lessons"
        own = course.markdown_sources(folder / "03_backward.ipynb")
        assert visits[name]["note"] in own and mark not in own, f"{name}'s own Lesson 3 was touched"
        beside = folder / f"03_backward.course-update-{today}.ipynb"
        assert beside.exists(), f"{name}: no course update beside their Lesson 3: {sorted(folder.iterdir())}"
        assert mark in course.markdown_sources(beside)
        assert mark in course.markdown_sources(folder / "01_enabling_autograd.ipynb"), \
            f"{name}'s untouched Lesson 1 was not replaced by the update"
        assert beside.owner() == name
