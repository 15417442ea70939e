"""Lesson 12's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.extending_autograd import q1, q2, q3, q4``. The learner
passes their own ``torch.autograd.Function`` class (q1-q3) or function (q4); the checker
runs it under a time bound on fresh float64 tensors and judges it by what it does: the
gradient it sends back with an upstream gradient that is not all ones and gradcheck (q1,
a backward that forgot ``grad_output``), gradcheck, gradgradcheck and ``vmap`` (q2, a SiLU
of their own), the gradients of a linear layer with and without a bias and the matrix
products its backward runs (q3, ``needs_input_grad``), and a gradient penalty's value and
the gradient it sends to the model's parameters (q4, ``create_graph=True``).
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_forgotten_grad_output",
    "q2": "q2_silu",
    "q3": "q3_linear_backward",
    "q4": "q4_gradient_penalty",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
