"""q4 · repair an in-place operation, without .data (Lesson 8): the exercise, its checker, hints and solution.

The learner's cell computes loss = Σ (eˣ + 1)² from a fixed x, with the line that broke
backward (``e += 1`` on the e that ``ExpBackward0`` saved) rewritten. The checker judges
what the learner's tensors hold: the right gradient, computed here on fresh leaves, and
the wrong ones that the usual repairs give, produced by running those repairs.
"""

import torch

from ..answers import describe, grad_of, leaf_problem, value_problem, values
from ..checking import close, correct, doubled, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from .causes import REPAIR_CAUSES

START = [-1.0, 0.5, 2.0]
EXAMPLE = "torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)"


def gradient(repair):
    """Return x.grad after running the cell with repair(e) in place of ``e += 1`` (a list of floats)."""
    x = torch.tensor(START, requires_grad=True)
    e = repair(x.exp())
    loss = (e * e).sum()
    loss.backward()
    return values(x.grad)


def through_data(e):
    """The repair the lesson warns against, run to know what x.grad it gives."""
    e.data += 1  # what the lesson warns against: the version counter does not move
    return e


def expected_loss(x):
    """Return Σ (eˣ + 1)² for the values of x, as a float."""
    with torch.no_grad():
        return ((x.detach().exp() + 1) ** 2).sum().item()


@question(
    title="repair an in-place operation, without .data (Lesson 8)",
    hints=["`ExpBackward0` saved its result e, because the derivative of eˣ is eˣ. `e += 1` changes that saved "
           "tensor in place, so backward refuses it (section 8.6). Make a new tensor for e + 1 instead of "
           "changing the old one.",
           "`e = e + 1` builds a new tensor (with its own `AddBackward0`) and leaves the saved e alone. "
           "`e.data += 1` would also run, but backward would then use the changed e, and the gradient would be "
           "silently wrong (section 8.7)."],
    solution="""
x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
e = x.exp()
e = e + 1
loss = (e * e).sum()
loss.backward()
""",
    explanation="`e + 1` is a new tensor, so the e that `ExpBackward0` saved keeps version 0 and backward can "
                "use it: `x.grad` = 2(eˣ + 1)·eˣ. `x.exp() + 1`, or `e.clone()` then `+= 1`, work too.",
    causes=REPAIR_CAUSES,
)
def q4(x, loss):
    """Return the Result for the learner's x and loss: the right gradient, or the repair that gives what x holds."""
    if problem := placeholders(x=x, loss=loss):
        return problem
    missing = ("`x.grad` is None: backward has not reached x. Did `loss.backward()` run without an error? If it "
               "raised \"modified by an inplace operation\", the in-place line still changes the e that "
               "`ExpBackward0` saved.")
    if problem := (leaf_problem(x, "x", example=EXAMPLE, shape=(3,), need_grad=False)
                   or value_problem(x, "x", START, EXAMPLE)):
        return problem  # each names a general cause: wrong-kind, not-tracked, not-a-leaf, wrong-start-value
    if not isinstance(loss, torch.Tensor):
        return incorrect(f"`loss` is {describe(loss)}: pass the tensor `loss = (e * e).sum()` itself.", "wrong-kind")
    if loss.numel() != 1 or not loss.is_floating_point():
        return incorrect(f"`loss` should be one floating-point number, `(e * e).sum()`; it has shape "
                         f"{tuple(loss.shape)} and dtype {str(loss.dtype).replace('torch.', '')}.", "wrong-kind")
    if loss.grad_fn is None:
        return incorrect("`loss` has no grad_fn, so it is not connected to x: was e detached, or computed under "
                         "`torch.no_grad()`? Then backward cannot reach x.", "loss-cut-from-x")
    if grad_of(x) is None:
        return incorrect(missing, "in-place-still-changes-a-saved-tensor")
    grad, right = values(grad_of(x)), gradient(lambda e: e + 1)
    if not close(values(loss), expected_loss(x)):
        if close(values(loss), ((x.detach().exp()) ** 2).sum().item()):
            return incorrect("`loss` is Σ e²ˣ: the + 1 is missing. Keep adding 1 to e, as a new tensor "
                             "(`e = e + 1`).", "plus-one-dropped")
        return incorrect(f"`loss` is {fmt(values(loss))}, but Σ (eˣ + 1)² at x = {fmt(START)} is "
                         f"{fmt(expected_loss(x))}: compute `loss = (e * e).sum()` with e = eˣ + 1.", "wrong-loss")
    if close(grad, right):
        return correct(f"`x.grad` is {fmt(right)} = 2(eˣ + 1)·eˣ: the e that `ExpBackward0` saved was left "
                       "alone, so backward used the right eˣ. `e = e + 1`, `x.exp() + 1` and `e.clone()` before "
                       "the `+= 1` all do that; `e.data += 1` runs too, but gives a wrong gradient.")
    if close(grad, gradient(through_data)):
        return incorrect(f"`x.grad` is {fmt(grad)}, exactly what `e.data += 1` gives: the change went past the "
                         "version counter, so `ExpBackward0` used the changed e, eˣ + 1 instead of eˣ, and no "
                         "error said so. Make a new tensor instead: `e = e + 1`.", "data-bypasses-the-version-counter")
    if close(grad, [2 * g for g in right]):
        return incorrect(doubled(f"`x.grad` is {fmt(grad)}, exactly twice the right value",
                                 "Create x again in the cell and call `loss.backward()` once"), "backward-twice")
    return incorrect(f"`x.grad` is {fmt(grad)}, but d loss/dx = 2(eˣ + 1)·eˣ = {fmt(right)}. Rebuild the cell "
                     "from x: e = x.exp(), then a new tensor for e + 1, then the loss and one backward.", "other")
