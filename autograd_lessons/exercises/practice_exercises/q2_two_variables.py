"""q2 · two variables (Lesson 5): the exercise, its checker, hints, solution and causes, in one place."""

from ..answers import number
from ..gradients import GRADIENT_CAUSES, gradient_problem, tracked_note
from ..checking import doubled, incorrect, placeholders, verdict
from ...compute.numbers import fmt
from ..question import question
from .causes import shared


@question(
    title="two variables (Lesson 5)",
    hints=["Both x and y need `requires_grad=True`; a single `z.backward()` then fills both `x.grad` and `y.grad` "
           "(Lesson 5, section 5.1).",
           "`z = x**2 * y + 5 * y`, `z.backward()`, then `dz_dx = x.grad` and `dz_dy = y.grad`."],
    solution="""
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
z = x**2 * y + 5 * y
z.backward()
dz_dx = x.grad
dz_dy = y.grad
""",
    explanation="One backward pass gives every leaf its partial derivative: 2xy = 4 and x² + 5 = 6.",
    causes={
        **GRADIENT_CAUSES, **shared("gradients-added-twice", "wrong-formula"),
        "one-gradient-none": "One gradient is None while the other is filled: that leaf was created without "
                             "`requires_grad=True`, is not a leaf, or its answer was `.backward()`'s return value.",
        "same-gradient-twice": "The same gradient was passed for both answers, where each leaf has its own `.grad`.",
        "gradients-swapped": "The two partial derivatives were passed in each other's place: ∂z/∂x is in `x.grad`, "
                             "∂z/∂y in `y.grad`.",
    },
)
def q2(dz_dx, dz_dy):
    if problem := placeholders(dz_dx=dz_dx, dz_dy=dz_dy):
        return problem
    if dz_dx is None and dz_dy is None:
        return incorrect("both are None. `.grad` stays None until a backward pass has run (called with brackets: "
                         "`z.backward()`, not `z.backward`), and it is filled only on leaves created with "
                         "`requires_grad=True`; `.backward()` itself returns None. Check both x and y.",
                         "none-gradient")
    for name, value, other_name, other, leaf, default in (("dz_dy", dz_dy, "dz_dx", dz_dx, "y", "2.0"),
                                                           ("dz_dx", dz_dx, "dz_dy", dz_dy, "x", "1.0")):
        if value is None and gradient_problem(other, other_name, "x" if leaf == "y" else "y") is None:
            return incorrect(f"`{name}` is None while `{other_name}` is filled, so a backward pass did run. "
                             f"`{leaf}.grad` stays None when `{leaf}` was created without `requires_grad=True`, or "
                             f"is not a leaf (an operation, even `.double()` or `* 1`, came after creating it); and "
                             f"`.backward()` returns None, so `{name} = z.backward()` gives None too. Create it as "
                             f"`{leaf} = torch.tensor({default}, requires_grad=True)` and pass `{leaf}.grad`.",
                             "one-gradient-none")
    if problem := (gradient_problem(dz_dx, "dz_dx", of="x", result="z")
                   or gradient_problem(dz_dy, "dz_dy", of="y", result="z")):
        return problem
    if dz_dx is dz_dy:
        return incorrect("`dz_dx` and `dz_dy` are one and the same tensor: pass `x.grad` as `dz_dx` and `y.grad` "
                         "as `dz_dy`.", "same-gradient-twice")
    found = f"`dz_dx` is {fmt(number(dz_dx))} and `dz_dy` is {fmt(number(dz_dy))}"
    return verdict(
        [number(dz_dx), number(dz_dy)], [4.0, 6.0],
        right="∂z/∂x = 2xy = 4 and ∂z/∂y = x² + 5 = 6 at (1, 2), both from a single backward pass."
              + (tracked_note(dz_dx, "dz_dx") or tracked_note(dz_dy, "dz_dy")),
        wrong=[
            ([6.0, 4.0], "the two are swapped: ∂z/∂x is in `x.grad` and ∂z/∂y in `y.grad`.", "gradients-swapped"),
            ([8.0, 12.0], doubled("`dz_dx` is 8 and `dz_dy` is 12, exactly twice the right values",
                                  "Create x and y again and call `z.backward()` once"), "gradients-added-twice"),
            ([4.0, 9.0], "∂z/∂y = 9 = x² + 5 means x = 2: create x = 1.0 and y = 2.0, not the other way round.",
             "wrong-formula"),
            ([4.0, 7.0], "∂z/∂y = 7 = 2x + 5: did you write `x*2` (that is 2x) where x² is `x**2`?", "wrong-formula"),
            ([4.0, 1.0], "∂z/∂y = 1 = x²: the term 5y is missing its y. Write `5*y`, not `5`.", "wrong-formula"),
        ],
        otherwise=f"{found}, but ∂z/∂x = 2xy = 4 and ∂z/∂y = x² + 5 = 6 at x = 1, y = 2. "
                  "Compare your z with x²y + 5y.",
    )
