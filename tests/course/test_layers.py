"""The package's folders are its layers, and imports flow one way: read every module's imports and check.

    compute/    torch only          may use: compute
    drawing/    matplotlib          may use: compute, drawing
    explorers/  ipywidgets          may use: compute, drawing, explorers
    exercises/  checkers            may use: compute, exercises

Each layer also has a list of outside packages it may import (anything else but the
standard library is refused). Imports are read from the syntax tree, including those
inside functions, and so are the lazy ``_EXPORTS`` tables of the packages' __init__
files, which import a module by name the first time one of its names is used.
No two modules may import each other, directly or round a longer circle.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "autograd_lessons"
ROOT_NAME = PACKAGE.name

# layer -> (layers of the package it may import, outside packages it may import)
LAYERS = {
    "compute": ({"compute"}, {"torch", "sympy", "igraph"}),
    "drawing": ({"compute", "drawing"}, {"torch", "matplotlib", "PIL", "numpy"}),
    "explorers": ({"compute", "drawing", "explorers"}, {"torch", "matplotlib", "ipywidgets", "numpy"}),
    "exercises": ({"compute", "exercises"}, {"torch"}),
    # the package root: __init__ (it exports names of compute/ and drawing/) and the lazy loader
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
    assert [m for m in MODULES if layer_of(m) == ""] == ["__init__.py", "_lazy.py"], "the root keeps the door only"


@pytest.mark.parametrize("module", MODULES)
def test_imports_flow_one_way(module):
    assert violations((PACKAGE / module).read_text(), module) == []


@pytest.mark.parametrize("module, source, says", [
    ("compute/graph.py", "import matplotlib.pyplot as plt", "compute may use only"),
    ("compute/graph.py", "def f():\n    from ..drawing.backward import plot_tangent", "compute may not use drawing/"),
    ("compute/graph.py", "from autograd_lessons.explorers import tangent_explorer", "may not use explorers/"),
    ("drawing/backward.py", "import ipywidgets", "drawing may use only"),
    ("drawing/backward.py", "from ..explorers.common import show", "drawing may not use explorers/"),
    ("exercises/checking.py", "from ..drawing.graph_drawing import draw_graph", "exercises may not use drawing/"),
    ("exercises/practice_exercises/q1_one_variable.py", "from ...explorers import tangent_explorer",
     "may not use explorers/"),
    ("exercises/checking.py", "import matplotlib", "exercises may use only"),
    ("__init__.py", '_EXPORTS = {"tangent_explorer": "explorers.tangent"}', "the root may not use explorers/"),
])
def test_a_wrong_import_is_caught(module, source, says):
    """The check itself: each of these imports runs against the layers and must be reported."""
    found = violations(source, module)
    assert len(found) == 1 and says in found[0], found


def test_allowed_imports_pass():
    assert violations("import math\nimport torch\nfrom ..compute.graph import build_graph", "drawing/backward.py") == []
    assert violations('_EXPORTS = {"q1": "practice_exercises.q1_one_variable"}', "exercises/__init__.py") == []


def module_file(name, modules):
    """Return the package module (a relative path) that the dotted name imports, or None if it is outside."""
    parts = name.split(".")
    if parts[0] != ROOT_NAME:
        return None
    for end in range(len(parts), 1, -1):  # `from .graph import Node` names a module; `Node` is inside it
        stem = "/".join(parts[1:end])
        for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
            if candidate in modules:
                return candidate
    return "__init__.py"


def import_graph(sources):
    """Return {module: the package modules it imports} for {relative path: source}."""
    return {path: {target for _, name in imported_names(source, path)
                   if (target := module_file(name, sources)) not in (None, path)}
            for path, source in sources.items()}


def circles(graph):
    """Return every set of modules that import each other round a circle (Tarjan's strongly connected parts)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = set()
            while True:
                other = stack.pop()
                on_stack.discard(other)
                part.add(other)
                if other == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_import_each_other():
    sources = {module: (PACKAGE / module).read_text() for module in MODULES}
    assert circles(import_graph(sources)) == []


def test_a_circle_is_caught_even_through_an_import_inside_a_function():
    """The check itself: compute/graph.py once imported graph_modules inside build_graph, which imported graph."""
    sources = {"__init__.py": "", "compute/__init__.py": "",
               "compute/graph.py": "def build_graph():\n    from .graph_modules import collapse_linears",
               "compute/graph_modules.py": "from .graph import Node",
               "compute/layout.py": "from .graph import Graph"}
    assert circles(import_graph(sources)) == [["compute/graph.py", "compute/graph_modules.py"]]
    longer = {**sources, "compute/graph_modules.py": "from .layout import x",
              "compute/layout.py": "from . import graph"}
    assert circles(import_graph(longer)) == [["compute/graph.py", "compute/graph_modules.py", "compute/layout.py"]]
