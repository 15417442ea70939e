"""Independent learner answers to every lesson's checked exercises, each with its verdict and its cause.

Written from how people really get these exercises wrong, not from the checkers' code: one
file per lesson, named after the lesson's notebook (``practice_exercises.py`` for Lesson 6),
each entry an ``Answer``: the question, a name, a function that builds what the check line
passes by running the learner's code with PyTorch, the status the checker must give, the
words its message must contain (the cause), and words it must not contain (a false cause).

    .venv/bin/python -m tests.learner_answers      # how many answers the checkers misjudge, and which

It judges the package beside it, so the count for another commit is a copy away:
`git archive <commit> autograd_lessons tests/learner_answers | tar -x -C DIR`, then run it in DIR.
tests/course/test_learner_answers.py asserts that none is misjudged.
"""

from . import practice_exercises  # noqa: F401  (each lesson's file adds its answers to ANSWERS)
from . import build_your_own_autograd  # noqa: F401
from . import inside_pytorch_backward  # noqa: F401
from . import when_gradients_go_wrong  # noqa: F401
from . import beyond_one_gradient  # noqa: F401
from . import training_a_network  # noqa: F401
from . import extending_autograd  # noqa: F401
from . import memory_and_time  # noqa: F401
from .core import ANSWERS, Answer, answer, misjudgement, question_of  # noqa: F401
