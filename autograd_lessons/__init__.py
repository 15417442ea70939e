"""Helpers for the autograd-lessons notebooks: draw graphs, plot tangents, check derivatives.

The lessons make every autograd call themselves; these helpers only compute
reference answers, draw, wire widgets and check exercises. Its folders are its
layers, and imports flow one way::

    compute/     torch only: the maths and data behind everything else
    drawing/     matplotlib: pictures of what compute/ computes
    explorers/   ipywidgets: controls wired to compute/ and drawing/
    exercises/   checkers: use compute/ only, never drawing or widgets

Importing the package is cheap: each name below is loaded from its module the
first time it is used, so ``import autograd_lessons`` never pulls in matplotlib
or sympy by itself.
"""

from ._lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "finite_difference": "compute.calculus",
    "autograd_derivative": "compute.calculus",
    "derivative_curve": "compute.calculus",
    "sympy_derivative": "compute.calculus",
    "tangent_line": "compute.calculus",
    "parse_expression": "compute.expressions",
    "tangent_readout": "compute.tangent",
    "AccumulationLab": "compute.accumulation",
    "gradient_readout": "compute.descent",
    "GradientDescent": "compute.descent",
    "build_graph": "compute.graph",
    "graph_text": "compute.graph",
    "record_values": "compute.graph",
    "layered_layout": "compute.layout",
    "draw_graph": "drawing.graph_drawing",
    "plot_tangent": "drawing.plots",
    "plot_loss_curve": "drawing.plots",
    "plot_gradient_field": "drawing.plots",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
