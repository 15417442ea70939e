"""The stored notebooks: saved after a clean run, free of unstable text, and true to the seed.

nbval (make test) re-runs every notebook and compares outputs; these tests check what nbval
cannot: that the outputs it compares against are clean, complete and say what the seed said.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = {
    1: "01_enabling_autograd.ipynb",
    2: "02_computational_graph.ipynb",
    3: "03_backward.ipynb",
    4: "04_accessing_and_resetting_gradients.ipynb",
    5: "05_backprop_in_action.ipynb",
    6: "06_practice_exercises.ipynb",
}
# Every line the seed notebook printed, by the lesson that must print it again.
SEED_LINES = {
    1: ["requires_grad for a: False", "requires_grad for b: True"],
    2: ["tensor(16., grad_fn=<AddBackward0>)"],
    3: ["y: 16.0", "dy/dx at x=3: 8.0"],
    4: [
        "Gradient after first backward: 4.0",
        "Gradient after second backward (accumulated): 7.0",
        "Gradient after reset: 0.0",
        "Gradient after second backward (fresh): 3.0",
    ],
    5: ["z: 15.0", "dz/dx at (x=2,y=3): 3.0", "dz/dy at (x=2,y=3): 8.0"],
}
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
ABSOLUTE_PATH = re.compile(r"(?<![\w.>])(/(tmp|home|root|work|usr|opt|var|private|Users)/|[A-Z]:\\\\)")
ALL = sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def load(path):
    return json.loads(path.read_text())


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def output_text(output):
    parts = [output.get("text", ""), output.get("evalue", "")] + output.get("traceback", [])
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/"):
            parts.append(value)
    return "".join("".join(p) if isinstance(p, list) else p for p in parts)


def stored_lines(path):
    return [line for cell in code_cells(load(path)) for out in cell["outputs"] for line in output_text(out).splitlines()]


def expects_error(cell):
    return "raises-exception" in cell["metadata"].get("tags", []) or "NBVAL_RAISES_EXCEPTION" in "".join(cell["source"])


def test_the_six_lessons_are_there_in_order():
    for number, name in LESSONS.items():
        assert (NOTEBOOKS / name).exists(), name
    top_level = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert top_level[: len(LESSONS)] == list(LESSONS.values())


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_saved_after_a_clean_top_to_bottom_run(path):
    cells = [cell for cell in code_cells(load(path)) if "".join(cell["source"]).strip()]
    counts = [cell["execution_count"] for cell in cells]
    assert counts == list(range(1, len(cells) + 1)), "re-run with `make execute`"


@pytest.mark.parametrize("number", [n for n in LESSONS if n < 6])
def test_lessons_store_their_outputs(number):
    cells = code_cells(load(NOTEBOOKS / LESSONS[number]))
    assert sum(bool(cell["outputs"]) for cell in cells) >= len(cells) // 2, "outputs are not stored"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_errors_only_where_a_cell_expects_one(path):
    for index, cell in enumerate(code_cells(load(path))):
        errors = [out for out in cell["outputs"] if out["output_type"] == "error"]
        if expects_error(cell):
            assert errors, f"code cell {index} is tagged raises-exception but stores no error"
        else:
            assert not errors, f"code cell {index} stores an unexpected {errors[0]['ename']}"
        stderr = [out for out in cell["outputs"] if out.get("name") == "stderr"]
        assert not stderr, f"code cell {index} writes to stderr (a warning?): {output_text(stderr[0])[:200]}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_memory_addresses_or_absolute_paths(path):
    for index, cell in enumerate(code_cells(load(path))):
        for out in cell["outputs"]:
            text = output_text(out)
            assert not ADDRESS.search(text), f"code cell {index} stores a memory address"
            assert not ABSOLUTE_PATH.search(text), f"code cell {index} stores an absolute path"


@pytest.mark.parametrize("number", SEED_LINES)
def test_seed_lines_are_printed_verbatim(number):
    lines = stored_lines(NOTEBOOKS / LESSONS[number])
    for expected in SEED_LINES[number]:
        assert expected in lines, f"lesson {number} does not print {expected!r}"


@pytest.mark.parametrize("number", [n for n in LESSONS if n < 6])
def test_sections_are_numbered_and_the_end_links_to_the_exercises(number):
    """What Lessons 1-5 share beyond the template every lesson keeps (opening, setup, recap: test_lesson_template.py)."""
    cells = load(NOTEBOOKS / LESSONS[number])["cells"]
    headings = [line for cell in cells if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("## ")]
    assert all(re.match(rf"## {number}\.\d+ ", h) for h in headings[:-1]), headings
    assert "](06_practice_exercises.ipynb)" in "".join("".join(c["source"]) for c in cells[-2:])


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_runs_on_the_standard_python_kernel(path):
    assert load(path)["metadata"]["kernelspec"]["name"] == "python3"
