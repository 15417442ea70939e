"""Alt text for the lessons' figures: where it lives in a notebook, and which figures still lack it.

A figure's words live in its code cell's metadata under myst-nb's key, ``{"mystnb": {"image":
{"alt": "…"}}}``: the site reads them from there (myst-nb writes them into the page's ``<img
alt>``), and they travel with the notebook wherever it goes. JupyterLab 4.6 shows no alt text for
an output image (its image renderer reads only width, height, unconfined and needs_background
from the output's metadata, and nothing from the cell's), so in JupyterLab the same words are read
in the sentence the lesson writes around each figure.

Run ``python tools/site/alt_text.py`` to list the figures without alt text.
"""

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
FILE_NAME = re.compile(r"\.(png|jpe?g|svg|gif)\b|^[\w./-]+$", re.IGNORECASE)
MIN_WORDS = 6


def notebooks(root=ROOT):
    """Every notebook of the course: the lessons, then the solved ones."""
    folder = root / "notebooks"
    return sorted(folder.glob("*.ipynb")) + sorted((folder / "solutions").glob("*.ipynb"))


def alt_of(cell):
    """The alt text a code cell gives its figures ('' when it gives none)."""
    return str(cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt", "")).strip()


def figure_cells(notebook):
    """(cell index, number of figures) for every code cell whose stored outputs hold a figure."""
    found = []
    for index, cell in enumerate(notebook.cells):
        count = sum(1 for output in cell.get("outputs", []) for mime in IMAGES if mime in output.get("data", {}))
        if cell.cell_type == "code" and count:
            found.append((index, count))
    return found


def alt_problem(text):
    """Why an alt text is not one a reader can use (None when it is)."""
    if not text:
        return "no alt text"
    if FILE_NAME.search(text) and len(text.split()) < MIN_WORDS:
        return f"reads like a file name, not a description: {text!r}"
    if len(text.split()) < MIN_WORDS:
        return f"too short to say what the figure shows: {text!r}"
    return None


def missing_alt_text(path):
    """[(cell index, problem)] for every figure cell of a notebook whose alt text is missing or unusable."""
    notebook = nbformat.read(path, as_version=4)
    problems = []
    for index, _ in figure_cells(notebook):
        problem = alt_problem(alt_of(notebook.cells[index]))
        if problem:
            problems.append((index, problem))
    return problems


def set_alt_text(path, texts):
    """Write alt texts {cell index: text} into a notebook's cell metadata, keeping its formatting."""
    notebook = nbformat.read(path, as_version=4)
    for index, text in texts.items():
        cell = notebook.cells[index]
        cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = text
    nbformat.write(notebook, path)


def main():
    """Print every figure without usable alt text; exit 1 if there is one."""
    bad = [(path, index, problem) for path in notebooks() for index, problem in missing_alt_text(path)]
    for path, index, problem in bad:
        print(f"{path.relative_to(ROOT)}: cell {index}: {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
