"""q3 · repair a custom Function's backward (Lesson 9): the exercise, its checker, hints and solution.

The learner passes their repaired ``Sigmoid``, a ``torch.autograd.Function`` whose
backward gradcheck rejected. The checker runs it under a time limit on a fresh float64
leaf: the forward against ``torch.sigmoid``, then a backward with an upstream gradient
that is not all ones (so a backward that ignores ``grad_output`` shows), then gradcheck
itself. It names the fix from the gradient that came back.
"""

import torch

from ..answers import describe
from ...compute.bounded import error_text, run_bounded
from ..checking import close, correct, incorrect, not_attempted, placeholders
from ...compute.numbers import fmt
from ..question import question
from .trial import SECONDS

INPUT = [-2.0, -0.5, 0.0, 1.5]
UPSTREAM = [1.0, 2.0, -1.0, 0.5]  # the gradient that reaches Sigmoid's output from further down


def reference():
    """Return (σ(x), σ(x)(1 − σ(x))) at INPUT, in float64."""
    s = torch.sigmoid(torch.tensor(INPUT, dtype=torch.float64))
    return s, s * (1 - s)


def run(cls):
    """Apply the class to a fresh leaf and backward UPSTREAM through it; return (values, grad) or a Result."""
    x = torch.tensor(INPUT, dtype=torch.float64, requires_grad=True)

    def forward_and_backward():
        y = cls.apply(x)
        values = y.detach().tolist() if isinstance(y, torch.Tensor) else y
        if not isinstance(y, torch.Tensor) or y.grad_fn is None:
            return values, None
        (y * torch.tensor(UPSTREAM, dtype=torch.float64)).sum().backward()  # see trial.backward_of
        return values, x.grad

    outcome = run_bounded(forward_and_backward, seconds=SECONDS)
    if not outcome.ok:
        if outcome.timed_out:
            return incorrect(outcome.describe("`Sigmoid.apply(x)` and its backward"))
        text = error_text(outcome.error)
        if "(got ellipsis)" in text:
            return not_attempted("backward still returns `...`: write the gradient with respect to x, then run "
                                 "the cell again.")
        if "incorrect number of gradients" in text:
            return incorrect(f"backward raised {text}. backward returns one gradient per input of forward "
                             "(here one, for x), not counting ctx.")
        if "saved_tensors" in text or "unpack" in text.lower():
            return incorrect(f"backward raised {text}. Save in forward what backward needs, with "
                             "`ctx.save_for_backward(s)`, and read it back with `s, = ctx.saved_tensors`.")
        return incorrect(f"`Sigmoid.apply(x)` or its backward raised {text}.")
    return outcome.value


def gradcheck_passes(cls):
    """True when torch.autograd.gradcheck accepts the class at INPUT in float64 (within the time limit)."""
    x = torch.tensor(INPUT, dtype=torch.float64, requires_grad=True)
    outcome = run_bounded(torch.autograd.gradcheck, cls.apply, (x,), raise_exception=False, seconds=SECONDS,
                          warm=("gradcheck",))  # its first call imports much of torch: not the learner's time
    return outcome.ok and outcome.value is True


@question(
    title="repair a custom Function's backward (Lesson 9)",
    hints=["backward receives `grad_output`, the gradient of the final result with respect to this Function's "
           "output, and must return the gradient with respect to its input: `grad_output` times the local "
           "derivative, the chain rule for one step (section 9.10).",
           "The local derivative of σ is σ(x)(1 − σ(x)) = s(1 − s), with the s forward saved. Return "
           "`grad_output * s * (1 - s)`."],
    solution="""
class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = 1 / (1 + torch.exp(-x))
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad_output):
        s, = ctx.saved_tensors
        return grad_output * s * (1 - s)
""",
    explanation="backward is one step of the chain rule: what arrives (`grad_output`) times the local "
                "derivative s(1 − s). Without the `grad_output *`, every gradient would be the local one "
                "whatever came after Sigmoid, and gradcheck, which sends one unit gradient per output, "
                "sees a full matrix where the Jacobian is diagonal.",
)
def q3(Sigmoid):
    if problem := placeholders(Sigmoid=Sigmoid):
        return problem
    if not (isinstance(Sigmoid, type) and issubclass(Sigmoid, torch.autograd.Function)):
        owner = getattr(Sigmoid, "__self__", None)  # Sigmoid.apply is a method bound to the class
        made_from_class = isinstance(owner, type) and issubclass(owner, torch.autograd.Function)
        if made_from_class or isinstance(Sigmoid, torch.autograd.Function):
            return incorrect("pass the class itself, `Sigmoid`, not an object made from it or `Sigmoid.apply`.")
        return incorrect(f"`Sigmoid` is {describe(Sigmoid)}: pass your class, written as "
                         "`class Sigmoid(torch.autograd.Function):`, by its name.")
    ran = run(Sigmoid)
    if not isinstance(ran, tuple):
        return ran
    values, grad = ran
    s, local = reference()
    if not isinstance(values, list) or not close(values, s.tolist()):
        return incorrect(f"forward returns {fmt(values) if isinstance(values, list) else describe(values)} at "
                         f"x = {fmt(INPUT)}, but σ(x) = {fmt(s.tolist())}: keep forward as it was.")
    if grad is None:
        return incorrect("the output of `Sigmoid.apply(x)` has no grad_fn: forward must return a tensor computed "
                         "from x, and x must require grad (here it does).")
    grad, upstream = grad.tolist(), torch.tensor(UPSTREAM, dtype=torch.float64)
    right = (upstream * local).tolist()
    shown = f"with the gradient {fmt(UPSTREAM)} arriving from further down, `x.grad` is {fmt(grad)}"
    if close(grad, right):
        if not gradcheck_passes(Sigmoid):
            return incorrect(f"{shown}, right here, but gradcheck still rejects the class at x = {fmt(INPUT)}.")
        return correct(f"{shown} = grad_output · s(1 − s), and gradcheck agrees in float64. backward is one step "
                       "of the chain rule: what arrives, times the local derivative.")
    if close(grad, local.tolist()):
        return incorrect(f"{shown}: that is s(1 − s) alone, whatever arrived. backward ignores `grad_output`; "
                         "multiply by it: `return grad_output * s * (1 - s)`.")
    if close(grad, (upstream * s).tolist()) or close(grad, (upstream * (1 - s)).tolist()):
        return incorrect(f"{shown}: grad_output times only part of the derivative. σ'(x) = s(1 − s): "
                         "`return grad_output * s * (1 - s)`.")
    x = torch.tensor(INPUT, dtype=torch.float64)
    if close(grad, (upstream * torch.sigmoid(x) * (1 - torch.sigmoid(x)) * 2).tolist()):
        return incorrect(f"{shown}, twice the right gradient: a factor 2 too many in backward's formula? σ'(x) = s(1 − s).")
    return incorrect(f"{shown}, but grad_output · s(1 − s) = {fmt(right)}: return `grad_output * s * (1 - s)`.")
