"""The explorers: small widgets where a slider or a button drives autograd and the picture answers.

Each ``*_explorer()`` returns a widget and displays nothing by itself; put it
last in a cell to see it. Its controls are attributes (``explorer.x`` is the
slider), so a test, or a curious learner, can set them from Python. The maths
behind every explorer is a plain function in the package's torch-only layer.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "tensor_state_explorer": "tensor_state",
    "live_graph_explorer": "live_graph",
    "tangent_explorer": "tangent",
    "accumulation_explorer": "accumulation",
    "gradient_explorer": "gradient",
    "descent_explorer": "descent",
    "backward_replay_explorer": "backward_replay",
    "engine_stepper_explorer": "engine_stepper",
    "training_explorer": "training",
    "gradient_flow_explorer": "gradient_flow",
    "kink_explorer": "kinks",
    "jacobian_cost_explorer": "jacobian_cost",
    "curvature_explorer": "curvature",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
