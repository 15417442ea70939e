"""q3 · repair a division by a masked zero (Lesson 9): the exercise, its checker, hints and solution.

The learner passes their repaired ``mean_per_group(totals, counts)``: totals / counts
where the count is not 0, else 0. The checker runs it under a time limit on a fresh leaf
``totals`` with one empty group, runs backward, and names the fix from the gradient.
"""

import torch

from ..checking import close, correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from .causes import causes_for
from .trial import backward_of, callable_problem, failed, try_function

TOTALS, COUNTS = [6.0, 0.0, 3.0], [3.0, 0.0, 2.0]
VALUES = [2.0, 0.0, 1.5]
GRADIENT = [1 / 3, 0.0, 0.5]  # 1 / count where the count is not 0; the empty group's output is the constant 0
MASK_FIRST = "safe = torch.where(counts > 0, counts, 1.0)"


def moved_exercise(value):
    """Return why a custom Function class is not this exercise's answer (Exercise 3 was one before), or None."""
    if isinstance(value, type) and issubclass(value, torch.autograd.Function):
        return incorrect(f"`{value.__name__}` is a `torch.autograd.Function` class: the exercise that repaired one "
                         "moved to Lesson 12 · Extending autograd. Exercise 3 here asks for your repaired "
                         "`mean_per_group(totals, counts)`: pass that function.", "wrong-kind")
    return None


def run(function):
    """Return (values, gradient of the totals) on fresh tensors, or a Result saying what went wrong."""
    totals, counts = torch.tensor(TOTALS, requires_grad=True), torch.tensor(COUNTS)
    result = try_function(function, totals, counts, name="`mean_per_group(totals, counts)`", shape=(3,))
    if failed(result):
        return result
    values = result.detach().double().reshape(-1).tolist()
    grads = backward_of(result, totals)
    return grads if failed(grads) else (values, grads[0])


@question(
    title="repair a division by a masked zero (Lesson 9)",
    hints=["`torch.where` picks 0 for the empty group, but `totals / counts` was computed for every group, and in "
           "backward `DivBackward0` divides the 0 that `where` sends back by the count, 0 / 0 (section 9.3).",
           f"Make the division safe for every group before `where` picks: `{MASK_FIRST}`, then "
           "`torch.where(counts > 0, totals / safe, 0.0)`."],
    solution="""
def mean_per_group(totals, counts):
    safe = torch.where(counts > 0, counts, 1.0)   # no 0 ever reaches the division
    return torch.where(counts > 0, totals / safe, 0.0)
""",
    explanation="The empty group is divided by 1 instead of 0, so backward divides by 1 too; `where` then picks "
                "the constant 0 for it, and its gradient is 0. The other groups are divided by their own counts.",
    causes=causes_for("masked-too-late", "output-not-masked", "empty-group-not-constant", "wrong-value",
                      "wrong-gradient", "graph-cut", "not-elementwise"),
)
def q3(mean_per_group):
    if problem := placeholders(mean_per_group=mean_per_group):
        return problem
    if problem := moved_exercise(mean_per_group) or callable_problem(mean_per_group, "mean_per_group", "your function"):
        return problem
    ran = run(mean_per_group)
    if failed(ran):
        return ran
    values, grad = ran
    shown = f"for totals = {fmt(TOTALS)} and counts = {fmt(COUNTS)}"
    if any(v != v for v in values):
        return incorrect(f"`mean_per_group` returns {fmt(values)} {shown}: 0 / 0 is nan in the value itself. "
                         "Pick 0 for the empty group around the result: `torch.where(counts > 0, ..., 0.0)`.",
                         "output-not-masked")
    if not close(values, VALUES):
        return incorrect(f"`mean_per_group` returns {fmt(values)} {shown}, but totals / counts, with 0 for the "
                         f"empty group, is {fmt(VALUES)}.", "wrong-value")
    if grad[1] != grad[1]:
        return incorrect(f"`totals.grad` is {fmt(grad)} {shown}: nan for the empty group, whose output is the "
                         "constant 0. Its total is still divided by its count, 0, and in backward the 0 coming back "
                         "is divided by that 0 too: 0 / 0 = nan. Divide by a safe count instead: "
                         f"`{MASK_FIRST}`.", "masked-too-late")
    if close(grad, GRADIENT):
        return correct(f"`totals.grad` is {fmt(grad)}: 1 / count for each group, and 0 for the empty one, whose "
                       "output is the constant 0. No 0 reaches the division, so backward has no 0 / 0 to make.")
    if close([grad[0], grad[2]], [GRADIENT[0], GRADIENT[2]]) and grad[1] != 0:
        return incorrect(f"`totals.grad` is {fmt(grad)} {shown}: right for the two groups with members, but "
                         f"{fmt(grad[1])} for the empty one, whose output still moves with its total (it is 0 only "
                         "because that total is 0), where it should be the constant 0, with gradient 0. Pick the "
                         "constant around the result: `torch.where(counts > 0, ..., 0.0)`.",
                         "empty-group-not-constant")
    return incorrect(f"`totals.grad` is {fmt(grad)} {shown}, but it should be {fmt(GRADIENT)}: 1 / count, and 0 "
                     "for the empty group.", "wrong-gradient")


q4 = q3  # its name before Lesson 9's custom-Function exercise moved to Lesson 12: a kept copy still calls q4
