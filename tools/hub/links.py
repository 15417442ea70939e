"""The nbgitpuller links an instructor shares: one click pulls the course and opens a lesson in ~/my-lessons.

    python -m tools.hub.links --hub https://hub.example.org --repo https://github.com/OWNER/autograd-lessons 03
    python -m tools.hub.links --hub ... --repo ...          # one link per lesson

A link goes to the hub (which logs the learner in and starts their server, if it is not running), then to
nbgitpuller in their server, which pulls the course into ~/autograd-lessons (targetPath) and opens urlpath.
The start of the server has already brought ~/my-lessons up to date from that clone (tools/hub/learner_start.py),
so the lesson opened is the learner's own copy, never the clone's.
"""

import argparse
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLONE, FOLDER = "autograd-lessons", "my-lessons"  # as in learner_start.py


def lesson_link(hub, repo, lesson, branch="main"):
    """The link that pulls the course and opens one lesson (a notebook's name, as in notebooks/) in ~/my-lessons."""
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetPath": CLONE,
                                    "urlpath": f"lab/tree/{FOLDER}/{lesson}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def lesson_names(numbers=(), notebooks=ROOT / "notebooks"):
    """The lessons' notebook names, all of them or those whose number is given ("03", "6")."""
    names = sorted(p.name for p in notebooks.glob("*.ipynb"))
    if not numbers:
        return names
    wanted = {n.zfill(2) for n in numbers}
    found = [name for name in names if name[:2] in wanted]
    missing = wanted - {name[:2] for name in found}
    if missing:
        raise SystemExit(f"no lesson numbered {', '.join(sorted(missing))}: the lessons are {names}")
    return found


def main(argv=None):
    """Print one link per lesson asked for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", required=True, help="the course's git repository, as learners' servers reach it")
    parser.add_argument("--branch", default="main")
    parser.add_argument("lessons", nargs="*", help="lesson numbers (default: every lesson)")
    args = parser.parse_args(argv)
    for name in lesson_names(args.lessons):
        print(f"{name}\n  {lesson_link(args.hub, args.repo, name, args.branch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
