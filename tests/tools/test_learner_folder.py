"""tools/learner_folder.py: the learner's copy of the lessons is made once, updated, reset, never lost.

Each test builds a small course in a temp folder and plays the learner on its copy; every file
the learner wrote is checked byte for byte (sha256) after every step.
"""

import hashlib
import http.server
import importlib.util
import json
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("learner_folder", ROOT / "tools" / "learner_folder.py")
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def course(tmp_path):
    reference = tmp_path / "notebooks"
    (reference / "solutions").mkdir(parents=True)
    for name in ("01_first.ipynb", "03_backward.ipynb", "06_practice_exercises.ipynb",
                 "solutions/06_practice_exercises.ipynb"):
        (reference / name).write_text(json.dumps({"cells": [], "version": 1, "name": name}))
    return reference, tmp_path / "my-lessons"


def update(reference, name, version):
    (reference / name).write_text(json.dumps({"cells": [], "version": version, "name": name}))


def test_first_use_copies_every_lesson_and_the_solved_exercises_apart(course):
    reference, folder = course
    tool.sync(folder, reference)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.ipynb")) == tool.lessons(reference)
    assert (folder / "06_practice_exercises.ipynb").read_bytes() == (reference / "06_practice_exercises.ipynb").read_bytes()
    assert (folder / "solutions" / "06_practice_exercises.ipynb").exists()
    assert tool.sync(folder, reference) == []  # nothing new: nothing said, nothing written


def test_an_unchanged_lesson_takes_the_new_version_and_a_new_lesson_arrives(course):
    reference, folder = course
    tool.sync(folder, reference)
    update(reference, "01_first.ipynb", 2)
    update(reference, "09_new.ipynb", 1)
    lines = tool.sync(folder, reference)
    assert lines == ["  updated: 01_first.ipynb (you had not changed it)", "  new lesson: 09_new.ipynb"]
    assert json.loads((folder / "01_first.ipynb").read_text())["version"] == 2
    assert (folder / "09_new.ipynb").exists()


def test_a_changed_lesson_is_never_touched_and_its_update_goes_beside_it(course):
    reference, folder = course
    tool.sync(folder, reference)
    mine = folder / "03_backward.ipynb"
    mine.write_text('{"my": "answers"}')
    before = digest(mine)
    update(reference, "03_backward.ipynb", 2)
    lines = tool.sync(folder, reference, today="2026-12-02")
    beside = folder / "03_backward.course-update-2026-12-02.ipynb"
    assert digest(mine) == before
    assert beside.read_bytes() == (reference / "03_backward.ipynb").read_bytes()
    assert lines == ["  newer version of 03_backward.ipynb: your copy is kept as it is; the course's new version is "
                     "beside it, 03_backward.course-update-2026-12-02.ipynb (make reset LESSON=03 starts afresh from it)"]
    assert tool.sync(folder, reference, today="2026-12-03") == lines  # said again, nothing new written
    assert len(list(folder.glob("03_backward*"))) == 2
    update(reference, "03_backward.ipynb", 3)  # a second update: a second file, the first one kept
    tool.sync(folder, reference, today="2026-12-02")
    assert (folder / "03_backward.course-update-2026-12-02-2.ipynb").exists() and beside.exists()
    assert digest(mine) == before


def test_reset_keeps_the_old_attempt_under_a_dated_name(course):
    reference, folder = course
    tool.sync(folder, reference)
    mine = folder / "06_practice_exercises.ipynb"
    mine.write_text('{"answer": 32}')
    before = digest(mine)
    update(reference, "06_practice_exercises.ipynb", 2)
    tool.sync(folder, reference, today="2026-12-02")
    lines = tool.reset(folder, "06", reference, now="2026-12-02-101500")
    kept = folder / "06_practice_exercises.before-reset-2026-12-02-101500.ipynb"
    assert digest(kept) == before
    assert mine.read_bytes() == (reference / "06_practice_exercises.ipynb").read_bytes()
    assert lines[0] == f"  kept your old 06_practice_exercises.ipynb as {kept.name}"
    assert tool.sync(folder, reference) == []  # up to date again: no reminder
    assert (folder / "solutions" / "06_practice_exercises.ipynb").read_bytes() == \
        (reference / "solutions" / "06_practice_exercises.ipynb").read_bytes()  # "06" is the unsolved one only


def test_reset_of_an_unknown_lesson_says_how_to_call_it(course):
    reference, folder = course
    tool.sync(folder, reference)
    with pytest.raises(SystemExit, match=r"takes one lesson's number \(01, 03, 06\)"):
        tool.reset(folder, "7", reference)


def test_the_learners_own_files_are_never_read_moved_or_deleted(course):
    reference, folder = course
    tool.sync(folder, reference)
    own = {folder / "my_notes.ipynb": "notes", folder / "data.csv": "1,2", folder / "solutions" / "mine.py": "x"}
    for path, text in own.items():
        path.write_text(text)
    (folder / "01_first.ipynb").unlink()  # the learner deleted a lesson: it comes back
    (reference / "03_backward.ipynb").unlink()  # the course dropped one: the learner's copy stays
    lines = tool.sync(folder, reference)
    assert "  01_first.ipynb was missing: copied it again" in lines
    assert (folder / "03_backward.ipynb").exists()
    assert all(path.read_text() == text for path, text in own.items())


def test_a_lesson_file_the_manifest_does_not_know_is_treated_as_the_learners(course):
    reference, folder = course
    folder.mkdir()
    (folder / "03_backward.ipynb").write_text("work from before the folder had a manifest")
    tool.sync(folder, reference, today="2026-12-02")
    assert (folder / "03_backward.ipynb").read_text() == "work from before the folder had a manifest"
    assert (folder / "03_backward.course-update-2026-12-02.ipynb").exists()


@pytest.fixture
def status_server():
    class Status(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def runtime_file(runtime, name, url, root, pid=None):
    (runtime / f"jpserver-{name}.json").write_text(json.dumps(
        {"url": url, "root_dir": str(root), "token": "abc", "pid": pid or os.getpid()}))


@pytest.mark.waits
def test_a_running_server_on_this_folder_is_found(tmp_path, status_server):
    runtime, folder = tmp_path / "runtime", tmp_path / "my-lessons"
    runtime.mkdir(), folder.mkdir()
    assert tool.running_server(folder, runtime) is None
    runtime_file(runtime, "1", "http://127.0.0.1:9/", tmp_path / "elsewhere")  # another folder
    runtime_file(runtime, "2", status_server, folder, pid=2**22 + 12345)  # a server that has died
    assert tool.running_server(folder, runtime) is None
    runtime_file(runtime, "3", status_server, tmp_path)  # serving the project: the folder inside it
    assert tool.running_server(folder, runtime) == f"{status_server}lab/tree/my-lessons?token=abc"
    runtime_file(runtime, "4", status_server, folder)  # serving the folder itself: preferred
    assert tool.running_server(folder, runtime) == f"{status_server}lab/?token=abc"


def test_make_keeps_everything_but_lab_and_reset_away_from_the_learners_folder():
    makefile = (ROOT / "Makefile").read_text()
    recipes = {}
    for block in makefile.split("\n\n"):
        for line in block.splitlines():
            if line and not line.startswith(("\t", "#", " ")) and ":" in line and "=" not in line.split(":")[0]:
                recipes[line.split(":")[0]] = block
    for target in ("test", "execute", "exercises", "bench", "clean", "test-browser"):
        assert "LEARNER_DIR" not in recipes[target].replace("--ignore=$(LEARNER_DIR)", ""), target
    assert "--ignore=$(LEARNER_DIR)" in recipes["test"]
    assert "my-lessons/" in (ROOT / ".gitignore").read_text().splitlines()
    assert "my-lessons" in (ROOT / "pyproject.toml").read_text()


def test_a_re_run_of_the_course_notebooks_is_not_a_newer_version(course):
    reference, folder = course
    lesson = {"cells": [{"cell_type": "code", "execution_count": 1, "id": "a", "source": "print(1)",
                         "metadata": {"execution": {"iopub.status.idle": "2026-12-02T06:00:00Z"}},
                         "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}]}],
              "metadata": {"widgets": {"state": {"m1": {}}}}, "nbformat": 4, "nbformat_minor": 5}
    (reference / "03_backward.ipynb").write_text(json.dumps(lesson))
    tool.sync(folder, reference)
    (folder / "03_backward.ipynb").write_text(json.dumps(dict(lesson, cells=lesson["cells"] * 2)))  # the learner's work
    mine = digest(folder / "03_backward.ipynb")
    lesson["cells"][0]["metadata"]["execution"]["iopub.status.idle"] = "2026-12-03T07:00:00Z"  # make execute again
    lesson["metadata"]["widgets"] = {"state": {"m2": {}}}
    (reference / "03_backward.ipynb").write_text(json.dumps(lesson))
    assert tool.sync(folder, reference) == []
    assert digest(folder / "03_backward.ipynb") == mine and not list(folder.glob("03_backward.course-update*"))
    lesson["cells"][0]["source"] = "print(2)"  # a real change of the lesson still arrives beside the learner's copy
    (reference / "03_backward.ipynb").write_text(json.dumps(lesson))
    assert "newer version of 03_backward.ipynb" in " ".join(tool.sync(folder, reference))
    assert digest(folder / "03_backward.ipynb") == mine
