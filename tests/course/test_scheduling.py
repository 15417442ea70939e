"""How make test shares its work (the scheduler in the root conftest.py): whole notebooks, the tests that wait, the rest.

The controller reads the ``waits`` marks from the test files' source; here pytest itself collects those files and
must mark exactly the tests the controller put in the waiting unit.
"""

import pytest

import conftest as scheduling

MARKED = '''import pytest

pytestmark = pytest.mark.waits


def test_one():
    pass


@pytest.mark.parametrize("n", [1, 2])
def test_two(n):
    pass


def helper():
    pass
'''
SOME = '''import pytest


@pytest.mark.waits
@pytest.mark.parametrize("n", [1])
def test_waits(n):
    pass


def test_busy():
    pass
'''


def test_a_file_marks_all_its_tests_or_some():
    assert scheduling.waiting_tests("tests/course/test_warm_kernels.py") >= {
        "test_a_warm_kernel_shows_what_an_ordinary_one_shows"}
    assert scheduling.waiting_tests("tests/test_lazy.py") == {"test_every_old_import_line_gives_todays_objects"}
    assert scheduling.waiting_tests("tests/course/test_layers.py") == frozenset()


@pytest.mark.parametrize("nodeid, unit", [
    ("notebooks/03_backward.ipynb::Cell 4", "notebooks/03_backward.ipynb"),
    ("tests/test_lazy.py::test_every_old_import_line_gives_todays_objects", scheduling.WAITS),
    (("tests/course/test_warm_kernels.py::test_a_stand_in_with_no_warm_parent_to_fork_its_kernel_starts_an_ordinary_"
      "one[none]"), scheduling.WAITS),
    ("tests/test_lazy.py::test_an_old_path_does_not_hide_the_function_it_was_named_after",
     "tests/test_lazy.py::test_an_old_path_does_not_hide_the_function_it_was_named_after"),
    ("tests/no_such_file.py::test_x", "tests/no_such_file.py::test_x"),
])
def test_each_test_has_its_unit(nodeid, unit):
    assert scheduling.scope(nodeid) == unit


def test_the_notebooks_go_first_then_the_tests_that_wait_then_the_rest():
    units = [("notebooks/11.ipynb", 46), ("notebooks/01.ipynb", 23), (scheduling.WAITS, 30), ("tests/a.py::t", 1),
             ("notebooks/02.ipynb", 24), ("tests/b.py::t", 1)]
    assert [name for name, _ in scheduling.in_order(sorted(units, key=lambda unit: -unit[1]))] == [
        "notebooks/11.ipynb", "notebooks/02.ipynb", "notebooks/01.ipynb", scheduling.WAITS, "tests/a.py::t",
        "tests/b.py::t"]


class Marked:
    """A pytest plugin that keeps, for each collected test, whether pytest marked it waits."""

    def __init__(self):
        self.waits = {}

    def pytest_collection_modifyitems(self, items):
        self.waits.update({item.nodeid: bool(item.get_closest_marker("waits")) for item in items})


def collected(paths, rootdir, monkeypatch):
    """Return {node id: marked waits} for the tests pytest collects from paths."""
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)  # this run's options are not that collection's
    marked = Marked()
    options = ["--collect-only", "-q", "--rootdir", str(rootdir)]
    for plugin in ("cacheprovider", "xdist", "unraisableexception"):  # the last one's final full gc of a worker: 0.7 s
        options += ["-p", f"no:{plugin}"]
    code = pytest.main([*options, *map(str, paths)], plugins=[marked])
    assert code == 0
    return marked.waits


def test_what_the_controller_reads_is_what_pytest_marks(tmp_path, monkeypatch):
    (tmp_path / "test_marked.py").write_text(MARKED)
    (tmp_path / "test_some.py").write_text(SOME)
    by_pytest = collected(sorted(tmp_path.glob("test_*.py")), tmp_path, monkeypatch)
    assert {nodeid for nodeid, waits in by_pytest.items() if waits} == {
        "test_marked.py::test_one", "test_marked.py::test_two[1]", "test_marked.py::test_two[2]",
        "test_some.py::test_waits[1]"}
    assert scheduling.waiting_tests(tmp_path / "test_marked.py") == {"test_one", "test_two"}
    assert scheduling.waiting_tests(tmp_path / "test_some.py") == {"test_waits"}


def test_the_course_marks_read_from_source_are_pytests(monkeypatch):
    files = sorted(path.relative_to(scheduling.ROOT).as_posix() for path in (scheduling.ROOT / "tests").rglob("test_*.py")
                   if "mark.waits" in path.read_text(encoding="utf-8"))
    assert len(files) >= 8
    by_pytest = collected([scheduling.ROOT / path for path in files], scheduling.ROOT, monkeypatch)
    by_source = {nodeid: scheduling.scope(nodeid) == scheduling.WAITS for nodeid in by_pytest}
    assert by_source == by_pytest and 30 <= sum(by_pytest.values()) < len(by_pytest)


class Worker:
    """What the scheduler sees of an xdist worker: it is sent test indexes, runs them in order, and can be shut down."""

    shutting_down = False

    def __init__(self, name):
        self.gateway = type("Gateway", (), {"id": name})
        self.sent, self.ran = [], []

    def send_runtest_some(self, indexes):
        self.sent.extend(indexes)

    def shutdown(self):
        self.shutting_down = True


class Config:
    """The two settings the scheduler reads: two workers (-n 2), and xdist's default of the biggest units first."""

    option = type("Options", (), {"loadscopereorder": True})

    def getvalue(self, name):
        return {"tx": ["2*popen"]}[name]


def test_a_run_keeps_each_notebook_and_the_waiting_tests_on_one_worker_and_counts_what_is_left():
    from xdist.scheduler import LoadScopeScheduling

    ids = [f"notebooks/0{n}_x.ipynb::Cell {cell}" for n in (1, 2) for cell in range(5)]
    ids += ["tests/test_lazy.py::test_every_old_import_line_gives_todays_objects"]
    ids += [f"tests/course/test_fresh_python.py::test_code_that_outlives_its_time_is_stopped{n}" for n in ("", "[x]")]
    ids += [f"tests/a.py::test_{n}" for n in range(40)]
    scheduler = scheduling.pytest_xdist_make_scheduler(Config(), None)
    workers = [Worker("gw0"), Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, ids)
    scheduler.schedule()
    while any(len(worker.ran) < len(worker.sent) for worker in workers):
        for worker in workers:
            if len(worker.ran) < len(worker.sent):
                worker.ran.append(ids[worker.sent[len(worker.ran)]])
                scheduler.mark_test_complete(worker, ids.index(worker.ran[-1]))
                for other in workers:  # what is left, counted as xdist counts it
                    workload = scheduler.assigned_work[other]
                    assert scheduler._pending_of(workload) == LoadScopeScheduling._pending_of(scheduler, workload)
    assert sorted(workers[0].ran + workers[1].ran) == sorted(ids)  # each test once
    for unit in ("notebooks/01_x.ipynb", "notebooks/02_x.ipynb", scheduling.WAITS):
        ran = [[nodeid for nodeid in worker.ran if scheduling.scope(nodeid) == unit] for worker in workers]
        assert min(map(len, ran)) == 0  # all on one worker
        assert max(ran, key=len) == [nodeid for nodeid in ids if scheduling.scope(nodeid) == unit]  # in order
    assert scheduler.tests_finished and not scheduler.has_pending
