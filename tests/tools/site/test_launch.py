"""Where the run links go, and the Colab install cell."""

import ast

from tools.site.launch import binder_url, colab_install_cell, colab_url, github_parts


def test_links_open_the_notebook_at_its_path_in_the_repository():
    repository = "https://github.com/someone/autograd-lessons"
    assert github_parts(repository + ".git") == ("someone", "autograd-lessons")
    assert binder_url("notebooks/03_backward.ipynb", repository, "main") == (
        "https://mybinder.org/v2/gh/someone/autograd-lessons/main?urlpath=lab/tree/notebooks/03_backward.ipynb")
    assert colab_url("notebooks/solutions/06_practice_exercises.ipynb", repository, "main") == (
        "https://colab.research.google.com/github/someone/autograd-lessons/blob/main/"
        "notebooks/solutions/06_practice_exercises.ipynb")


def test_the_colab_cell_is_plain_python_that_does_nothing_outside_colab():
    cell = colab_install_cell("https://github.com/someone/autograd-lessons", "main")
    tree = ast.parse(cell)
    assert cell.startswith("# extra code – ")
    assert "git+https://github.com/someone/autograd-lessons@main" in cell
    assert "enable_custom_widget_manager()" in cell and "--no-deps" not in cell
    namespace = {}
    exec(compile(tree, "<cell>", "exec"), namespace)  # not on Colab: nothing is installed, nothing raised
    assert "output" not in namespace
