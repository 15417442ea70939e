"""q2 · "element 0 of tensors does not require grad" (Lesson 9): the exercise, its checker, hints and solution.

The learner passes their repaired ``loss_fn(w, x, y)``, the mean squared error of the
prediction w·x. The checker runs it under a time limit on a fresh leaf w, calls backward
itself, and reads what came back: a Python number (``.item()``), a tensor with no history
(rebuilt with ``torch.tensor``, computed under ``no_grad``, or from ``w.detach()``), or a
loss whose gradient reaches w and is right.
"""

import torch

from ..answers import describe
from ...compute.bounded import run_bounded
from ..checking import close, correct, incorrect, not_attempted, placeholders
from ...compute.numbers import fmt
from ..question import question
from .causes import causes_for
from .trial import LEFT, SECONDS, callable_problem, failure

X, Y, W = [1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 0.5
LOSS = sum((W * x - y) ** 2 for x, y in zip(X, Y)) / 3                # 10.5
GRADIENT = sum(2 * (W * x - y) * x for x, y in zip(X, Y)) / 3          # -14.0


def run(loss_fn):
    """Call loss_fn on a fresh w and the data; return (w, loss) or a Result saying what went wrong."""
    w = torch.tensor(W, requires_grad=True)
    outcome = run_bounded(loss_fn, w, torch.tensor(X), torch.tensor(Y), seconds=SECONDS)
    if not outcome.ok:
        return failure(outcome, "`loss_fn(w, x, y)`", "Repair the function so that it runs.")
    return w, outcome.value


@question(
    title='"element 0 of tensors does not require grad" (Lesson 9)',
    hints=["The error says the tensor you call `.backward()` on has no `grad_fn`: autograd never recorded how "
           "it was computed from w. Which line turned the loss into a plain number, and which line made a new "
           "tensor out of that number (section 9.7)?",
           "`.item()` returns a Python float, and `torch.tensor(number)` is a brand-new leaf with no history. "
           "Return the tensor `(prediction - y).pow(2).mean()` itself; use `.item()` only to print."],
    solution="""
def loss_fn(w, x, y):
    prediction = w * x
    return (prediction - y).pow(2).mean()   # the tensor itself, with its grad_fn
""",
    explanation="The mean is computed by operations autograd records, so the returned tensor has a grad_fn "
                "(`MeanBackward0`) that leads back to w, and backward can reach it. `.item()` belongs in a print "
                "or a log line, after the loss has been used.",
    causes=causes_for("item-returned", "requires-grad-patch", "graph-cut", "not-connected-to-w", "not-one-number",
                      "changed-loss", "wrong-gradient"),
)
def q2(loss_fn):
    if problem := placeholders(loss_fn=loss_fn):
        return problem
    if problem := callable_problem(loss_fn, "loss_fn", "your function"):
        return problem
    ran = run(loss_fn)
    if not isinstance(ran, tuple):
        return ran
    w, loss = ran
    if loss is Ellipsis:
        return not_attempted(LEFT)
    if isinstance(loss, (int, float)) and not isinstance(loss, bool):
        return incorrect(f"`loss_fn` returned {describe(loss)}: a Python number, which is what `.item()` gives. "
                         "A number has no history, so there is nothing to call `.backward()` on. Return the "
                         "tensor the mean produced, without `.item()`.", "item-returned")
    if not isinstance(loss, torch.Tensor):
        return incorrect(f"`loss_fn` returned {describe(loss)}: return the loss tensor, "
                         "`(prediction - y).pow(2).mean()`.", "wrong-kind")
    if loss.numel() != 1 or not loss.is_floating_point():
        return incorrect(f"`loss_fn` returned a tensor of shape {tuple(loss.shape)}: the loss is one number, "
                         "the mean of the squared errors.", "not-one-number")
    value = loss.detach().double().item()
    if not close(value, LOSS):
        return incorrect(f"the loss is {fmt(value)}, but the mean of (w·x − y)² at w = {W} is {fmt(LOSS)}: "
                         "keep the computation as it was, and repair only how the result is returned.", "changed-loss")
    if loss.grad_fn is None and loss.requires_grad:
        return incorrect(f"the loss has the right value, {fmt(value)}, but it is a new leaf, made to require grad, "
                         "that is not connected to w: backward would fill its own `.grad` and never reach w. "
                         "Making the loss require grad silences the error without repairing the graph. Return the "
                         "tensor the mean produced, computed from w with tracking on.", "requires-grad-patch")
    if loss.grad_fn is None:
        return incorrect(f"the loss has the right value, {fmt(value)}, but it has no grad_fn: it is the tensor the "
                         "error is about. That happens when it is rebuilt from a number (`torch.tensor(error)` "
                         "after `.item()`), computed under `torch.no_grad()`, or computed from `w.detach()`. "
                         "Return the tensor the mean produced, and compute it with tracking on.", "graph-cut")
    outcome = run_bounded(loss.backward, seconds=SECONDS)
    if not outcome.ok:
        return failure(outcome, "`loss.backward()`")
    if w.grad is None:
        return incorrect("the loss has a grad_fn, but backward never reached w: the prediction was computed from "
                         "another tensor than the w passed in, a copy of it that is a leaf of its own. Compute it "
                         "from w itself (`w * x`).", "not-connected-to-w")
    grad = w.grad.double().item()
    if close(grad, GRADIENT):
        return correct(f"the loss is a tensor with a grad_fn (`{type(loss.grad_fn).__name__}`), so backward "
                       f"reaches w: `w.grad` = mean(2(w·x − y)·x) = {fmt(grad)}.")
    return incorrect(f"`w.grad` is {fmt(grad)}, but d loss/dw = mean(2(w·x − y)·x) = {fmt(GRADIENT)}: is "
                     "part of the computation detached?", "wrong-gradient")
