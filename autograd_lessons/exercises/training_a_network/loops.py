"""Run a learner's training loop, ``fit(model, X, y)``, and say what it did (Lesson 11's checkers share this).

The checker makes a fresh seeded model and data set, calls the learner's ``fit`` under
``run_bounded``, and observes: the error it raised, or the losses it returned, which
parameters it changed, and the loss of the model afterwards. That observation is
compared with the same loop run here, once as the exercise's fixed loop (the
reference) and once as its buggy one: a verdict is what the learner's loop did.
"""

import math
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from ...compute.training_a_network import fresh_model_and_data, one_thread
from ...compute.bounded import run_bounded
from ..checking import correct, incorrect

STEPS, LR, SECONDS = 60, 2.0, 10.0  # 60 steps take ~50 ms; a busy machine can make that seconds


# the same loop as the learner writes it: the solution of q1 and q2, whose bugs are each one line away from it
RIGHT_LOOP_SOURCE = """
def fit(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
"""


def right_loop(model, X, y):
    """The training loop of q1-q3 without its bug: the reference a learner's fixed loop is compared with."""
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    losses = []
    for step in range(STEPS):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def loss_of(model, X, y):
    """Return the model's loss on (X, y) as a float."""
    with torch.no_grad():
        return F.binary_cross_entropy_with_logits(model(X).squeeze(1), y).item()


@dataclass
class Observed:
    """What one run of a fit function did."""

    error: str = ""           # one sentence when it raised, ran out of time or returned something unreadable
    losses: list = field(default_factory=list)
    changed: list = field(default_factory=list)    # names of the parameters whose values moved
    before: float = 0.0       # loss of the fresh model
    after: float = 0.0        # loss of the model after fit
    graphs_kept: bool = False  # the list held loss tensors still attached to their graphs


def observe(fit):
    """Run fit(model, X, y) on a fresh model under a time bound; return what it did, never raising."""
    model, X, y = fresh_model_and_data()
    start = {name: p.detach().clone() for name, p in model.named_parameters()}
    seen = Observed(before=loss_of(model, X, y))
    if not callable(fit):
        seen.error = f"`fit` should be the function you wrote, `def fit(model, X, y): ...`, not {type(fit).__name__}"
        return seen
    with one_thread():  # warm: an optimizer's first step sets up a lot of torch, done before the clock starts
        outcome = run_bounded(fit, model, X, y, seconds=SECONDS, warm=("optim",))
    if not outcome.ok:
        seen.error = outcome.describe("your `fit`")
        return seen
    seen.changed = [name for name, p in model.named_parameters()
                    if name in start and not torch.equal(p.detach(), start[name])]
    seen.after = loss_of(model, X, y)
    seen.losses, problem, seen.graphs_kept = read_losses(outcome.value)
    seen.error = problem
    return seen


def read_losses(value):
    """Return (floats, problem, graphs kept) from what fit returned: a list of numbers (or one-number tensors)."""
    if not isinstance(value, (list, tuple)) or not value:
        return [], ("your `fit` should return the list of its losses, one number per step "
                    f"(`losses.append(loss.item())`, then `return losses`); it returned {type(value).__name__}"), False
    numbers, kept = [], False
    for item in value:
        if isinstance(item, torch.Tensor) and item.numel() == 1:
            kept = kept or item.grad_fn is not None
            item = item.item()
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item):
            return [], f"the list your `fit` returned holds {type(item).__name__} items; it should hold the losses", kept
        numbers.append(float(item))
    return numbers, "", kept


def same(a, b, tolerance=1e-3):
    """True when two loss lists have the same length and agree step by step (relative tolerance)."""
    return len(a) == len(b) and all(math.isclose(x, z, rel_tol=tolerance, abs_tol=1e-6) for x, z in zip(a, b))


def sentence(text):
    """Return text as a sentence: a capital first letter and one full stop."""
    text = text.rstrip(".")
    return text[0].upper() + text[1:] + "."


def summary(seen):
    """One sentence on a run that returned: how the loss moved and what changed."""
    moved = "every parameter" if len(seen.changed) == 4 else (", ".join(f"`{n}`" for n in seen.changed) or "no parameter")
    return (f"Observed: over {len(seen.losses)} steps the loss went from {seen.losses[0]:.4f} to {seen.losses[-1]:.4f}"
            f" (the model's loss afterwards: {seen.after:.4f}), and {moved} changed.")


def judge(fit, reference, buggy, buggy_message, must_change=None):
    """Return the Result for the learner's fit, judged against the fixed loop (reference) and the buggy one."""
    seen, right, wrong = observe(fit), observe(reference), observe(buggy)
    if seen.error:
        said = sentence(seen.error)
        if seen.error == wrong.error:
            return incorrect(f"{said} That is the buggy loop's error: {buggy_message}")
        return incorrect(said)
    said = summary(seen)
    if seen.graphs_kept:
        return incorrect(f"{said} But your list holds the loss tensors themselves, each keeping its graph alive "
                         "(section 11.9): append `loss.item()`.")
    if wrong.losses and same(seen.losses, wrong.losses) and seen.changed == wrong.changed:
        return incorrect(f"{said} That is exactly what the buggy loop does: {buggy_message}")
    if must_change is not None and sorted(seen.changed) != sorted(must_change):
        names = ", ".join(f"`{n}`" for n in must_change)
        return incorrect(f"{said} This loop should change exactly {names}.")
    if not seen.losses[-1] < seen.losses[0]:
        return incorrect(f"{said} The loss did not go down: the loop still does not learn.")
    if same(seen.losses, right.losses) and math.isclose(seen.after, right.after, rel_tol=1e-3, abs_tol=1e-6):
        return correct(f"{said} Step for step the losses of the fixed loop: it trains.")
    return incorrect(f"{said} The fixed loop, with the same optimizer and {STEPS} steps, goes from "
                     f"{right.losses[0]:.4f} to {right.losses[-1]:.4f}: change only the buggy line, keep the rest.")
