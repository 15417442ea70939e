"""The package's folders are its layers, and imports flow one way: read every module's imports and check.

    compute/    torch only          may use: compute
    drawing/    matplotlib          may use: compute, drawing
    explorers/  ipywidgets          may use: compute, drawing, explorers
    exercises/  checkers            may use: compute, exercises

Each layer also has a list of outside packages it may import (anything else but the
standard library is refused). Imports are read from the syntax tree, including those
inside functions, and so are the lazy ``_EXPORTS`` tables of the packages' __init__
files, which import a module by name the first time one of its names is used.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "autograd_lessons"
ROOT_NAME = PACKAGE.name

# layer -> (layers of the package it may import, outside packages it may import)
LAYERS = {
    "compute": ({"compute"}, {"torch", "sympy", "igraph"}),
    "drawing": ({"compute", "drawing"}, {"torch", "matplotlib", "PIL", "numpy"}),
    "explorers": ({"compute", "drawing", "explorers"}, {"torch", "matplotlib", "ipywidgets", "numpy"}),
    "exercises": ({"compute", "exercises"}, {"torch"}),
    # the package root: __init__ (it exports names of compute/ and drawing/), the lazy-export helper,
    # and two modules that keep the import paths of Lessons 1 and 2 working
    "": ({"", "compute", "drawing"}, set()),
}
STANDARD_LIBRARY = set(sys.stdlib_module_names)


def layer_of(relative_path):
    """The layer a module belongs to: its first folder inside the package ('' for the root)."""
    parts = Path(relative_path).parts
    return parts[0] if len(parts) > 1 else ""


def imported_names(source, relative_path):
    """Yield (line, dotted name) for every import in source, relative imports resolved from the package root."""
    module_parts = [ROOT_NAME, *Path(relative_path).with_suffix("").parts]
    is_package = module_parts[-1] == "__init__"
    package_parts = module_parts[:-1]
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module
            if node.level and not node.module:  # from . import x: x may be a module
                for alias in node.names:
                    yield node.lineno, f"{stem}.{alias.name}"
            else:
                yield node.lineno, stem
    if is_package:  # lazy exports: {"name": "submodule"} is an import of that submodule
        for node in tree.body:
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_EXPORTS" for t in node.targets)
                    and isinstance(node.value, ast.Dict)):
                for value in node.value.values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        yield value.lineno, ".".join(package_parts + [value.value])


def violations(source, relative_path):
    """Return one sentence for every import in source that runs against the layers."""
    layer = layer_of(relative_path)
    internal, outside = LAYERS[layer]
    found = []
    for line, name in imported_names(source, relative_path):
        top, *rest = name.split(".")
        if name == f"{ROOT_NAME}._lazy":  # the lazy-export helper every package's __init__ shares
            continue
        if top == ROOT_NAME:
            target = rest[0] if rest and rest[0] in LAYERS else ""  # autograd_lessons._lazy belongs to the root
            if target not in internal:
                found.append(f"{relative_path}:{line} imports {name}: {layer or 'the root'} may not use {target}/")
        elif top not in STANDARD_LIBRARY and top not in outside:
            found.append(f"{relative_path}:{line} imports {top}: {layer or 'the root'} may use only "
                         f"{sorted(outside) or 'the standard library'} besides the standard library")
    return found


MODULES = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_known_layer():
    assert {layer_of(m) for m in MODULES} <= set(LAYERS)
    assert len([m for m in MODULES if layer_of(m) == "" and m != "__init__.py"]) <= 3, "the root stays small"


@pytest.mark.parametrize("module", MODULES)
def test_imports_flow_one_way(module):
    assert violations((PACKAGE / module).read_text(), module) == []


@pytest.mark.parametrize("module, source, says", [
    ("compute/graph.py", "import matplotlib.pyplot as plt", "compute may use only"),
    ("compute/graph.py", "def f():\n    from ..drawing.plots import plot_tangent", "compute may not use drawing/"),
    ("compute/graph.py", "from autograd_lessons.explorers import tangent_explorer", "may not use explorers/"),
    ("drawing/plots.py", "import ipywidgets", "drawing may use only"),
    ("drawing/plots.py", "from ..explorers.common import show", "drawing may not use explorers/"),
    ("exercises/checking.py", "from ..drawing.graph_drawing import draw_graph", "exercises may not use drawing/"),
    ("exercises/practice/q1_one_variable.py", "from ...explorers import tangent_explorer", "may not use explorers/"),
    ("exercises/checking.py", "import matplotlib", "exercises may use only"),
    ("__init__.py", '_EXPORTS = {"tangent_explorer": "explorers.tangent"}', "the root may not use explorers/"),
])
def test_a_wrong_import_is_caught(module, source, says):
    """The check itself: each of these imports runs against the layers and must be reported."""
    found = violations(source, module)
    assert len(found) == 1 and says in found[0], found


def test_allowed_imports_pass():
    assert violations("import math\nimport torch\nfrom ..compute.graph import build_graph", "drawing/plots.py") == []
    assert violations('_EXPORTS = {"q1": "practice.q1_one_variable"}', "exercises/__init__.py") == []
