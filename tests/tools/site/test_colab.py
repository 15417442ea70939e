"""The Colab install lines go at the top of a lesson's setup cell, once, and keep it a valid setup cell."""

import nbformat

from tests.course.test_lesson_template import setup_problems
from tools.site.colab import add_colab_lines, has_colab_lines, main
from tools.site.launch import colab_install_cell
from tools.site.stage import ROOT


def test_the_lines_go_first_in_the_setup_cell_once_and_the_template_still_holds(tmp_path):
    path = tmp_path / "03_backward.ipynb"
    lesson = nbformat.read(ROOT / "notebooks" / "03_backward.ipynb", as_version=4)
    setup = next(c for c in lesson.cells if c.cell_type == "code")
    setup.source = setup.source.removeprefix(colab_install_cell() + "\n")  # the lesson as it was before the lines
    nbformat.write(lesson, path)
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


def test_every_lesson_and_the_solved_exercises_start_with_the_colab_lines():
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
    assert len(paths) >= 14 and main(["--check", *map(str, paths)]) == 0


def test_lines_for_another_repository_replace_the_old_ones(tmp_path):
    path = tmp_path / "03_backward.ipynb"
    nbformat.write(nbformat.read(ROOT / "notebooks" / "03_backward.ipynb", as_version=4), path)
    moved = colab_install_cell(repository="https://github.com/someone/course", branch="term-2")
    assert add_colab_lines(path, moved) and not add_colab_lines(path, moved)
    setup = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert setup.source.startswith(moved) and setup.source.count("google.colab") == 2  # the check and the import
    assert "autograd-lessons/autograd-lessons" not in setup.source
