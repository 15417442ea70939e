"""q1 · repair a backward that forgot grad_output (Lesson 12): the exercise, its checker, hints and solution.

The learner passes their repaired ``Sigmoid``, a ``torch.autograd.Function`` whose backward
gradcheck rejected (it returns the local derivative alone). The checker runs it under a time
bound on a fresh float64 leaf: the forward against ``torch.sigmoid``, then a backward with an
upstream gradient that is not all ones (so a backward that ignores ``grad_output`` shows),
then gradcheck itself. It names the fix from the gradient that came back.
"""

import torch

from ..checking import close, correct, incorrect, placeholders
from ...compute.numbers import fmt
from ..question import question
from ._trials import SHARED_CAUSES, bounded, class_problem, failed, float64, forward_and_backward, raised

INPUT = [-2.0, -0.5, 0.0, 1.5]
UPSTREAM = [1.0, 2.0, -1.0, 0.5]  # the gradient that reaches Sigmoid's output from further down


def reference():
    """Return (σ(x), σ(x)(1 − σ(x))) at INPUT, in float64."""
    s = torch.sigmoid(torch.tensor(INPUT, dtype=torch.float64))
    return s, s * (1 - s)


def gradcheck_passes(cls):
    """True when torch.autograd.gradcheck accepts the class at INPUT in float64 (within the time bound)."""
    outcome = bounded(torch.autograd.gradcheck, cls.apply, (float64(INPUT),), raise_exception=False)
    return outcome.ok and outcome.value is True


def diagnosis(grad, shown):
    """Name what is wrong with a gradient that is not grad_output · s(1 − s)."""
    s, local = reference()
    upstream = torch.tensor(UPSTREAM, dtype=torch.float64)
    if close(grad, local.tolist()):
        return incorrect(f"{shown}: that is s(1 − s) alone, whatever arrived. backward ignores `grad_output`; "
                         "multiply by it: `return grad_output * s * (1 - s)`.", "ignores-grad-output")
    if close(grad, (upstream * s).tolist()) or close(grad, (upstream * (1 - s)).tolist()):
        return incorrect(f"{shown}: grad_output times only part of the derivative. σ'(x) = s(1 − s): "
                         "`return grad_output * s * (1 - s)`.", "partial-derivative")
    if close(grad, (2 * upstream * local).tolist()):
        return incorrect(f"{shown}, twice the right gradient: a factor 2 too many in backward's formula? "
                         "σ'(x) = s(1 − s).", "wrong-derivative")
    if close(grad, (-upstream * local).tolist()):
        return incorrect(f"{shown}, the right gradient with the opposite sign: σ'(x) = s(1 − s) is positive "
                         "everywhere.", "wrong-derivative")
    right = (upstream * local).tolist()
    return incorrect(f"{shown}, but grad_output · s(1 − s) = {fmt(right)}: return `grad_output * s * (1 - s)`.",
                     "wrong-derivative")


@question(
    title="repair a backward that forgot grad_output (Lesson 12)",
    hints=["backward receives `grad_output`, the gradient of the final result with respect to this Function's "
           "output, and must return the gradient with respect to its input: `grad_output` times the local "
           "derivative, the chain rule for one step (section 12.1).",
           "The local derivative of σ is σ(x)(1 − σ(x)) = s(1 − s), with the s that setup_context saved. Return "
           "`grad_output * s * (1 - s)`."],
    solution="""
class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return 1 / (1 + torch.exp(-x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)         # s: its own derivative is made of it

    @staticmethod
    def backward(ctx, grad_output):
        s, = ctx.saved_tensors
        return grad_output * s * (1 - s)
""",
    explanation="backward is one step of the chain rule: what arrives (`grad_output`) times the local derivative "
                "s(1 − s). Without the `grad_output *`, every gradient would be the local one whatever came after "
                "Sigmoid, and gradcheck, which sends one unit gradient per output, sees a full matrix where the "
                "Jacobian is diagonal.",
    causes={
        **SHARED_CAUSES,
        "ignores-grad-output": "backward returns the local derivative alone, without multiplying by grad_output, "
                               "so whatever comes after the Function never reaches what comes before it.",
        "partial-derivative": "backward multiplies grad_output by only part of the local derivative (s, or "
                              "1 − s, for s(1 − s)).",
        "wrong-derivative": "backward multiplies grad_output by a formula that is not the local derivative.",
        "forward-changed": "forward no longer computes what the exercise gave, so backward is judged against "
                           "another function.",
    },
)
def q1(Sigmoid):
    if problem := placeholders(Sigmoid=Sigmoid):
        return problem
    if problem := class_problem(Sigmoid, "Sigmoid"):
        return problem
    x = float64(INPUT)
    ran = forward_and_backward(Sigmoid, (x,), torch.tensor(UPSTREAM, dtype=torch.float64))
    if failed(ran):
        return ran
    output, backward = ran
    s, local = reference()
    values = output.detach().double().reshape(-1).tolist()
    if not close(values, s.tolist()):
        return incorrect(f"forward returns {fmt(values)} at x = {fmt(INPUT)}, but σ(x) = {fmt(s.tolist())}: keep "
                         "forward as it was, and repair only backward.", "forward-changed")
    if not backward.ok:
        return raised(backward, "the backward pass")
    if x.grad is None:
        return incorrect("after backward, `x.grad` is still None: backward returned None for x. Return its "
                         "gradient, `grad_output * s * (1 - s)`.", "no-gradient")
    grad = x.grad.tolist()
    shown = f"with the gradient {fmt(UPSTREAM)} arriving from further down, `x.grad` is {fmt(grad)}"
    if not close(grad, (torch.tensor(UPSTREAM, dtype=torch.float64) * local).tolist()):
        return diagnosis(grad, shown)
    if not gradcheck_passes(Sigmoid):
        return incorrect(f"{shown}, right here, but gradcheck still rejects the class at x = {fmt(INPUT)}.",
                         "wrong-derivative")
    return correct(f"{shown} = grad_output · s(1 − s), and gradcheck agrees in float64. backward is one step of "
                   "the chain rule: what arrives, times the local derivative.")
