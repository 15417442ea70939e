"""q8 · backward from a vector (Lesson 3): the exercise, its checker, hints, solution and causes, in one place."""

from ..answers import grad_of, leaf_problem, value_problem, values
from ..checking import close, correct, incorrect, nothing_yet, placeholders
from ...compute.numbers import fmt
from ..question import question


@question(
    title="backward from a vector (Lesson 3)",
    hints=["`.backward()` with no argument needs a single number, and y holds three (Lesson 3, section 3.6).",
           "Reduce y to one number first, `y.sum().backward()`, or give one weight per entry, "
           "`y.backward(gradient=torch.ones_like(y))`. Avoid `y.mean()`: it divides by 3."],
    solution="""
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x**3
y.sum().backward()
""",
    explanation="The sum weighs every entry by 1, so `x.grad` holds each entry's own derivative 3x² = [3, 12, 27].",
    causes={
        "part-of-output": "Backward started from part of y only (like `y[0]`), so the other entries of `x.grad` "
                          "stay 0: reduce the whole of y, `y.sum()`.",
        "gradient-zeroed": "`x.grad` holds zeros: it was zeroed after the backward pass, or the weights given in "
                           "`gradient=` were all 0.",
        "gradient-scaled": "Every entry is the same multiple of 3x²: backward started from a multiple of y's sum "
                           "(weights other than ones in `gradient=`), or ran twice, since `.grad` adds up.",
        "mean-not-sum": "`y.mean()` divides every entry's derivative by the number of entries; each entry's own "
                        "derivative needs `y.sum()`, or `gradient=torch.ones_like(y)`.",
        "not-plain-sum": "Backward started from something other than the plain sum of y: weights that differ from "
                         "entry to entry, or a reduction such as `y.norm()` or a sum of squares.",
    },
)
def q8(x):
    example = "torch.tensor([1.0, 2.0, 3.0], requires_grad=True)"
    missing = nothing_yet("x", "a backward pass that works when y holds three numbers")
    if problem := (placeholders(x=x) or leaf_problem(x, "x", example=example, shape=(3,), missing_grad=missing)
                   or value_problem(x, "x", [1.0, 2.0, 3.0], example)):
        return problem
    grads, expected = values(grad_of(x)), [3.0, 12.0, 27.0]
    if close(grads, expected):
        return correct("`x.grad` = 3x² = [3, 12, 27], one derivative per entry. `y.sum().backward()` and "
                       "`y.backward(gradient=torch.ones_like(y))` compute the same thing: a vector-Jacobian product "
                       "with v all ones (Lesson 3, sections 3.6 and 3.7).")
    zero = [str(i) for i, g in enumerate(grads) if close(g, 0.0)]
    if 0 < len(zero) < 3:
        return incorrect(f"entr{'y' if len(zero) == 1 else 'ies'} {', '.join(zero)} of `x.grad` "
                         f"{'is' if len(zero) == 1 else 'are'} 0: backward started from part of y only (like "
                         "`y[0]`). Reduce the whole of y: `y.sum().backward()`.", "part-of-output")
    if all(close(g, 0.0) for g in grads):
        return incorrect("`x.grad` is [0, 0, 0]: a backward pass reached x (its `.grad` is filled) but added zeros. "
                         "Was `x.grad` zeroed after the backward pass, or were the weights in `gradient=` all 0?",
                         "gradient-zeroed")
    ratios = [g / e for g, e in zip(grads, expected)]
    if all(close(r, ratios[0]) for r in ratios):
        if close(ratios[0], 2.0):
            return incorrect("`x.grad` is [6, 24, 54], exactly twice 3x² in every entry: that is what two backward "
                             "passes give, since `.grad` adds up, and also what one backward with weights of 2 gives "
                             "(`gradient=2 * torch.ones_like(y)`, or `(2 * y).sum()`). Create x again and run one "
                             "backward, `y.sum().backward()` or `y.backward(gradient=torch.ones_like(y))` "
                             "(Lesson 4, section 4.2).", "gradient-scaled")
        if close(ratios[0], 1 / 3):
            return incorrect("`x.grad` is [1, 4, 9], a third of 3x²: `y.mean()` divides every entry by 3. "
                             "For each entry's own derivative, use `y.sum()`, or `gradient=torch.ones_like(y)`.",
                             "mean-not-sum")
        return incorrect(f"every entry of `x.grad` is {fmt(ratios[0])} times 3x²: that is a backward from "
                         f"{fmt(ratios[0])} × the sum of y. Use `y.sum()` itself, or `gradient=torch.ones_like(y)`.",
                         "gradient-scaled")
    return incorrect(f"`x.grad` is {fmt(grads)}: each entry is 3x² times a different factor, so backward did not "
                     "start from the plain sum of y: the weights given in `gradient=` differ from entry to entry, or "
                     "y was reduced by something other than a sum (`y.norm()`, a sum of squares). Pass "
                     "`gradient=torch.ones_like(y)`, or use `y.sum().backward()`.", "not-plain-sum")
