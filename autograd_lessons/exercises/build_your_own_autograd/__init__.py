"""Lesson 7's exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

``from autograd_lessons.exercises.build_your_own_autograd import q1, q2, q3``. Each asks the learner to give
their own ``Value`` class one more op, its ``_backward`` written by them: ``exp`` (q1),
``**`` with a Value exponent (q2), ``sigmoid`` (q3). ``qN.check(Value)`` runs the class
against PyTorch (oracle.py): each op alone, also followed by ``* 3`` so the gradient reaching
it is not 1, the question's own cases, a diamond and random expressions. It names the
expression and the input where they first disagree, and the mistake it finds by running the
class's ops on their own and counting its backward's calls (diagnosis.py; causes.py explains each).
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "q1_exp_backward",
    "q2": "q2_pow_backward",
    "q3": "q3_sigmoid_backward",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
