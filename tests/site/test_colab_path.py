"""The Colab path, as far as it can be tested here: a fresh environment with Colab's kind of stack (torch 2.13.0
from disk standing in for Colab's, an older ipykernel, ipywidgets 7, the rest unpinned), then the lesson's
Colab install cell, then Lesson 3 top to bottom in that kernel, its explorer built.

What Colab itself adds is stood in for by a stub ``google.colab`` whose ``output.enable_custom_widget_manager``
leaves a mark; the course is installed from this repository's own commit (file://), not from GitHub.
"""

import json
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest

from tools.site.colab import add_colab_lines
from tools.site.launch import colab_install_cell

ROOT = Path(__file__).resolve().parents[2]
WHERE = ROOT / "build" / "colab-path"
STACK = ["torch==2.13.0", "ipykernel<7", "ipywidgets<8", "matplotlib", "sympy", "nbclient", "nbformat"]
STUB = '''def enable_custom_widget_manager():
    """Stands in for Colab's: leaves a mark that the install cell called it."""
    open(__file__ + ".called", "w").write("yes")
'''
VERSIONS = "import json, torch, ipykernel, ipywidgets; print(json.dumps([torch.__version__, ipykernel.__version__, " \
           "ipywidgets.__version__]))"


def run(*command, seconds=900):
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds)


@pytest.fixture(scope="module")
def colab_like():
    """A fresh venv with Colab's kind of stack and a stub google.colab; yield its python."""
    if WHERE.exists():
        subprocess.run(["rm", "-rf", str(WHERE)], check=True)
    venv.create(WHERE / "venv", with_pip=True)
    python = WHERE / "venv" / "bin" / "python"
    run(str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip")  # Colab's pip is recent, not 3.11's own
    run(str(python), "-m", "pip", "install", "--quiet", *STACK)
    site = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "google" / "colab").mkdir(parents=True)
    (site / "google" / "colab" / "__init__.py").write_text("")
    (site / "google" / "colab" / "output.py").write_text(STUB)
    return python, site


def lesson_with_install_lines(commit, path):
    """Lesson 3 as it opens on Colab: google.colab loaded, the install lines atop its setup cell (colab.py)."""
    lesson = nbformat.read(ROOT / "notebooks" / "03_backward.ipynb", as_version=4)
    for cell in lesson.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    setup = next(cell for cell in lesson.cells if cell.cell_type == "code")
    setup.source = setup.source.removeprefix(colab_install_cell() + "\n")  # GitHub's lines, for this commit's
    nbformat.write(lesson, path)
    add_colab_lines(path, colab_install_cell(repository=f"file://{ROOT}", branch=commit))
    lesson = nbformat.read(path, as_version=4)
    lesson.cells.insert(0, nbformat.v4.new_code_cell("import google.colab  # Colab's kernel has it loaded"))
    nbformat.write(lesson, path)


def test_the_install_cell_adds_the_course_beside_colabs_torch_and_kernel_and_lesson_3_runs(colab_like):
    python, site = colab_like
    before = json.loads(run(str(python), "-c", VERSIONS).stdout)
    commit = run("git", "-C", str(ROOT), "rev-parse", "HEAD").stdout.strip()
    path = WHERE / "lesson.ipynb"
    lesson_with_install_lines(commit, path)
    runner = ("import nbformat, nbclient, sys; nb = nbformat.read(sys.argv[1], 4); "
              "nbclient.NotebookClient(nb, timeout=600, kernel_name='python3').execute(); "
              "nbformat.write(nb, sys.argv[1])")
    run(str(python), "-c", runner, str(path), seconds=1200)
    after = json.loads(run(str(python), "-c", VERSIONS).stdout)
    assert after[0] == before[0] and after[0].startswith("2.13.0"), "Colab's torch must stay"
    assert after[1] == before[1], "Colab's kernel must stay"
    assert before[2].startswith("7.") and after[2].startswith("8."), "ipywidgets 8, which the explorers need"
    assert (site / "google" / "colab" / "output.py.called").exists(), "the custom widget manager is turned on"
    ran = nbformat.read(path, as_version=4)
    errors = [c.source[:60] for c in ran.cells if c.cell_type == "code" and "raises-exception" not in
              c.metadata.get("tags", []) and any(o.output_type == "error" for o in c.outputs)]
    assert errors == []
    explorer = [c for c in ran.cells if c.cell_type == "code" and "tangent_explorer()" in c.source][0]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in explorer.outputs)
