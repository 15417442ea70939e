"""q2 · write SiLU as a Function that passes gradcheck, gradgradcheck and vmap (Lesson 12).

The learner writes ``SiLU``, x·σ(x), as a ``torch.autograd.Function``. The checker runs it
under a time bound on fresh float64 tensors: forward against ``x * torch.sigmoid(x)``,
backward with an upstream gradient that is not all ones, then ``gradcheck``,
``gradgradcheck`` (is backward itself differentiable?) and ``torch.func.vmap`` over a batch,
plain and around ``grad``. It names the first step that fails and why.
"""

import torch

from ..checking import close, correct, incorrect, placeholders
from ...compute.bounded import error_text
from ...compute.numbers import fmt
from ..question import question
from ._trials import SHARED_CAUSES, bounded, class_problem, failed, float64, forward_and_backward, raised

INPUT = [-3.0, -0.5, 0.0, 1.0, 2.5]
UPSTREAM = [1.0, -2.0, 0.5, 3.0, -1.0]
BATCH = [[-1.0, 0.0, 2.0], [0.5, -2.5, 1.5]]  # vmap runs SiLU on each row


def silu_parts(values):
    """Return (x, σ(x), x·σ(x), SiLU'(x) = σ(x)(1 + x(1 − σ(x)))) in float64."""
    x = torch.tensor(values, dtype=torch.float64)
    s = torch.sigmoid(x)
    return x, s, x * s, s * (1 + x * (1 - s))


def diagnosis(grad, shown):
    """Name what is wrong with a gradient that is not grad_output · SiLU'(x)."""
    x, s, _, slope = silu_parts(INPUT)
    g = torch.tensor(UPSTREAM, dtype=torch.float64)
    if close(grad, slope.tolist()):
        return incorrect(f"{shown}: that is SiLU'(x) alone, whatever arrived. Multiply by `grad_output`.",
                         "ignores-grad-output")
    if close(grad, (g * s).tolist()) or close(grad, (g * x * s * (1 - s)).tolist()):
        return incorrect(f"{shown}: only one of the two terms of the product rule. SiLU(x) = x · σ(x), so its "
                         "derivative is σ(x) + x · σ(x)(1 − σ(x)).", "product-rule")
    if close(grad, (g * s * (1 - s)).tolist()):
        return incorrect(f"{shown}: that is grad_output times σ'(x) = σ(x)(1 − σ(x)), sigmoid's derivative. "
                         "SiLU multiplies σ(x) by x: its derivative is σ(x) + x · σ(x)(1 − σ(x)).",
                         "sigmoid-derivative")
    right = (g * slope).tolist()
    return incorrect(f"{shown}, but grad_output · (σ(x) + x · σ(x)(1 − σ(x))) = {fmt(right)}.", "wrong-derivative")


def first_order(SiLU):
    """Check forward's values and one backward; return a Result if something is wrong, else None."""
    x = float64(INPUT)
    ran = forward_and_backward(SiLU, (x,), torch.tensor(UPSTREAM, dtype=torch.float64))
    if failed(ran):
        return ran
    output, backward = ran
    _, _, values, slope = silu_parts(INPUT)
    got = output.detach().double().reshape(-1).tolist()
    if not close(got, values.tolist()):
        return incorrect(f"forward returns {fmt(got)} at x = {fmt(INPUT)}, but x · σ(x) = {fmt(values.tolist())}.",
                         "forward-wrong")
    if not backward.ok:
        return raised(backward, "the backward pass")
    if x.grad is None:
        return incorrect("after backward, `x.grad` is still None: backward returned None for x.", "no-gradient")
    grad = x.grad.tolist()
    shown = f"with the gradient {fmt(UPSTREAM)} arriving from further down, `x.grad` is {fmt(grad)}"
    if not close(grad, (torch.tensor(UPSTREAM, dtype=torch.float64) * slope).tolist()):
        return diagnosis(grad, shown)
    return None


def second_order(SiLU):
    """Run gradcheck and gradgradcheck; return a Result if either fails, else None."""
    checked = bounded(torch.autograd.gradcheck, SiLU.apply, (float64(INPUT),), raise_exception=False)
    if not (checked.ok and checked.value is True):
        return incorrect("backward gives the right gradient here, yet gradcheck rejects the class at x = "
                         f"{fmt(INPUT)}.", "wrong-derivative")
    twice = bounded(torch.autograd.gradgradcheck, SiLU.apply, (float64(INPUT),))
    if twice.ok:
        return None
    if twice.timed_out:
        return raised(twice, "gradgradcheck")
    probe = bounded(differentiate_twice, SiLU)
    if probe.error is not None and "once_differentiable" in str(probe.error):
        return incorrect("gradgradcheck fails: backward is marked `@once_differentiable`, so it cannot be "
                         "differentiated again (a second backward through it raises). Written with PyTorch "
                         "operations, it can: remove the decorator.", "not-twice-differentiable")
    return incorrect("gradcheck passes, gradgradcheck does not: the derivative of your backward is wrong, because "
                     "autograd could not record backward's operations (a `torch.no_grad()`, a `.detach()`, "
                     "`.data`, `.item()` or NumPy inside it). Compute the gradient from `grad_output` and the saved "
                     "tensors with PyTorch operations only, and double backward works by itself (section 12.7).",
                     "not-twice-differentiable")


def differentiate_twice(SiLU):
    """A second derivative through SiLU, as 12.7 takes one: the gradient with create_graph=True, then backward."""
    x = float64(INPUT)
    (slope,) = torch.autograd.grad((SiLU.apply(x) ** 2).sum(), x, create_graph=True)
    slope.sum().backward()


def transforms(SiLU):
    """Run SiLU under vmap, and vmap(grad(...)); return a Result if either fails, else None."""
    from torch.func import grad, vmap

    batch = torch.tensor(BATCH, dtype=torch.float64)
    values = bounded(vmap(SiLU.apply), batch, warm=("func",))
    if not values.ok:
        return vmap_problem(values)
    _, _, expected, slope = silu_parts(BATCH)
    if not (isinstance(values.value, torch.Tensor) and close(values.value.reshape(-1).tolist(),
                                                             expected.reshape(-1).tolist())):
        return incorrect("under `vmap`, `SiLU.apply` does not return x · σ(x) for each row of the batch.", "other")
    grads = bounded(vmap(grad(lambda row: SiLU.apply(row).sum())), batch, warm=("func",))
    if not grads.ok:
        return vmap_problem(grads)
    if not close(grads.value.reshape(-1).tolist(), slope.reshape(-1).tolist()):
        return incorrect("`vmap(grad(...))` through `SiLU.apply` gives per-row gradients that are not SiLU'(x).",
                         "other")
    return None


def vmap_problem(outcome):
    """Return the Result for SiLU failing under vmap: the old style, a missing rule, or an error of its own."""
    text = "" if outcome.error is None else error_text(outcome.error)
    if "setup_context" in text:
        return incorrect("gradcheck and gradgradcheck pass, but `vmap` raised \"it must override the setup_context "
                         "staticmethod\": forward takes ctx, the older style, which torch.func refuses. Split it in "
                         "two: `forward(x)` without ctx, and `setup_context(ctx, inputs, output)` for what backward "
                         "needs (section 12.8).", "old-style")
    if "vmap support" in text:
        return incorrect("gradcheck and gradgradcheck pass, but `vmap` raised: it needs a rule for running the "
                         "Function on a batch. Add `generate_vmap_rule = True` to the class (section 12.8).",
                         "no-vmap-rule")
    return raised(outcome, "`vmap(SiLU.apply)`")


@question(
    title="write SiLU: gradcheck, gradgradcheck and vmap (Lesson 12)",
    hints=["SiLU(x) = x · σ(x). By the product rule its derivative is σ(x) + x · σ(x)(1 − σ(x)). Save x in "
           "setup_context, recompute σ(x) from it in backward, and return `grad_output` times the derivative.",
           "gradgradcheck passes by itself when backward uses only PyTorch operations on `grad_output` and the saved "
           "tensors (no `no_grad`, `.detach()`, NumPy). vmap needs `forward(x)` without ctx, a separate "
           "`setup_context`, and `generate_vmap_rule = True` on the class (section 12.8)."],
    solution="""
class SiLU(torch.autograd.Function):
    generate_vmap_rule = True

    @staticmethod
    def forward(x):
        return x * torch.sigmoid(x)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, = inputs
        ctx.save_for_backward(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * s * (1 + x * (1 - s))
""",
    explanation="forward, setup_context and backward are separate, so torch.func can run each where it needs "
                "to, and `generate_vmap_rule = True` lets vmap run them on a batch. backward is built from "
                "PyTorch operations on x and grad_output, so under `create_graph=True` autograd records it, and "
                "gradgradcheck finds its derivative right.",
    causes={
        **SHARED_CAUSES,
        "forward-wrong": "forward does not compute x · σ(x).",
        "ignores-grad-output": "backward returns the local derivative alone, without multiplying by grad_output.",
        "product-rule": "backward keeps only one of the two terms of the product rule for x · σ(x).",
        "sigmoid-derivative": "backward uses sigmoid's derivative σ(1 − σ) for SiLU's, forgetting the factor x.",
        "wrong-derivative": "backward multiplies grad_output by a formula that is not SiLU's derivative.",
        "not-twice-differentiable": "backward leaves autograd's recording (no_grad, detach, .data, NumPy) or is "
                                    "marked once_differentiable, so its own derivative, the second derivative, "
                                    "is wrong or missing.",
        "old-style": "forward takes ctx and saves inside it, the older style, which torch.func's transforms "
                     "refuse: they need forward and setup_context apart.",
        "no-vmap-rule": "the class has no vmap rule: neither generate_vmap_rule = True nor a vmap staticmethod.",
    },
)
def q2(SiLU):
    if problem := placeholders(SiLU=SiLU):
        return problem
    if problem := class_problem(SiLU, "SiLU"):
        return problem
    for step in (first_order, second_order, transforms):
        if problem := step(SiLU):
            return problem
    return correct("forward gives x · σ(x), backward sends grad_output · (σ(x) + x · σ(x)(1 − σ(x))), gradcheck and "
                   "gradgradcheck pass in float64, and `vmap` runs it, and its gradient, on a batch: your SiLU "
                   "works with backward, double backward and torch.func.")
