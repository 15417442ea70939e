"""Lesson 9's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.when_gradients_go_wrong import q1, q2, q3``. Each starts from a cell
with a real bug and its real symptom: a nan gradient from the ``torch.where`` trap (q1),
"element 0 of tensors does not require grad" from a loss rebuilt out of ``.item()`` (q2),
a nan from dividing by a zero that a ``torch.where`` masked too late (q3). The learner
passes their repaired function; the checker runs it under a time limit on fresh
tensors, and names the fix from what it does.

Before the custom ``Function`` exercise moved to Lesson 12, the masked division was q4: a copy of
the lesson kept from then still imports ``q4``, which is the same question as ``q3`` (not listed
in ``__all__``, so a new lesson never shows it).
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_where_trap",
    "q2": "q2_connected_loss",
    "q3": "q3_masked_division",
}

__all__ = sorted(_EXPORTS)

# q4: the masked division's old name; lazy_exports reads `q4` from the module, which defines it as q3
__getattr__, __dir__ = lazy_exports(__name__, {**_EXPORTS, "q4": "q3_masked_division"})
