"""A learner's server start on a hub: pull the course, bring ~/my-lessons up to date, then start the server.

    python tools/hub/learner_start.py jupyterhub-singleuser [its arguments]   # a hub's Spawner.cmd (TLJH, local)
    python tools/hub/learner_start.py                                        # binder/start, in an image

Before the learner's server runs, every time it starts:
1. If AUTOGRAD_LESSONS_REPO names the course's git repository, nbgitpuller pulls it into ~/autograd-lessons
   (branch AUTOGRAD_LESSONS_BRANCH, default main). That is the folder an nbgitpuller link with
   targetPath=autograd-lessons pulls into, with the same merge, so the start and the link share one clone.
   Without it, the course is the one this file sits in (in an image built from binder/, $REPO_DIR).
2. The course's own tools/learner_folder.py brings ~/my-lessons up to date, as ``make lab`` does: new lessons are
   copied in, a lesson the learner never changed is replaced, and a lesson they changed is left as it is, with the
   course's new version beside it (README, "Where your work lives"). Nothing in ~/my-lessons is ever deleted.
3. The course's folder goes first on PYTHONPATH, so a kernel imports the helper package of the same commit as the
   notebooks it runs.
Each step is bounded in time and none stops the server from starting: a failure is printed, and the learner's
lessons stay as they were until the next start.
"""

import os
import subprocess
import sys
from pathlib import Path

COURSE = Path(__file__).resolve().parents[2]  # the course this file belongs to
CLONE = "autograd-lessons"  # the clone in the learner's home, named as the links' targetPath
FOLDER = "my-lessons"  # the learner's own lessons, in their home
STEP_TIMEOUT = 180  # seconds for the pull, and again for the sync


def say(text):
    """Print a line to the server's log (the hub's log, for a local spawner)."""
    print(f"[autograd-lessons] {text}", file=sys.stderr, flush=True)


def run(step, command, timeout=STEP_TIMEOUT):
    """Run one step, print its output; return True when it succeeded in time."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        say(f"{step} did not run: {error}")
        return False
    for line in (done.stdout + done.stderr).splitlines():
        say(f"{step}: {line}")
    if done.returncode:
        say(f"{step} failed ({done.returncode}); your lessons are as they were")
    return done.returncode == 0


def course_folder(environ, home):
    """Where the course is: the pulled clone when a repository is named, else the course this file is in."""
    return home / CLONE if environ.get("AUTOGRAD_LESSONS_REPO") else COURSE


def prepare(environ, home, python=sys.executable):
    """Pull the course (if a repository is named) and sync ~/my-lessons from it; return the course's folder."""
    course = course_folder(environ, home)
    repo = environ.get("AUTOGRAD_LESSONS_REPO")
    if repo:
        branch = environ.get("AUTOGRAD_LESSONS_BRANCH", "main")
        pull = "from nbgitpuller.pull import main; main()"  # nbgitpuller's gitpuller command, with this python
        run("pull", [python, "-c", pull, repo, branch, str(course)])
    if (course / "tools" / "learner_folder.py").exists():
        run("sync", [python, str(course / "tools" / "learner_folder.py"), "sync", "--folder", str(home / FOLDER)])
    else:
        say(f"no course at {course}: ~/{FOLDER} is as it was")
    return course


def main(argv=None):
    """Prepare the learner's lessons, then replace this process by the command given (the server), if any."""
    argv = sys.argv[1:] if argv is None else argv
    home = Path(os.environ.get("HOME") or Path.home())
    try:
        course = prepare(os.environ, home)
    except Exception as error:  # noqa: BLE001 (nothing here may keep a learner from their server)
        say(f"could not prepare the lessons: {error!r}")
        course = course_folder(os.environ, home)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(course), os.environ.get("PYTHONPATH")]))
    if argv:
        os.execvp(argv[0], argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
