"""The course's git origin for make test-hub: a bare repository in the run's folder, and an update pushed to it.

The origin holds the project's committed HEAD as ``main`` (so a run tests what is committed, as CI does). Learners'
servers pull it over file://; git calls a repository owned by another user "of dubious ownership", so each
learner's ~/.gitconfig names the origin a safe directory, as a hub's git server would need no such thing.
"""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.name=Course author", "-c", "user.email=author@course.invalid",
       "-c", "init.defaultBranch=main"]
MARK = "Course update {tag}: a clearer explanation of this lesson."


def git(*args, cwd=None):
    """Run git (bounded in time); return its output."""
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=120).stdout


def make_origin(folder):
    """A bare repository holding the project's HEAD as main; return its path."""
    origin = Path(folder) / "autograd-lessons.git"
    git("init", "--bare", "-q", str(origin))
    git("push", "-q", str(origin), "HEAD:refs/heads/main", cwd=ROOT)
    return origin


def trust_origin(home, owner, origin):
    """Let a learner's git read the root-owned origin (safe.directory in their global config)."""
    config = Path(home) / ".gitconfig"
    config.write_text(f"[safe]\n\tdirectory = {origin}\n")
    shutil.chown(config, owner, owner)


def push_update(origin, workdir, lessons, tag):
    """The author's update: a new first markdown cell in each lesson named, committed and pushed to main."""
    work = Path(workdir) / "author"
    git("clone", "-q", str(origin), str(work))
    mark = MARK.format(tag=tag)
    for lesson in lessons:
        path = work / "notebooks" / lesson
        notebook = json.loads(path.read_text())
        notebook["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": [mark]})
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    git("commit", "-q", "-am", f"Course update {tag}", cwd=work)
    git("push", "-q", "origin", "main", cwd=work)
    return mark


def markdown_sources(path):
    """Every markdown cell's text in a notebook."""
    cells = json.loads(Path(path).read_text())["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
