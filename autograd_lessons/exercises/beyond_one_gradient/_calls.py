"""What Lesson 10's checkers share: run a learner's function under a time bound and read the tensor it returns."""

import torch
import torch.autograd.forward_ad as fwAD
from torch.func import grad, hessian, jacfwd, jacrev, jvp, vjp, vmap

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


_warm = []


def warm_up():
    """Run every transform the exercises use once, outside the time bound (only the first time it is called).

    Their first call imports and sets up a lot of torch (forward_ad's decompositions, vmap's rules), which
    takes seconds on a busy machine. Inside the learner's time bound, the timer could interrupt an import
    half-way and leave torch half-loaded for the rest of the session.
    """
    if _warm:
        return
    x, v = torch.ones(2), torch.ones(2)
    f = lambda t: (t.sin() * t).sum()  # noqa: E731
    with fwAD.dual_level():
        fwAD.unpack_dual(f(fwAD.make_dual(x, v)))
    vmap(grad(f))(torch.ones(3, 2)), jvp(grad(f), (x,), (v,)), vjp(grad(f), x)[1](v)
    jacfwd(torch.sin)(x), jacrev(torch.sin)(x), hessian(f)(x)
    _warm.append(True)


def call(function, name, *args):
    """Run function(*args) under the time bound; return (the tensor it returned, None) or (None, a Result or error)."""
    warm_up()
    outcome = run_bounded(function, *args, seconds=SECONDS)
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
