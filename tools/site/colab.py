"""Put the Colab install lines at the top of each lesson's setup cell, so that "Open in Colab" runs as it is.

    python -m tools.site.colab notebooks/*.ipynb notebooks/solutions/*.ipynb   # add them where missing
    python -m tools.site.colab --check notebooks/*.ipynb                       # exit 1 where missing

On Colab the lines install the course beside Colab's own torch and kernel and turn on the widget
manager ipywidgets 8 needs there (``launch.colab_install_cell``); anywhere else they do nothing and
print nothing, so a lesson's stored outputs, what nbval compares, stay as they are, and the setup cell
still imports, seeds and prints its versions (tests/course/test_lesson_template.py). They go into the
setup cell, not a cell of their own, because the lesson template has exactly one code cell before the
first section, and because the first cell a learner runs must be the one that installs.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.site.launch import colab_install_cell  # noqa: E402


def setup_cell(notebook):
    """The lesson's setup cell: its first code cell."""
    return next(cell for cell in notebook.cells if cell.cell_type == "code")


def has_colab_lines(notebook, lines=None):
    """True when the setup cell starts with the Colab install lines."""
    return setup_cell(notebook).source.startswith(lines or colab_install_cell())


def without_colab_lines(source):
    """The setup cell's source without the Colab install lines it starts with, whatever repository they name."""
    pattern = re.escape(colab_install_cell("REPOSITORY", "BRANCH") + "\n")
    pattern = pattern.replace("REPOSITORY", r'[^"@]+').replace("BRANCH", r'[^"]+')
    return re.sub("^" + pattern, "", source, count=1)


def add_colab_lines(path, lines=None):
    """Put the Colab install lines atop a notebook's setup cell, in place of any it has; return True if it changed.

    Lines naming another repository or branch (the course published elsewhere) are replaced, never doubled.
    """
    lines = lines or colab_install_cell()
    notebook = nbformat.read(path, as_version=4)
    if has_colab_lines(notebook, lines):
        return False
    cell = setup_cell(notebook)
    cell.source = lines + "\n" + without_colab_lines(cell.source)
    nbformat.write(notebook, path)
    return True


def main(argv=None):
    """Add the lines to the notebooks named, or with --check list those without them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook lacks them")
    args = parser.parse_args(argv)
    if args.check:
        missing = [p for p in args.notebooks if not has_colab_lines(nbformat.read(p, as_version=4))]
        for path in missing:
            print(f"{path}: its setup cell does not start with the Colab install lines")
        return 1 if missing else 0
    for path in args.notebooks:
        print(f"{path}: {'added' if add_colab_lines(path) else 'already there'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
