"""q10 · one step of gradient descent (Lesson 5): the exercise, checker, hints, solution and causes."""

import torch

from ..answers import describe, leaf_problem, values
from ..checking import close, incorrect, not_attempted, placeholders, verdict
from ...compute.numbers import fmt
from ..question import question
from .causes import shared


@question(
    title="one step of gradient descent (Lesson 5)",
    hints=["PyTorch refuses `w -= ...` on a leaf that requires grad while it is recording, and `w = w - ...` makes a "
           "new tensor that is not a leaf. Do the in-place update where nothing is recorded (Lesson 5, section 5.8).",
           "`with torch.no_grad():` and, indented under it, `w -= 0.1 * w.grad`."],
    solution="""
w = torch.tensor(1.0, requires_grad=True)
loss = (w - 3)**2
loss.backward()
with torch.no_grad():
    w -= 0.1 * w.grad
""",
    explanation="Under `torch.no_grad()` the in-place step is not recorded, so w stays the same tracked leaf, "
                "now 1 − 0.1 · (−4) = 1.4.",
    causes={
        **shared("gradients-added-twice"),
        "weight-became-number": "The step turned w into a plain number (`.item()`, `float`), which autograd cannot "
                                "track for the next step.",
        "weight-became-non-leaf": "`w = w - 0.1 * w.grad` recorded the step and made w a new non-leaf tensor, "
                                  "which never collects a `.grad` for the next step (Lesson 5, section 5.8).",
        "weight-became-untracked": "The step made a brand-new tensor that no longer requires grad (`w = w - ...` "
                                   "under `torch.no_grad()`, or `.detach()`), so the next loss is not tracked.",
        "new-weight-not-stepped": "The step made a brand-new tensor in place of w: whatever held the old w (an "
                                  "optimizer, a model) never sees the step.",
        "step-through-data": "The step went through `w.data`, around autograd, which counts no change: when a graph "
                             "has saved w, that gives a silently wrong gradient (Lesson 8).",
        "reset-before-step": "The gradient was reset (`zero_grad()`, `w.grad.zero_()` or None) before the step used "
                             "it, so the step moved w by 0: step first, then reset.",
        "step-twice": "The update ran twice after one backward (two updates, or two `step()` calls).",
        "step-uphill": "The step added the gradient instead of subtracting it, so w moved uphill.",
        "learning-rate-missing": "The step used the whole gradient, not the gradient times the learning rate 0.1.",
    },
)
def q10(w):
    if problem := placeholders(w=w):
        return problem
    in_place = "Change w in place, inside `torch.no_grad()`: `w -= 0.1 * w.grad` (Lesson 5, section 5.8)."
    if isinstance(w, (int, float)) and not isinstance(w, bool):
        return incorrect(f"`w` is {describe(w)}, no longer a tensor, so autograd cannot track the next step. "
                         + in_place, "weight-became-number")
    if isinstance(w, torch.Tensor) and w.dim() == 0 and w.is_floating_point():
        if w.grad_fn is not None:
            return incorrect(f"`w` holds {fmt(values(w))}, but it is no longer a leaf: `w = w - 0.1 * w.grad` made "
                             f"a new tensor with a grad_fn (`{type(w.grad_fn).__name__}`), which never collects a "
                             "`.grad`, so the next step would have nothing to use. " + in_place,
                             "weight-became-non-leaf")
        if not w.requires_grad:
            return incorrect(f"`w` holds {fmt(values(w))} but no longer requires grad: `w = w - 0.1 * w.grad` under "
                             "`torch.no_grad()` (or a `.detach()`) made a brand-new plain tensor, so the next loss "
                             "will not be tracked. Change w in place, `w -= 0.1 * w.grad`, so that it stays the same "
                             "tracked leaf.", "weight-became-untracked")
    if problem := leaf_problem(w, "w", example="torch.tensor(1.0, requires_grad=True)", need_grad=False):
        return problem
    value, grad = values(w), w.grad
    if w._version == 0:  # autograd's count of in-place changes: no step it knows of has touched w
        return unseen_step(value, grad)
    return step_verdict(value, None if grad is None else values(grad))


def unseen_step(value, grad):
    """The verdict on a w whose version counter is 0: untouched, a brand-new tensor, or changed through .data."""
    if close(value, 1.0) and grad is None:
        return incorrect("`w` still holds 1 and `w.grad` is None: nothing has changed w, and there is no gradient to "
                         "step with. An optimizer's `step()` skips a weight whose `.grad` is None, so "
                         "`optimizer.zero_grad()` called before `optimizer.step()` leaves w where it was: call "
                         "`loss.backward()`, then `step()`, and `zero_grad()` only after the step.",
                         "reset-before-step")
    if close(value, 1.0):
        return not_attempted("`w` still holds 1, its value before the step, and nothing has changed it in place: "
                             "nothing to check yet. If the cell still holds `...`, write the update there; if you "
                             "wrote one, it did not change w (`w - 0.1 * w.grad` on a line of its own computes a new "
                             "tensor and drops it).")
    if grad is None:
        return incorrect(f"`w` holds {fmt(value)}, but it is a new tensor, not the w that `loss.backward()` filled: "
                         "it has no `.grad`, and autograd counts no in-place change on it (`w._version` is 0). "
                         "Whatever held the old w (an optimizer, a model) would never see the step. Change w in "
                         "place, under `torch.no_grad()`: `w -= 0.1 * w.grad`.", "new-weight-not-stepped")
    return incorrect(f"`w` holds {fmt(value)}, but autograd counts no in-place change on it (`w._version` is still "
                     "0): the change went around autograd, which is what a step through `w.data` does. Here the "
                     "value comes out right, but when a graph has saved w for its backward pass, a change through "
                     "`.data` silently gives a wrong gradient, where the same change through `.detach()` raises "
                     "an error (Lesson 8 shows both). Write the step under `torch.no_grad()`, where autograd "
                     "counts it: `w -= 0.1 * w.grad`.", "step-through-data")


def step_verdict(value, grad):
    """The verdict on a w that an in-place step changed; grad is `w.grad` as a number, or None."""
    if close(value, 1.0):
        held = "None" if grad is None else fmt(grad)
        return incorrect(f"an in-place step ran on w, but w still holds 1: the step moved it by 0, and `w.grad` is "
                         f"{held} now. Was `w.grad` zeroed (or set to None) before the step? Step first, with "
                         "`w.grad` = −4 from backward, then reset it.", "reset-before-step")
    if close(value, 1.8) and grad is not None and close(grad, -8.0):
        return incorrect("`w` moved by 0.8, twice the step: `w.grad` holds −8, two backward passes' worth. "
                         "Run `loss.backward()` once before the update.", "gradients-added-twice")
    if close(value, 1.8) and grad is not None and close(grad, -4.0):
        return incorrect("`w` moved by 0.8, twice the step 0.1 · 4 = 0.4, while `w.grad` is −4, one backward "
                         "pass's worth: the step itself ran twice (two updates, or two `step()` calls). Run it once.",
                         "step-twice")
    return verdict(
        value, 1.4,
        right="w = 1 − 0.1 · (−4) = 1.4, and w is still the same tracked leaf, ready for the next step: it was "
              "changed in place where autograd does not record (inside `torch.no_grad()`, which is also what an "
              "optimizer's `step()` does for you). Recorded, the same in-place change is refused (\"a leaf Variable "
              "that requires grad is being used in an in-place operation\"; Variable is Tensor's old name). Before "
              "the next backward, reset `w.grad` (Lesson 4).",
        wrong=[
            (0.6, "`w` went from 1 to 0.6, uphill: you added the gradient (−4). Step against it: "
                  "`w -= 0.1 * w.grad`.", "step-uphill"),
            (5.0, "`w` moved by 4, the whole gradient: multiply it by the learning rate 0.1 first.",
            "learning-rate-missing"),
        ],
        otherwise=f"`w` holds {fmt(value)}: after one step of plain gradient descent it should be 1 − 0.1 · `w.grad` "
                  "= 1.4, with `w.grad` = 2(w − 3) = −4 from backward and the learning rate 0.1.",
    )
