"""Every page loads offline, shows every stored image with real alt text, has no broken internal link, its
launch links open its own notebook, and its math is rendered."""

import html.parser
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import nbformat
import pytest

from tests.site.served import ROOT, SHOTS, SITE, pages
from tools.site.alt_text import alt_of, figure_cells, notebooks

PAGES = pages()
LESSON_PAGES = [p for p in PAGES if p.startswith("notebooks/")]
HASHED = re.compile(r"^[0-9a-f]{16,}|\.(png|jpe?g|svg|gif)$", re.IGNORECASE)


class Links(html.parser.HTMLParser):
    """The ids a page defines, the addresses it points to (a href, img src, link href, script src), its alt texts."""

    def __init__(self):
        super().__init__()
        self.ids, self.targets, self.alts = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "img":
            self.alts.append(attrs.get("alt") or "")
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "img", "link", "script"):
                self.targets.append(attrs[key])


def parsed(relative):
    links = Links()
    links.feed((SITE / relative).read_text())
    return links


def test_the_site_has_a_landing_page_a_page_per_lesson_and_the_solved_exercises_apart():
    lessons = [p.relative_to(ROOT / "notebooks").with_suffix(".html").as_posix() for p in notebooks()]
    assert "index.html" in PAGES and "docs/instructors.html" in PAGES  # the README links to it
    for lesson in lessons:
        assert f"notebooks/{lesson}" in PAGES
    assert "notebooks/06_practice_exercises.html" in PAGES and "notebooks/solutions/06_practice_exercises.html" in PAGES
    learner = (SITE / "notebooks/06_practice_exercises.html").read_text()
    solved = (SITE / "notebooks/solutions/06_practice_exercises.html").read_text()
    title = re.compile(r"<title>(.*?)</title>", re.S)
    assert title.search(learner)[1] != title.search(solved)[1] and "solved" in title.search(solved)[1]


@pytest.mark.parametrize("relative", PAGES)
def test_no_internal_link_is_broken(relative):
    broken = []
    for target in parsed(relative).targets:
        if urlparse(target).scheme in ("http", "https", "mailto", "data", "javascript"):
            continue
        address, anchor = urldefrag(urljoin(relative, target))
        path = SITE / (urlparse(address).path or relative)
        if path.is_dir():
            path = path / "index.html"
        if not path.exists():
            broken.append(target)
        elif anchor and path.suffix == ".html" and anchor not in parsed(path.relative_to(SITE).as_posix()).ids:
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("relative", PAGES)
def test_every_page_loads_offline_and_shows_every_image_with_real_alt_text(page, refused, relative, base):
    response = page.goto(base + relative, wait_until="networkidle")
    assert response.status == 200
    images = page.eval_on_selector_all(
        "article.bd-article img",
        "els => els.map(e => ({src: e.getAttribute('src'), alt: e.getAttribute('alt') || '', shown: "
        "e.complete && e.naturalWidth > 0}))")
    for image in images:
        assert image["shown"], image["src"]
        words = image["alt"].strip()
        assert len(words.split()) >= 4 and not HASHED.search(words), f"{image['src']}: alt {words!r}"
    page.screenshot(path=str(SHOTS / (relative.replace("/", "_") + ".png")))
    assert refused == [], f"requests to other hosts: {refused[:5]}"


@pytest.mark.parametrize("notebook", notebooks(), ids=lambda p: p.name)
def test_a_lessons_figures_carry_the_alt_text_its_notebook_holds(notebook):
    relative = notebook.relative_to(ROOT).with_suffix(".html").as_posix()
    shown = parsed(relative).alts
    cells = nbformat.read(notebook, as_version=4).cells
    for index, _ in figure_cells(nbformat.read(notebook, as_version=4)):
        alt = alt_of(cells[index])
        if alt:
            assert alt in shown, (index, alt[:60])


@pytest.mark.parametrize("relative", LESSON_PAGES)
def test_the_launch_links_open_this_pages_own_notebook(relative):
    notebook = Path(relative).with_suffix(".ipynb").as_posix()
    assert (ROOT / notebook).exists()
    text = (SITE / relative).read_text()
    binder = re.findall(r'href="(https://mybinder\.org/[^"]+)"', text)
    colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', text)
    assert binder and colab
    for link in binder:
        assert link.endswith(f"urlpath=lab/tree/{notebook}") or link.endswith(f"urlpath=lab%2Ftree%2F{notebook}"), link
    for link in colab:
        assert link.endswith(f"/blob/main/{notebook}"), link
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))
    assert "make lab" in words and "make test" in words


def test_the_landing_page_offers_binder_colab_and_both_make_commands():
    text = (SITE / "index.html").read_text()
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))
    assert re.search(r'href="https://mybinder\.org/v2/gh/[^"]+urlpath=lab/tree/notebooks"', text)
    colab = r'href="https://colab\.research\.google\.com/github/[^"]+/blob/main/notebooks/01_[^"]+\.ipynb"'
    assert re.search(colab, text)
    assert "make lab" in words and "make test" in words


@pytest.mark.parametrize("relative", [p for p in PAGES if 'class="math' in (SITE / p).read_text()])
def test_math_is_rendered_offline(page, base, relative):
    page.goto(base + relative, wait_until="networkidle")
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20000)
    page.evaluate("() => MathJax.startup.promise")
    rendered = page.locator("mjx-container").count()
    raw = page.evaluate("() => document.querySelectorAll('.math').length")
    assert rendered >= raw > 0
    assert page.locator("mjx-merror").count() == 0
