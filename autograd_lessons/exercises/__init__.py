"""The checked exercises of Lesson 6: ``from autograd_lessons.exercises import q1``, then ``q1.check(answer)``.

Imports flow one way. checking.py (verdicts) and answers.py (reading what a learner
passed) use torch only; feedback.py shows a verdict as a coloured box with the standard
library only; question.py ties them together for one exercise; original.py (q1-q4, the
original notebook's exercises) and mistakes.py (q5-q10, one classic mistake each)
define the exercises. Importing this package loads none of them: each name is loaded
on first use.
"""

from .._lazy import lazy_exports

# public name -> module that defines it (loaded on first use, PEP 562)
_EXPORTS = {
    **{f"q{n}": "original" for n in range(1, 5)},
    **{f"q{n}": "mistakes" for n in range(5, 11)},
    "Question": "question",
}

__all__ = sorted(_EXPORTS, key=lambda name: (len(name), name))

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
