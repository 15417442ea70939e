"""Run a learner's repaired function on fresh tensors, under a time limit, and read what came out (torch only).

Shared by Lesson 9's exercises: ``try_function(f, *inputs)`` calls ``f`` under
``run_bounded`` and returns the result, or a checking Result that says, in the
learner's terms, why there is nothing to judge (it raised, it hung, it returned
something that is not one tensor of the right shape).
"""

import math

import torch

from ..answers import describe
from ...compute.bounded import run_bounded
from ..checking import Result, incorrect, not_attempted

SECONDS = 2.0  # the time bound on one call of the learner's code (their function, or its backward)
LEFT = "the function still returns `...`: write what it should return, then run the cell again."


def callable_problem(value, name, what):
    """Return why value is not the function the exercise asks for, or None."""
    if value is None:
        return incorrect(f"`{name}` is None: pass {what} itself, `{name}`, without calling it.", "wrong-kind")
    if isinstance(value, torch.Tensor):
        return incorrect(f"`{name}` is a tensor, probably what {what} returned: pass {what} itself, without "
                         "brackets after its name.", "wrong-kind")
    if not callable(value):
        return incorrect(f"`{name}` is {describe(value)}: pass {what} itself.", "wrong-kind")
    return None


def failure(outcome, what, advice=""):
    """Return the incorrect Result for learner code that raised or ran out of time, with its general cause."""
    return incorrect((outcome.describe(what) + " " + advice).strip(),
                     "ran-too-long" if outcome.timed_out else "code-raised")


def try_function(function, *inputs, name="your function", shape=None):
    """Call function(*inputs) under a time limit; return its tensor result, or a Result saying what went wrong."""
    outcome = run_bounded(function, *inputs, seconds=SECONDS)
    if not outcome.ok:
        return failure(outcome, name, "Run the cell with the bug repaired and no error.")
    result = outcome.value
    if result is Ellipsis:
        return not_attempted(LEFT)
    if not isinstance(result, torch.Tensor):
        return incorrect(f"{name} returned {describe(result)}, not a tensor: return the tensor it computes.",
                         "wrong-kind")
    if shape is not None and tuple(result.shape) != tuple(shape):
        return incorrect(f"{name} returned a tensor of shape {tuple(result.shape)} for an input of shape "
                         f"{tuple(shape)}: it should work element by element and keep the shape.", "not-elementwise")
    return result


def backward_of(result, *leaves, upstream=None):
    """Run result.backward() under a time limit; return the leaves' gradients as lists, or a Result."""
    if result.grad_fn is None:
        return incorrect("the result has no grad_fn, so it is not connected to the input and backward cannot "
                         "reach it (was it computed under `torch.no_grad()`, or from `.detach()` or `.item()`?).",
                         "graph-cut")
    # backward of a sum, never backward(gradient): passing a gradient makes PyTorch import sympy the first time
    # (half a second), which warm=("backward_gradient",) would do before the clock; a sum needs no warm-up at all
    total = result.sum() if upstream is None else (result * upstream).sum()
    outcome = run_bounded(total.backward, seconds=SECONDS)
    if not outcome.ok:
        return failure(outcome, "the backward pass")
    grads = [leaf.grad for leaf in leaves]
    if any(g is None for g in grads):
        return incorrect("after backward, the input's `.grad` is still None: the result does not depend on it "
                         "through operations autograd recorded.", "graph-cut")
    return [g.detach().reshape(-1).tolist() for g in grads]


def failed(value):
    """True when value is a checking Result (something to report) rather than data to judge."""
    return isinstance(value, Result)


def nan_places(numbers):
    """Return the indices of the entries that are nan or infinite."""
    return [i for i, n in enumerate(numbers) if not math.isfinite(n)]
