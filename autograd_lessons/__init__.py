"""Helpers for the autograd-lessons notebooks: draw graphs, plot tangents, check derivatives.

The lessons make every autograd call themselves; these helpers only compute
reference answers, draw, and (later) wire widgets. Importing the package is
cheap: each name below is loaded from its module the first time it is used,
so ``import autograd_lessons`` never pulls in matplotlib or sympy by itself.
"""

from ._lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "finite_difference": "calculus",
    "autograd_derivative": "calculus",
    "derivative_curve": "calculus",
    "sympy_derivative": "calculus",
    "tangent_line": "calculus",
    "parse_expression": "expressions",
    "tangent_readout": "tangent",
    "AccumulationLab": "accumulation",
    "gradient_readout": "descent",
    "GradientDescent": "descent",
    "build_graph": "graph",
    "graph_text": "graph",
    "record_values": "graph",
    "layered_layout": "layout",
    "draw_graph": "graph_drawing",
    "plot_tangent": "plots",
    "plot_loss_curve": "plots",
    "plot_gradient_field": "plots",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
