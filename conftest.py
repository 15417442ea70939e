"""How `make test` shares the work between its two processes (pytest-xdist).

A notebook's cells must run in order, in one kernel, so each notebook goes to one
worker whole; every other test is handed out on its own, so that one slow test
module does not keep a worker busy while the other waits. (xdist's own
``--dist loadgroup`` does this with marks, but it stopped grouping under pytest 9.2:
pytest-dev/pytest-xdist#1386.)

The tests marked ``@pytest.mark.waits`` (or a module's ``pytestmark = pytest.mark.waits``) spend their time waiting
for another process: a kernel starting, a fresh interpreter, a time bound running out. They are one more unit, handed
out after the notebooks, so they run one after another on one worker while the other keeps the second core busy.
Handed out one by one, both workers often waited at once: a timeline of make test found 15 core-seconds idle.
The controller never sees a test's marks (it has only node ids), so it reads them from the test files' source;
tests/course/test_scheduling.py checks that it reads the same marks pytest applies.
"""

import ast
import functools
from pathlib import Path

import pytest

WAITS = "tests that wait for another process"
ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line("markers", "waits: the test mostly waits for another process (a kernel starting, a fresh "
                            "interpreter, a time bound running out); make test runs them all on one worker")


def is_waits(node):
    """Whether an expression is the mark pytest.mark.waits."""
    return ast.unparse(node) == "pytest.mark.waits"


@functools.cache
def waiting_tests(path):
    """Return the names of the test functions marked waits in the file at path (relative to the root): all, or some."""
    try:
        source = (ROOT / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    if "pytest.mark.waits" not in source:  # most files: no parsing
        return frozenset()
    tree = ast.parse(source)
    everything = any(isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in node.targets)
                     and is_waits(node.value) for node in tree.body)
    return frozenset(node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                     and node.name.startswith("test") and (everything or any(map(is_waits, node.decorator_list))))


def scope(nodeid):
    """The unit of work a test belongs to: its notebook, the tests that wait, or itself alone."""
    path, _, rest = nodeid.partition("::")
    if path.endswith(".ipynb"):
        return path
    if rest.split("[")[0] in waiting_tests(path):
        return WAITS
    return nodeid


def in_order(units):
    """The (scope, tests) units xdist queued, biggest first: the notebooks, then the tests that wait, then the rest."""
    return sorted(units, key=lambda unit: (not unit[0].endswith(".ipynb"), unit[0] != WAITS))


@pytest.hookimpl(optionalhook=True)  # known only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.ordered = False  # the queue is put in in_order's order before the first unit goes out
            self.unfinished = {}  # id of a worker's workload: the units in it with a test still to finish

        def _split_scope(self, nodeid):
            return scope(nodeid)

        def _pending_of(self, workload):
            """How many of a worker's tests have not finished, counted over the units it has not finished.

            xdist counts over every unit a worker was ever given, after every test: with one unit a test, 2.3 million
            steps and 1.7 s of the controller's CPU in a profile of make test, taken from the workers' two cores.
            """
            unfinished = self.unfinished.setdefault(id(workload), set())  # _assign_work_unit adds each unit
            pending = 0
            for unit in list(unfinished):
                left = sum(not done for done in workload[unit].values())
                if not left:
                    unfinished.discard(unit)
                pending += left
            return pending

        def _assign_work_unit(self, node):
            if not self.ordered:
                self.ordered = True
                units = in_order(self.workqueue.items())
                self.workqueue.clear()
                self.workqueue.update(units)
            super()._assign_work_unit(node)
            workload = self.assigned_work[node]
            self.unfinished.setdefault(id(workload), set()).add(next(reversed(workload)))  # the unit just given

    return NotebookScheduling(config, log)
