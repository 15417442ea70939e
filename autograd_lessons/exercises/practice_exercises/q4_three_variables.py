"""q4 · challenge: three variables (Lesson 5): the exercise, its checker, hints, solution and causes, in one place."""

import math
from itertools import combinations

import torch

from ..answers import grad_of, leaf_problem, values
from ..checking import correct, doubled, incorrect, other_values, placeholders
from ...compute.numbers import fmt
from ..question import question
from .causes import shared


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
    causes={
        **shared("gradients-added-twice"),
        "same-leaf-twice": "One tensor was passed for two of the three leaves, where x, y and z are three leaves.",
        "term-missing": "A term of f = xy + yz + xz is missing (or typed twice in place of another), so the "
                        "gradients are those of a smaller f.",
    },
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
        return incorrect("two of the answers are the same tensor: pass x, y and z, three different leaves.",
                         "same-leaf-twice")
    a, b, c = (values(leaf) for leaf in (x, y, z))
    dtype, rel = rounding(x, y, z)
    if problem := uninformative({"x": a, "y": b, "z": c}, rel, dtype):
        return problem
    for name, leaf, _ in leaves:
        if grad_of(leaf) is None:
            return incorrect(f"`{name}.grad` is None: no backward pass has reached `{name}`. Call `f.backward()` "
                             "once (with brackets), after computing f from x, y and z. `torch.autograd.grad` "
                             "returns the gradients without storing them in `.grad`, and this exercise reads "
                             "`.grad`, so use `f.backward()` here.", "no-backward")
    return gradient_verdict([values(grad_of(leaf)) for leaf in (x, y, z)], (a, b, c), rel, dtype)


def rounding(*leaves):
    """Return the least precise dtype's name among the leaves, and the relative rounding its gradients carry.

    float32 and float64 get the course's usual 1e-4; half precision (float16 keeps about 3 significant
    digits, bfloat16 about 2) gets four times its machine epsilon, so 4.398 passes for 4.4 in float16.
    """
    dtype = max((leaf.dtype for leaf in leaves), key=lambda kind: torch.finfo(kind).eps)
    return str(dtype).replace("torch.", ""), max(1e-4, 4 * torch.finfo(dtype).eps)


def agree(grads, expected, rel):
    """True when every gradient matches its expected value within the relative rounding rel."""
    scale = max(abs(e) for e in expected) or 1.0
    return all(math.isclose(g, e, rel_tol=rel, abs_tol=rel * scale) for g, e in zip(grads, expected))


def gradient_verdict(grads, chosen, rel, dtype):
    """The verdict on the three gradients, for leaves holding the chosen values (a, b, c)."""
    a, b, c = chosen
    expected = [b + c, a + c, a + b]
    if agree(grads, expected, rel):
        rounded = (f" In {dtype} the gradients are rounded to about {round(-math.log10(rel / 4))} significant "
                   "digits, and the checker allowed for that." if rel > 1e-4 else "")
        return correct(f"∂f/∂x = y + z = {fmt(b + c)}, ∂f/∂y = x + z = {fmt(a + c)} and ∂f/∂z = x + y = "
                       f"{fmt(a + b)}: each is the sum of the other two variables, and one backward pass filled all "
                       "three." + rounded)
    if agree(grads, [2 * e for e in expected], rel):
        return incorrect(doubled("each gradient is exactly twice the right value",
                                 "Create x, y and z again and call `f.backward()` once"), "gradients-added-twice")
    terms = {"xy": (b, a, 0.0), "yz": (0.0, c, b), "xz": (c, 0.0, a)}
    for keep in (("xy", "yz"), ("xy", "xz"), ("yz", "xz"), ("xy",), ("yz",), ("xz",)):
        if agree(grads, [sum(terms[t][i] for t in keep) for i in range(3)], rel):
            missing = [t for t in terms if t not in keep]
            what = f"the terms {' and '.join(missing)} are" if len(missing) > 1 else f"the term {missing[0]} is"
            return incorrect(f"these are the gradients of f = {' + '.join(keep)}: {what} missing from your f.",
                             "term-missing")
    for name, grad, want, formula in zip("xyz", grads, expected, ("y + z", "x + z", "x + y")):
        if not agree([grad], [want], rel):
            return incorrect(f"∂f/∂{name} should be {formula} = {fmt(want)}, but `{name}.grad` is {fmt(grad)}. "
                             "Compare your f with xy + yz + xz (a product is `x * y`).", "other")
    return incorrect("compare your f with xy + yz + xz.", "other")


SUGGESTION = "Pick other values: three different numbers between 0.01 and 10,000 in size, no two of them " \
             "equal or summing to 0, such as 1, 2 and 3."


def uninformative(chosen, rel=1e-4, dtype="float32"):
    """Return "pick other values" when, at the values chosen, a wrong f could give the right gradients; else None.

    Each partial derivative of f is a sum of two of the values. Two equal values let a swapped
    term go unseen; a 0, or two values summing to 0, let a missing term go unseen; values near
    the checker's tolerance (1e-5), or far apart in size, hide a term inside the rounding (rel,
    wider in half precision).
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
    if max(sizes.values()) > 1e4 or max(sizes.values()) > 0.1 / rel * min(sizes.values()):
        return other_values("the values are so far apart in size that a term of f that is missing or wrong would "
                            f"change the gradients by less than the {dtype} rounding. {SUGGESTION}")
    biggest, apart = max(sizes.values()), max(0.01, 4 * rel)
    for (one, u), (two, v) in combinations(chosen.items(), 2):
        if abs(u - v) < apart * biggest:
            same = (f"are both {fmt(u)}: with two equal values" if abs(u - v) < 0.01 * biggest else
                    f"({fmt(u)} and {fmt(v)}) are too close for the {dtype} rounding: with two such values")
            return other_values(f"`{one}` and `{two}` {same}, a wrong f (one with {one} and {two} swapped in a "
                                f"term) gives the same gradients as the right one. {SUGGESTION}")
        if abs(u + v) < apart * biggest:
            summed = "= 0" if abs(u + v) < 0.01 * biggest else f"is too close to 0 for the {dtype} rounding"
            return other_values(f"{one} + {two} {summed}: a partial derivative is then 0, and a wrong f missing a "
                                f"term would give the same gradients. {SUGGESTION}")
    return None
