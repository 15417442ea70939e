"""One door, one spine: how a notebook reaches the course's code, and how that code is named.

A notebook imports course code only through the package's front doors (``autograd_lessons``,
``autograd_lessons.explorers``, ``autograd_lessons.exercises``) and its own questions from the
one exercise module named after it. Inside the package, what belongs to one lesson is named
after that lesson's notebook in every layer (``07_build_your_own_autograd.ipynb`` ->
``compute/build_your_own_autograd``, ``explorers/build_your_own_autograd``,
``exercises/build_your_own_autograd``); what several lessons share is named for what it does.
"""

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "autograd_lessons"
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
DOORS = {"autograd_lessons", "autograd_lessons.explorers", "autograd_lessons.exercises"}
STEMS = {re.sub(r"^\d+_", "", p.stem) for p in NOTEBOOKS}
# modules that several lessons use, named for what they do rather than after a lesson
SHARED = {
    "compute": {"bounded", "calculus", "exact_size", "expressions", "graph", "graph_modules", "layout", "numbers",
                "stepper"},
    "drawing": {"box_text", "graph_arrows", "graph_drawing", "graph_page", "live_figure", "stamped_figure",
                "stepped_graph"},
    "explorers": {"common"},
    "exercises": {"answers", "checking", "feedback", "gradients", "question"},
}


def stem_of(notebook_name):
    """Return the lesson's stem: the notebook's name without its number ("07_build_your_own_autograd" -> ...)."""
    return re.sub(r"^\d+_", "", Path(notebook_name).stem)


def code_of(cell_source):
    """Return a code cell's Python, IPython's magics and shell lines left out."""
    return "\n".join(line for line in cell_source.splitlines() if not line.lstrip().startswith(("%", "!")))


def deep_imports(source, notebook_name):
    """Return one sentence for every import in source that reaches past the front doors."""
    own = f"autograd_lessons.exercises.{stem_of(notebook_name)}"
    found = []
    for node in ast.walk(ast.parse(source)):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        for name in names:
            if name.split(".")[0] == "autograd_lessons" and name not in DOORS | {own}:
                found.append(f"{notebook_name}:{node.lineno} imports {name}: import it from "
                             f"{' or '.join(sorted(DOORS))} (or its questions from {own})")
    return found


def notebook_imports(path):
    cells = json.loads(path.read_text())["cells"]
    return [(i, code_of("".join(c["source"]))) for i, c in enumerate(cells) if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_imports_course_code_through_the_front_doors(path):
    found = [f"cell {i}: {sentence}"
             for i, source in notebook_imports(path) for sentence in deep_imports(source, path.name)]
    assert found == []


@pytest.mark.parametrize("source, notebook", [
    ("from autograd_lessons.compute.graph import build_graph", "02_computational_graph.ipynb"),
    ("from autograd_lessons.explorers.backward import tangent_explorer", "03_backward.ipynb"),
    ("import autograd_lessons.drawing.graph_drawing as drawing", "03_backward.ipynb"),
    ("def f():\n    from autograd_lessons.compute.numbers import fmt", "05_backprop_in_action.ipynb"),
    ("from autograd_lessons.exercises.inside_pytorch_backward import q1", "07_build_your_own_autograd.ipynb"),
    ("from autograd_lessons.exercises.checking import correct", "07_build_your_own_autograd.ipynb"),
])
def test_a_deep_import_is_caught(source, notebook):
    """The check itself: each of these reaches past the doors (or into another lesson's questions)."""
    assert len(deep_imports(source, notebook)) == 1


def test_the_doors_and_a_lessons_own_questions_pass():
    source = ("import autograd_lessons\nfrom autograd_lessons import draw_graph\n"
              "from autograd_lessons.explorers import tangent_explorer\nfrom autograd_lessons.exercises import q1\n"
              "from autograd_lessons.exercises.build_your_own_autograd import q1, q2, q3\nimport torch")
    assert deep_imports(source, "07_build_your_own_autograd.ipynb") == []


def lesson_modules(layer):
    """Return the names of a layer's modules and packages, minus __init__ and private helpers."""
    folder = PACKAGE / layer
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__"}
    return sorted(modules | {p.name for p in folder.iterdir() if (p / "__init__.py").exists()})


@pytest.mark.parametrize("layer", sorted(SHARED))
def test_each_layer_names_a_lessons_code_after_the_lesson(layer):
    strays = [name for name in lesson_modules(layer) if name not in STEMS | SHARED[layer] and not name.startswith("_")]
    assert strays == [], f"{layer}/: name these after their lesson's notebook, or add them to SHARED"


def test_every_explorer_lives_in_the_module_of_its_lesson():
    source = (PACKAGE / "explorers" / "__init__.py").read_text()
    table = next(node.value for node in ast.parse(source).body
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_EXPORTS")
    modules = [value.value.split(".")[0] for value in table.values]
    assert modules and all(module in STEMS for module in modules), modules
