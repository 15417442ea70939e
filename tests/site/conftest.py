"""make test-site: the built site (build/site/, made by ``python -m tools.site.build --strict`` just before)
served on 127.0.0.1 and read in headless Chromium with every other host refused.

One server and one browser for the whole session; each test opens the pages it needs.
"""

import pytest

from tests.site.served import SHOTS, SITE, browser, server


def pytest_configure(config):
    if not (SITE / "index.html").exists():
        raise pytest.UsageError("build/site/ is missing: run `make test-site`, which builds it first")
    SHOTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def base():
    with server() as url:
        yield url


@pytest.fixture(scope="session")
def session_browser(base):
    with browser(base) as (page, refused):
        yield page, refused


@pytest.fixture
def page(session_browser):
    return session_browser[0]


@pytest.fixture
def refused(session_browser):
    return session_browser[1]
