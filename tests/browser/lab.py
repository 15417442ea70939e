"""Drive a real JupyterLab in headless Chromium: start it with `make lab`, open notebooks, run them.

`make lab` serves the learner's own copy of the lessons; here it serves a fresh one in a temp
folder, built by the same tool (tools/learner_folder.py), so the browser opens the lessons
exactly as a learner does, and never a real learner's my-lessons/.

Used by the browser tests (make test-browser). Everything here waits with a timeout:
a stuck kernel or a page that never renders fails the test instead of hanging CI.
"""

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]
# A widget view that failed or never loaded shows one of these texts instead of the widget.
BROKEN_WIDGET_TEXTS = ["Error displaying widget", "Loading widget", "model not found", "Failed to load model class"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_settings(folder):
    """Write JupyterLab user settings: no news pop-up over screenshots, no autosave into the lessons."""
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        # render every cell, so explorers far down the page exist in the DOM before we scroll to them
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for name, value in settings.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


class Lab:
    """A JupyterLab server started the way a learner starts it: `make lab`, from the project folder."""

    def __init__(self, workdir):
        self.lessons = workdir / "lessons"  # a fresh learner folder: make lab makes it from notebooks/
        self.port, self.token = free_port(), "browser-test"
        self.log = workdir / "lab.log"
        lab_settings(workdir / "settings")
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(workdir / "config"), JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(workdir / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"))
        args = (f"--no-browser --ip=127.0.0.1 --port={self.port} --ServerApp.token={self.token} "
                "--ServerApp.port_retries=0 --LabApp.expose_app_in_browser=True")
        self.process = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}",
                                         f"LEARNER_DIR={self.lessons}"], cwd=ROOT, env=env,
                                        stdout=open(self.log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_up()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_up(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make lab exited with {self.process.returncode}:\n{self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"JupyterLab did not answer within {timeout} s:\n{self.log.read_text()[-2000:]}")

    def stop(self):
        os.killpg(self.process.pid, 15)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}"""

ALL_CELLS_DONE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session.kernel;
  // after a raises-exception cell's error, JupyterLab clears the '*' of the cells still queued, though the
  // kernel goes on to run them: wait until every non-empty code cell has its new execution count as well
  const pending = w.content.widgets.some(c => c.model.type === 'code' && (
    (c.promptNode && c.promptNode.textContent.includes('*')) ||
    (c.model.sharedModel.getSource().trim() !== '' && c.model.executionCount === null)));
  return !pending && kernel.status === 'idle';
}"""

CELL_SUMMARY = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code')
  .map(c => ({tags: c.model.getMetadata('tags') || [], source: c.model.sharedModel.getSource(),
              outputs: c.model.outputs.toJSON().map(o => ({type: o.output_type, name: o.name || null,
                                                         ename: o.ename || null, evalue: o.evalue || null}))}))"""


def open_notebook(page, lab, name, timeout=90_000):
    """Open <name> (as in notebooks/, from the served learner folder) alone (no tabs restored from earlier tests), wait for an idle kernel.

    Returns a locator for the notebook's panel: every later search stays inside it.
    """
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout, polling=250)
    panel_id = page.evaluate("() => window.jupyterapp.shell.currentWidget.id")
    return page.locator(f"[id='{panel_id}']")


def run_all(page, timeout=240_000):
    """Run every cell (the command is triggered, not awaited) and wait until the kernel is idle again."""
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.content.widgets"
                           ".some(c => c.promptNode && c.promptNode.textContent.includes('*'))", timeout=30_000,
                           polling=100)
    page.wait_for_function(ALL_CELLS_DONE, timeout=timeout, polling=250)
    page.wait_for_timeout(500)  # widget views render just after their output arrives


def cell_summary(page):
    """Return each code cell's tags, source and outputs (types, error names) as the front end holds them."""
    return page.evaluate(CELL_SUMMARY)


def broken_widgets(panel):
    """Return the texts of widget outputs that failed to render."""
    texts = panel.locator(".jp-OutputArea-output").evaluate_all("els => els.map(e => e.innerText)")
    return [t[:200] for t in texts if any(b in t for b in BROKEN_WIDGET_TEXTS)]
