"""q1 · repair the torch.where trap (Lesson 9): the exercise, its checker, hints and solution.

The learner passes their repaired ``sqrt_or_zero(x)``: √x where x > 0, else 0, with a
gradient that is a number everywhere. The checker runs it under a time limit on a fresh
leaf holding a negative number, a zero and two positive numbers, runs backward, and
names the fix from where the gradient is nan or inf.
"""

import math

import torch

from ..checking import close, correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from .causes import causes_for
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


ZERO_INF = ("inf at x = 0, the slope of √x at 0: at x = 0 your output still comes from the sqrt, where it should be "
            "the constant 0, whose gradient is 0")
ZERO_NAN = ("nan at x = 0, where the output is the constant 0: 0 still reaches the sqrt, whose slope at 0 is inf, and "
            "the 0 coming back times inf is nan")
MINUS_NAN = ("nan at x = -1, where the output is the constant 0: a number ≤ 0 still reaches the sqrt there, and the 0 "
             "coming back times its slope (nan below 0, infinite at 0) is nan")


def diagnosis(grad):
    """Name the fix from where the gradient is not a number, saying only what the gradient shows.

    The output at x = -1 and x = 0 is the constant 0 (the values were checked before), so a 0 went back
    there unless the output still came from the sqrt: nan means that 0 met the sqrt's nan or infinite
    slope on the way, inf at 0 means the sqrt's own slope reached x, unmultiplied.
    """
    at = {x: ("ok" if math.isfinite(g) else "nan" if g != g else "inf") for x, g in zip(INPUT, grad)}
    shown = f"`x.grad` is {fmt(grad)} for x = {fmt(INPUT)}"
    mask = f"Mask the input before the sqrt: `{MASK_FIRST}`, then `torch.where(x > 0, safe.sqrt(), 0.0)`."
    if at[-1.0] == at[0.0] == "nan":
        return incorrect(f"{shown}: not a number at x = -1 and x = 0, where the output is the constant 0. For "
                         "those x the sqrt still receives a number ≤ 0, where its slope is infinite (at 0) or nan "
                         "(below 0), and in backward that slope multiplies the 0 coming back: 0 · inf and 0 · nan "
                         f"are nan. {mask}", "masked-too-late")
    if (at[-1.0], at[0.0]) == ("nan", "inf"):
        return incorrect(f"{shown}: {MINUS_NAN}. And {ZERO_INF}. {mask}", "masked-too-late")
    if (at[-1.0], at[0.0]) == ("ok", "inf"):
        return incorrect(f"{shown}: {ZERO_INF}. Treat 0 as the negative numbers are treated: `{MASK_FIRST}` "
                         "(with `>`, so 0 is replaced too), then `torch.where(x > 0, safe.sqrt(), 0.0)`.",
                         "zero-reaches-sqrt")
    if (at[-1.0], at[0.0]) == ("ok", "nan"):
        return incorrect(f"{shown}: right at x = -1, but {ZERO_NAN}. Replace every x ≤ 0 (0 too) by a safe "
                         f"number before the sqrt: `{MASK_FIRST}`.", "zero-reaches-sqrt")
    if (at[-1.0], at[0.0]) == ("nan", "ok"):
        return incorrect(f"{shown}: right at x = 0, but nan at x = -1: a negative number still reaches the sqrt "
                         f"(√-1 is nan, and so is its slope). Replace every x ≤ 0 before the sqrt: `{MASK_FIRST}`.",
                         "negative-reaches-sqrt")
    broken = [x for x, state in at.items() if state != "ok"]
    return incorrect(f"{shown}, not a number at x = {fmt(broken)}: make sure no x ≤ 0 reaches the sqrt, "
                     f"`{MASK_FIRST}`.", "masked-too-late")


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
    causes=causes_for("masked-too-late", "zero-reaches-sqrt", "negative-reaches-sqrt", "output-not-masked",
                      "wrong-value", "wrong-gradient", "graph-cut", "not-elementwise"),
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
                         "itself. Pick 0 for x ≤ 0 around the result, `torch.where(x > 0, ..., 0.0)`.",
                         "output-not-masked")
    if not close(values, VALUES):
        if close(values[2:], VALUES[2:]):
            return incorrect(f"`sqrt_or_zero(x)` returns {fmt(values)} for x = {fmt(INPUT)}: right for x > 0, "
                             "but x ≤ 0 should give 0. A safe input is only for the sqrt; pick 0 for x ≤ 0 around "
                             "the result: `torch.where(x > 0, safe.sqrt(), 0.0)`.", "output-not-masked")
        return incorrect(f"`sqrt_or_zero(x)` returns {fmt(values)} for x = {fmt(INPUT)}, but √x where x > 0, "
                         f"else 0, is {fmt(VALUES)}.", "wrong-value")
    if any(g != g or abs(g) == float("inf") for g in grad):
        return diagnosis(grad)
    if close(grad, GRADIENT):
        return correct(f"`x.grad` is {fmt(grad)}: a number everywhere, 1/(2√x) where x > 0 and 0 elsewhere. "
                       "No x ≤ 0 reaches the sqrt any more, so there is no 0 · inf to make a nan.")
    return incorrect(f"`x.grad` is {fmt(grad)} for x = {fmt(INPUT)}, but the derivative is {fmt(GRADIENT)}: "
                     "1/(2√x) where x > 0, and 0 where the output is the constant 0.", "wrong-gradient")
