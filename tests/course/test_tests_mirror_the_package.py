"""The tests mirror the package, so a newcomer knows where a new test goes (the rule is in tests/conftest.py)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS, PACKAGE = ROOT / "tests", ROOT / "autograd_lessons"
LAYERS = ("compute", "drawing", "explorers", "exercises")


def subject(test_file, package=PACKAGE, tests=TESTS):
    """Return the package module or folder a test file tests (tests/<path>/test_<name>[_<aspect>].py), or None."""
    relative = test_file.relative_to(tests)
    folder = package.joinpath(*relative.parts[:-1])
    words = relative.stem.removeprefix("test_").split("_")
    for end in range(len(words), 0, -1):  # the longest name that exists: test_graph_drawing_readable -> graph_drawing
        name = "_".join(words[:end])
        for candidate in (folder / f"{name}.py", folder / f"_{name}.py", folder / name / "__init__.py"):
            if candidate.exists():
                return candidate
    return None


def package_tests():
    for layer in LAYERS:
        yield from sorted((TESTS / layer).rglob("test_*.py"))
    yield from sorted(TESTS.glob("test_*.py"))


def test_every_test_of_the_package_sits_where_its_module_sits():
    strays = [str(path.relative_to(TESTS)) for path in package_tests() if subject(path) is None]
    assert strays == [], "name each test after the module it tests, in the same folder (see tests/conftest.py)"


def test_the_rule_finds_a_stray(tmp_path):
    """The check itself: a test named after nothing in its folder is reported; a test with an aspect is not."""
    package, tests = tmp_path / "pkg", tmp_path / "tests"
    (package / "compute").mkdir(parents=True)
    (package / "compute" / "graph.py").write_text("")
    (tests / "compute").mkdir(parents=True)
    assert subject(tests / "compute" / "test_graph_readable.py", package, tests) == package / "compute" / "graph.py"
    assert subject(tests / "compute" / "test_drawing.py", package, tests) is None
    assert subject(tests / "explorers" / "test_graph.py", package, tests) is None  # right name, wrong folder
