"""What Lesson 12's checkers share: run a learner's Function under a time bound, and read what it did (torch only).

``bounded(f, *args, warm=...)`` runs the learner's code through ``run_bounded``, after the
warm-ups of the features it uses (gradcheck by default; ``torch.func`` for vmap), so that
their first-use cost never counts against the learner. ``class_problem`` says why a value is not the Function
class a check takes; ``forward_and_backward`` applies the class to fresh leaves and sends
an upstream gradient back through it; ``raised`` turns the errors PyTorch raises for a
broken Function into the course's sentences, each with its cause.
"""

from types import SimpleNamespace

import torch

from ..answers import describe
from ...compute.bounded import error_text, run_bounded
from ..checking import Result, incorrect, not_attempted

SECONDS = 2.0  # the time bound on one run of the learner's code (the checker's own work is not counted)
LEFT = "still returns `...`: write what it should return, then run the cell again."
# causes every question of the lesson can give (added to each question's own)
SHARED_CAUSES = {
    "gradient-count": "backward returned a different number of gradients than forward has inputs: it returns one "
                      "per input, in order, with None for an input that gets no gradient.",
    "no-gradient": "backward returned None for an input that needs a gradient, so autograd leaves its .grad "
                   "empty.",
    "saved-tensors-tuple": "backward uses ctx.saved_tensors, which is a tuple, as if it were the saved tensor "
                           "itself: `s = ctx.saved_tensors` without the comma of `s, = ctx.saved_tensors`.",
    "nothing-saved": "backward reads a tensor that setup_context never saved with ctx.save_for_backward, or reads "
                     "ctx.saved_tensors the wrong way.",
}


def bounded(function, *args, warm=("gradcheck",), **kwargs):
    """Run the learner's code under the time bound, after the warm-ups of the features it uses; return its Outcome."""
    return run_bounded(function, *args, seconds=SECONDS, warm=warm, **kwargs)


def class_problem(value, name):
    """Return why value is not the torch.autograd.Function subclass the check takes (a Result), or None."""
    if isinstance(value, type) and issubclass(value, torch.autograd.Function):
        return None
    owner = getattr(value, "__self__", None)  # Name.apply is a method bound to the class
    if (isinstance(owner, type) and issubclass(owner, torch.autograd.Function)) or isinstance(
            value, torch.autograd.Function):
        return incorrect(f"pass the class itself, `{name}`, not an object made from it or `{name}.apply`.",
                         "wrong-kind")
    return incorrect(f"`{name}` is {describe(value)}: pass your class, written as "
                     f"`class {name}(torch.autograd.Function):`, by its name.", "wrong-kind")


def forward_and_backward(cls, inputs, upstream, warm=("gradcheck",)):
    """Apply cls to the inputs, send `upstream` back through its output; return (output, Outcome of the backward).

    Returns a Result instead when forward itself failed or returned something backward cannot start from.
    """
    applied = bounded(cls.apply, *inputs, warm=warm)
    if not applied.ok:
        return raised(applied, f"`{cls.__name__}.apply`")
    output = applied.value
    if output is Ellipsis:
        return not_attempted(f"forward {LEFT}")
    if not isinstance(output, torch.Tensor):
        return incorrect(f"forward returned {describe(output)}: return the tensor it computes.", "wrong-kind")
    if output.grad_fn is None:
        return incorrect("the output of `apply` has no grad_fn, so backward can never run: forward must return a "
                         "tensor computed from its inputs (it may not detach it).", "other")
    # backward of a sum, never backward(gradient): passing a gradient imports sympy the first time (over a second)
    return output, bounded(lambda: (output * upstream).sum().backward(), warm=warm)


def raised(outcome, what):
    """Return the Result for learner code that raised or ran out of time: its error in the course's words."""
    if outcome.timed_out:
        return incorrect(outcome.describe(what), "ran-too-long")
    text = error_text(outcome.error)
    if "(got ellipsis)" in text:
        return not_attempted(f"backward {LEFT}")
    if "incorrect number of gradients" in text:
        return incorrect(f"{what} raised {text}. backward returns one gradient per input of forward, in order "
                         "(ctx does not count), with None for an input that gets no gradient.", "gradient-count")
    if "'tuple'" in text or "converted to an index" in text:  # a tensor times a tuple, or a number minus one
        return incorrect(f"{what} raised {text}. That is what using `ctx.saved_tensors`, a tuple even with one "
                         "tensor in it, as the tensor itself gives: unpack it with `s, = ctx.saved_tensors` (note "
                         "the comma).", "saved-tensors-tuple")
    if "saved_tensors" in text or "values to unpack" in text or "Backward' object has no attribute" in text:
        return incorrect(f"{what} raised {text}. Save in setup_context what backward needs, with "
                         "`ctx.save_for_backward(...)`, and read it back in backward with "
                         "`x, = ctx.saved_tensors` (note the comma).", "nothing-saved")
    return incorrect(f"{what} raised {text}.", "code-raised")


def backward_left_undone(cls, saved, needs_input_grad, *grad_outputs):
    """True when cls's backward, called by itself on a stand-in ctx, still returns `...` (alone or in a tuple).

    With several inputs, a backward that returns `...` fails with "incorrect number of gradients"
    before autograd ever sees the `...`: this tells the untouched cell from a real mistake.
    """
    ctx = SimpleNamespace(saved_tensors=tuple(saved), needs_input_grad=tuple(needs_input_grad))
    outcome = bounded(cls.backward, ctx, *grad_outputs)
    value = outcome.value if outcome.ok else None
    return value is Ellipsis or (isinstance(value, tuple) and any(v is Ellipsis for v in value))


def failed(value):
    """True when value is a checking Result (something to report) rather than data to judge."""
    return isinstance(value, Result)


def float64(values, requires_grad=True):
    """A fresh float64 leaf."""
    return torch.tensor(values, dtype=torch.float64, requires_grad=requires_grad)
