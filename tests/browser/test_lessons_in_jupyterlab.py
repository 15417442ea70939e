"""Every notebook, opened in a real JupyterLab in Chromium, run top to bottom, its explorers moved.

nbval proves each cell prints what it printed; this proves a learner sees it: widgets render,
sliders and buttons change the readout and the picture, and nothing shows an unexpected error.
Screenshots and the latency report land in build/browser/.
"""

import hashlib

import pytest

from explorers import (add_floor_cell, click_to_paint, controls, explorer_name, explorers, latencies, press,
                       settle, snapshot, step_counts)
from lab import ROOT, broken_widgets, cell_summary, open_notebook, run_all

NOTEBOOKS = sorted(p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
# every numbered lesson has an explorer, except the practice exercises of Lesson 6
LESSONS = [n for n in NOTEBOOKS if n[:2].isdigit() and "/" not in n and not n.startswith("06_")]
LATENCY_MOVES = 30


def shot(page, out, name):
    page.screenshot(path=str(out / "screenshots" / f"{name}.png"))


def one_count(counts):
    """True when a stepper's slider, readout and message show the same step (always, for another explorer)."""
    return counts is None or counts["slider"] == counts["readout"] == counts["message"]


def test_make_lab_opens_on_the_lessons(page, lab, out):
    page.goto(f"{lab.url}/lab?token={lab.token}")
    page.wait_for_selector(".jp-DirListing-item", timeout=60_000)
    listed = page.eval_on_selector_all(".jp-DirListing-itemName", "els => els.map(e => e.innerText.trim())")
    assert [n for n in NOTEBOOKS if "/" not in n] == sorted(n for n in listed if n.endswith(".ipynb"))
    shot(page, out, "00_file_browser")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_clean_and_its_explorers_answer(page, lab, out, latency, notebook):
    stem = notebook.replace("/", "_").removesuffix(".ipynb")
    panel = open_notebook(page, lab, notebook)
    run_all(page)
    cells = cell_summary(page)
    for index, cell in enumerate(cells):
        errors = [o for o in cell["outputs"] if o["type"] == "error"]
        if "raises-exception" in cell["tags"]:
            assert errors, f"code cell {index} should show its error"
        else:
            assert not errors, f"code cell {index}: unexpected {errors[0]['ename']}: {errors[0]['evalue']}"
        assert not [o for o in cell["outputs"] if o["name"] == "stderr"], f"code cell {index} wrote to stderr"
    assert not broken_widgets(panel)
    panel.locator(".jp-Cell").first.scroll_into_view_if_needed()
    shot(page, out, f"{stem}_top")

    roots = explorers(panel)
    if notebook in LESSONS:
        assert roots.count() >= 1, "every lesson has at least one explorer"
    for i in range(roots.count()):
        root = roots.nth(i)
        name = f"{stem} · {explorer_name(root)}"
        root.scroll_into_view_if_needed()
        start = settle(page, root)
        assert start["images"], f"{name}: no picture"
        root.screenshot(path=str(out / "screenshots" / f"{stem}_explorer{i}_before.png"))
        found = controls(root)
        texts, images = {start["text"]}, {tuple(start["images"])}
        for s in range(found["sliders"].count()):
            before = snapshot(root)
            press(page, found["sliders"].nth(s), "ArrowRight", times=5)
            after = settle(page, root)
            assert after["text"] != before["text"], f"{name}: slider {s} did not change the readout"
            assert one_count(step_counts(root)), f"{name}: the step slider and its readout disagree"
            assert after["images"] != before["images"], f"{name}: slider {s} did not change the picture"
            texts.add(after["text"]), images.add(tuple(after["images"]))
        for kind in ("toggles", "buttons"):
            for b in range(found[kind].count()):
                before = snapshot(root)
                found[kind].nth(b).click()
                after = settle(page, root)
                assert after != before, f"{name}: {kind[:-1]} {b} changed nothing on screen"
                assert one_count(step_counts(root)), f"{name}: the step slider and its readout disagree"
                texts.add(after["text"]), images.add(tuple(after["images"]))
                if b == 0 and kind == "buttons" or kind == "toggles":
                    root.screenshot(path=str(out / "screenshots" / f"{stem}_explorer{i}_{kind}{b}.png"))
        assert len(texts) > 1 and len(images) > 1, f"{name}: the readout or the picture never changed"
        root.screenshot(path=str(out / "screenshots" / f"{stem}_explorer{i}_after.png"))
        root.scroll_into_view_if_needed()
        shot(page, out, f"{stem}_explorer{i}_in_lesson")  # what the learner's window shows
        if found["sliders"].count():
            control, times = "slider key", latencies(page, root, found["sliders"].first, LATENCY_MOVES)
        else:
            clickable = found["toggles"] if found["toggles"].count() else found["buttons"]
            control = "click"
            times = [click_to_paint(page, root, clickable.first) for _ in range(LATENCY_MOVES)]
        latency["explorers"].append({"name": name, "control": control, "times": times})
        assert sum(t is not None for t in times) >= LATENCY_MOVES * 0.9, f"{name}: the picture stopped updating"


def test_latency_floor_of_a_text_readout(page, lab, latency):
    panel = open_notebook(page, lab, NOTEBOOKS[0])
    root = add_floor_cell(page, panel)
    root.scroll_into_view_if_needed()
    handle = controls(root)["sliders"].first
    times = latencies(page, root, handle, 40, what="text")
    latency["floor"] = {"name": "text readout (no plot)", "times": times}
    assert sum(t is not None for t in times) >= 36


def test_nothing_was_saved_into_the_notebooks(notebook_hashes):
    for path, digest in notebook_hashes.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path.name} was modified"


WRONG_Q1 = """x = torch.tensor(2.0, requires_grad=True)
y = 3 * x**3 - 4 * x
y.backward()
y = 3 * x**3 - 4 * x
y.backward()   # a second backward, without zeroing x.grad first
answer = x.grad
q1.check(answer)"""
RIGHT_Q1 = """x = torch.tensor(2.0, requires_grad=True)
y = 3 * x**3 - 4 * x
y.backward()
answer = x.grad
q1.check(answer)"""

RUN_CELL = """([index, source]) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  notebook.model.cells.get(index).sharedModel.setSource(source);
  notebook.activeCellIndex = index;
  window.jupyterapp.commands.execute('notebook:run-cell');
}"""


def test_an_exercise_answers_red_then_green(page, lab, out):
    panel = open_notebook(page, lab, "06_practice_exercises.ipynb")
    run_all(page)
    index = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                          ".findIndex(c => c.model.type === 'code' && c.model.sharedModel.getSource().includes('q1.check(answer)'))")
    cell = panel.locator(".jp-Cell").nth(index)
    assert "Not attempted" in cell.locator(".jp-OutputArea").inner_text()
    for source, verdict, colour in ((WRONG_Q1, "Incorrect", "red"), (RIGHT_Q1, "Correct", "green")):
        page.evaluate(RUN_CELL, [index, source])
        page.wait_for_function(f"(i) => window.jupyterapp.shell.currentWidget.content.widgets[i]"
                               f".outputArea.node.innerText.includes('{verdict}:')", arg=index, timeout=30_000)
        cell.scroll_into_view_if_needed()
        text = cell.locator(".jp-OutputArea").inner_text()
        assert f"{verdict}:" in text and (verdict == "Correct" or "twice" in text)
        cell.screenshot(path=str(out / "screenshots" / f"06_exercise_q1_{colour}.png"))
