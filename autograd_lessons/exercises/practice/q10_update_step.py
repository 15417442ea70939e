"""q10 · one step of gradient descent (Lesson 5): the exercise, its checker, its hints and its solution, in one place."""

import torch

from ..answers import describe, leaf_problem, values
from ..checking import close, fmt, incorrect, not_attempted, placeholders, verdict
from ..question import question


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
)
def q10(w):
    if problem := placeholders(w=w):
        return problem
    in_place = "Change w in place, inside `torch.no_grad()`: `w -= 0.1 * w.grad` (Lesson 5, section 5.8)."
    if isinstance(w, (int, float)) and not isinstance(w, bool):
        return incorrect(f"`w` is {describe(w)}, no longer a tensor, so autograd cannot track the next step. "
                         + in_place)
    if isinstance(w, torch.Tensor) and w.dim() == 0 and w.is_floating_point():
        if w.grad_fn is not None:
            return incorrect(f"`w` holds {fmt(values(w))}, but it is no longer a leaf: `w = w - 0.1 * w.grad` made "
                             f"a new tensor with a grad_fn (`{type(w.grad_fn).__name__}`), which never collects a "
                             "`.grad`, so the next step would have nothing to use. " + in_place)
        if not w.requires_grad:
            return incorrect(f"`w` holds {fmt(values(w))} but no longer requires grad: `w = w - 0.1 * w.grad` under "
                             "`torch.no_grad()` (or a `.detach()`) made a brand-new plain tensor, so the next loss "
                             "will not be tracked. Change w in place, `w -= 0.1 * w.grad`, so that it stays the same "
                             "tracked leaf.")
    if problem := leaf_problem(w, "w", example="torch.tensor(1.0, requires_grad=True)", need_grad=False):
        return problem
    if close(values(w), 1.0):
        return not_attempted("`w` still holds 1, its value before the step: replace the `...` with the update.")
    return verdict(
        values(w), 1.4,
        right="w = 1 − 0.1 · (−4) = 1.4, and w is still the same tracked leaf, ready for the next step. Under "
              "`torch.no_grad()` the in-place update is not recorded; without it, PyTorch refuses (\"a leaf Variable "
              "that requires grad is being used in an in-place operation\"). Before the next backward, reset "
              "`w.grad` (Lesson 4).",
        wrong=[
            (0.6, "`w` went from 1 to 0.6, uphill: you added the gradient (−4). Step against it: "
                  "`w -= 0.1 * w.grad`."),
            (1.8, "`w` moved by 0.8, twice the step: `w.grad` held −8, two backward passes' worth. "
                  "Run `loss.backward()` once before the update."),
            (5.0, "`w` moved by 4, the whole gradient: multiply it by the learning rate 0.1 first."),
        ],
        otherwise="after one step, w should be 1 − 0.1 · `w.grad`, with `w.grad` = 2(w − 3) = −4 from backward.",
    )
