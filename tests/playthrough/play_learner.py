"""make test-learner: play a learner in a scratch clone, and check that nothing loses their work.

    .venv/bin/python tests/playthrough/play_learner.py [--keep]

In a scratch folder: an "upstream" clone of this project's HEAD, and the learner's clone of it.
The learner runs `make lab` (their folder my-lessons/ is made), runs `make lab` again (the first
server is reused), fills answers in Lesson 6 (two right, one that raises), adds cells, re-runs
Lesson 3 with its explorer, and saves. Then they run every make target and `git pull` a course
update that changes Lesson 3 (which they changed) and Lesson 1 (which they did not).
At the end every file of theirs must be byte-for-byte what they saved (sha256), Lesson 3's update
must sit beside their copy, Lesson 1 must be the new version, and `make test` must pass.

The clone reuses this project's .venv through a symlink (installing torch again would take minutes);
`make test-browser` runs only its file-browser and nothing-saved tests (BROWSER_TESTS), the slow
per-lesson runs are left to make test-browser itself. Everything else runs in full.
"""

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = "make_lab_opens or nothing_was_saved"
UPDATE = "\n\n(A sentence the course added in an update.)"


def say(text):
    print(f"\n== {text}", flush=True)


def run(command, cwd, env, check=True, timeout=1800):
    """Run a shell command in the learner's clone, show its last lines, return the completed process."""
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, env=env, shell=True, text=True, capture_output=True, timeout=timeout)
    tail = (done.stdout + done.stderr).strip().splitlines()[-6:]
    print(f"$ {command}   (exit {done.returncode}, {time.monotonic() - started:.0f} s)")
    print("\n".join("    " + line for line in tail))
    if check and done.returncode:
        raise SystemExit(f"FAILED: {command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MakeLab:
    """`make lab` in the background, as a learner leaves it running; stop() ends it (and only it)."""

    def __init__(self, clone, env):
        self.port, self.log = free_port(), clone.parent / f"lab-{time.monotonic_ns()}.log"
        args = f"--no-browser --ip=127.0.0.1 --port={self.port} --ServerApp.token=t --ServerApp.port_retries=0"
        self.process = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=clone,
                                        env=env, stdout=open(self.log, "w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"make lab exited:\n{self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/status?token=t", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"make lab did not start:\n{self.log.read_text()[-2000:]}")

    def printed(self):
        """What make lab printed before JupyterLab's own log."""
        return "\n".join(line for line in self.log.read_text().splitlines() if not line.startswith("["))

    def stop(self):
        os.killpg(self.process.pid, 15)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)


def execute(path, env):
    """Run a notebook top to bottom in a kernel, as "Run All" does, errors and all; save it."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, allow_errors=True, resources={"metadata": {"path": str(path.parent)}},
                   kernel_name="python3").execute(env=env)
    nbformat.write(notebook, path)


def learner_works(lessons, env):
    """Fill Lesson 6 (q1, q2 right from the solved notebook, q3 raising), add cells, re-run Lesson 3."""
    exercises = lessons / "06_practice_exercises.ipynb"
    notebook = nbformat.read(exercises, as_version=4)
    solved = {c.id: c for c in nbformat.read(lessons / "solutions" / "06_practice_exercises.ipynb", 4).cells}
    checks = [c for c in notebook.cells if c.cell_type == "code" and ".check(" in c.source]
    for cell in checks[:2]:
        cell.source = solved[cell.id].source
    checks[2].source = "answer = 1 / 0  # my mistake\n" + checks[2].source
    notebook.cells.append(nbformat.v4.new_markdown_cell("## My notes\nThe gradient is a slope."))
    notebook.cells.append(nbformat.v4.new_code_cell("mine = torch.tensor(5.0, requires_grad=True)\n(mine**2).backward()\n"
                                                    "mine.grad"))
    nbformat.write(notebook, exercises)
    execute(exercises, env)
    executed = nbformat.read(exercises, 4)
    outputs = [json.dumps(c.outputs) for c in executed.cells if c.cell_type == "code"]
    assert any("ZeroDivisionError" in o for o in outputs), "the raising answer shows its error"
    assert any("tensor(10.)" in o for o in outputs), "the learner's own cell ran"
    execute(lessons / "03_backward.ipynb", env)  # the tangent explorer runs again: new widget state saved
    (lessons / "my_own_notebook.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    (lessons / "notes.txt").write_text("things to ask\n")


def fingerprint(folder):
    """sha256 of every file in the learner's folder but the tool's own record of it (.course.json)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".ipynb_checkpoints" not in p.parts
            and p.name != ".course.json"}


def course_update(upstream, env):
    """Upstream adds a sentence to Lesson 3 (the learner changed it) and to Lesson 1 (they did not)."""
    for name in ("03_backward.ipynb", "01_enabling_autograd.ipynb"):
        path = upstream / "notebooks" / name
        notebook = json.loads(path.read_text())
        cell = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
        cell["source"] = "".join(cell["source"]) + UPDATE
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    run("git -c user.name=course -c user.email=course@example.org commit -qam 'a course update'", upstream, env)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="learner-playthrough-"))
    upstream, clone, lessons = scratch / "upstream", scratch / "learner", scratch / "learner" / "my-lessons"
    env = dict(os.environ, PYTHONPATH=str(scratch / "learner"), JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
               JUPYTER_CONFIG_DIR=str(scratch / "config"), JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.pop("LEARNER_DIR", None)
    try:
        say("a scratch clone of the course, as a learner gets it")
        run(f"git clone -q {ROOT} {upstream} && git clone -q {upstream} {clone}", scratch, env)
        (clone / ".venv").symlink_to(ROOT / ".venv")  # the installed course; make clean removes only this link
        for installed_from in ("pyproject.toml", "constraints.txt"):  # the symlinked .venv is up to date for make
            os.utime(clone / installed_from, (0, 0))

        say("make lab, the first time: the learner's folder is made; a second make lab reuses the server")
        lab = MakeLab(clone, env)
        print(lab.printed())
        second = run("timeout 60 make --no-print-directory lab", clone, env)
        assert "already serving my-lessons/" in second.stdout and f":{lab.port}/lab/" in second.stdout, second.stdout
        servers = list((scratch / "runtime").glob("jpserver-*.json"))
        assert len(servers) == 1, f"{len(servers)} servers"

        say("the learner works: answers in Lesson 6 (one raises), cells of their own, Lesson 3's explorer again")
        learner_works(lessons, env)
        lab.stop()
        theirs = fingerprint(lessons)
        changed = [name for name in theirs if not (clone / "notebooks" / name).exists()
                   or (clone / "notebooks" / name).read_bytes() != (lessons / name).read_bytes()]
        print("files the learner changed or made:", ", ".join(changed))
        assert {"03_backward.ipynb", "06_practice_exercises.ipynb", "notes.txt"} <= set(changed), changed

        say("every make target, and a git pull of a course update to a lesson they changed")
        run("make --no-print-directory exercises", clone, env)
        run("make --no-print-directory bench", clone, env)
        run(f"make --no-print-directory test-browser BROWSER_TESTS='{BROWSER_TESTS}'", clone, env)
        course_update(upstream, env)
        run("git pull -q --no-rebase", clone, env)
        lab = MakeLab(clone, env)
        printed = lab.printed()
        lab.stop()
        print("make lab printed:\n" + printed)
        run("make --no-print-directory reset", clone, env, check=False)  # without LESSON: a sentence, no change
        run("make --no-print-directory execute", clone, env)
        tested = run("make --no-print-directory test", clone, env, check=False)
        run("make --no-print-directory clean", clone, env)

        say("the learner's files, byte for byte (sha256)")
        after = fingerprint(lessons)
        lost = [name for name in changed if after.get(name) != theirs[name]]
        for name, digest in theirs.items():
            if name in changed:
                state = "unchanged" if after.get(name) == digest else "CHANGED"
            else:  # a lesson the learner never touched may take the course's new version
                state = "kept" if after.get(name) == digest else "updated (the learner never changed it)"
            print(f"  {digest[:16]}  {after.get(name, '(missing)')[:16]}  {state:9}  {name}")
        arrived = [name for name in after if name.startswith("03_backward.course-update-")]
        new_03 = subprocess.run(["git", "show", "HEAD:notebooks/03_backward.ipynb"], cwd=clone, capture_output=True).stdout
        new_01 = subprocess.run(["git", "show", "HEAD:notebooks/01_enabling_autograd.ipynb"], cwd=clone,
                                capture_output=True).stdout
        problems = []
        if lost:
            problems.append(f"the learner's files changed: {lost}")
        if len(arrived) != 1 or (lessons / arrived[0]).read_bytes() != new_03:
            problems.append(f"Lesson 3's update did not arrive beside the learner's copy: {arrived}")
        if (lessons / "01_enabling_autograd.ipynb").read_bytes() != new_01:
            problems.append("Lesson 1 (never changed by the learner) did not take the course's update")
        if "newer version of 03_backward.ipynb" not in printed or "updated: 01_enabling_autograd.ipynb" not in printed:
            problems.append("make lab did not say which lessons were updated")
        if tested.returncode:
            problems.append(f"make test failed after the learner's activity:\n{tested.stdout[-3000:]}")
        print(f"  {len(changed) - len(lost)} of {len(changed)} files the learner changed or made are byte for byte as "
              f"they left them; update beside: {arrived}; make test exit {tested.returncode}")
        if problems:
            raise SystemExit("FAILED:\n" + "\n".join(problems))
        print("\nOK: the learner lost nothing, the update arrived beside their work, make test passes")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"scratch folder kept: {scratch}")


if __name__ == "__main__":
    sys.exit(main())
