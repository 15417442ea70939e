"""q3 · a linear layer's backward: one gradient per input, only those needed (Lesson 12).

The learner repairs ``Linear``, y = x Wᵀ + b as a ``torch.autograd.Function`` whose backward
returned two gradients for three inputs. The checker runs it under a time bound on four
cases a layer meets: everything tracked; x as data; no bias (``bias=None``); a frozen layer
where only x is tracked. It compares each gradient with ``nn.functional.linear``'s, and counts
the multiply-adds backward runs (``FlopCounterMode``): a backward that reads
``ctx.needs_input_grad`` runs only the matrix products someone needs.
"""

import torch
from torch.utils.flop_counter import FlopCounterMode

from ..checking import correct, incorrect, not_attempted, placeholders
from ...compute.bounded import error_text
from ..question import question
from ._trials import LEFT, SHARED_CAUSES, backward_left_undone, bounded, class_problem, failed, raised

BATCH, IN, OUT = 4, 3, 2
PRODUCT = 2 * BATCH * IN * OUT  # the floating-point operations of one matrix product of backward
NAMES = ("x", "weight", "bias")
# (what the case is, which of x, weight, bias require grad; None: bias=None)
CASES = [("x, weight and bias all tracked", (True, True, True)),
         ("x as data (no requires_grad), as in training", (False, True, True)),
         ("no bias (`bias=None`), x as data", (False, True, None)),
         ("a frozen layer: only x tracked", (True, False, False))]


def tensors(tracked):
    """Fresh float64 x, weight, bias (None where tracked says so), from a fixed generator."""
    generator = torch.Generator().manual_seed(12)
    shapes = ((BATCH, IN), (OUT, IN), (OUT,))
    return [None if flag is None else torch.randn(shape, generator=generator, dtype=torch.float64).requires_grad_(flag)
            for shape, flag in zip(shapes, tracked)]


def expected(tracked):
    """Return nn.functional.linear's gradients for the tracked inputs (None for the others), and the upstream."""
    inputs = tensors(tracked)
    upstream = torch.linspace(-1.0, 2.0, BATCH * OUT, dtype=torch.float64).reshape(BATCH, OUT)
    (torch.nn.functional.linear(*inputs) * upstream).sum().backward()
    return [None if t is None or not t.requires_grad else t.grad for t in inputs], upstream


def run_case(Linear, tracked):
    """Run one case; return (the gradients of the tracked inputs, operations backward ran) or a Result."""
    inputs = tensors(tracked)
    right, upstream = expected(tracked)
    applied = bounded(Linear.apply, *inputs, warm=())
    if not applied.ok:
        return raised(applied, "`Linear.apply`")
    if applied.value is Ellipsis:
        return not_attempted(f"forward {LEFT}")
    total = (applied.value * upstream).sum()
    with FlopCounterMode(display=False) as counter:
        outcome = bounded(total.backward, warm=())
    if not outcome.ok:
        if "incorrect number" in str(outcome.error) and backward_left_undone(
                Linear, inputs[:2], [bool(flag) for flag in tracked], upstream):
            return not_attempted(f"backward {LEFT}")
        return backward_problem(outcome, tracked)
    return [None if t is None or not t.requires_grad else t.grad for t in inputs], right, counter.get_total_flops()


def backward_problem(outcome, tracked):
    """Return the Result for a backward that raised: a gradient for a missing bias, a wrong shape, or another."""
    text = error_text(outcome.error)
    if "different than None" in text and tracked[2] is None:
        return incorrect("with `bias=None`, backward still returned a gradient for the bias, and autograd raised "
                         f"{text}. Return None for every input whose `ctx.needs_input_grad` is False: "
                         "`grad_bias = grad_output.sum(0) if ctx.needs_input_grad[2] else None`.",
                         "gradient-for-none")
    if "invalid gradient" in text:
        return incorrect(f"backward raised {text}. Each gradient has its input's shape: `grad_output @ weight` for "
                         "x (batch × in), `grad_output.T @ x` for weight (out × in), `grad_output.sum(0)` for bias "
                         "(out).", "wrong-shape")
    return raised(outcome, "the backward pass")


def compare(case, got, right):
    """Return a Result naming the first gradient that is missing or wrong, or None."""
    for name, mine, theirs in zip(NAMES, got, right):
        if theirs is None:
            continue
        if mine is None:
            return incorrect(f"with {case}, `{name}.grad` is None after backward: backward returned None for "
                             f"{name}, which needs a gradient here. Check the index of `ctx.needs_input_grad` "
                             f"({NAMES.index(name)} for {name}).", "no-gradient")
        if not torch.allclose(mine, theirs):
            formula = {"x": "grad_output @ weight", "weight": "grad_output.T @ x", "bias": "grad_output.sum(0)"}
            return incorrect(f"with {case}, `{name}.grad` differs from what nn.functional.linear gives: its "
                             f"gradient is `{formula[name]}`.", "wrong-gradient")
    return None


@question(
    title="a linear layer's backward: one gradient per input, only those needed (Lesson 12)",
    hints=["forward has three inputs, x, weight and bias, so backward returns three gradients, in that order: "
           "`grad_output @ weight`, `grad_output.T @ x` and `grad_output.sum(0)` (section 12.3).",
           "`ctx.needs_input_grad` holds one True or False per input. Compute each gradient only where it is True, "
           "and return None where it is False: `grad_bias = grad_output.sum(0) if ctx.needs_input_grad[2] else "
           "None`. With `bias=None`, `needs_input_grad[2]` is False."],
    solution="""
class Linear(torch.autograd.Function):
    @staticmethod
    def forward(x, weight, bias):
        out = x @ weight.T
        return out if bias is None else out + bias

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, weight, bias = inputs
        ctx.save_for_backward(x, weight)

    @staticmethod
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        grad_x = grad_output @ weight if ctx.needs_input_grad[0] else None
        grad_weight = grad_output.T @ x if ctx.needs_input_grad[1] else None
        grad_bias = grad_output.sum(0) if ctx.needs_input_grad[2] else None
        return grad_x, grad_weight, grad_bias
""",
    explanation="One gradient per input of forward, in order; `ctx.needs_input_grad` says which ones anyone will "
                "use. The data x never needs one, so training skips a matrix product per layer; a missing bias "
                "must get None, since there is no tensor to give a gradient to.",
    causes={
        **SHARED_CAUSES,
        "gradient-for-none": "backward returns a gradient for an input that is None (no bias), instead of "
                             "returning None where ctx.needs_input_grad is False.",
        "wrong-shape": "backward returns a gradient whose shape is not its input's, such as a transposed weight "
                       "gradient.",
        "wrong-gradient": "backward returns a gradient with the right shape and the wrong numbers.",
        "ignores-needs-input-grad": "backward computes gradients nobody needs (the data's, a frozen weight's), "
                                    "ignoring ctx.needs_input_grad.",
    },
)
def q3(Linear):
    if problem := placeholders(Linear=Linear):
        return problem
    if problem := class_problem(Linear, "Linear"):
        return problem
    for case, tracked in CASES:
        ran = run_case(Linear, tracked)
        if failed(ran):
            return ran
        got, right, flops = ran
        if problem := compare(case, got, right):
            return problem
        needed = sum(1 for flag in tracked[:2] if flag) * PRODUCT
        if flops > needed:
            return incorrect(f"with {case}, the gradients are right, but backward ran {flops // PRODUCT} matrix "
                             f"products where {needed // PRODUCT} was needed: it computed a gradient nobody uses. "
                             "Compute each one only `if ctx.needs_input_grad[i]`, and return None otherwise.",
                             "ignores-needs-input-grad")
    return correct("three gradients, in order, each right where it is needed and None where it is not: with a "
                   "bias and without, x tracked or not, the weight frozen or not. Your backward runs only the "
                   "matrix products someone uses.")
