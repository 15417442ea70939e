"""Lesson 6's ten exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

Each module has all a maintainer needs to know about its question: the title, the
hints, the solution and the checker, whose parameters are the answers the exercise
cell passes (``q5.check(w, b)``). The first four are the exercises of the
notebook the course grew from (one variable, two variables, gradients that add up and a reset, three
variables); q5-q10 are built on mistakes learners really make, one from each of
Lessons 1-5: a ``.grad`` that stays None, a graph cut by ``torch.no_grad()``, a
second backward through a freed graph, backward from a vector, gradients that add
up across runs of a cell, and an update that turns a weight into a non-leaf.
"""

from ..._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562); autograd_lessons.exercises exports them too
_EXPORTS = {
    "q1": "q1_one_variable",
    "q2": "q2_two_variables",
    "q3": "q3_reset",
    "q4": "q4_three_variables",
    "q5": "q5_none_gradients",
    "q6": "q6_graph_cut",
    "q7": "q7_two_losses",
    "q8": "q8_vector_output",
    "q9": "q9_run_twice",
    "q10": "q10_update_step",
}

__all__ = sorted(_EXPORTS, key=lambda name: (len(name), name))

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
