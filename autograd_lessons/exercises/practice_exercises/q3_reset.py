"""q3 · gradients add up, and reset (Lesson 4): the exercise, its checker, hints, solution and causes, in one place."""

import torch

from ..answers import number, number_problem
from ..checking import close, incorrect, placeholders, verdict
from ...compute.numbers import fmt
from ..question import question
from ..gradients import GRADIENT_CAUSES
from .causes import shared


@question(
    title="gradients add up, and reset (Lesson 4)",
    hints=["A second `y.backward()` on this y raises \"Trying to backward through the graph a second time\", because "
           "y = 2x² saved x for its backward pass and the first call freed it: pass `retain_graph=True` to the first "
           "call, or build y again before the second (Lesson 2, section 2.7).",
           "Read each gradient as a number, `x.grad.item()`, so that later changes to `x.grad` cannot touch it. "
           "Reset with `x.grad.zero_()`, build y again, then call backward (Lesson 4, sections 4.2 and 4.3)."],
    solution="""
x = torch.tensor(3.0, requires_grad=True)
y = 2 * x**2
y.backward(retain_graph=True)
y.backward()
after_two = x.grad.item()
x.grad.zero_()
y = 2 * x**2
y.backward()
after_reset = x.grad.item()
""",
    explanation="Each backward adds dy/dx = 4x = 12 into `x.grad`: 24 after two; `zero_()` empties it, so the "
                "next backward leaves 12.",
    causes={
        **{name: GRADIENT_CAUSES[name] for name in ("none-gradient", "tensor-not-its-grad")},
        **shared("wrong-formula"),
        "stored-grad-not-copy": "`x.grad` itself was stored instead of a copy of its number, so the later `zero_()` "
                                "and backward changed the stored reading too: read `x.grad.item()` (Lesson 4, 4.3).",
        "one-backward-only": "`after_two` was read after a single backward: the second backward adds its share into "
                             "`.grad`, and the first call must keep the graph (`retain_graph=True`) for it.",
        "read-before-backward": "`after_reset` was read right after `zero_()`, before a new backward filled `.grad`.",
        "reset-missing": "`after_reset` still carries the gradient from before the reset: the reset did not "
                         "happen, or it was read before the reset and the new backward (Lesson 4, 4.3).",
    },
)
def q3(after_two, after_reset):
    if problem := placeholders(after_two=after_two, after_reset=after_reset):
        return problem
    if isinstance(after_two, torch.Tensor) and after_two is after_reset:
        return incorrect("`after_two` and `after_reset` are one and the same tensor, `x.grad` itself, so `zero_()` "
                         "and the last backward changed `after_two` too. Store a copy of each reading: "
                         "`x.grad.item()` (Lesson 4, section 4.3).", "stored-grad-not-copy")
    if after_two is None:
        return incorrect("`after_two` is None. `.backward()` returns None (it adds into `x.grad` instead), so "
                         "`after_two = y.backward()` gives None; otherwise `x.grad` was still None when you read it: "
                         "create x with `requires_grad=True`, and read `x.grad` after the backward calls.",
                         "none-gradient")
    if after_reset is None:
        return incorrect("`after_reset` is None: `x.grad` was None when you read it, or it came from "
                         "`.backward()`, which returns None. After `x.grad = None` (or `optimizer.zero_grad()`), "
                         "`x.grad` stays None until a new backward pass runs: build y again, call backward, then "
                         "read `x.grad.item()`.", "none-gradient")
    for name, value in (("after_two", after_two), ("after_reset", after_reset)):
        if getattr(value, "requires_grad", False) is True:
            return incorrect(f"`{name}` is a tracked tensor (x or y?). Store the value of the gradient: "
                             f"`{name} = x.grad.item()`.", "tensor-not-its-grad")
        if problem := number_problem(value, name):
            return problem
    two, fresh = number(after_two), number(after_reset)
    shares_memory = isinstance(after_two, torch.Tensor) or getattr(after_two, "base", None) is not None  # a view
    if shares_memory and close(two, fresh):
        return incorrect("`after_two` shows the same number as `after_reset`. If it is `x.grad` itself, `zero_()` and "
                         "the last backward changed it after you stored it, because it is one and the same tensor. "
                         "Store a copy of the reading: `after_two = x.grad.item()` (Lesson 4, section 4.3).",
                         "stored-grad-not-copy")
    if close(two, 12.0):
        return incorrect("`after_two` is 12, a single backward's worth: the second `y.backward()` adds another 12 "
                         "into `x.grad`. Call backward twice before reading it, with no reset in between.",
                         "one-backward-only")
    if close([two, fresh], [48.0, 24.0]):
        return incorrect("both are twice the expected values, as if y were 4x²: did you write `(2*x)**2`? "
                         "y = 2x² is `2 * x**2`.", "wrong-formula")
    if not close(two, 24.0):
        return incorrect(f"`after_two` is {fmt(two)}, but two backward passes of y = 2x² at x = 3 give 12 + 12." +
                         (" 36 is three passes." if close(two, 36.0) else ""), "other")
    return verdict(
        fresh, 12.0,
        right="two backward passes added 12 + 12 = 24 into `x.grad`; after `zero_()`, one pass gives dy/dx = 4x = "
              "12 again. `.grad` adds up until you reset it.",
        wrong=[
            (0.0, "`after_reset` is 0: you read `x.grad` right after `zero_()`. Build y again, call backward, "
                  "then read it.", "read-before-backward"),
            (36.0, "`after_reset` is 36 = 24 + 12: the reset did not happen. Call `x.grad.zero_()` after reading "
                   "`after_two` and before the new backward.", "reset-missing"),
            (24.0, "`after_reset` is still 24: read `x.grad` after the reset and after a new backward, and store "
                   "a copy (`x.grad.item()`).", "reset-missing"),
        ],
        otherwise=f"`after_reset` is {fmt(fresh)}: after `x.grad.zero_()`, one backward of y = 2x² gives 4x at x = 3.",
    )
