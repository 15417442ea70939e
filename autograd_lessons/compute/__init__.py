"""The torch-only layer: the maths and the data behind every lesson, explorer and checker.

Modules here import torch, the standard library and each other; sympy only inside the
functions that need it. Never matplotlib, ipywidgets or the other layers of the package:
``drawing/`` draws what these modules compute, ``explorers/`` wires widgets to them, and
``exercises/`` checks a learner's answers with them (tests/course/test_layers.py keeps it so).
"""
