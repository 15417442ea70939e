"""nbval must notice when a notebook stops printing what it stored.

We take Lesson 3's setup cell (only its lines for torch: the kernel need not import sympy,
matplotlib and the course) and the cell that prints "dy/dx at x=3: 8.0", and add the same
cell once more: three cells, one kernel. In the first copy of that cell we
change the stored 8.0 to 9.0; the second copy stays untouched. nbval, run exactly as
`make test` runs it, has to fail the doctored copy, showing both numbers, and pass the
untouched one that ran in the same kernel right after it, so the failure is the
doctored number's and not the machine's.
"""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "03_backward.ipynb"
STORED, DOCTORED = "dy/dx at x=3: 8.0", "dy/dx at x=3: 9.0"
# the setup cell's lines the two cells need (its stored output, "torch 2.13.0", is the print's)
TORCH_LINES = ("import torch", "torch.manual_seed(", 'print("torch"')


def run_nbval(path):
    """Run nbval on path with make test's plugins (run from the project, so that ``tests`` imports): a warm kernel."""
    command = [
        sys.executable, "-m", "pytest", "-p", "tests.pytest_startup", "-p", "tests.warm_kernels",
        "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-rA",
        "--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
        "--rootdir", str(path.parent), str(path),
    ]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def prints(cell, text):
    return any(text in "".join(output.get("text", "")) for output in cell.get("outputs", []))


def doctored_notebook():
    """Lesson 3's setup cell (its torch lines), the cell that prints STORED with DOCTORED in its place, then that cell."""
    notebook = json.loads(LESSON.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    target = next(cell for cell in code if prints(cell, STORED))
    doctored = copy.deepcopy(target)
    for output in doctored["outputs"]:
        if output.get("name") == "stdout":
            output["text"] = "".join(output["text"]).replace(STORED, DOCTORED)
    setup = copy.deepcopy(code[0])
    setup["source"] = "\n".join(line for line in "".join(setup["source"]).splitlines() if line.startswith(TORCH_LINES))
    notebook["cells"] = [setup, doctored, target]
    for count, cell in enumerate(notebook["cells"], start=1):
        cell["execution_count"] = count
    return notebook


@pytest.mark.waits
def test_nbval_fails_a_notebook_whose_stored_number_was_changed(tmp_path):
    notebook = doctored_notebook()
    assert prints(notebook["cells"][1], DOCTORED) and prints(notebook["cells"][2], STORED)
    path = tmp_path / "lesson3_doctored.ipynb"
    path.write_text(json.dumps(notebook))

    run = run_nbval(path)
    assert run.returncode == 1, run.stdout[-2000:]
    results = [line.split(" - ")[0] for line in run.stdout.splitlines() if line.startswith(("PASSED", "FAILED"))]
    results = [f"{status} {node.rsplit('/', 1)[-1]}" for status, node in (line.split(" ", 1) for line in results)]
    assert results == ["PASSED lesson3_doctored.ipynb::Cell 0", "PASSED lesson3_doctored.ipynb::Cell 2",
                       "FAILED lesson3_doctored.ipynb::Cell 1"], run.stdout[-2000:]
    assert DOCTORED in run.stdout and STORED in run.stdout  # nbval shows both versions
