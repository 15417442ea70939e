"""A learner on the hub, in Chromium: the nbgitpuller link, the hub's login, Lesson 3 run and its explorer moved.

The browser helpers of make test-browser (tests/browser/lab.py and explorers.py) drive JupyterLab here too; only
the way in differs: a learner follows the link their instructor shared, logs in, waits while the hub starts their
server and nbgitpuller pulls the course, and lands on Lesson 3 in their own ~/my-lessons.
"""

import shutil
import time
from pathlib import Path

from tests.browser.explorers import controls, explorers, key_to_paint, press, settle
from tests.browser.lab import KERNEL_IDLE, broken_widgets, cell_summary, lab_settings, run_all

LESSON = "03_backward.ipynb"
SPAWN_TIMEOUT = 300_000  # ms: login, the hub's spawn, the pull, JupyterLab's first load, on a loaded machine
RUN_TIMEOUT = 600_000  # ms: Lesson 3 top to bottom


def nbgitpuller_link(hub_url, repo, lesson=LESSON, branch="main"):
    """The link an instructor shares: pull the course into ~/autograd-lessons, then open the lesson in my-lessons/."""
    from tools.hub.links import lesson_link

    return lesson_link(hub_url, repo, lesson, branch=branch)


def prepare_home(home, owner):
    """JupyterLab settings the browser test needs in a learner's home: no news pop-up, every cell rendered."""
    settings = Path(home) / ".jupyter" / "lab" / "user-settings"
    lab_settings(settings)
    for path in [settings.parents[1], *settings.parents[1].rglob("*")]:
        shutil.chown(path, owner, owner)


def log_in_through(page, link, name):
    """Follow the link, log in on the hub's page (any password: the dummy authenticator), wait for Lesson 3."""
    page.goto(link)
    page.fill("#username_input", name)
    page.fill("#password_input", "any password")
    start = time.monotonic()
    page.click("#login_submit")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=SPAWN_TIMEOUT)
    page.wait_for_function(KERNEL_IDLE, timeout=SPAWN_TIMEOUT, polling=250)
    return time.monotonic() - start


def open_lesson_path(page):
    """The path of the notebook JupyterLab shows, relative to the learner's home."""
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")


def unexpected_errors(page):
    """Errors in cells that are not meant to raise, and anything written to stderr."""
    found = []
    for index, cell in enumerate(cell_summary(page)):
        for output in cell["outputs"]:
            if output["type"] == "error" and "raises-exception" not in cell["tags"]:
                found.append(f"cell {index}: {output['ename']}: {output['evalue']}")
            if output["name"] == "stderr":
                found.append(f"cell {index} wrote to stderr")
    return found


def move_first_slider(page, panel):
    """The first explorer with a slider: (its root, ms from a key press to its new picture, changed after 5 moves)."""
    roots = explorers(panel)
    for index in range(roots.count()):
        root = roots.nth(index)
        sliders = controls(root)["sliders"]
        if not sliders.count():
            continue
        root.scroll_into_view_if_needed()
        before = settle(page, root)
        first = key_to_paint(page, root, sliders.first, "ArrowRight")
        press(page, sliders.first, "ArrowRight", times=4)
        after = settle(page, root)
        return root, first, bool(before["images"]) and after["images"] != before["images"]
    raise AssertionError("Lesson 3 shows no explorer with a slider")


NOTE = "My own note, {name}: the tangent's slope is x.grad."
ADD_NOTE_AND_SAVE = """(text) => {
  const panel = window.jupyterapp.shell.currentWidget;
  panel.content.model.sharedModel.insertCell(1, {cell_type: 'markdown', source: text});
  window.jupyterapp.commands.execute('docmanager:save');
}"""


def add_note_and_save(page, name):
    """The learner's own edit: a note under the title, saved (Ctrl+S); returns the note."""
    note = NOTE.format(name=name)
    page.evaluate(ADD_NOTE_AND_SAVE, note)
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=60_000)
    return note


def learner_session(browser, hub_url, repo, name, out):
    """One learner's whole visit; returns what was measured and seen."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        link = nbgitpuller_link(hub_url, repo)
        landed = log_in_through(page, link, name)
        seen = {"name": name, "link_to_lesson_s": landed, "path": open_lesson_path(page), "url": page.url}
        panel = page.locator(f"[id='{page.evaluate('() => window.jupyterapp.shell.currentWidget.id')}']")
        page.screenshot(path=str(out / f"{name}-landed.png"))
        start = time.monotonic()
        run_all(page, timeout=RUN_TIMEOUT)
        seen["run_all_s"] = time.monotonic() - start
        seen["errors"], seen["broken_widgets"] = unexpected_errors(page), broken_widgets(panel)
        root, seen["first_slider_ms"], seen["picture_changed"] = move_first_slider(page, panel)
        seen["link_to_first_slider_s"] = time.monotonic() - start + landed
        root.screenshot(path=str(out / f"{name}-explorer.png"))
        seen["note"] = add_note_and_save(page, name)
        return seen
    finally:
        context.close()

