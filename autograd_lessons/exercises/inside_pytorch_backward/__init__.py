"""Lesson 8's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.inside_pytorch_backward import q1, q2, q3, q4``. Three ask for a
prediction first, each judged against what PyTorch really does, run inside the checker:
the order the engine runs the nodes (q1, with ``trace_backward`` as the oracle), what a
tensor hook prints and what reaches the leaf (q2), which line of a cell raises and why
(q3). The fourth has the learner repair an in-place operation so that backward runs and
its gradient is right (q4), which ``.data`` would make silently wrong.
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_engine_order",
    "q2": "q2_hook_prints",
    "q3": "q3_which_line_raises",
    "q4": "q4_fix_in_place",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
