"""The site's sources, made from the course's files in build/site-src/: what Sphinx reads, never the originals.

It mirrors the repository's layout (``notebooks/``, ``notebooks/solutions/``, ``docs/images/``,
``docs/instructors.md``, ``README.md``), so every link the lessons and the README already hold works as it is, and a
solved notebook's page lives at its own path. Each notebook is copied with its stored outputs, and
changed in the copy only: every explorer's widget output (which shows nothing without a kernel)
becomes the explorer recorded frame by frame (``frames.py``); a "run this lesson" box follows the
title; a solved notebook's title says it is solved; a link to the README goes to the landing page;
the saved widget state goes. Nothing is executed, except for an explorer whose call names a value
the lesson made (Lesson 7's ``engine_stepper_explorer(z)``): then that lesson's cells before it run,
in this process, with their outputs thrown away.
"""

import ast
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import warnings
from pathlib import Path

import nbformat

from tools.site import launch
from tools.site.explorers import spec_for
from tools.site.frames import record
from tools.site.static_html import explorer_html, note_html, write_frames

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "site-cache"
WIDGET = "application/vnd.jupyter.widget-view+json"
LINK = re.compile(r"\]\((?P<target>[^)\s#]*)(?P<anchor>#[^)\s]*)?\)")


def lessons(root=ROOT):
    """The notebooks of the site, as paths relative to root: the lessons in order, then the solved ones."""
    folder = root / "notebooks"
    found = sorted(folder.glob("*.ipynb")) + sorted((folder / "solutions").glob("*.ipynb"))
    return [path.relative_to(root) for path in found]


def run_box(relative):
    """The "run this lesson" box: Binder, Colab, and the two make commands."""
    return ("```{admonition} Run this lesson\n:class: tip\n"
            f"[Open it on Binder]({launch.binder_url(relative.as_posix())}) · "
            f"[Open it in Colab]({launch.colab_url(relative.as_posix())}) · "
            "or on your own machine, in the course's folder: `make lab` opens JupyterLab on your own copy of the "
            "lessons, and `make test` checks that every lesson still prints what it says.\n```")


def explorer_call(source):
    """The name of the ``*_explorer`` a cell's last line calls, or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        func = last.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name if name.endswith("_explorer") else None
    return None


def evaluate(source, namespace):
    """Run a cell's statements in namespace and return the value of its last line."""
    tree = ast.parse(source)
    body, last = tree.body[:-1], tree.body[-1]
    exec(compile(ast.Module(body=body, type_ignores=[]), "<explorer cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<explorer cell>", "eval"), namespace)


def run_quietly(cells, namespace):
    """Run a lesson's code cells in namespace, outputs thrown away; a cell that raises (on purpose or not) is skipped."""
    from IPython.core.inputtransformer2 import TransformerManager

    transform = TransformerManager().transform_cell
    for cell in cells:
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(compile(transform(cell.source), "<lesson cell>", "exec"), namespace)
            except Exception:  # noqa: BLE001 – a cell that needs a kernel or shows an error: not needed here
                pass


def build_explorer(notebook, index):
    """The live explorer a notebook's cell makes: from its own line, or after the lesson's cells before it."""
    namespace = {"__name__": "__lesson__"}
    try:
        return evaluate(notebook.cells[index].source, namespace)
    except NameError:
        run_quietly(notebook.cells[:index], namespace)
        return evaluate(notebook.cells[index].source, namespace)


def stage_explorer(notebook, index, relative, frames_root, number):
    """Record the explorer of cell `index` and put the page's explorer in place of its widget output."""
    cell = notebook.cells[index]
    name = explorer_call(cell.source)
    explorer = build_explorer(notebook, index)
    spec = spec_for(name, explorer)
    if spec is None:
        return None
    recording = record(name, spec, explorer)
    ident = f"{relative.stem}-{number}"
    size = write_frames(recording, frames_root / "explorers" / ident)
    depth = len(relative.parts) - 1
    frames_url = "../" * depth + f"_static/explorers/{ident}/"
    note = note_html(recording.adds, launch.binder_url(relative.as_posix()), launch.colab_url(relative.as_posix()))
    page = explorer_html(recording, f"ag-{ident}", frames_url, size, note)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": page})]
    return recording


def widget_cells(notebook):
    """The indices of the code cells whose stored output is a widget made by an ``*_explorer`` call."""
    return [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            and any(WIDGET in out.get("data", {}) for out in cell.get("outputs", []))
            and explorer_call(cell.source)]


def retitle(notebook, relative):
    """A solved notebook's title says it is solved, so its page never shares a title with the lesson's."""
    if relative.parent.name != "solutions":
        return
    first = notebook.cells[0]
    lines = first.source.split("\n")
    if lines and lines[0].startswith("# ") and "solved" not in lines[0].lower():
        lines[0] += " (solved)"
        first.source = "\n".join(lines)


def relink_readme(notebook, relative, root=ROOT):
    """Point the notebook's links to the README at the landing page, which holds the same sections."""
    def fix(match):
        """The link, its target moved from the README to index.md when it names the README."""
        target = match["target"]
        if target and (root / relative.parent / target).resolve() == (root / "README.md").resolve():
            target = target[: -len("README.md")] + "index.md"
        return f"]({target}{match['anchor'] or ''})"

    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(fix, cell.source)


def summary(recording):
    """What the build reports of an explorer's recording: its name, frames, pictures and bytes."""
    return {"explorer": recording.name, "frames": len(recording.frames), "pictures": len(recording.images),
            "bytes": recording.size()}


def digest(relative, root=ROOT):
    """A fingerprint of everything a notebook's staged copy depends on: the notebook, the package, this tool."""
    hashed = hashlib.sha256((root / relative).read_bytes())
    for folder in (root / "autograd_lessons", root / "tools" / "site"):
        for path in sorted(folder.rglob("*.py")):
            hashed.update(path.as_posix().encode() + path.read_bytes())
    hashed.update(f"{launch.REPOSITORY} {launch.BRANCH}".encode())
    return hashed.hexdigest()[:16]


def stage_notebook(relative, out, root=ROOT, cache=CACHE):
    """Write the site's copy of one notebook (and its explorers' frames) into out; return their summaries.

    The result is kept in build/site-cache/ under a fingerprint of its inputs, so a second build with
    nothing changed copies it instead of recording the frames again (``AG_SITE_NO_CACHE=1`` turns this off).
    """
    kept = cache / f"{relative.as_posix().replace('/', '_')}-{digest(relative, root)}"
    if not (kept / "done.json").exists() or os.environ.get("AG_SITE_NO_CACHE"):
        if kept.exists():
            shutil.rmtree(kept)
        notebook = nbformat.read(root / relative, as_version=4)
        notebook.metadata.pop("widgets", None)
        recordings = [stage_explorer(notebook, index, relative, kept / "_frames", number)
                      for number, index in enumerate(widget_cells(notebook), start=1)]
        retitle(notebook, relative)
        relink_readme(notebook, relative, root)
        notebook.cells.insert(1, nbformat.v4.new_markdown_cell(run_box(relative)))
        (kept / relative).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, kept / relative)
        summaries = [summary(r) for r in recordings if r is not None]
        (kept / "done.json").write_text(json.dumps(summaries))
    shutil.copytree(kept, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("done.json"))
    return json.loads((kept / "done.json").read_text())


# pages of docs/ the README links to, each a page of the site after the lessons
DOCS = [Path("docs") / "instructors.md"]


def index_page(pages):
    """The landing page: the README from its top to its lessons table, and the table of contents."""
    template = (ROOT / "docs" / "site" / "index.md").read_text()
    toc = "\n".join(page.with_suffix("").as_posix() for page in pages + DOCS)
    return (template.replace("{{ lessons }}", toc).replace("{{ binder }}", launch.binder_url("notebooks"))
            .replace("{{ colab }}", launch.colab_url(pages[0].as_posix())))


def stage(out, root=ROOT):
    """Make the whole of build/site-src/ afresh; return {notebook: [summaries of its explorers]}."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy2(root / "README.md", out / "README.md")
    shutil.copytree(root / "docs" / "images", out / "docs" / "images")
    for page in DOCS:
        shutil.copy2(root / page, out / page)
    pages = lessons(root)
    recordings = {page: stage_notebook(page, out, root) for page in pages}
    (out / "index.md").write_text(index_page(pages))
    return recordings
