"""Shared test set-up: draw off-screen, and give every test a fresh figure list.

Where a test goes: the tests mirror the package. The test of ``autograd_lessons/<path>/<name>.py``
is ``tests/<path>/test_<name>.py`` (``compute/beyond_one_gradient/curvature.py`` ->
``tests/compute/beyond_one_gradient/test_curvature.py``); an aspect big enough for a file of its
own is ``test_<name>_<aspect>.py``. ``tests/tools/`` tests ``tools/``; ``tests/course/`` holds what
spans the whole course (notebook hygiene, the doors and layers, the project's files, nbval drift).
Every folder has an ``__init__.py``, so two tests may share a file name in different folders.
"""

import os
import sys

import matplotlib
import pytest

matplotlib.use("Agg")  # pyplot itself is imported by the tests that draw: make test's controller draws nothing


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config):
    """An xdist worker leaves at once when its session is over: its results are with the controller already.

    Tearing down a worker's interpreter (thousands of widgets, figures and tensors, torch, matplotlib) took 1.5-6 s on
    a busy 2-core machine, and the controller waits for every worker to exit before it reports. It runs before pytest's
    own unconfigure hooks too: the unraisable-exception plugin's last full garbage collection of a worker's heap took
    1.9 s in a single-process run. Objects whose finalizers only that collection would run go unchecked at the end,
    as those the interpreter's teardown would have freed already did; each test's own are still checked with it.
    """
    if hasattr(config, "workerinput"):  # a worker: "workerfinished" has been sent (pytest_sessionfinish)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:  # no pyplot yet, no figure of its own to close
        plt.close("all")


@pytest.fixture
def two_threads():
    """torch on two threads for one test (make test runs one a worker), so "the thread count is put back" means something."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)
