"""nbval must notice when a notebook stops printing what it stored.

We copy Lesson 3, change one stored number (8.0 becomes 9.0 in "dy/dx at x=3: 8.0"),
and run nbval on the copy exactly as `make test` does: it has to fail, on that cell.
The untouched copy, run the same way, has to pass, so the failure is the doctored number's.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "03_backward.ipynb"
STORED, DOCTORED = "dy/dx at x=3: 8.0", "dy/dx at x=3: 9.0"


def run_nbval(path):
    command = [
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q",
        "--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
        str(path),
    ]
    return subprocess.run(command, cwd=path.parent, capture_output=True, text=True, timeout=600)


def doctor(path):
    notebook = json.loads(path.read_text())
    changed = 0
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output.get("name") == "stdout":
                text = "".join(output["text"])
                if STORED in text:
                    output["text"] = text.replace(STORED, DOCTORED)
                    changed += 1
    path.write_text(json.dumps(notebook))
    return changed


def test_nbval_fails_a_notebook_whose_stored_number_was_changed(tmp_path):
    copy = tmp_path / LESSON.name
    shutil.copy(LESSON, copy)
    untouched = run_nbval(copy)
    assert untouched.returncode == 0, untouched.stdout[-2000:]

    assert doctor(copy) == 1
    doctored = run_nbval(copy)
    assert doctored.returncode == 1, doctored.stdout[-2000:]
    assert "1 failed" in doctored.stdout
    assert DOCTORED in doctored.stdout and STORED in doctored.stdout  # nbval shows both versions
