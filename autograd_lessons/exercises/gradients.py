"""Reading a gradient a learner passed: ``x.grad``, what ``torch.autograd.grad`` returns, or a mistake (torch only).

Introduced with the exercises of Lesson 6 (q1 and q2 ask for gradients themselves). An
answer that is None, a tuple, a number, the leaf itself or a tracked tensor each gets a
message naming every cause that can produce it, since the object alone cannot tell which.
"""

import torch

from .answers import describe, shape_text, values
from .checking import incorrect
from ..compute.numbers import fmt

# The misconceptions gradient_problem names; a question that reads gradients with it lists them in its causes.
GRADIENT_CAUSES = {
    "none-gradient": "The gradient passed is None: `.backward()`'s own return value (always None), or a `.grad` "
                     "read before a backward pass filled it (a leaf not tracked, not a leaf, or no backward yet).",
    "autograd-grad-tuple": "`torch.autograd.grad` returns a tuple, one gradient per input: the tuple was passed "
                           "instead of the gradient inside it (`[0]`).",
    "tensor-not-its-grad": "The tensor itself (a leaf, or the function's value) was passed where its gradient, "
                           "`.grad`, was asked for.",
}


def none_text(name, of, result="y"):
    """Why an answer read from ``<of>.grad`` can be None, as the facts allow: every cause that gives None."""
    return (f"`{name}` is None. `.backward()` returns None (it stores the gradient in `{of}.grad` instead), so "
            f"`{name} = {result}.backward()` gives None; otherwise `{of}.grad` was still None when you read it. "
            f"It is filled only once a backward pass has run (called with brackets: `.backward()`, not `.backward`), "
            f"and only if `{of}` was created with `requires_grad=True` and is a leaf: it is not a leaf when an "
            f"operation, even `.double()` or `* 1`, came after creating it (Lesson 1, sections 1.3 and 1.5).")


def tracked_note(value, name):
    """A sentence for a right answer that is itself tracked, as `create_graph=True` makes it ("" otherwise)."""
    if isinstance(value, torch.Tensor) and value.grad_fn is not None:
        return (f" `{name}` is itself tracked (its grad_fn is `{type(value.grad_fn).__name__}`), as "
                "`create_graph=True` makes a gradient, so that it can be differentiated again.")
    return ""


def gradient_problem(value, name, of, shape=(), result="y"):
    """Return why value is not the gradient tensor that backward stored in ``<of>.grad``, or None if it is.

    The answer should be ``<of>.grad`` (or what ``torch.autograd.grad`` returns for ``<of>``):
    a float tensor shaped like ``<of>``. A tracked result is allowed, since
    ``create_graph=True`` makes one; its value decides.
    """
    if value is None:
        return incorrect(none_text(name, of, result), "none-gradient")
    if isinstance(value, (tuple, list)) and value and all(isinstance(item, torch.Tensor) for item in value):
        return incorrect(f"`{name}` is {describe(value)}, each a tensor: `torch.autograd.grad` returns a tuple, "
                         f"one gradient per input. Take the one for `{of}` out of it (`[0]` is the first), "
                         f"or pass `{of}.grad` after a backward pass.", "autograd-grad-tuple")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return incorrect(f"you passed {describe(value)}. Pass the gradient tensor that autograd stored, "
                         f"`{name} = {of}.grad`, not a number (no `.item()`, nothing typed by hand).", "wrong-kind")
    if not isinstance(value, torch.Tensor):
        return incorrect(f"`{name}` is {describe(value)}. Pass the gradient tensor that autograd stored: "
                         f"`{name} = {of}.grad`.", "wrong-kind")
    if value.requires_grad and value.grad_fn is None:
        shown = values(value) if value.numel() == 1 else None
        holding = f" holding {fmt(shown)}" if isinstance(shown, float) else ""
        return incorrect(f"`{name}` is a leaf that requires grad{holding}: `{of}` itself? "
                         f"Pass its gradient instead: `{name} = {of}.grad`.", "tensor-not-its-grad")
    if not value.is_floating_point():
        return incorrect(f"`{name}` is a tensor of {str(value.dtype).replace('torch.', '')} numbers, and gradients are "
                         f"floating-point: pass `{name} = {of}.grad`.", "wrong-kind")
    if tuple(value.shape) != tuple(shape):
        return incorrect(f"`{name}` has shape {tuple(value.shape)}, but `{of}.grad` has the shape of `{of}`, "
                         f"here {shape_text(shape)}. Create `{of}` with that shape (a plain number such as "
                         f"`2.0`, not a list `[2.0]`) and pass `{of}.grad`.", "wrong-kind")
    if values(value) is None:
        return incorrect(f"`{name}` is a tensor whose values cannot be read: pass `{of}.grad`.", "wrong-kind")
    return None
