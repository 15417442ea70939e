"""q2 · predict what a tensor hook prints (Lesson 8): the exercise, its checker, its hints and its solution.

The oracle is PyTorch: the checker runs the exercise's cell itself, with the print hook
writing into a list, and compares the learner's two predictions with what happened.
"""

import torch

from ..answers import number, number_problem
from ..checking import close, correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from .causes import HOOK_CAUSES

CODE = """x = torch.tensor(3.0, requires_grad=True)
h = x ** 2
h.register_hook(lambda grad: print("the hook on h sees", grad.item()))
h.register_hook(lambda grad: grad.clamp(max=1.0))
out = 5 * h
out.backward()"""


def what_happens():
    """Run the exercise's cell and return (the number the first hook printed, x.grad) as floats."""
    seen = []
    x = torch.tensor(3.0, requires_grad=True)
    h = x ** 2
    h.register_hook(lambda grad: seen.append(grad.item()))
    h.register_hook(lambda grad: grad.clamp(max=1.0))
    out = 5 * h
    out.backward()
    return seen[0], x.grad.item()


@question(
    title="predict what a tensor hook prints (Lesson 8)",
    hints=["A hook registered on h with `h.register_hook` is called with the gradient of `out` with respect to h, "
           "before h's node (`PowBackward0`) uses it. Hooks on one tensor run in the order they were registered, "
           "each getting what the one before returned (section 8.8).",
           "`out = 5 * h`, so the gradient reaching h is 5. The first hook prints it; the second returns "
           "`grad.clamp(max=1.0)`, and that returned tensor is what `PowBackward0` multiplies by 2x."],
    solution="""
printed = 5.0
x_grad = 6.0
""",
    explanation="The print hook runs first and sees d out/dh = 5. The clamp hook then replaces it with 1, so "
                "`PowBackward0` sends 1 · 2x = 6 to x: `x.grad` is 6, not 30.",
    causes=HOOK_CAUSES,
)
def q2(printed, x_grad):
    """Return the Result for the two predictions, judged against what running the exercise's cell gives."""
    if problem := placeholders(printed=printed, x_grad=x_grad):
        return problem
    for name, value in (("printed", printed), ("x_grad", x_grad)):
        if problem := number_problem(value, name):
            return problem
    printed, x_grad = number(printed), number(x_grad)
    seen, grad = what_happens()
    if close(printed, seen) and close(x_grad, grad):
        return correct(f"the hook prints {fmt(seen)}, the gradient of `out` with respect to h, as it arrives. The "
                       f"clamp hook, registered second, runs second and replaces it with 1, so `PowBackward0` sends "
                       f"1 · 2x = {fmt(grad)} to x. A hook that returns a tensor changes the gradient for everything "
                       "behind it; one that returns None only looks.")
    if not close(printed, seen):
        if close(printed, 1.0):
            return incorrect("`printed` is 1, the clipped value, but the print hook was registered first, so it "
                             "runs first and sees the gradient before the clamp: hooks run in the order they "
                             "were registered.", "hooks-run-in-another-order")
        if close(printed, 30.0) or close(printed, 6.0):
            return incorrect(f"{fmt(printed)} is a gradient with respect to x. The hook is on h, so it sees "
                             "d out/dh, the gradient that reaches h from `out = 5 * h`.", "hook-sees-the-leaf-gradient")
        return incorrect(f"the hook on h prints the gradient of `out` with respect to h. With `out = 5 * h`, what "
                         f"is d out/dh? (`printed` is {fmt(printed)}.)", "other")
    if close(x_grad, 30.0):
        return incorrect("`x_grad` = 30 is what x would get without the second hook. `h.register_hook(lambda grad: "
                         "grad.clamp(max=1.0))` returns a tensor, and a returned tensor replaces the gradient "
                         "before `PowBackward0` uses it.", "returned-tensor-ignored")
    if close(x_grad, 1.0):
        return incorrect("the clamp acts on the gradient at h, not on `x.grad`: `PowBackward0` still multiplies the "
                         "clamped 1 by its local derivative 2x at x = 3.", "clamp-applied-to-x-grad")
    if close(x_grad, 5.0):
        return incorrect("5 is the gradient at h. Backward goes on through `PowBackward0`, which multiplies by 2x, "
                         "and the clamp hook changed the 5 first.", "stopped-at-h")
    return incorrect(f"`printed` is right. For `x_grad`: the clamp hook's return value replaces the gradient at h, "
                     f"and `PowBackward0` then multiplies it by 2x at x = 3. (`x_grad` is {fmt(x_grad)}.)", "other")
