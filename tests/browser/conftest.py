"""Fixtures for the browser tests: one JupyterLab (started by `make lab`) and one Chromium per run.

Screenshots and the latency report go to build/browser/ (not committed).
"""

import hashlib
import json
import shutil
import statistics

import pytest

from lab import CHROMIUM, CHROMIUM_FLAGS, ROOT, Lab

OUT = ROOT / "build" / "browser"
LATENCY = {"explorers": [], "floor": None}


def pytest_configure(config):
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "screenshots").mkdir(parents=True)


@pytest.fixture(scope="session")
def out():
    return OUT


@pytest.fixture(scope="session")
def notebook_hashes():
    """The lessons and a learner's own copy, as they were before the browser ran (nothing may be saved into them)."""
    files = [p for folder in ("notebooks", "my-lessons") for p in sorted((ROOT / folder).rglob("*")) if p.is_file()]
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="session")
def lab(notebook_hashes):
    server = Lab(OUT / "server")
    assert (server.lessons / ".course.json").exists(), "make lab serves a learner folder made by tools/learner_folder.py"
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def latency():
    return LATENCY


def pytest_sessionfinish(session):
    if not LATENCY["explorers"] and LATENCY["floor"] is None:
        return
    (OUT / "latency.json").write_text(json.dumps(LATENCY, indent=1))
    (OUT / "latency.md").write_text(latency_report(LATENCY))


def summary(times):
    done = sorted(t for t in times if t is not None)
    if not done:
        return None, None, len(times)
    return statistics.median(done), done[min(len(done) - 1, round(0.95 * (len(done) - 1)))], len(times) - len(done)


def latency_report(data):
    """Markdown: key press (or click) to new plot painted, per explorer, against the text-only floor."""
    floor_median, floor_p95, _ = summary(data["floor"]["times"]) if data["floor"] else (None, None, 0)
    lines = ["# What a learner feels: key press to new plot painted",
             "",
             "Measured in headless Chromium against a JupyterLab started by `make lab`, on this machine.",
             "Each row: time from the key press on the slider (or the click) to the explorer's new picture",
             "decoded and painted. The floor is the same round trip for a slider whose kernel callback",
             "only sets a text label (no plot): no explorer can be faster than that.",
             ""]
    if floor_median is not None:
        lines += [f"Floor (text readout, no plot): median {floor_median:.1f} ms, p95 {floor_p95:.1f} ms, "
                  f"{len(data['floor']['times'])} moves.", ""]
    lines += ["| explorer | control | moves | median ms | p95 ms | median / floor | target: ≤1.5× floor and ≤150 ms |",
              "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for row in data["explorers"]:
        median, p95, missing = summary(row["times"])
        if median is None:
            lines.append(f"| {row['name']} | {row['control']} | {len(row['times'])} | – | – | – | no repaint seen |")
            continue
        ratio = median / floor_median if floor_median else float("nan")
        met = median <= 150 and (floor_median is None or ratio <= 1.5)
        note = "met" if met else "missed"
        if missing:
            note += f" ({missing} moves without a repaint)"
        lines.append(f"| {row['name']} | {row['control']} | {len(row['times'])} | {median:.1f} | {p95:.1f} | "
                     f"{ratio:.2f}× | {note} |")
    return "\n".join(lines) + "\n"
