"""Sphinx's configuration for the course's web site (``make site``): Sphinx + myst-nb + sphinx-book-theme.

Chosen by measurement (issue 21): it built every notebook from its stored outputs in 6.4 s with no
warning, offline, with launch buttons; Jupyter Book 2 downloads its theme at build time, and plain
nbconvert let the solved Lesson 6 overwrite the learner's. Nothing is executed
(``nb_execution_mode = "off"``); nothing is fetched by the built pages: MathJax is served with the
site (from npm, copied by ``build.py``) and the stored widget state, which would pull the widget
manager from a CDN, is dropped by ``stage.py``. Sources come from build/site-src/, which
``stage.py`` makes from the course's files.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.site import launch  # noqa: E402

STAGED = ROOT / "build" / "site-src"

project = "Autograd lessons"
author = "the autograd-lessons authors"
language = "en"
extensions = ["myst_nb", "sphinx.ext.mathjax"]
root_doc = "index"
exclude_patterns = ["README.md", "_frames", "_mathjax", "**/.ipynb_checkpoints"]
suppress_warnings = ["myst.header"]  # a lesson's title is its only level-1 heading; sections start at level 2

nb_execution_mode = "off"
nb_ipywidgets_js = {}  # the stored widget state is dropped; explorers are recorded (tools/site/frames.py)
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 2

html_theme = "sphinx_book_theme"
html_title = "Autograd lessons"
html_static_path = [str(ROOT / "docs" / "site" / "static"), str(STAGED / "_frames"), str(STAGED / "_mathjax")]
html_css_files = ["explorer.css"]
html_js_files = ["explorer.js", "scrollable.js"]
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "repository_url": launch.REPOSITORY,
    "repository_branch": launch.BRANCH,
    "path_to_docs": "",
    "use_repository_button": True,
    "use_download_button": False,  # it would offer the staged copy of a notebook, not the course's own
    "launch_buttons": {"binderhub_url": launch.BINDER, "colab_url": launch.COLAB, "notebook_interface": "jupyterlab"},
    "show_toc_level": 2,
}

# MathJax 4 from npm, served from _static/mathjax/; its font from _static/mathjax/fonts/ (never a CDN)
mathjax_path = "mathjax/tex-mml-chtml.js"
mathjax4_config = {"loader": {"paths": {"fonts": "[mathjax]/fonts"}}}
