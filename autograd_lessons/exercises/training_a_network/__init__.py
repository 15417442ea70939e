"""Lesson 11's exercises, one module each: find the bug in a training loop, then write the loop fixed.

``from autograd_lessons.exercises.training_a_network import q1, q2, q3, q4, q5``. Each question shows a
loop ``fit(model, X, y)`` with one bug: a missing ``zero_grad`` (q1), a backward through a
number made by ``.item()`` (q2), detached predictions (q3), an optimizer given the wrong
parameters (q4), an in-place change of a parameter under autograd's eyes (q5). The learner
passes their fixed ``fit``; ``loops.judge`` runs it on a fresh model and says what it did.
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_missing_zero_grad",
    "q2": "q2_backward_through_item",
    "q3": "q3_detached_predictions",
    "q4": "q4_wrong_parameters",
    "q5": "q5_in_place_update",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
