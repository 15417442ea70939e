"""The built site served on 127.0.0.1 and opened in headless Chromium, with every other host refused.

The server is its own process (``python -m http.server``), bounded in time by ``timeout`` and
stopped by its pid; Chromium is Debian's (Playwright cannot download one here), started with the
flags that keep it off the network. Every request to a host other than the server is aborted and
counted, so a page that would need the internet shows it.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "site"
SHOTS = ROOT / "build" / "site-shots"
AXE = ROOT / "build" / "site-npm" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
SERVER_SECONDS = 1200  # the server stops by itself after this, whatever happens to the tests


def free_port():
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(folder=SITE):
    """Serve folder on 127.0.0.1; yield its base URL; stop the server by its pid."""
    port = free_port()
    process = subprocess.Popen(["timeout", str(SERVER_SECONDS), sys.executable, "-m", "http.server", str(port),
                                "--bind", "127.0.0.1", "--directory", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def browser(base):
    """A Chromium page whose requests to any host but the site's are aborted; yield (page, refused list)."""
    from playwright.sync_api import sync_playwright

    allowed = urlparse(base).netloc
    refused = []

    def route(request_route):
        url = request_route.request.url
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).netloc == allowed:
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", route)
        try:
            yield context.new_page(), refused
        finally:
            context.close()
            chromium.close()


def pages(folder=SITE):
    """Every page of the built site, as paths relative to it (not the files the theme ships in _static/)."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html")
                  if not path.relative_to(folder).parts[0].startswith("_"))
