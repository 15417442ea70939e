"""Lesson 10's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.beyond_one_gradient import q1, q2, q3, q4``. q1 asks which
mode builds a whole Jacobian in fewer passes, for two shapes, judged against the pass
counts. The other three have the learner write a function, which the checker runs under
a time bound on inputs of its own and judges by what it returns: a JVP with
``torch.autograd.forward_ad`` (q2, also on a function that has no backward at all),
per-sample gradients with ``vmap(grad(...))`` (q3, against a loop), and a
Hessian-vector product (q4, against the full Hessian).
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_cheaper_mode",
    "q2": "q2_jvp_forward_ad",
    "q3": "q3_per_sample_grads",
    "q4": "q4_hessian_vector_product",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
