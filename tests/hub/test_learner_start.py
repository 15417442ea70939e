"""tools/hub/learner_start.py without a hub: the pull, the sync, the PYTHONPATH, and a failure that starts anyway.

It sits in make test-hub because it needs nbgitpuller (the instructors' extra). The hub run checks the same
hook through real server starts (test_class_on_a_hub.py); these check each case on its own, in seconds.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from tools.hub import learner_start

from . import course

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "hub" / "learner_start.py"


def start(home, command=(), **environ):
    """Run the start hook as a server start would, with HOME and the given variables; return its output."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AUTOGRAD_LESSONS_")}
    env.update(HOME=str(home), **environ)
    done = subprocess.run([sys.executable, str(SCRIPT), *command], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_the_first_start_clones_the_course_and_makes_my_lessons(tmp_path):
    origin = course.make_origin(tmp_path)
    log = start(tmp_path / "home", AUTOGRAD_LESSONS_REPO=f"file://{origin}")
    clone, folder = tmp_path / "home" / "autograd-lessons", tmp_path / "home" / "my-lessons"
    assert (clone / ".git").is_dir() and (clone / "notebooks" / "03_backward.ipynb").exists()
    lessons = sorted(p.name for p in (clone / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in folder.glob("*.ipynb")) == lessons
    assert "copied" in log


def test_an_update_goes_beside_a_changed_lesson_and_replaces_an_untouched_one(tmp_path):
    origin, home = course.make_origin(tmp_path), tmp_path / "home"
    start(home, AUTOGRAD_LESSONS_REPO=f"file://{origin}")
    own = home / "my-lessons" / "03_backward.ipynb"
    own.write_text(own.read_text().replace("Lesson 3", "Lesson 3 (my notes)", 1))
    mine = own.read_bytes()
    mark = course.push_update(origin, tmp_path, ["03_backward.ipynb", "01_enabling_autograd.ipynb"], "test")
    log = start(home, AUTOGRAD_LESSONS_REPO=f"file://{origin}")
    assert own.read_bytes() == mine, "the learner's changed lesson was touched"
    beside = own.with_name(f"03_backward.course-update-{datetime.date.today().isoformat()}.ipynb")
    assert mark in course.markdown_sources(beside)
    assert mark in course.markdown_sources(home / "my-lessons" / "01_enabling_autograd.ipynb")
    assert "newer version of 03_backward.ipynb" in log


def test_the_server_is_started_with_the_clone_first_on_pythonpath(tmp_path):
    origin, home = course.make_origin(tmp_path), tmp_path / "home"
    show = [sys.executable, "-c", "import os; print('PYTHONPATH=' + os.environ['PYTHONPATH'])"]
    log = start(home, show, AUTOGRAD_LESSONS_REPO=f"file://{origin}", PYTHONPATH="/elsewhere")
    assert f"PYTHONPATH={home / 'autograd-lessons'}{os.pathsep}/elsewhere" in log


def test_a_failed_pull_still_starts_the_server_and_touches_nothing(tmp_path):
    home = tmp_path / "home"
    show = [sys.executable, "-c", "print('the server starts')"]
    log = start(home, show, AUTOGRAD_LESSONS_REPO=f"file://{tmp_path / 'no-such-repository.git'}")
    assert "pull failed" in log and "the server starts" in log
    assert not (home / "my-lessons").exists()


def test_without_a_repository_the_lessons_come_from_the_course_it_sits_in(tmp_path):
    """An image built by repo2docker (Binder): the course is in $REPO_DIR, where this file is."""
    assert learner_start.course_folder({}, tmp_path) == ROOT
    start(tmp_path / "home")
    assert (tmp_path / "home" / "my-lessons" / "03_backward.ipynb").read_bytes() == \
        (ROOT / "notebooks" / "03_backward.ipynb").read_bytes()
