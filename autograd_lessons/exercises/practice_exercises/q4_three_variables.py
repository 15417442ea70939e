"""q4 · challenge: three variables (Lesson 5): the exercise, its checker, its hints and its solution, in one place."""

import math
from itertools import combinations

from ..answers import grad_of, leaf_problem, values
from ..checking import close, correct, doubled, incorrect, other_values, placeholders
from ...compute.numbers import fmt
from ..question import question


@question(
    title="challenge: three variables (Lesson 5)",
    hints=["Three leaves with `requires_grad=True`, one f, one `f.backward()`: `x.grad`, `y.grad` and `z.grad` then "
           "hold the three partial derivatives (Lesson 5, section 5.1).",
           "`f = x * y + y * z + x * z`. By hand, ∂f/∂x = y + z: each partial derivative is the sum of the other "
           "two variables."],
    solution="""
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
z = torch.tensor(3.0, requires_grad=True)
f = x * y + y * z + x * z
f.backward()
""",
    explanation="x.grad = y + z = 5, y.grad = x + z = 4, z.grad = x + y = 3, all from one backward pass.",
)
def q4(x, y, z):
    if problem := placeholders(x=x, y=y, z=z):
        return problem
    leaves = (("x", x, "1.0"), ("y", y, "2.0"), ("z", z, "3.0"))
    for name, leaf, suggested in leaves:
        if problem := leaf_problem(leaf, name, example=f"torch.tensor({suggested}, requires_grad=True)",
                                   need_grad=False):
            return problem
    if x is y or y is z or x is z:
        return incorrect("two of the answers are the same tensor: pass x, y and z, three different leaves.")
    a, b, c = (values(leaf) for leaf in (x, y, z))
    if problem := uninformative({"x": a, "y": b, "z": c}):
        return problem
    for name, leaf, _ in leaves:
        if grad_of(leaf) is None:
            return incorrect(f"`{name}.grad` is None: no backward pass has reached `{name}`. Call `f.backward()` "
                             "once (with brackets), after computing f from x, y and z. `torch.autograd.grad` "
                             "returns the gradients without storing them in `.grad`, and this exercise reads "
                             "`.grad`, so use `f.backward()` here.")
    grads = [values(grad_of(leaf)) for leaf in (x, y, z)]
    expected = [b + c, a + c, a + b]
    if close(grads, expected):
        return correct(f"∂f/∂x = y + z = {fmt(b + c)}, ∂f/∂y = x + z = {fmt(a + c)} and ∂f/∂z = x + y = "
                       f"{fmt(a + b)}: each is the sum of the other two variables, and one backward pass filled all "
                       "three.")
    if close(grads, [2 * e for e in expected]):
        return incorrect(doubled("each gradient is exactly twice the right value",
                                 "Create x, y and z again and call `f.backward()` once"))
    terms = {"xy": (b, a, 0.0), "yz": (0.0, c, b), "xz": (c, 0.0, a)}
    for keep in (("xy", "yz"), ("xy", "xz"), ("yz", "xz"), ("xy",), ("yz",), ("xz",)):
        partial = [sum(terms[t][i] for t in keep) for i in range(3)]
        if close(grads, partial):
            missing = [t for t in terms if t not in keep]
            what = f"the terms {' and '.join(missing)} are" if len(missing) > 1 else f"the term {missing[0]} is"
            return incorrect(f"these are the gradients of f = {' + '.join(keep)}: {what} missing from your f.")
    for name, grad, want, formula in zip("xyz", grads, expected, ("y + z", "x + z", "x + y")):
        if not close(grad, want):
            return incorrect(f"∂f/∂{name} should be {formula} = {fmt(want)}, but `{name}.grad` is {fmt(grad)}. "
                             "Compare your f with xy + yz + xz (a product is `x * y`).")
    return incorrect("compare your f with xy + yz + xz.")


SUGGESTION = "Pick other values: three different numbers between 0.01 and 10,000 in size, no two of them " \
             "equal or summing to 0, such as 1, 2 and 3."


def uninformative(chosen):
    """Return "pick other values" when, at the values chosen, a wrong f could give the right gradients; else None.

    Each partial derivative of f is a sum of two of the values. Two equal values let a swapped
    term go unseen; a 0, or two values summing to 0, let a missing term go unseen; values near
    the checker's tolerance (1e-5), or far apart in size, hide a term inside the rounding.
    """
    for name, value in chosen.items():
        if not math.isfinite(value):
            return other_values(f"`{name}` is {fmt(value)}, not a finite number, so the gradients are infinite or "
                                f"nan and cannot tell a right f from a wrong one. {SUGGESTION}")
    sizes = {name: abs(value) for name, value in chosen.items()}
    small = [name for name, size in sizes.items() if size < 0.01]
    if small:
        return other_values(f"`{small[0]}` is {fmt(chosen[small[0]])}: with a value this small (or 0), a term of f "
                            "that is missing or wrong changes the gradients by less than the checker's tolerance, "
                            f"so a wrong f would pass too. {SUGGESTION}")
    if max(sizes.values()) > 1e4 or max(sizes.values()) > 1e3 * min(sizes.values()):
        return other_values("the values are so far apart in size that a term of f that is missing or wrong would "
                            f"change the gradients by less than the float32 rounding. {SUGGESTION}")
    biggest = max(sizes.values())
    for (one, u), (two, v) in combinations(chosen.items(), 2):
        if abs(u - v) < 0.01 * biggest:
            return other_values(f"`{one}` and `{two}` are both {fmt(u)}: with two equal values, a wrong f (one "
                                f"with {one} and {two} swapped in a term) gives the same gradients as the right "
                                f"one. {SUGGESTION}")
        if abs(u + v) < 0.01 * biggest:
            return other_values(f"{one} + {two} = 0: a partial derivative is then 0, and a wrong f missing a term "
                                f"would give the same gradients. {SUGGESTION}")
    return None
