"""q1 · repair the torch.where trap (Lesson 9): the exercise, its checker, hints and solution.

The learner passes their repaired ``sqrt_or_zero(x)``: √x where x > 0, else 0, with a
gradient that is a number everywhere. The checker runs it under a time limit on a fresh
leaf holding a negative number, a zero and two positive numbers, runs backward, and
names the fix from where the gradient is nan or inf.
"""

import torch

from ..checking import close, correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from .trial import backward_of, callable_problem, failed, try_function

INPUT = [-1.0, 0.0, 0.25, 4.0]
VALUES = [0.0, 0.0, 0.5, 2.0]
GRADIENT = [0.0, 0.0, 1.0, 0.25]  # d√x/dx = 1 / (2√x) where x > 0, and 0 where the output is the constant 0
MASK_FIRST = "safe = torch.where(x > 0, x, 1.0)"


def run(function):
    """Return (values, gradient) of function on a fresh leaf holding INPUT, or a Result saying what went wrong."""
    x = torch.tensor(INPUT, requires_grad=True)
    y = try_function(function, x, name="`sqrt_or_zero(x)`", shape=(4,))
    if failed(y):
        return y
    values = y.detach().double().reshape(-1).tolist()
    grads = backward_of(y, x)
    return grads if failed(grads) else (values, grads[0])


def diagnosis(values, grad):
    """Name the fix from where the gradient is not a number."""
    broken = {x: g for x, g in zip(INPUT, grad) if g != g or abs(g) == float("inf")}
    shown = f"`x.grad` is {fmt(grad)} for x = {fmt(INPUT)}"
    if set(broken) == {-1.0, 0.0}:
        return incorrect(f"{shown}: still the trap. `torch.where` sends a 0 back to the branch it did not use, "
                         "but sqrt's backward multiplies that 0 by 1/(2√x), nan at x = -1 and inf at 0, and "
                         f"0 · nan = 0 · inf = nan. Mask the input before the sqrt: `{MASK_FIRST}`, then "
                         "`torch.where(x > 0, safe.sqrt(), 0.0)`.")
    if set(broken) == {0.0} and broken[0.0] == float("inf"):
        return incorrect(f"{shown}: at x = 0 the sqrt branch is the one used, and its slope there is inf. Use "
                         "`x > 0`, not `x >= 0`, in both masks, so that 0 gets the constant 0.")
    if set(broken) == {0.0}:
        return incorrect(f"{shown}: x = -1 is safe now, but 0 still reaches the sqrt, whose slope at 0 is inf, "
                         f"and 0 · inf = nan. Replace every x ≤ 0 by a safe number before the sqrt: `{MASK_FIRST}`.")
    if set(broken) == {-1.0}:
        return incorrect(f"{shown}: x = -1 still reaches the sqrt (nan), or something that is still negative "
                         f"does: replace every x ≤ 0 before the sqrt, `{MASK_FIRST}`.")
    return incorrect(f"{shown}, not a number at {fmt(sorted(broken))}: make sure no x ≤ 0 reaches the sqrt, "
                     f"`{MASK_FIRST}`.")


@question(
    title="repair the torch.where trap (Lesson 9)",
    hints=["`torch.where` picks values, but backward still runs through both branches: for x ≤ 0 the sqrt "
           "branch gets a gradient of 0, and sqrt's backward turns 0 into 0 · inf or 0 · nan (section 9.4).",
           "Make the unsafe operation safe for every input: build `safe = torch.where(x > 0, x, 1.0)` first, "
           "take `safe.sqrt()`, and keep the outer `torch.where(x > 0, ..., 0.0)` for the value."],
    solution="""
def sqrt_or_zero(x):
    safe = torch.where(x > 0, x, 1.0)   # no x <= 0 ever reaches the sqrt
    return torch.where(x > 0, safe.sqrt(), 0.0)
""",
    explanation="The masked entries reach the sqrt as 1, whose slope is a plain 0.5; `torch.where` then sends "
                "them a 0, and 0 · 0.5 = 0. The value is unchanged, because the outer `where` still picks 0 "
                "there. `x.clamp(min=1e-12).sqrt()` inside the `where` works too.",
)
def q1(sqrt_or_zero):
    if problem := placeholders(sqrt_or_zero=sqrt_or_zero):
        return problem
    if problem := callable_problem(sqrt_or_zero, "sqrt_or_zero", "your function"):
        return problem
    ran = run(sqrt_or_zero)
    if failed(ran):
        return ran
    values, grad = ran
    if any(v != v for v in values):
        return incorrect(f"`sqrt_or_zero(x)` returns {fmt(values)} for x = {fmt(INPUT)}: a nan in the value "
                         "itself. Keep `torch.where(x > 0, ..., 0.0)` around the result, so x ≤ 0 gives 0.")
    if not close(values, VALUES):
        if close(values[2:], VALUES[2:]):
            return incorrect(f"`sqrt_or_zero(x)` returns {fmt(values)} for x = {fmt(INPUT)}: right for x > 0, "
                             "but x ≤ 0 should give 0. The safe input is only for the sqrt; keep the outer "
                             "`torch.where(x > 0, safe.sqrt(), 0.0)` for the value.")
        return incorrect(f"`sqrt_or_zero(x)` returns {fmt(values)} for x = {fmt(INPUT)}, but √x where x > 0, "
                         f"else 0, is {fmt(VALUES)}.")
    if any(g != g or abs(g) == float("inf") for g in grad):
        return diagnosis(values, grad)
    if close(grad, GRADIENT):
        return correct(f"`x.grad` is {fmt(grad)}: a number everywhere, 1/(2√x) where x > 0 and 0 elsewhere. "
                       "No x ≤ 0 reaches the sqrt any more, so there is no 0 · inf to make a nan.")
    return incorrect(f"`x.grad` is {fmt(grad)} for x = {fmt(INPUT)}, but the derivative is {fmt(GRADIENT)}: "
                     "1/(2√x) where x > 0, and 0 where the output is the constant 0.")
