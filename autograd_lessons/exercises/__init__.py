"""The checked exercises: ``from autograd_lessons.exercises import q1``, then ``q1.check(answer)``.

The checking layer uses torch and ``compute/`` only, never drawing or widgets.
checking.py (verdicts), answers.py and gradients.py (reading what a learner passed) use torch only;
feedback.py shows a verdict as a coloured box with the standard library only;
question.py ties them together for one exercise (``graded_assignment()`` turns solutions off in
a graded one). Each lesson's questions live in a package
named after its notebook (practice_exercises/ holds Lesson 6's q1-q10, which this door
also exports), one module per question. Importing this package loads none of them: each name is
loaded on first use.
"""

from .._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    "q1": "practice_exercises.q1_one_variable",
    "q2": "practice_exercises.q2_two_variables",
    "q3": "practice_exercises.q3_reset",
    "q4": "practice_exercises.q4_three_variables",
    "q5": "practice_exercises.q5_none_gradients",
    "q6": "practice_exercises.q6_graph_cut",
    "q7": "practice_exercises.q7_two_losses",
    "q8": "practice_exercises.q8_vector_output",
    "q9": "practice_exercises.q9_run_twice",
    "q10": "practice_exercises.q10_update_step",
    "Question": "question",
    "graded_assignment": "question",
}

__all__ = sorted(_EXPORTS, key=lambda name: (len(name), name))

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
