"""What Lesson 10's checkers share: run a learner's function under a time bound and read the tensor it returns."""

import torch

from ..answers import describe
from ...compute.bounded import error_text, run_bounded
from ..checking import incorrect, not_attempted

SECONDS = 2.0  # the time bound on one call of the learner's function (the checker's own work is not counted)


def function_problem(value, name, signature):
    """Return why value is not a function the checker can call, or None if it is."""
    if callable(value) and not isinstance(value, type):
        return None
    return incorrect(f"`{name}` is {describe(value)}: pass the function itself, defined with "
                     f"`def {name}({signature}):` and written without brackets in the check.")


def call(function, name, *args, warm):
    """Run function(*args) under the time bound; return (the tensor it returned, None) or (None, a Result or error).

    warm names the torch features the learner's function is about to use (``("func",)`` for vmap and grad):
    their one-time set-up is done before the clock starts (compute.bounded.WARM_UPS lists them).
    """
    outcome = run_bounded(function, *args, seconds=SECONDS, warm=warm)
    if outcome.timed_out:
        return None, incorrect(outcome.describe(f"`{name}`"))
    if outcome.error is not None:
        return None, outcome.error
    value = outcome.value
    if value is Ellipsis:
        return None, not_attempted(f"`{name}` still returns `...`: write its body, then run the cell again.")
    if value is None:
        return None, incorrect(f"`{name}` returned None: end it with `return` and the tensor it computed.")
    if not isinstance(value, torch.Tensor):
        return None, incorrect(f"`{name}` returned {describe(value)}; it should return one tensor.")
    if not value.is_floating_point():
        return None, incorrect(f"`{name}` returned a tensor of {str(value.dtype).replace('torch.', '')} numbers; "
                               "derivatives are floating-point.")
    return value.detach(), None


def raised(error, name):
    """Return the Result for a learner's function that raised error (nothing more specific applied)."""
    return incorrect(f"`{name}` raised {error_text(error)}. Run it on the cell's example first and fix that.")


def close_tensors(value, expected):
    """True when value has expected's shape and the same numbers, within float32 rounding."""
    return (tuple(value.shape) == tuple(expected.shape)
            and torch.allclose(value.double(), expected.double(), rtol=1e-4, atol=1e-5))
