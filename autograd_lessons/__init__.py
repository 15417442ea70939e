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

from ._lazy import keep_old_paths, lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it (loaded on first use, PEP 562), grouped by the lesson that
# introduces it; a lesson imports from here, autograd_lessons.explorers and autograd_lessons.exercises only
_EXPORTS = {
    # what many lessons use: derivatives three ways, formulas, the graph as data and as a picture
    "finite_difference": "compute.calculus",
    "autograd_derivative": "compute.calculus",
    "derivative_curve": "compute.calculus",
    "sympy_derivative": "compute.calculus",
    "tangent_line": "compute.calculus",
    "parse_expression": "compute.expressions",
    "build_graph": "compute.graph",
    "graph_text": "compute.graph",
    "record_values": "compute.graph",
    "layered_layout": "compute.layout",
    "draw_graph": "drawing.graph_drawing",
    # Lesson 1 · Enabling autograd
    "tensor_state": "compute.enabling_autograd",
    # Lesson 2 · The computational graph
    "dynamic_graph": "compute.computational_graph",
    # Lesson 3 · Computing gradients with .backward()
    "tangent_readout": "compute.backward",
    "plot_tangent": "drawing.backward",
    # Lesson 4 · Accessing and resetting gradients
    "AccumulationLab": "compute.accessing_and_resetting_gradients",
    # Lesson 5 · Backpropagation in action
    "gradient_readout": "compute.backprop_in_action",
    "GradientDescent": "compute.backprop_in_action",
    "plot_loss_curve": "drawing.backprop_in_action",
    "plot_gradient_field": "drawing.backprop_in_action",
    # Lesson 7 · Build your own autograd
    "engine_graph": "compute.build_your_own_autograd.engine_graph",
    "step_backward": "compute.build_your_own_autograd.engine_steps",
    # Lesson 8 · Inside PyTorch's backward
    "trace_backward": "compute.inside_pytorch_backward",
    "example_trace": "compute.inside_pytorch_backward",
    # Lesson 9 · When gradients go wrong
    "kink_readout": "compute.when_gradients_go_wrong",
    # Lesson 10 · Beyond one gradient
    "pass_counts": "compute.beyond_one_gradient.jacobian_cost",
    "network": "compute.beyond_one_gradient.jacobian_cost",
    "jacobian_by_jvps": "compute.beyond_one_gradient.jacobian_cost",
    "jacobian_by_vjps": "compute.beyond_one_gradient.jacobian_cost",
    "second_order": "compute.beyond_one_gradient.curvature",
    "descend": "compute.beyond_one_gradient.curvature",
    "curvature_remark": "compute.beyond_one_gradient.curvature",
    "plot_second_order": "drawing.beyond_one_gradient",
    "plot_paths": "drawing.beyond_one_gradient",
    # Lesson 11 · Training a network
    "two_moons": "compute.training_a_network",
    "grid": "compute.training_a_network",
    "deep_mlp": "compute.training_a_network",
    "TrainingRun": "compute.training_a_network",
    "layer_grad_norms": "compute.training_a_network",
    "gradient_flow_verdict": "compute.training_a_network",
    "graph_kept_alive": "compute.training_a_network",
    "fresh_model_and_data": "compute.training_a_network",
    "plot_decision_boundary": "drawing.training_a_network",
    "plot_loss_history": "drawing.training_a_network",
    # Lesson 12 · Extending autograd
    "jacobian_readout": "compute.extending_autograd.readout",
    # Lesson 13 · Memory and time
    "memory_net": "compute.memory_and_time.saved_memory",
    "memory_data": "compute.memory_and_time.saved_memory",
    "saved_memory": "compute.memory_and_time.saved_memory",
    "kilobytes": "compute.memory_and_time.saved_memory",
    "checkpoint_costs": "compute.memory_and_time.checkpointing",
    "gradient_sample": "compute.memory_and_time.loss_scale",
    "scale_shares": "compute.memory_and_time.loss_scale",
    "plot_saved_memory": "drawing.memory_and_time",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

# Where the lessons imported from before each lesson's code took the lesson's name (issue 17): a lesson a
# learner changed before that keeps running. Old module -> (where its names live now, renamed names).
_OLD_PATHS = {
    f"{__name__}.{old}": (f"{__name__}{new}", renamed) for old, new, renamed in [
        ("tensor_state", "", {}),
        ("dynamic_graph", "", {}),
        ("compute.engine_graph", "", {}),
        ("compute.engine_steps", "", {}),
        ("compute.backward_trace", "", {}),
        ("compute.kinks", "", {}),
        ("compute.jacobian_cost", "", {}),
        ("compute.second_order", "", {}),
        ("compute.training", "", {}),
        ("drawing.curvature", "", {}),
        ("drawing.training_plots", "", {}),
        ("explorers.curvature", "", {"remark": "curvature_remark"}),
        ("explorers.gradient_flow", "", {"verdict": "gradient_flow_verdict"}),
        ("exercises.engine", ".exercises.build_your_own_autograd", {}),
        ("exercises.inside_backward", ".exercises.inside_pytorch_backward", {}),
        ("exercises.gone_wrong", ".exercises.when_gradients_go_wrong", {}),
        ("exercises.training", ".exercises.training_a_network", {}),
        ("exercises.training.loops", "", {"fresh": "fresh_model_and_data"}),
    ]
}
keep_old_paths(__name__, _OLD_PATHS)
