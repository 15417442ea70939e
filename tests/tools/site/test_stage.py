"""The site's copy of a notebook: explorers found and recorded, the run box, the solved title, links to the README."""

from pathlib import Path

import nbformat

from tools.site.stage import (ROOT, build_explorer, explorer_call, lessons, relink_readme, retitle, run_box,
                              widget_cells)

WIDGET = {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "Explorer(...)"}


def notebook(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def code(source, widget=False):
    cell = nbformat.v4.new_code_cell(source)
    if widget:
        cell.outputs = [nbformat.v4.new_output("execute_result", data=WIDGET, execution_count=1)]
    return cell


def test_lessons_are_found_not_listed_and_the_solved_ones_keep_their_folder():
    found = lessons()
    assert found[0] == Path("notebooks/01_enabling_autograd.ipynb")
    assert Path("notebooks/solutions/06_practice_exercises.ipynb") in found
    assert len(found) == len(list((ROOT / "notebooks").glob("*.ipynb"))) + 1


def test_an_explorer_cell_is_one_whose_last_line_calls_an_explorer_and_whose_output_is_a_widget():
    nb = notebook(code("from autograd_lessons.explorers import tangent_explorer\n\ntangent_explorer()", True),
                  code("tangent_explorer()"), code("x = 1", True), code("w.kink_explorer(x=0.5)", True))
    assert widget_cells(nb) == [0, 3]
    assert explorer_call(nb.cells[3].source) == "kink_explorer" and explorer_call("print(") is None


def test_an_explorer_that_needs_the_lessons_values_gets_them_from_the_cells_before_it():
    nb = notebook(code("import math\nx = 0.25"), code("raise ValueError('shown on purpose')"),
                  code("oops(", False),
                  code("from autograd_lessons.explorers import kink_explorer\nkink_explorer(x=x)", True))
    nb.cells[1].metadata["tags"] = ["raises-exception"]
    explorer = build_explorer(nb, 3)
    assert explorer.x.value == 0.25


def test_a_solved_notebook_says_so_in_its_title_and_a_lesson_does_not():
    lesson = notebook(nbformat.v4.new_markdown_cell("# Lesson 6 · Practice exercises\n\nWhy."))
    solved = notebook(nbformat.v4.new_markdown_cell("# Lesson 6 · Practice exercises\n\nWhy."))
    retitle(lesson, Path("notebooks/06_practice_exercises.ipynb"))
    retitle(solved, Path("notebooks/solutions/06_practice_exercises.ipynb"))
    assert lesson.cells[0].source.splitlines()[0] == "# Lesson 6 · Practice exercises"
    assert solved.cells[0].source.splitlines()[0] == "# Lesson 6 · Practice exercises (solved)"


def test_links_to_the_readme_go_to_the_landing_page_and_others_stay():
    nb = notebook(nbformat.v4.new_markdown_cell(
        "[the lessons](../README.md#the-lessons), [Lesson 2](02_computational_graph.ipynb), [x](https://e.org)"))
    relink_readme(nb, Path("notebooks/11_training_a_network.ipynb"))
    assert nb.cells[0].source == ("[the lessons](../index.md#the-lessons), [Lesson 2](02_computational_graph.ipynb), "
                                  "[x](https://e.org)")


def test_the_run_box_opens_this_notebook_and_names_both_make_commands():
    box = run_box(Path("notebooks/03_backward.ipynb"))
    assert "lab/tree/notebooks/03_backward.ipynb" in box and "/blob/main/notebooks/03_backward.ipynb" in box
    assert "`make lab`" in box and "`make test`" in box
