"""How `make test` shares the work between its two processes (pytest-xdist).

A notebook's cells must run in order, in one kernel, so each notebook goes to one
worker whole; every other test is handed out on its own, so that one slow test
module does not keep a worker busy while the other waits. (xdist's own
``--dist loadgroup`` does this with marks, but it stopped grouping under pytest 9.2:
pytest-dev/pytest-xdist#1386.)
"""

import pytest


@pytest.hookimpl(optionalhook=True)  # known only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::")[0]
            return path if path.endswith(".ipynb") else nodeid

    return NotebookScheduling(config, log)
