"""q4 · a Hessian-vector product (Lesson 10): the exercise, its checker, its hints and its solution.

The learner writes ``hvp(f, x, v)``, returning H v, where H is the Hessian of a scalar
function f at x. The checker runs it under a time bound on functions of its own, with
``torch.func.hessian(f)(x) @ v`` as the oracle, and recognises the usual slips (the
Hessian itself, the gradient, the pair that jvp returns) by their shapes and numbers.
"""

import torch
from torch.func import grad, hessian

from ..checking import correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from ._calls import call, close_tensors, function_problem, raised


def cubic(x):
    """The cell's f: Σ x³ + x₀ x₁."""
    return (x**3).sum() + x[0] * x[1]


def wavy(x):
    """Another scalar function, of 6 numbers."""
    return torch.logsumexp(2 * x, dim=0) + (x.sin() ** 2).sum()


CASES = [(cubic, torch.tensor([1.0, 2.0, -1.0]), torch.tensor([1.0, 0.0, 0.0]), "the cell's f along v = e₀"),
         (cubic, torch.tensor([1.0, 2.0, -1.0]), torch.tensor([0.5, -1.0, 2.0]), "the cell's f along [0.5, -1, 2]"),
         (wavy, torch.linspace(-1.0, 1.5, 6), torch.linspace(1.0, -0.5, 6), "a function of 6 numbers")]


@question(
    title="a Hessian-vector product (Lesson 10)",
    hints=["H v is the derivative of the gradient in the direction v: a JVP of the function `grad(f)` "
           "(section 10.6). No need to build the whole Hessian.",
           "`torch.func.jvp(grad(f), (x,), (v,))` returns a pair, (the gradient at x, its JVP along v); the "
           "second is H v."],
    solution="""
def hvp(f, x, v):
    return jvp(grad(f), (x,), (v,))[1]
""",
    explanation="`grad(f)` is the function x ↦ ∇f(x); its Jacobian is the Hessian, so one forward-mode pass "
                "through it along v gives H v: forward over reverse, about the cost of two gradients, "
                "without the n × n matrix. `hessian(f)(x) @ v` gives the same numbers after n passes.",
)
def q4(hvp):
    if problem := placeholders(hvp=hvp):
        return problem
    if problem := function_problem(hvp, "hvp", "f, x, v"):
        return problem
    for f, x, v, what in CASES:
        h = hessian(f)(x)
        expected = h @ v
        value, problem = call(hvp, "hvp", f, x.clone(), v.clone(), warm=("func",))
        if isinstance(problem, BaseException):
            return raised(problem, "hvp")
        if problem is not None and "returned a tuple" in problem.message:
            return incorrect("`hvp` returned a tuple: `jvp` gives a pair, (the value, its JVP). H v is the second "
                             "item: `jvp(grad(f), (x,), (v,))[1]`.")
        if problem is not None:
            return problem
        if close_tensors(value, expected):
            continue
        if close_tensors(value, h):
            return incorrect(f"on {what}, `hvp` returned the whole Hessian, shape {tuple(h.shape)}: multiply it "
                             "by v, or better, get H v directly as a JVP of `grad(f)` along v.")
        if close_tensors(value, grad(f)(x)):
            return incorrect(f"on {what}, `hvp` returned the gradient of f at x, {fmt(value)}: the first item of "
                             "the pair `jvp(grad(f), ...)` returns. H v is the second.")
        if tuple(value.shape) != tuple(expected.shape):
            return incorrect(f"on {what}, `hvp` returned shape {tuple(value.shape)}; H v has the shape of x, "
                             f"{tuple(expected.shape)}.")
        return incorrect(f"on {what}, `hvp` returned {fmt(value)}, but H v = {fmt(expected)}.")
    return correct("`hvp` gives H v on every function the checker tried. As a JVP of `grad(f)` it costs about two "
                   "gradients, whatever the size of x: how Newton-type and curvature methods use the Hessian "
                   "without ever storing it.")
