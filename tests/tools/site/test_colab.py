"""The Colab install lines go at the top of a lesson's setup cell, once, and keep it a valid setup cell."""

import shutil

import nbformat

from tests.course.test_lesson_template import setup_problems
from tools.site.colab import add_colab_lines, has_colab_lines, main
from tools.site.stage import ROOT


def test_the_lines_go_first_in_the_setup_cell_once_and_the_template_still_holds(tmp_path):
    path = tmp_path / "03_backward.ipynb"
    shutil.copy(ROOT / "notebooks" / "03_backward.ipynb", path)
    before = nbformat.read(path, as_version=4)
    assert not has_colab_lines(before) and main(["--check", str(path)]) == 1
    assert add_colab_lines(path) and not add_colab_lines(path)
    after = nbformat.read(path, as_version=4)
    assert has_colab_lines(after) and main(["--check", str(path)]) == 0
    setup = next(c for c in after.cells if c.cell_type == "code")
    assert setup.source.endswith(next(c for c in before.cells if c.cell_type == "code").source)
    assert setup.outputs == next(c for c in before.cells if c.cell_type == "code").outputs
    assert setup_problems(after.cells) == []
    assert len(after.cells) == len(before.cells)
