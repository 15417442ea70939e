"""q4 · a gradient penalty that training can backpropagate through (Lesson 12).

The learner writes ``gradient_penalty(model, X)``: the mean over the batch of the squared
norm of each example's gradient of the model's output with respect to its input. The checker
runs it under a time bound on two small models of its own and judges what it returns: its
value against ``torch.autograd.grad`` (recognising a sum, a norm that is not squared, a mean
taken before the gradient), whether it has a ``grad_fn`` (``create_graph=True``), and the
gradient its backward sends to the model's parameters, against the same computation done here.
"""

import torch
from torch import nn

from ..answers import describe
from ..checking import close, correct, incorrect, not_attempted, placeholders
from ...compute.bounded import error_text
from ...compute.numbers import fmt
from ..question import question
from ._trials import LEFT, SHARED_CAUSES, bounded, raised


def case(inputs, hidden, batch, seed):
    """A small float64 model (Linear, Tanh, Linear to one output) and a batch X, from a fixed generator."""
    generator = torch.Generator().manual_seed(seed)
    model = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, 1)).double()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=generator, dtype=torch.float64))
    return model, torch.randn(batch, inputs, generator=generator, dtype=torch.float64)


CASES = [(2, 8, 6, 0), (3, 5, 4, 1)]


def oracle(model, X):
    """Return the penalty, the mean of the norms that are not squared, and the penalty's gradient per parameter."""
    X = X.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(model(X).sum(), X, create_graph=True)
    penalty = g.pow(2).sum(dim=1).mean()
    grads = torch.autograd.grad(penalty, list(model.parameters()), allow_unused=True)  # the last bias: unused
    return (penalty.item(), g.norm(dim=1).mean().item(),
            [zeros_if_none(grad, p) for grad, p in zip(grads, model.parameters())])


def zeros_if_none(grad, parameter):
    """A parameter's gradient, zeros where there is none (the output layer's bias does not move an input gradient)."""
    return torch.zeros_like(parameter) if grad is None else grad.detach()


def value_problem(value, right, unsquared, batch, width, shown):
    """Name the mistake behind a penalty with the wrong value, from the values known mistakes give."""
    per_example = f"the mean over the batch of each example's squared norm is {fmt(right)}"
    if close(value, right * batch):
        return incorrect(f"{shown}, {batch} times too large: {per_example}. Take the mean over the examples, "
                         "not the sum.", "sum-not-mean")
    if close(value, right / batch ** 2):
        return incorrect(f"{shown}, {batch}² times too small: the gradient was taken of `model(X).mean()`, which "
                         f"divides every example's gradient by {batch}. Differentiate `model(X).sum()` (each "
                         "example's gradient stays its own), then take the mean of the squared norms.",
                         "mean-before-gradient")
    if close(value, right / width):
        return incorrect(f"{shown}: the mean over every entry of the gradient, which divides by the {width} "
                         f"inputs too. Sum the squares over each example's inputs, then average over the "
                         f"examples: {per_example}.", "mean-over-entries")
    if close(value, unsquared):
        return incorrect(f"{shown}, the mean of the norms themselves, but {per_example}: square each norm, "
                         "`g.pow(2).sum(dim=1)`, before the mean.", "norm-not-squared")
    return incorrect(f"{shown}, but {per_example}: `g.pow(2).sum(dim=1).mean()` for the gradient g of "
                     "`model(X).sum()` with respect to X.", "wrong-value")


def judge_case(gradient_penalty, model, X):
    """Run the learner's function on one case; return a Result if something is wrong, else None."""
    right, unsquared, right_grads = oracle(model, X)
    # the learner may use torch.func, or autograd.grad(..., grad_outputs=...), whose first use imports a lot
    outcome = bounded(gradient_penalty, model, X.clone(), warm=("func", "backward_gradient"))
    if not outcome.ok:
        text = "" if outcome.error is None else error_text(outcome.error)
        if "does not require grad" in text:
            return incorrect(f"`gradient_penalty` raised {text}. The gradient with respect to X needs X tracked: "
                             "`X = X.clone().requires_grad_(True)` before the model runs on it.", "input-not-tracked")
        return raised(outcome, "`gradient_penalty(model, X)`")
    penalty = outcome.value
    if penalty is Ellipsis:
        return not_attempted(f"`gradient_penalty` {LEFT}")
    if any(p.grad is not None for p in model.parameters()):
        return incorrect("after `gradient_penalty(model, X)`, the model's parameters have a `.grad`: it ran a "
                         "backward, which adds into every parameter's `.grad` before the training step has asked. "
                         "Take the gradient with `torch.autograd.grad(..., create_graph=True)`, which returns it "
                         "and touches no `.grad`.", "backward-inside")
    if not isinstance(penalty, torch.Tensor):
        return incorrect(f"`gradient_penalty` returned {describe(penalty)}: return the penalty as a tensor, which "
                         "training adds to the loss and backpropagates.", "wrong-kind")
    if penalty.numel() != 1:
        return incorrect(f"`gradient_penalty` returned a tensor of shape {tuple(penalty.shape)}: the penalty is one "
                         "number, the mean over the batch.", "not-one-number")
    value = penalty.detach().double().item()
    if not close(value, right):
        return value_problem(value, right, unsquared, X.shape[0], X.shape[1], f"the penalty is {fmt(value)}")
    if penalty.grad_fn is None:
        return incorrect(f"the penalty is right, {fmt(value)}, but it has no grad_fn, so training cannot "
                         "backpropagate through it and the model never feels it. Take the gradient with "
                         "`create_graph=True`: then autograd records how it was computed.", "no-create-graph")
    backward = bounded(penalty.backward, warm=())
    if not backward.ok:
        return raised(backward, "`penalty.backward()`")
    grads = [zeros_if_none(p.grad, p) for p in model.parameters()]
    if not all(torch.allclose(g, r) for g, r in zip(grads, right_grads)):
        return incorrect("the penalty's value is right, but the gradient its backward sends to the model's "
                         "parameters is not: is part of it computed from a detached tensor?", "wrong-value")
    return None


@question(
    title="a gradient penalty training can backpropagate through (Lesson 12)",
    hints=["Track X (`X = X.clone().requires_grad_(True)`), run the model, and take the gradient of "
           "`model(X).sum()` with respect to X with `torch.autograd.grad`: row i is example i's gradient, since "
           "each output depends on its own row only. `create_graph=True` keeps that gradient differentiable "
           "(section 12.7).",
           "Square it, sum over each row, average over the rows: `g.pow(2).sum(dim=1).mean()`."],
    solution="""
def gradient_penalty(model, X):
    X = X.clone().requires_grad_(True)
    g, = torch.autograd.grad(model(X).sum(), X, create_graph=True)
    return g.pow(2).sum(dim=1).mean()
""",
    explanation="The gradient of the summed outputs gives every example's own gradient in its row; "
                "`create_graph=True` records how it was computed, so the penalty has a grad_fn and its backward "
                "reaches the model's weights through the gradient: a second derivative, the double backward of "
                "section 12.7. `autograd.grad` touches no `.grad`, so the training step's backward is the only "
                "one that fills them.",
    causes={
        **SHARED_CAUSES,
        "input-not-tracked": "The gradient with respect to X is asked for, but X does not require grad.",
        "backward-inside": "The penalty's gradient is taken with backward(), which also adds into every "
                           "parameter's .grad before the training step.",
        "not-one-number": "Returns one value per example instead of their mean.",
        "sum-not-mean": "Sums the examples' squared norms instead of averaging them.",
        "mean-before-gradient": "Differentiates the batch's mean output, which divides every example's gradient "
                                "by the batch size.",
        "mean-over-entries": "Averages the squares over every entry of the gradient, dividing by the number of "
                             "inputs too.",
        "norm-not-squared": "Averages the examples' gradient norms instead of their squares.",
        "wrong-value": "A penalty whose value, or the gradient it sends to the parameters, is wrong in another "
                       "way (a detached part, another formula).",
        "no-create-graph": "Takes the gradient without create_graph=True, so the penalty has no grad_fn and "
                           "training cannot backpropagate through it.",
    },
)
def q4(gradient_penalty):
    if problem := placeholders(gradient_penalty=gradient_penalty):
        return problem
    if not callable(gradient_penalty) or isinstance(gradient_penalty, type):
        return incorrect(f"`gradient_penalty` is {describe(gradient_penalty)}: pass the function itself, defined "
                         "with `def gradient_penalty(model, X):`, without brackets in the check.", "wrong-kind")
    for inputs, hidden, batch, seed in CASES:
        if problem := judge_case(gradient_penalty, *case(inputs, hidden, batch, seed)):
            return problem
    return correct("the mean over the batch of each example's squared input gradient, with a grad_fn, and its "
                   "backward sends the parameters the same gradients as here: training can minimise it.")
