"""Fixtures for make test-hub: the machine's users, the course's origin, the exchange, the hub, one Chromium.

Every fixture undoes what it made, in reverse order, whether the tests pass or not; measures go into NOTES and
from there to build/hub/hub.md and hub.json at the end of the run (tests/hub/measure.py).
"""

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.browser.lab import CHROMIUM, CHROMIUM_FLAGS

from . import course, learners, measure
from .hub import Hub
from .machine import INSTRUCTOR, LEARNERS, USERS, Machine

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "hub"
NOTES = {"learners": {name: {} for name in LEARNERS}, "grading": {}}


def pytest_configure(config):
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)


def pytest_sessionfinish(session):
    if any(NOTES["learners"].values()):
        measure.write_notes(OUT, NOTES)


@pytest.fixture(scope="session")
def out():
    return OUT


@pytest.fixture(scope="session")
def notes():
    return NOTES


@pytest.fixture(scope="session")
def machine():
    """Three learners and an instructor as system users, in a temporary folder; all of it removed at the end."""
    made = Machine(ROOT, os.path.realpath(sys.executable))
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="session")
def origin(machine):
    """The course's git origin (the project's HEAD as main), which every user may read."""
    path = course.make_origin(machine.folder)
    for name in USERS:
        course.trust_origin(machine.home(name), name, path)
        learners.prepare_home(machine.home(name), name)
    return path


@pytest.fixture(scope="session")
def exchange(machine):
    """nbgrader's exchange: one folder every user can write, as on a hub (/srv/nbgrader/exchange)."""
    path = machine.folder / "exchange"
    path.mkdir()
    path.chmod(0o777)
    return path


@pytest.fixture(scope="session")
def hub(machine, origin, exchange):
    """The hub, up on 127.0.0.1; stopped by its own pid at the end (with every server it started)."""
    start = time.monotonic()
    running = Hub(machine.folder / "hub", {"learners": LEARNERS, "instructor": INSTRUCTOR},
                  {"AUTOGRAD_LESSONS_REPO": f"file://{origin}", "AUTOGRAD_LESSONS_EXCHANGE": str(exchange)})
    try:
        yield running
    finally:
        running.stop()
        shutil.copy(running.log, OUT / "hub.log")
        NOTES["total_s"] = time.monotonic() - start


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's); each learner gets their own context, so their own hub cookie."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
