"""What Lesson 10's checkers share: run a learner's function under a time bound and read the tensor it returns.

Forward mode keeps one piece of session state: the dual level entered by ``fwAD.enter_dual_level()`` (or a
``with fwAD.dual_level():`` block). Only one can be open at a time, so a level the learner's code leaves open
makes every later forward-mode call raise, the checker's own included. :func:`close_dual_levels` closes
any level an earlier cell left open before a check starts, and :func:`call` notices a level the learner's
function leaves open, runs it once more to see what that does, closes the level and says so.
:func:`watching_sizes` records the size of every tensor the learner's function computes (a dispatch mode),
so that a checker can tell what the function did, not only what it returned.
"""

from dataclasses import replace

import torch
import torch.autograd.forward_ad as fwAD
from torch.utils._python_dispatch import TorchDispatchMode

from ..answers import describe
from ...compute.bounded import error_text, run_bounded
from ...compute.numbers import fmt
from ..checking import incorrect, not_attempted

SECONDS = 2.0  # the time bound on one call of the learner's function (the checker's own work is not counted)
EARLIER_LEVEL = (" Before checking, the checker closed a forward-mode dual level that an earlier cell entered "
                 "(`fwAD.enter_dual_level()`) and never exited: while it was open, every forward-mode call in "
                 "this notebook raised \"Nested forward mode AD is not supported\".")


def function_problem(value, name, signature):
    """Return why value is not a function the checker can call, or None if it is."""
    if callable(value) and not isinstance(value, type):
        return None
    return incorrect(f"`{name}` is {describe(value)}: pass the function itself, defined with "
                     f"`def {name}({signature}):` and written without brackets in the check.", "wrong-kind")


def close_dual_levels():
    """Close every forward-mode dual level left open; return how many there were."""
    closed = 0
    while fwAD._current_level >= 0:
        fwAD.exit_dual_level()
        closed += 1
    return closed


def with_earlier_level(result, closed):
    """Return result with a sentence saying the checker closed a level an earlier cell left open (if it did)."""
    return replace(result, message=result.message + EARLIER_LEVEL) if closed else result


def call(function, name, *args, warm, what=""):
    """Run function(*args) under the time bound; return (the tensor it returned, None) or (None, a Result or error).

    warm names the torch features the learner's function is about to use (``("func",)`` for vmap and grad):
    their one-time set-up is done before the clock starts (compute.bounded.WARM_UPS lists them). what names the
    case for a message ("10.2's f at x = [1, 2, 3] along v = [1, 0, 0]").
    """
    outcome = run_bounded(function, *args, seconds=SECONDS, warm=warm)
    if fwAD._current_level >= 0:
        return None, left_open(function, name, args, outcome, what)
    if outcome.timed_out:
        return None, incorrect(outcome.describe(f"`{name}`"), "ran-too-long")
    if outcome.error is not None:
        return None, outcome.error
    value = outcome.value
    if value is Ellipsis:
        return None, not_attempted(f"`{name}` still returns `...`: write its body, then run the cell again.")
    if value is None:
        return None, incorrect(f"`{name}` returned None: end it with `return` and the tensor it computed.",
                               "wrong-kind")
    if not isinstance(value, torch.Tensor):
        return None, incorrect(f"`{name}` returned {describe(value)}; it should return one tensor.", "wrong-kind")
    if not value.is_floating_point():
        return None, incorrect(f"`{name}` returned a tensor of {str(value.dtype).replace('torch.', '')} numbers; "
                               "derivatives are floating-point.", "wrong-kind")
    return value.detach(), None


def left_open(function, name, args, first, what=""):
    """The Result for a function that left a dual level open: what it gave, what a second call gives, then close it."""
    if first.timed_out:
        gave = f"It was still running after {SECONDS:g} s"
    elif first.error is not None:
        gave = f"It raised {error_text(first.error)}"
    elif isinstance(first.value, torch.Tensor):
        gave = f"It returned {fmt(first.value.detach())}"
    else:
        gave = f"It returned {'None' if first.value is None else describe(first.value)}"
    second = run_bounded(function, *args, seconds=SECONDS)
    nested = run_bounded(_enter_a_level, seconds=SECONDS)
    close_dual_levels()
    if second.error is not None:
        then = (f"Called a second time, it raised {error_text(second.error)}: only one level can be open at a "
                "time, so every forward-mode call in this notebook fails while it is.")
    elif nested.error is not None:
        then = (f"While it is open, `with fwAD.dual_level():` raises {error_text(nested.error)}, and so does every "
                "other forward-mode call in this notebook.")
    else:
        then = "Only one level can be open at a time."
    where = f" on {what}" if what else ""
    return incorrect(f"`{name}` left a forward-mode dual level open: after it returned, the level it entered "
                     f"(`fwAD.enter_dual_level()`) was still there, never left with `fwAD.exit_dual_level()`. "
                     f"{gave}{where} the first time. {then} Use `with fwAD.dual_level():`, which leaves the level "
                     "when the block ends, even on `return`. (The checker closed the level it left open.)",
                     "dual-level-left-open")


def _enter_a_level():
    with fwAD.dual_level():
        pass


def raised(error, name):
    """Return the Result for a learner's function that raised error (nothing more specific applied)."""
    return incorrect(f"`{name}` raised {error_text(error)}. Run it on the cell's example first and fix that.",
                     "code-raised")


def close_tensors(value, expected):
    """True when value has expected's shape and the same numbers, within float32 rounding."""
    return (tuple(value.shape) == tuple(expected.shape)
            and torch.allclose(value.double(), expected.double(), rtol=1e-4, atol=1e-5))


class _Sizes(TorchDispatchMode):
    """Records the number of elements of every tensor an operation returns, below autograd and torch.func."""

    def __init__(self, sizes):
        super().__init__()
        self.sizes = sizes

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for value in (out if isinstance(out, (tuple, list)) else (out,)):
            if isinstance(value, torch.Tensor):
                self.sizes.append(value.numel())
        return out


def watching_sizes(function, sizes):
    """Return a function that runs `function` and appends to `sizes` the size of every tensor it computes."""
    def watched(*args):
        with _Sizes(sizes):
            return function(*args)
    return watched
