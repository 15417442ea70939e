"""q2 · a JVP with torch.autograd.forward_ad (Lesson 10): the exercise, its checker, its hints and its solution.

The learner writes ``jvp_forward(f, x, v)``, returning J v, the derivative of f at x in
the direction v. The checker runs it under a time bound on section 10.2's f (the one the
cell tries, at the same x) and on functions of its own, each named with its formula in
the messages, with forward_ad's columns as the oracle; the last has a forward-mode rule but
no backward at all: only forward mode gets through that one. A dual level the function
leaves open is noticed, shown to the learner by a second call, and closed (_calls.py).
"""

import torch

from ...compute.beyond_one_gradient.jacobian_cost import jvp_column
from ..checking import correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from ._calls import call, close_dual_levels, close_tensors, function_problem, raised, with_earlier_level
from .causes import JVP_CAUSES

A = torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
NO_BACKWARD = "this checker's function has no backward"


def lesson_f(x):
    """Section 10.2's f, the one the exercise cell tries: (x₀x₁, sin x₁ + x₂²), 3 inputs to 2 outputs."""
    return torch.stack([x[0] * x[1], x[1].sin() + x[2] ** 2])


def grows(x):
    """4 inputs to 6 outputs: (eˣ, 2 x₀x₂, 2 x₁x₃)."""
    return torch.cat([x.exp(), 2 * x[:2] * x[2:]])


class SineWithoutBackward(torch.autograd.Function):
    """sin(x), with a forward-mode rule (jvp) and a backward that refuses: reverse mode cannot get through it."""

    @staticmethod
    def forward(x):
        """sin(x)."""
        return x.sin()

    @staticmethod
    def setup_context(ctx, inputs, output):
        """Keep x for the forward-mode rule."""
        ctx.save_for_forward(inputs[0])

    @staticmethod
    def jvp(ctx, tangent):
        """cos(x) times the tangent."""
        (x,) = ctx.saved_tensors
        return x.cos() * tangent

    @staticmethod
    def backward(ctx, grad):
        """Refuse: reverse mode cannot get through this function."""
        raise RuntimeError(NO_BACKWARD + ": only forward mode can differentiate it")


def forward_only(x):
    """3 inputs to 2 outputs through a sine that has no backward: A · sin(x)."""
    return A @ SineWithoutBackward.apply(x)


LESSON_X = torch.tensor([1.0, 2.0, 3.0])
CASES = [  # (function, x, v, what it is: named so that the learner can find the numbers again)
    (lesson_f, LESSON_X, torch.tensor([1.0, 0.0, 0.0]),
     "10.2's f(x) = (x₀x₁, sin x₁ + x₂²) at x = [1, 2, 3] along v = [1, 0, 0]"),
    (lesson_f, LESSON_X, torch.tensor([0.3, -2.0, 1.0]),
     "10.2's f(x) = (x₀x₁, sin x₁ + x₂²) at x = [1, 2, 3] along v = [0.3, -2, 1]"),
    (grows, torch.tensor([0.1, 0.2, -0.3, 0.4]), torch.tensor([1.0, -1.0, 0.5, 2.0]),
     "the checker's g(x) = (eˣ, 2 x₀x₂, 2 x₁x₃), from 4 numbers to 6, at x = [0.1, 0.2, -0.3, 0.4] along "
     "v = [1, -1, 0.5, 2]"),
    (forward_only, torch.tensor([0.5, -1.0, 2.0]), torch.tensor([0.3, -2.0, 1.0]),
     "the checker's h(x) = A · sin(x), whose sine has a forward-mode rule and no backward, at x = [0.5, -1, 2] "
     "along v = [0.3, -2, 1]"),
]


def expected_jvp(f, x, v):
    """Return J v for the checker's own functions: each column by forward_ad, then the combination."""
    outputs = f(x).numel()
    columns = torch.stack([jvp_column(f, x, j) for j in range(x.numel())], dim=1).reshape(outputs, -1)
    return columns @ v


def error_result(error):
    """Return the Result for a jvp_forward that raised: reverse mode on a function with no backward, no level, other."""
    text = str(error)
    if NO_BACKWARD in text:
        return incorrect("`jvp_forward` is right where reverse mode works, but on the checker's h(x) = A · sin(x), "
                         "whose sine has no backward, it raised: it ran a backward pass (or `jacrev`, `vjp`, "
                         "`autograd.grad`). Compute the JVP in forward mode: `fwAD.make_dual(x, v)`, then "
                         "`fwAD.unpack_dual(...)`.", "reverse-mode-used")
    if "no level exists" in text or "dual_level" in text:
        return incorrect("`fwAD.make_dual` raised: a dual tensor can only be made inside "
                         "`with fwAD.dual_level():`. Put the make_dual, f and unpack_dual lines in that block.",
                         "no-dual-level")
    return raised(error, "jvp_forward")


@question(
    title="a Jacobian-vector product with forward_ad (Lesson 10)",
    hints=["Forward mode carries a tangent along with every value (section 10.2): make x a dual tensor with "
           "tangent v, run f on it, and read the output's tangent. All three steps go inside "
           "`with fwAD.dual_level():`.",
           "`dual = fwAD.make_dual(x, v)`, then `out = f(dual)`, then `return fwAD.unpack_dual(out).tangent`, "
           "inside the `with` block."],
    solution="""
def jvp_forward(f, x, v):
    with fwAD.dual_level():
        out = f(fwAD.make_dual(x, v))
        return fwAD.unpack_dual(out).tangent
""",
    explanation="`make_dual` pairs x with the direction v; every operation f does then computes its value and its "
                "derivative along v together, and `unpack_dual(out).tangent` is J v: one forward pass, no graph, "
                "no backward. With v = e_j it is column j of the Jacobian.",
    causes=JVP_CAUSES,
)
def q2(jvp_forward):
    """Return the Result of running the learner's jvp_forward on every case, after closing a level left open."""
    if problem := placeholders(jvp_forward=jvp_forward):
        return problem
    if problem := function_problem(jvp_forward, "jvp_forward", "f, x, v"):
        return problem
    closed = close_dual_levels()  # a level an earlier cell left open would make every forward-mode call raise
    return with_earlier_level(run_cases(jvp_forward), closed)


def run_cases(jvp_forward):
    """Run jvp_forward on every case; return the first wrong verdict, or the right one."""
    for f, x, v, what in CASES:
        expected = expected_jvp(f, x, v)
        value, problem = call(jvp_forward, "jvp_forward", f, x.clone(), v.clone(), warm=("forward_ad",),
                              what=what)
        if isinstance(problem, BaseException):
            return error_result(problem)
        if problem is not None and "returned None" in problem.message:
            return incorrect("`jvp_forward` returned None. If it returns `fwAD.unpack_dual(out).tangent` after the "
                             "`with fwAD.dual_level():` block has ended, the tangent is already gone: read it, and "
                             "return it, inside the block.", "tangent-read-after-the-level")
        if problem is not None:
            return problem
        if close_tensors(value, expected):
            continue
        with torch.no_grad():
            output = f(x)
        if close_tensors(value, output):
            return incorrect(f"on {what}, `jvp_forward` returned f(x) = {fmt(output)}, the output's value (its "
                             "primal), not its tangent: return `fwAD.unpack_dual(out).tangent`.",
                             "returned-the-primal")
        if tuple(value.shape) != tuple(expected.shape):
            return incorrect(f"on {what}, `jvp_forward` returned shape {tuple(value.shape)}; J v has one number "
                             f"per output of f, shape {tuple(expected.shape)}.", "wrong-shape")
        return incorrect(f"on {what}, `jvp_forward` returned {fmt(value)}, but J v = {fmt(expected)}. Make the "
                         "dual from x with the tangent v itself, and read the tangent of f's output.", "other")
    return correct("`jvp_forward` gives J v on every function the checker tried, including one whose backward "
                   "refuses to run: only forward mode differentiates that one. One pass per direction v.")
