"""Lesson 13's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.memory_and_time import q1, q2, q3``. q1 has the learner run a
block of a network through ``checkpoint`` and is judged by the memory its forward saved and
the gradients its backward gave; q2 has them order ``GradScaler``, clipping and the optimizer
in a mixed-precision step, judged by what the step did to the weights, the scale and the
norm it returned; q3 asks why bfloat16 gradients differ from float32 ones and by how much,
judged against the same gradients computed here, with PyTorch measuring each possible cause.
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_checkpoint_block",
    "q2": "q2_scaler_order",
    "q3": "q3_bfloat16_gradients",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
