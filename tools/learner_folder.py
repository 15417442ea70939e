"""The learner's own copy of the lessons: made from notebooks/, updated without ever losing their work.

    python tools/learner_folder.py sync   [--folder my-lessons]   # make lab: copy new lessons, bring updates
    python tools/learner_folder.py reset 03 [--folder my-lessons] # start Lesson 3 afresh, keep the old attempt
    python tools/learner_folder.py running [--folder my-lessons]  # print the URL of a server already on it

The folder (git-ignored) holds a copy of every notebook in notebooks/ (Lesson 6 is the unsolved
one; its solved version sits in solutions/, as in notebooks/). A hidden manifest, .course.json,
records the sha256 of the course's version each lesson was copied from. On every sync:
  - a lesson that is new to the course is copied in;
  - a lesson the learner never changed (its bytes still hash to the recorded version) is replaced
    by the course's new version;
  - a lesson the learner changed is never touched: the new version goes beside it, as
    `03_backward.course-update-2026-12-02.ipynb`, and sync says so (every time, until reset);
  - any other file in the folder is the learner's and is never read, moved or deleted.
Nothing here deletes a file; reset first renames the old attempt with the date and time.
"""

import argparse
import datetime
import hashlib
import json
import os
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "notebooks"
MANIFEST = ".course.json"


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def content(path):
    """A hash of what a notebook says, blind to what every re-run changes by itself.

    Running a notebook again rewrites its timings, execution counts and widget ids: those
    are not a newer version of the lesson, so they never announce one (make execute on the
    course's own notebooks would otherwise do so every time).
    """
    try:
        notebook = json.loads(Path(path).read_text())
    except (ValueError, UnicodeDecodeError):
        return sha256(path)
    if not isinstance(notebook, dict):
        return sha256(path)
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
        cell.pop("execution_count", None)
        for output in cell.get("outputs", []):
            output.pop("execution_count", None)
            output.get("data", {}).get("application/vnd.jupyter.widget-view+json", {}).pop("model_id", None)
    return hashlib.sha256(json.dumps(notebook, sort_keys=True).encode()).hexdigest()


def lessons(reference=REFERENCE):
    """Relative paths of the course's notebooks: the lessons, then solutions/."""
    return sorted((p.relative_to(reference).as_posix() for p in reference.rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts), key=lambda name: ("/" in name, name))


def read_manifest(folder):
    path = folder / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {}


def write_manifest(folder, manifest):
    path = folder / MANIFEST
    path.with_suffix(".tmp").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    path.with_suffix(".tmp").replace(path)  # never a half-written manifest


def beside(path, label):
    """A free name next to path that says what it is: 03_backward.<label>.ipynb (then -2, -3 …)."""
    candidate, n = path.with_name(f"{path.stem}.{label}{path.suffix}"), 2
    while candidate.exists():
        candidate, n = path.with_name(f"{path.stem}.{label}-{n}{path.suffix}"), n + 1
    return candidate


def copy(source, target):
    """Write source's bytes to target, which must not exist (never overwrite a learner's file by accident)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:
        out.write(Path(source).read_bytes())


def replace_unchanged(source, target):
    """Replace target (known to be an untouched course copy) by source, atomically."""
    temporary = target.with_name(f".{target.name}.incoming")
    temporary.write_bytes(Path(source).read_bytes())
    temporary.replace(target)


def sync(folder, reference=REFERENCE, today=None):
    """Bring the learner's folder up to date with the course; return the lines to print."""
    today = today or datetime.date.today().isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    manifest, lines = read_manifest(folder), []
    for name in lessons(reference):
        source, target = reference / name, folder / name
        new, entry = sha256(source), manifest.get(name)
        if not target.exists():
            copy(source, target)
            manifest[name] = {"sha256": new, "content": content(source)}
            lines.append(f"  new lesson: {name}" if entry is None else f"  {name} was missing: copied it again")
        elif entry is None:  # a file of the learner's own, with a lesson's name: theirs
            if sha256(target) == new:
                manifest[name] = {"sha256": new, "content": content(source)}
            else:
                lines.append(_newer(folder, name, source, new, manifest, today, {"sha256": None}))
        elif entry["sha256"] == new or entry.get("content") == content(source):  # no newer version
            if entry.get("update"):
                lines.append(_reminder(name, entry))
        elif sha256(target) in (entry["sha256"], new):  # untouched since it was copied: take the new version
            replace_unchanged(source, target)
            manifest[name] = {"sha256": new, "content": content(source)}
            lines.append(f"  updated: {name} (you had not changed it)")
        else:
            lines.append(_newer(folder, name, source, new, manifest, today, entry))
    write_manifest(folder, manifest)
    return lines


def _newer(folder, name, source, new, manifest, today, entry):
    """The learner changed this lesson and the course has a newer one: put it beside theirs."""
    update = entry.get("update")
    if update and update["sha256"] == new and (folder / update["file"]).exists():
        return _reminder(name, entry)
    target = beside(folder / name, f"course-update-{today}")
    copy(source, target)
    manifest[name] = dict(entry, update={"sha256": new, "file": target.relative_to(folder).as_posix()})
    return _reminder(name, manifest[name])


def _reminder(name, entry):
    return (f"  newer version of {name}: your copy is kept as it is; the course's new version is beside it, "
            f"{entry['update']['file']} (make reset LESSON={name.split('_')[0]} starts afresh from it)")


def reset(folder, lesson, reference=REFERENCE, now=None):
    """Start one lesson afresh from the course's version; the old attempt is renamed, never deleted."""
    now = now or datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    matches = [name for name in lessons(reference) if name == lesson or name.startswith(f"{lesson}_")
               or name == f"{lesson}.ipynb"]
    if len(matches) != 1:
        choices = ", ".join(name.split("_")[0] for name in lessons(reference) if "/" not in name)
        raise SystemExit(f"make reset LESSON=… takes one lesson's number ({choices}) or its path, "
                         f"like solutions/06_practice_exercises.ipynb; {lesson!r} matches {len(matches)}")
    name = matches[0]
    source, target = reference / name, folder / name
    lines = []
    if target.exists():
        kept = beside(target, f"before-reset-{now}")
        target.rename(kept)
        lines.append(f"  kept your old {name} as {kept.relative_to(folder).as_posix()}")
    copy(source, target)
    manifest = read_manifest(folder)
    manifest[name] = {"sha256": sha256(source), "content": content(source)}
    write_manifest(folder, manifest)
    return lines + [f"  {name} is the course's version again"]


def running_server(folder, runtime_dir=None):
    """Return the URL of a live Jupyter server whose root is this folder (or holds it), else None."""
    if runtime_dir is None:
        from jupyter_core.paths import jupyter_runtime_dir

        runtime_dir = jupyter_runtime_dir()
    folder = Path(folder).resolve()
    found = []
    for info_file in sorted(Path(runtime_dir).glob("jpserver-*.json")):
        try:
            info = json.loads(info_file.read_text())
            os.kill(int(info["pid"]), 0)  # still running?
            root = Path(info["root_dir"]).expanduser().resolve()
        except (OSError, ValueError, KeyError):
            continue
        if root == folder or root in folder.parents:
            path = "" if root == folder else "tree/" + folder.relative_to(root).as_posix()
            url = f"{info['url'].rstrip('/')}/lab/{path}" + (f"?token={info['token']}" if info.get("token") else "")
            if _answers(info):
                found.append((root != folder, url))
    return min(found)[1] if found else None


def _answers(info):
    try:
        token = f"?token={info['token']}" if info.get("token") else ""
        urllib.request.urlopen(f"{info['url'].rstrip('/')}/api/status{token}", timeout=2)
        return True
    except OSError:
        return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["sync", "reset", "running"])
    parser.add_argument("lesson", nargs="?", help="for reset: the lesson's number (03) or path")
    parser.add_argument("--folder", default="my-lessons", help="the learner's folder (default: my-lessons)")
    args = parser.parse_args(argv)
    folder = Path(args.folder) if Path(args.folder).is_absolute() else ROOT / args.folder
    shown = os.path.relpath(folder, ROOT) if ROOT in folder.parents else str(folder)
    if args.command == "running":
        url = running_server(folder)
        if url:
            print(f"JupyterLab is already serving {shown}/ at\n  {url}\nOpen that page: no second server started.")
        return 0 if url else 1
    if args.command == "reset":
        if not args.lesson:
            parser.error("reset needs a lesson: make reset LESSON=03")
        lines = reset(folder, args.lesson)
    else:
        first = not (folder / MANIFEST).exists()
        lines = sync(folder)
        if first:
            lines = [f"  copied {len(lessons())} notebooks"]
    print(f"Your lessons: {shown}/ (your work is saved there; nothing in the project overwrites it)")
    if lines:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
