"""q4 · challenge: three variables (Lesson 5): the exercise, its checker, its hints and its solution, in one place."""

from ..answers import grad_of, leaf_problem, values
from ..checking import close, correct, doubled, fmt, incorrect, placeholders
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
