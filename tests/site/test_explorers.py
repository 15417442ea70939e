"""Every explorer on the site moves without a kernel: each of its controls, by keyboard or click, brings the
picture, its alt text and the readouts recorded for that setting."""

import json
import re

import pytest

from tests.site.served import SHOTS, SITE, pages

EXPLORER_PAGES = [p for p in pages() if 'class="ag-explorer"' in (SITE / p).read_text()]


def explorer_count(relative):
    return (SITE / relative).read_text().count('class="ag-explorer"')


CASES = [(p, n) for p in EXPLORER_PAGES for n in range(explorer_count(p))]


def state(explorer):
    return {"key": explorer.get_attribute("data-key"),
            "src": explorer.locator("img.ag-picture").get_attribute("src"),
            "alt": explorer.locator("img.ag-picture").get_attribute("alt"),
            "words": explorer.locator(".ag-words").inner_text()}


def move(page, explorer, control):
    """Move one control away from where it is: arrow keys on a slider, the next option, a click on a checkbox."""
    kind = control.get_attribute("type") or control.evaluate("e => e.tagName.toLowerCase()")
    if kind == "range":
        control.focus()
        at_end = control.get_attribute("value") == control.get_attribute("max")
        page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
    elif kind == "select":
        options = control.locator("option").count()
        current = int(control.input_value())
        control.select_option(str((current + 1) % options))
    else:
        control.click()
    page.wait_for_timeout(150)


def test_every_lesson_with_an_explorer_cell_has_it_on_its_page():
    assert len(CASES) >= 13


@pytest.mark.parametrize("relative,number", CASES, ids=[f"{p.split('/')[-1][:-5]}-{n}" for p, n in CASES])
def test_every_control_changes_the_picture_and_the_readouts(page, base, relative, number):
    page.goto(base + relative, wait_until="networkidle")
    explorer = page.locator(".ag-explorer").nth(number)
    explorer.scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll('.ag-explorer')[{number}].dataset.ready === 'true'")
    data = json.loads(explorer.locator("script.ag-data").text_content())
    controls = explorer.locator("[data-control]")
    assert controls.count() == len(data["controls"]) >= 1
    for i in range(controls.count()):
        control = controls.nth(i)
        label = explorer.locator(f'label[for="{control.get_attribute("id")}"]').inner_text()
        assert label.strip(), "every control has a visible label"
        before = state(explorer)
        move(page, explorer, control)
        after = state(explorer)
        assert after["key"] != before["key"], f"control {label!r} did not move"
        frame = data["frames"][after["key"]]
        assert after["src"].endswith(f"/{frame['image']}.png") and after["alt"] == frame["alt"]
        assert after["src"] != before["src"] or after["words"] != before["words"], label
    picture = explorer.locator("img.ag-picture")
    assert picture.evaluate("e => e.complete && e.naturalWidth > 0")
    assert len(re.sub(r"\s+", " ", picture.get_attribute("alt")).split()) >= 8
    explorer.screenshot(path=str(SHOTS / f"{relative.replace('/', '_')[:-5]}-explorer{number + 1}-moved.png"))


def test_arrow_keys_walk_the_main_slider_through_its_frames(page, base):
    page.goto(base + "notebooks/03_backward.html", wait_until="networkidle")
    explorer = page.locator(".ag-explorer").first
    slider = explorer.locator('input[type="range"]').first
    slider.focus()
    seen = set()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
        seen.add((state(explorer)["src"], slider.get_attribute("aria-valuetext")))
    assert len(seen) == 4
    assert explorer.locator("output").first.inner_text() == slider.get_attribute("aria-valuetext")


def test_a_lesson_page_with_its_explorer_moved_for_the_readme(page, base):
    """The README's picture of the site (docs/images/site-lesson3-explorer.png is a copy of this screenshot)."""
    page.goto(base + "notebooks/03_backward.html", wait_until="networkidle")
    explorer = page.locator(".ag-explorer").first
    explorer.locator("select").select_option(label="sin(x)")
    slider = explorer.locator('input[type="range"]')
    slider.focus()
    for _ in range(11):
        page.keyboard.press("ArrowLeft")
    assert slider.get_attribute("aria-valuetext") == "-2.5"
    assert "sin(x)" in explorer.locator("img.ag-picture").get_attribute("alt")
    page.evaluate("() => window.scrollBy(0, document.querySelector('.ag-explorer').getBoundingClientRect().top - 90)")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "readme-lesson3-explorer-moved.png"))
