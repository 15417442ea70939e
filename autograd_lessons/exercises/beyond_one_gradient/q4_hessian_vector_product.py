"""q4 · a Hessian-vector product (Lesson 10): the exercise, its checker, its hints and its solution.

The learner writes ``hvp(f, x, v)``, returning H v, where H is the Hessian of a scalar
function f at x. The checker runs it under a time bound on section 10.3's g (the one the
cell tries, at the same x) and on a function of its own, each named with its formula in
the messages, with ``torch.func.hessian(f)(x) @ v`` as the oracle, and recognises the usual
slips (the Hessian itself, the gradient, the pair that jvp returns, a JVP of f instead of
grad(f)) by their shapes and numbers. It also watches the size of every tensor the function
computes: a right answer that built the whole n × n Hessian first is told so, and one that
never did is told that it costs about two gradients.
"""

import torch
from torch.func import grad, hessian

from ..checking import correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from ._calls import (call, close_dual_levels, close_tensors, function_problem, raised, watching_sizes,
                     with_earlier_level)
from .causes import HVP_CAUSES


def lesson_g(x):
    """Section 10.3's g, the one the exercise cell tries: Σ xᵢ² + x₀ x₁ x₂."""
    return (x ** 2).sum() + x.prod()


def wavy(x):
    """The checker's own scalar function, of 6 numbers: logsumexp(2x) + Σ sin² xᵢ."""
    return torch.logsumexp(2 * x, dim=0) + (x.sin() ** 2).sum()


LESSON_X = torch.tensor([1.0, 2.0, 3.0])
CASES = [(lesson_g, LESSON_X, torch.tensor([1.0, 0.0, 0.0]),
          "10.3's g(x) = Σ xᵢ² + x₀x₁x₂ at x = [1, 2, 3] along v = [1, 0, 0]"),
         (lesson_g, LESSON_X, torch.tensor([0.5, -1.0, 2.0]),
          "10.3's g(x) = Σ xᵢ² + x₀x₁x₂ at x = [1, 2, 3] along v = [0.5, -1, 2]"),
         (wavy, torch.linspace(-1.0, 1.5, 6), torch.linspace(1.0, -0.5, 6),
          "the checker's h(x) = logsumexp(2x) + Σ sin² xᵢ, of 6 numbers, at x = [-1, -0.5, 0, 0.5, 1, 1.5] along "
          "v = [1, 0.7, 0.4, 0.1, -0.2, -0.5]")]


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
    causes=HVP_CAUSES,
)
def q4(hvp):
    """Return the Result of running the learner's hvp on every case, after closing a level left open."""
    if problem := placeholders(hvp=hvp):
        return problem
    if problem := function_problem(hvp, "hvp", "f, x, v"):
        return problem
    closed = close_dual_levels()  # a level an earlier cell left open would make torch.func raise
    return with_earlier_level(run_cases(hvp), closed)


def run_cases(hvp):
    """Run hvp on every case; return the first wrong verdict, or the right one saying whether it built H."""
    built = []  # (n, the largest tensor the learner's function computed) per case
    for f, x, v, what in CASES:
        h, sizes = hessian(f)(x), []
        value, problem = call(watching_sizes(hvp, sizes), "hvp", f, x.clone(), v.clone(), warm=("func",), what=what)
        if isinstance(problem, BaseException):
            return raised(problem, "hvp")
        if problem is not None and "returned a tuple" in problem.message:
            return incorrect("`hvp` returned a tuple: `jvp` gives a pair, (the gradient, its JVP). H v is the "
                             "second item: `jvp(grad(f), (x,), (v,))[1]`.", "returned-the-pair")
        if problem is not None:
            return problem
        if not close_tensors(value, h @ v):
            return wrong(value, h, f, x, v, what)
        built.append((x.numel(), max(sizes, default=0)))
    return right(built)


def wrong(value, h, f, x, v, what):
    """The verdict on a tensor that is not H v: H itself, the gradient, ∇f · v, a shape, or other numbers."""
    gradient = grad(f)(x)
    if close_tensors(value, h):
        return incorrect(f"on {what}, `hvp` returned the whole Hessian, shape {tuple(h.shape)}: multiply it "
                         "by v, or better, get H v directly as a JVP of `grad(f)` along v.", "returned-the-hessian")
    if close_tensors(value, gradient):
        return incorrect(f"on {what}, `hvp` returned the gradient of f at x, {fmt(value)}: the first item of "
                         "the pair `jvp(grad(f), ...)` returns. H v is the second.", "returned-the-gradient")
    if value.numel() == 1 and close_tensors(value.reshape(()), gradient @ v):
        return incorrect(f"on {what}, `hvp` returned {fmt(value)}, one number: ∇f · v, the derivative of f itself "
                         "along v, which is what a JVP of f gives. H v is the derivative of the gradient along v: "
                         "a JVP of `grad(f)`, `jvp(grad(f), (x,), (v,))[1]`.", "jvp-of-f-not-of-its-gradient")
    if tuple(value.shape) != tuple(x.shape):
        return incorrect(f"on {what}, `hvp` returned shape {tuple(value.shape)}; H v has the shape of x, "
                         f"{tuple(x.shape)}.", "wrong-shape")
    return incorrect(f"on {what}, `hvp` returned {fmt(value)}, but H v = {fmt(h @ v)}.", "other")


def right(built):
    """The verdict on a right hvp: whether it computed an n × n tensor (the Hessian) on the way, or never did."""
    whole = [n for n, largest in built if largest >= n * n]
    if whole:
        n = max(whole)
        return correct(f"`hvp` gives H v on every function the checker tried, from the whole Hessian first: on the "
                       f"function of {n} numbers it computed a {n} × {n} matrix ({n * n} numbers) before the product, "
                       "as `hessian(f)(x) @ v` does. Right, and fine at this size; for a network's n weights that "
                       "matrix has n² numbers and takes n passes. A JVP of `grad(f)` along v gets H v for about two "
                       "gradients without it: `q4.hint(2)`.")
    return correct("`hvp` gives H v on every function the checker tried, without ever computing an n × n matrix: it "
                   "costs about two gradients, whatever the size of x. That is how Newton-type and curvature "
                   "methods use the Hessian without storing it.")
