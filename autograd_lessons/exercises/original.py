"""The four exercises of the course's original notebook, q1-q4, checked: what each expects, and why an answer is off.

One variable (q1), two variables (q2), gradients that add up and a reset (q3), and the
challenge with three variables (q4). Each checker reads only what it is given, never
changes it, and returns a checking Result with a message for each likely mistake.
"""

from .answers import gradient_problem, grad_of, leaf_problem, number, number_problem, values
from .checking import close, correct, doubled, fmt, incorrect, placeholders, verdict
from .question import Question


def _one_variable(answer):
    if problem := placeholders(answer=answer) or gradient_problem(answer, "answer", of="x"):
        return problem
    return verdict(
        number(answer), 32.0,
        right="dy/dx = 9x² − 4 = 9·4 − 4 = 32 at x = 2, and `x.grad` holds exactly that.",
        wrong=[
            (64.0, doubled("`answer` is 64, exactly twice the right value", "Did you zero the gradient between two "
                           "backward calls? Call `y.backward()` once, on a freshly created `x`")),
            (16.0, "16 is y itself, 3·2³ − 4·2. Pass its derivative, `x.grad`, which `y.backward()` fills in."),
            (36.0, "36 = 9x² is the derivative of 3x³ alone: is the − 4x term missing from your y?"),
            (-4.0, "−4 is the derivative of − 4x alone: is the 3x³ term missing from your y (`3 * x**3`)?"),
        ],
        otherwise="by hand, dy/dx = 9x² − 4 at x = 2. Compare your y with 3x³ − 4x (a power is `x**3`), "
                  "and your x with 2.0.",
    )


def _two_variables(dz_dx, dz_dy):
    if problem := placeholders(dz_dx=dz_dx, dz_dy=dz_dy):
        return problem
    if dz_dx is None and dz_dy is None:
        return incorrect("both are None: `.grad` stays empty until `z.backward()` has run, and only for tensors "
                         "created with `requires_grad=True`. Check both.")
    for name, value, other_name, other, leaf, default in (("dz_dy", dz_dy, "dz_dx", dz_dx, "y", "2.0"),
                                                           ("dz_dx", dz_dx, "dz_dy", dz_dy, "x", "1.0")):
        if value is None and gradient_problem(other, other_name, "x" if leaf == "y" else "y") is None:
            return incorrect(f"`{name}` is None while `{other_name}` is filled, so `z.backward()` did run: `{leaf}` "
                             f"was not tracked. Create it as `{leaf} = torch.tensor({default}, requires_grad=True)`.")
    if problem := gradient_problem(dz_dx, "dz_dx", of="x") or gradient_problem(dz_dy, "dz_dy", of="y"):
        return problem
    return verdict(
        [number(dz_dx), number(dz_dy)], [4.0, 6.0],
        right="∂z/∂x = 2xy = 4 and ∂z/∂y = x² + 5 = 6 at (1, 2), both from a single `z.backward()`.",
        wrong=[
            ([6.0, 4.0], "the two are swapped: ∂z/∂x is in `x.grad` and ∂z/∂y in `y.grad`."),
            ([8.0, 12.0], doubled("`dz_dx` is 8 and `dz_dy` is 12, exactly twice the right values",
                                  "Create x and y again and call `z.backward()` once")),
            ([4.0, 9.0], "∂z/∂y = 9 = x² + 5 means x = 2: create x = 1.0 and y = 2.0, not the other way round."),
            ([4.0, 7.0], "∂z/∂y = 7 = 2x + 5: did you write `x*2` (that is 2x) where x² is `x**2`?"),
            ([4.0, 1.0], "∂z/∂y = 1 = x²: the term 5y is missing its y. Write `5*y`, not `5`."),
        ],
        otherwise="by hand, ∂z/∂x = 2xy and ∂z/∂y = x² + 5 at x = 1, y = 2. Compare your z with x²y + 5y.",
    )


def _reset(after_two, after_reset):
    if problem := placeholders(after_two=after_two, after_reset=after_reset):
        return problem
    if after_two is after_reset and after_two is not None:
        return incorrect("`after_two` and `after_reset` are one and the same tensor, `x.grad` itself, so `zero_()` "
                         "and the last backward changed `after_two` too. Store a copy of each reading: "
                         "`x.grad.item()` (Lesson 4, section 4.3).")
    for name, value in (("after_two", after_two), ("after_reset", after_reset)):
        if value is None:
            return incorrect(f"`{name}` is None: `x.grad` was still empty when you read it. Create x with "
                             f"`requires_grad=True`, and read `x.grad` after the backward calls.")
        if getattr(value, "requires_grad", False) is True:
            return incorrect(f"`{name}` is a tracked tensor (x or y?). Store the value of the gradient: "
                             f"`{name} = x.grad.item()`.")
        if problem := number_problem(value, name):
            return problem
    two, fresh = number(after_two), number(after_reset)
    if hasattr(after_two, "shape") and close(two, fresh):
        return incorrect("`after_two` shows the same number as `after_reset`. If it is `x.grad` itself, `zero_()` and "
                         "the last backward changed it after you stored it, because it is one and the same tensor. "
                         "Store a copy of the reading: `after_two = x.grad.item()` (Lesson 4, section 4.3).")
    if close(two, 12.0):
        return incorrect("`after_two` is 12, a single backward's worth: the second `y.backward()` adds another 12 "
                         "into `x.grad`. Call backward twice before reading it, with no reset in between.")
    if close([two, fresh], [48.0, 24.0]):
        return incorrect("both are twice the expected values, as if y were 4x²: did you write `(2*x)**2`? "
                         "y = 2x² is `2 * x**2`.")
    if not close(two, 24.0):
        return incorrect(f"`after_two` is {fmt(two)}, but two backward passes of y = 2x² at x = 3 give 12 + 12." +
                         (" 36 is three passes." if close(two, 36.0) else ""))
    return verdict(
        fresh, 12.0,
        right="two backward passes added 12 + 12 = 24 into `x.grad`; after `zero_()`, one pass gives dy/dx = 4x = "
              "12 again. `.grad` adds up until you reset it.",
        wrong=[
            (0.0, "`after_reset` is 0: you read `x.grad` right after `zero_()`. Build y again, call backward, "
                  "then read it."),
            (36.0, "`after_reset` is 36 = 24 + 12: the reset did not happen. Call `x.grad.zero_()` after reading "
                   "`after_two` and before the new backward."),
            (24.0, "`after_reset` is still 24: read `x.grad` after the reset and after a new backward, and store "
                   "a copy (`x.grad.item()`)."),
        ],
        otherwise=f"`after_reset` is {fmt(fresh)}: after `x.grad.zero_()`, one backward of y = 2x² gives 4x at x = 3.",
    )


def _three_variables(x, y, z):
    if problem := placeholders(x=x, y=y, z=z):
        return problem
    for name, leaf, suggested in (("x", x, "1.0"), ("y", y, "2.0"), ("z", z, "3.0")):
        missing = f"`{name}.grad` is None: call `f.backward()` once, after computing f from x, y and z."
        example = f"torch.tensor({suggested}, requires_grad=True)"
        if problem := leaf_problem(leaf, name, example=example, missing_grad=missing):
            return problem
    if x is y or y is z or x is z:
        return incorrect("two of the answers are the same tensor: pass x, y and z, three different leaves.")
    a, b, c = (values(leaf) for leaf in (x, y, z))
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


q1 = Question(
    "q1", "one variable (Lesson 3)", ["answer"], _one_variable,
    hints=["Create x with `torch.tensor(2.0, requires_grad=True)`, build y from it (a power is `x**3`), call "
           "`y.backward()`; the derivative is then in `x.grad` (Lesson 3, section 3.1).",
           "`y = 3 * x**3 - 4 * x`, then `y.backward()`, then `answer = x.grad`."],
    solution="""
x = torch.tensor(2.0, requires_grad=True)
y = 3 * x**3 - 4 * x
y.backward()
answer = x.grad
""",
    explanation="`y.backward()` fills `x.grad` with dy/dx at x = 2; by hand, 9x² − 4 = 32.",
)

q2 = Question(
    "q2", "two variables (Lesson 5)", ["dz_dx", "dz_dy"], _two_variables,
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
)

q3 = Question(
    "q3", "gradients add up, and reset (Lesson 4)", ["after_two", "after_reset"], _reset,
    hints=["A second `y.backward()` on the same y raises \"Trying to backward through the graph a second time\": "
           "pass `retain_graph=True` to the first call, or build y again before the second (Lesson 2, section 2.7).",
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
)

q4 = Question(
    "q4", "challenge: three variables (Lesson 5)", ["x", "y", "z"], _three_variables,
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
