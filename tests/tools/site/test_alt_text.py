"""Every stored figure of every notebook has alt text written for the lesson (tools/site/alt_text.py).

This test reads whatever notebooks exist: a lesson added later is held to it the moment it lands.
"""

import nbformat
import pytest

from tools.site.alt_text import alt_problem, missing_alt_text, notebooks, set_alt_text


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_every_figure_has_alt_text_that_says_what_it_shows(path):
    assert missing_alt_text(path) == [], (
        "write what each figure shows in its cell's metadata, {'mystnb': {'image': {'alt': '…'}}}: "
        "python tools/site/alt_text.py lists them")


@pytest.mark.parametrize("text,problem", [("", "no alt text"), ("figure.png", "file name"),
                                          ("../_images/48ea5a12.png", "file name"), ("a plot", "too short")])
def test_unusable_alt_text_is_refused(text, problem):
    assert problem in alt_problem(text)


def test_good_alt_text_passes_and_is_written_where_myst_nb_reads_it(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("plot()", outputs=[
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})])])
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    assert missing_alt_text(path) == [(0, "no alt text")]
    set_alt_text(path, {0: "The parabola y = x² and its tangent at x = 3, whose slope is 6."})
    assert missing_alt_text(path) == []
    cell = nbformat.read(path, as_version=4).cells[0]
    assert cell.metadata["mystnb"]["image"]["alt"].startswith("The parabola")
