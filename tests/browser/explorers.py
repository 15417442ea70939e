"""Find the explorers on a page, move their controls, and time what a learner feels."""

EXPLORERS = ".jp-OutputArea-output > .jupyter-widgets"  # the top-level widget of each output

SNAPSHOT = """(root) => ({
  text: [...root.querySelectorAll('.widget-html, .widget-htmlmath')].map(e => e.innerText).join('\\n'),
  images: [...root.querySelectorAll('img')].map(e => e.src),
})"""

# Resolves once the explorer's picture has a new frame, decoded and painted; returns ms since the key press.
WAIT_FOR_PAINT = """async ([root, oldSrc, what]) => {
  const target = what === 'image' ? root.querySelector('img') : root.querySelector('.widget-html');
  const changed = () => what === 'image' ? target.src !== oldSrc : target.innerText !== oldSrc;
  const start = performance.now();
  while (!changed()) {
    if (performance.now() - start > 10000) return null;
    await new Promise(r => setTimeout(r, 1));
  }
  if (what === 'image') await target.decode();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - window.__keyAt;
}"""

MARK_KEYDOWN = """(control) => {
  if (!control.__timed) {
    const mark = () => { window.__keyAt = performance.now(); };
    control.addEventListener('keydown', mark, {capture: true});
    control.addEventListener('mousedown', mark, {capture: true});
    control.__timed = true;
  }
}"""

# A text-only round trip: slider -> kernel -> HTML label, the floor any explorer's update stands on.
FLOOR_CELL = """import ipywidgets as widgets

floor_slider = widgets.IntSlider(value=0, min=0, max=1000, description="floor")
floor_label = widgets.HTML("value 0")
floor_slider.observe(lambda change: setattr(floor_label, "value", f"value {change['new']}"), "value")
widgets.VBox([floor_slider, floor_label])"""


# A stepper (Lessons 7 and 8) shows its step three times: the slider's number, the readout's "step n of N" row and
# the message's "Step n of N" ("Before backward" at 0). Each as the learner reads it; null for other explorers.
STEP_COUNTS = """(root) => {
  const slider = [...root.querySelectorAll('.widget-slider')]
    .find(s => (s.querySelector('.widget-label') || {}).innerText === 'step');
  const row = [...root.querySelectorAll('table tr')].map(r => [...r.cells].map(c => c.innerText.trim()))
    .find(cells => cells[0] === 'step');
  if (!slider || !row) return null;
  const text = root.innerText;
  const message = text.includes('Before backward') ? '0' : (text.match(/Step (\\d+) of \\d+/) || [])[1];
  return {slider: slider.querySelector('.widget-readout').innerText.trim(), readout: row[1].split(' of ')[0], message};
}"""


def step_counts(root):
    """Return a stepper's counts as shown ({'slider', 'readout', 'message'}), or None for another explorer."""
    return root.evaluate(STEP_COUNTS)


def explorers(panel):
    """Return a locator for every widget output in the notebook panel."""
    return panel.locator(EXPLORERS)


def snapshot(root):
    """Return the explorer's readout texts and picture sources right now."""
    return root.evaluate(SNAPSHOT)


def controls(root):
    """Return the explorer's slider handles, toggles/checkboxes and buttons, in page order."""
    return {
        "sliders": root.locator(".noUi-handle"),
        "toggles": root.locator(".widget-toggle-button, .widget-checkbox input"),
        "buttons": root.locator("button.jupyter-button:not(.widget-toggle-button)"),
    }


def press(page, handle, key, times=1, pause=80):
    """Focus a slider handle and press a key, like a learner using the keyboard.

    A slider already at its end is moved the other way, so the press always changes its value.
    """
    at_max = handle.evaluate("(h) => h.getAttribute('aria-valuenow') === h.getAttribute('aria-valuemax')")
    if key == "ArrowRight" and at_max:
        key = "ArrowLeft"
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
        page.wait_for_timeout(pause)


def settle(page, root, wait=2500):
    """Wait until the explorer's readout and picture have stopped changing (or `wait` ms pass)."""
    last, stable_since = snapshot(root), 0
    for _ in range(wait // 100):
        page.wait_for_timeout(100)
        now = snapshot(root)
        if now == last:
            stable_since += 100
            if stable_since >= 400:
                break
        else:
            last, stable_since = now, 0
    return last


def key_to_paint(page, root, handle, key, what="image"):
    """Press key on a slider handle; return ms until the picture (or the readout) has repainted."""
    handle.evaluate(MARK_KEYDOWN)
    before = snapshot(root)
    old = before["images"][0] if what == "image" else root.locator(".widget-html").first.inner_text()
    handle.focus()
    page.keyboard.press(key)
    return page.evaluate(WAIT_FOR_PAINT, [root.element_handle(), old, what])


def click_to_paint(page, root, control):
    """Click a button or toggle; return ms from the mouse press until the picture has repainted."""
    control.evaluate(MARK_KEYDOWN)
    old = snapshot(root)["images"][0]
    control.click()
    return page.evaluate(WAIT_FOR_PAINT, [root.element_handle(), old, "image"])


def latencies(page, root, handle, moves, what="image"):
    """Time `moves` key presses, turning back at either end of the slider; returns ms (None: no repaint)."""
    times, key = [], "ArrowRight"
    for _ in range(moves):
        end = handle.evaluate("(h) => [h.getAttribute('aria-valuenow'), h.getAttribute('aria-valuemin'), "
                              "h.getAttribute('aria-valuemax')]")
        if end[0] == end[2]:
            key = "ArrowLeft"
        elif end[0] == end[1]:
            key = "ArrowRight"
        times.append(key_to_paint(page, root, handle, key, what))
        page.wait_for_timeout(60)  # a learner's key repeat is slower than this
    return times


def add_floor_cell(page, panel):
    """Append and run the text-only floor widget at the end of the open notebook (never saved)."""
    page.evaluate("""(source) => {
      const panel = window.jupyterapp.shell.currentWidget;
      const notebook = panel.content;
      notebook.model.sharedModel.insertCell(notebook.model.cells.length, {cell_type: 'code', source});
      notebook.activeCellIndex = notebook.model.cells.length - 1;
      window.jupyterapp.commands.execute('notebook:run-cell');
    }""", FLOOR_CELL)
    page.wait_for_function("() => [...document.querySelectorAll('.widget-html')].some(e => e.innerText === 'value 0')",
                           timeout=30_000)
    return explorers(panel).last


def explorer_name(root):
    """Return the last line of the cell that made this widget, e.g. 'tangent_explorer()'."""
    return root.evaluate("""(el) => {
      const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
      const index = cells.indexOf(el.closest('.jp-Cell'));
      const source = window.jupyterapp.shell.currentWidget.content.widgets[index].model.sharedModel.getSource();
      return source.trim().split('\\n').pop();
    }""")
