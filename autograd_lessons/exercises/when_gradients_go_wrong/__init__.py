"""Lesson 9's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.when_gradients_go_wrong import q1, q2, q3, q4``. Each starts from a cell
with a real bug and its real symptom: a nan gradient from the ``torch.where`` trap (q1),
"element 0 of tensors does not require grad" from a loss rebuilt out of ``.item()`` (q2),
a custom ``torch.autograd.Function`` whose backward gradcheck rejects (q3), a nan from
dividing by a zero that a ``torch.where`` masked too late (q4). The learner
passes their repaired function or class; the checker runs it under a time limit on fresh
tensors, and names the fix from what it does.
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_where_trap",
    "q2": "q2_connected_loss",
    "q3": "q3_custom_backward",
    "q4": "q4_masked_division",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
