"""Write the learner's Lesson 6 from the solved one: every line marked ✎ becomes a `...` placeholder.

    .venv/bin/python tools/make_learner_notebook.py           # (re)writes notebooks/06_practice_exercises.ipynb
    .venv/bin/python tools/make_learner_notebook.py --check   # exit 1 if that file is out of date

The source is the solved notebook, notebooks/solutions/06_practice_exercises.ipynb. In its
code cells, a line whose comment starts with ✎ is the learner's to write:

    x = torch.tensor(2.0, requires_grad=True)  # ✎ x = 2.0, tracked   ->   x = ...  # ✎ x = 2.0, tracked
    y.backward()                               # ✎ the backward pass  ->   ...      # ✎ the backward pass

A ✎ line that opens a block (it ends with ":") is replaced, together with its indented
block, by a single `...` line; ✎ comments stay in line with the cell's other comments.
Cells tagged "solutions-only" are left out; in markdown, a sentence written as an HTML
comment `<!-- learner: ... -->` is hidden in the solved notebook and shown in the learner's
(the link to the solved version, which in the solved notebook would point at itself);
relative links in markdown are rewritten so they point at the same files from the learner
notebook's folder; outputs and execution counts are removed. `make exercises` runs this script and then executes both notebooks,
so that both are stored with their outputs.
"""

import argparse
import ast
import copy
import posixpath
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLVED = ROOT / "notebooks" / "solutions" / "06_practice_exercises.ipynb"
LEARNER = ROOT / "notebooks" / "06_practice_exercises.ipynb"
MARKED = re.compile(r"^(?P<indent>\s*)(?P<code>\S.*?)\s+# ✎(?P<note>.*)$")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
SOLUTIONS_ONLY = "solutions-only"
LEARNER_ONLY = re.compile(r"<!-- learner: (?P<text>.*?) -->", re.S)


def placeholder(code):
    """Return what replaces one line of solution code: `target = ...` for an assignment, else `...`."""
    statement = ast.parse(code).body[0]
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        if isinstance(statement.targets[0], (ast.Tuple, ast.List)):
            raise ValueError(f"a ✎ line cannot unpack into several names (`... ` cannot be unpacked): {code}")
        return f"{ast.get_source_segment(code, statement.targets[0])} = ..."
    return "..."


def learner_source(source):
    """Return a code cell's source with each ✎ line (or ✎ block) replaced by its placeholder."""
    lines, out, marked = source.split("\n"), [], []
    index = 0
    while index < len(lines):
        match = MARKED.match(lines[index])
        index += 1
        if not match:
            out.append(lines[index - 1])
            continue
        indent, code = match["indent"], match["code"]
        if code.endswith(":"):  # a block: drop its indented body too
            while index < len(lines) and (not lines[index].strip() or
                                          len(lines[index]) - len(lines[index].lstrip()) > len(indent)):
                index += 1
            code = "..."
        else:
            code = placeholder(code)
        marked.append(len(out))
        out.append((indent + code, "# ✎" + match["note"], match.start("note") - 3))
    # ✎ comments line up: with the cell's other comments where it has some, else just after the longest placeholder
    other_comments = any(isinstance(line, str) and "  # " in line for line in out)
    width = max((len(out[i][0]) for i in marked), default=0) + 2
    for i in marked:
        code, comment, column = out[i]
        out[i] = code.ljust(max(width, column) if other_comments else width) + comment
    return "\n".join(out)


def relink(source, source_folder="solutions"):
    """Rewrite relative markdown links so they point at the same files from one folder up."""
    def rewrite(match):
        target = match["target"]
        if re.match(r"^([a-z]+:|#|/)", target):
            return match[0]
        return f"]({posixpath.relpath(posixpath.normpath(posixpath.join(source_folder, target)))})"
    return LINK.sub(rewrite, source)


def learner_notebook(solved):
    """Return the learner notebook made from the solved one (a new notebook; solved is left alone)."""
    notebook = copy.deepcopy(solved)
    cells = []
    for cell in notebook.cells:
        if SOLUTIONS_ONLY in cell.metadata.get("tags", []):
            continue
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.source = learner_source(cell.source)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = relink(LEARNER_ONLY.sub(lambda match: match["text"], cell.source))
        cells.append(cell)
    notebook.cells = cells
    return notebook


def cell_summary(notebook):
    """Return what must match between the committed learner notebook and a fresh one: type, tags, source."""
    return [(cell.cell_type, tuple(cell.metadata.get("tags", [])), cell.source) for cell in notebook.cells]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the learner notebook is up to date")
    args = parser.parse_args(argv)
    fresh = learner_notebook(nbformat.read(SOLVED, as_version=4))
    if args.check:
        committed = nbformat.read(LEARNER, as_version=4)
        if cell_summary(committed) != cell_summary(fresh):
            print(f"{LEARNER.relative_to(ROOT)} is out of date: run `make exercises`", file=sys.stderr)
            return 1
        print(f"{LEARNER.relative_to(ROOT)} is up to date")
        return 0
    nbformat.write(fresh, LEARNER)
    print(f"wrote {LEARNER.relative_to(ROOT)} from {SOLVED.relative_to(ROOT)}; now execute both (make exercises)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
