"""The explorers: small widgets where a slider or a button drives autograd and the picture answers.

Each ``*_explorer()`` returns a widget and displays nothing by itself; put it
last in a cell to see it. Its controls are attributes (``explorer.x`` is the
slider), so a test, or a curious learner, can set them from Python. The maths
behind every explorer is a plain function in the package's torch-only layer.
"""

from .._lazy import lazy_exports

_EXPORTS = {  # explorer -> its module, named after the lesson that shows it
    "tensor_state_explorer": "enabling_autograd",
    "live_graph_explorer": "computational_graph",
    "tangent_explorer": "backward",
    "accumulation_explorer": "accessing_and_resetting_gradients",
    "gradient_explorer": "backprop_in_action.gradient",
    "descent_explorer": "backprop_in_action.descent",
    "engine_stepper_explorer": "build_your_own_autograd",
    "backward_replay_explorer": "inside_pytorch_backward",
    "kink_explorer": "when_gradients_go_wrong",
    "jacobian_cost_explorer": "beyond_one_gradient.jacobian_cost",
    "curvature_explorer": "beyond_one_gradient.curvature",
    "training_explorer": "training_a_network.training",
    "gradient_flow_explorer": "training_a_network.gradient_flow",
    # Lesson 12 · Extending autograd
    "gradcheck_explorer": "extending_autograd",
    # Lesson 13 · Memory and time
    "checkpoint_explorer": "memory_and_time.checkpointing",
    "loss_scale_explorer": "memory_and_time.loss_scale",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
