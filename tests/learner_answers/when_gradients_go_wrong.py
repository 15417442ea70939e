"""Lesson 9: independent learner answers to q1-q3, each with its verdict and the cause its message names.

Written from how people really repair these bugs, not from the checkers' code: the wrong repairs
and the other right forms come from GitHub issues where people met these symptoms, for instance
- `torch.where(x > 0, torch.sqrt(x), ...)` giving nan for the branch not taken (pytorch/pytorch#187297,
  #36923, #68425), and `nan_to_num` or a product with the mask tried in its place (Ciela-Institute/caustics#83,
  which found `where` acts "by multiplication" in backward);
- `x / div` masked after the division, nan where the mask says 0 (pytorch/pytorch#4132, #26799), and the
  denominator clamped to `1e-8` instead (NousResearch/atropos#236);
- `loss.requires_grad = True` (ronghuaiyang/arcface-pytorch#56) and `Variable(loss, requires_grad=True)`
  (speechbrain/speechbrain#735) as "fixes" of "element 0 of tensors does not require grad";
- a masked assignment into a fresh tensor as the way around `where` (pytorch/pytorch#108618, #156212).

Run against main before this branch (q3 was then q4, the custom Function q3): 37 answers, 25 misjudged, every
wrong answer's verdict naming no cause of its own; setting causes aside, 8: four messages stating what the
learner's function does not have (two masks, `x >= 0`, an outer `where` or a `where` at all, for `clamp(min=0)`,
`nan_to_num`, a product with the mask), three not naming why the gradient is wrong (the count clamped to 1e-8
or plus 1e-8), and a custom Function passed to the masked division told that it returned a Sigmoid.
tests/course/test_learner_answers.py asserts that none is misjudged now.
"""

import math

import torch
import torch.nn.functional as F

from .core import CORRECT, INCORRECT, NOT_ATTEMPTED, answer

# --- q1: sqrt_or_zero(x), √x where x > 0 and 0 elsewhere, with a gradient that is a number everywhere ------


@answer("q1", "mask the input, then the output (the solution's way)", CORRECT, ["a number everywhere"])
def _():
    def sqrt_or_zero(x):
        safe = torch.where(x > 0, x, 1.0)
        return torch.where(x > 0, safe.sqrt(), 0.0)
    return (sqrt_or_zero,)


@answer("q1", "clamp to a tiny number inside the where", CORRECT, ["a number everywhere"])
def _():
    return (lambda x: torch.where(x > 0, x.clamp(min=1e-12).sqrt(), 0.0),)


@answer("q1", "sqrt of relu", CORRECT, ["a number everywhere"])
def _():
    return (lambda x: torch.sqrt(F.relu(x)),)


@answer("q1", "sqrt of a where that zeroes the input", CORRECT, ["a number everywhere"])
def _():
    def sqrt_or_zero(x):
        return torch.where(x > 0, x, torch.zeros_like(x)).sqrt()
    return (sqrt_or_zero,)


@answer("q1", "masked assignment into a tensor of zeros", CORRECT, ["a number everywhere"])
def _():
    def sqrt_or_zero(x):
        out = torch.zeros_like(x)
        out[x > 0] = x[x > 0].sqrt()
        return out
    return (sqrt_or_zero,)


@answer("q1", "the buggy cell, unchanged", INCORRECT, ["x = -1", "Mask the input"],
        named="masked-too-late")
def _():
    return (lambda x: torch.where(x > 0, x.sqrt(), 0.0),)


@answer("q1", "nan_to_num after the where", INCORRECT, ["x = -1", "Mask the input"], named="masked-too-late")
def _():
    return (lambda x: torch.where(x > 0, x.sqrt(), 0.0).nan_to_num(),)


@answer("q1", "nan_to_num of the sqrt, no where", INCORRECT, ["nan at x = -1", "inf at x = 0"],
        ["torch.where` sends", "x = 0, where the output is the constant"], named="masked-too-late")
def _():
    return (lambda x: x.sqrt().nan_to_num(),)


@answer("q1", "sqrt of the input times its mask", INCORRECT, ["still receives a number ≤ 0"], ["torch.where` sends",
        "nan at -1 and inf at 0"], named="masked-too-late")
def _():
    return (lambda x: torch.sqrt(x * (x > 0)),)


@answer("q1", "clamp(min=0) then sqrt, no mask at all", INCORRECT, ["inf at x = 0", "comes from the sqrt"],
        ["both masks", "`x >= 0`", "outer"], named="zero-reaches-sqrt")
def _():
    return (lambda x: x.clamp(min=0).sqrt(),)


@answer("q1", "both masks with x >= 0", INCORRECT, ["x = 0", "inf"], named="zero-reaches-sqrt")
def _():
    def sqrt_or_zero(x):
        safe = torch.where(x >= 0, x, 1.0)
        return torch.where(x >= 0, safe.sqrt(), 0.0)
    return (sqrt_or_zero,)


@answer("q1", "abs inside the where", INCORRECT, ["0 still reaches the sqrt"], ["x = -1 still"],
        named="zero-reaches-sqrt")
def _():
    return (lambda x: torch.where(x > 0, x.abs().sqrt(), 0.0),)


@answer("q1", "an eps inside the sqrt", INCORRECT, ["x = -1", "reaches the sqrt"], ["x = 0 still"],
        named="negative-reaches-sqrt")
def _():
    return (lambda x: torch.where(x > 0, torch.sqrt(x + 1e-12), 0.0),)


@answer("q1", "the safe input without the outer where", INCORRECT, ["x ≤ 0 should give 0"], ["keep the outer"],
        named="output-not-masked")
def _():
    return (lambda x: torch.where(x > 0, x, 1.0).sqrt(),)


@answer("q1", "a Python loop over .item() values", INCORRECT, ["no grad_fn"], named="graph-cut")
def _():
    def sqrt_or_zero(x):
        return torch.tensor([math.sqrt(v) if v > 0 else 0.0 for v in x.tolist()])
    return (sqrt_or_zero,)


@answer("q1", "a Python if on the whole tensor", INCORRECT, ["raised RuntimeError"], named="code-raised")
def _():
    def sqrt_or_zero(x):
        return x.sqrt() if x > 0 else torch.zeros_like(x)
    return (sqrt_or_zero,)


@answer("q1", "the cell as given, still ...", NOT_ATTEMPTED, ["still returns `...`"])
def _():
    return (lambda x: ...,)


# --- q2: loss_fn(w, x, y), the mean squared error backward can go through --------------------------------


@answer("q2", "the tensor itself, pow and mean", CORRECT, ["MeanBackward0", "-14"])
def _():
    return (lambda w, x, y: (w * x - y).pow(2).mean(),)


@answer("q2", "F.mse_loss", CORRECT, ["-14"])
def _():
    return (lambda w, x, y: F.mse_loss(w * x, y),)


@answer("q2", "torch.mean of a square", CORRECT, ["-14"])
def _():
    def loss_fn(w, x, y):
        prediction = w * x
        return torch.mean((prediction - y) ** 2)
    return (loss_fn,)


@answer("q2", "the buggy cell: torch.tensor of .item()", INCORRECT, ["no grad_fn", "`torch.tensor(error)`"],
        named="graph-cut")
def _():
    def loss_fn(w, x, y):
        error = (w * x - y).pow(2).mean().item()
        return torch.tensor(error)
    return (loss_fn,)


@answer("q2", "returns .item() itself", INCORRECT, ["Python number"], named="item-returned")
def _():
    return (lambda w, x, y: (w * x - y).pow(2).mean().item(),)


@answer("q2", "loss.requires_grad = True on the rebuilt tensor", INCORRECT, ["new leaf"],
        ["no grad_fn: it is the tensor"], named="requires-grad-patch")
def _():
    def loss_fn(w, x, y):
        loss = torch.tensor((w * x - y).pow(2).mean().item())
        loss.requires_grad = True
        return loss
    return (loss_fn,)


@answer("q2", "torch.tensor(error, requires_grad=True)", INCORRECT, ["new leaf"], named="requires-grad-patch")
def _():
    return (lambda w, x, y: torch.tensor((w * x - y).pow(2).mean().item(), requires_grad=True),)


@answer("q2", "computed under no_grad", INCORRECT, ["no grad_fn", "torch.no_grad()"], named="graph-cut")
def _():
    def loss_fn(w, x, y):
        with torch.no_grad():
            return (w * x - y).pow(2).mean()
    return (loss_fn,)


@answer("q2", "a detached copy of w made a leaf", INCORRECT, ["never reached w", "copy"], named="not-connected-to-w")
def _():
    def loss_fn(w, x, y):
        w = w.detach().requires_grad_()
        return (w * x - y).pow(2).mean()
    return (loss_fn,)


@answer("q2", "sum instead of mean", INCORRECT, ["31.5", "10.5"], named="changed-loss")
def _():
    return (lambda w, x, y: (w * x - y).pow(2).sum(),)


@answer("q2", "no reduction", INCORRECT, ["one number"], named="not-one-number")
def _():
    return (lambda w, x, y: (w * x - y).pow(2),)


# --- q3: mean_per_group(totals, counts), 0 for an empty group, no nan in totals.grad ----------------------


@answer("q3", "a safe count, then where (the solution's way)", CORRECT, ["[0.3333, 0, 0.5]"])
def _():
    def mean_per_group(totals, counts):
        safe = torch.where(counts > 0, counts, 1.0)
        return torch.where(counts > 0, totals / safe, 0.0)
    return (mean_per_group,)


@answer("q3", "clamp the count inside the where", CORRECT, ["[0.3333, 0, 0.5]"])
def _():
    return (lambda totals, counts: torch.where(counts > 0, totals / counts.clamp(min=1), 0.0),)


@answer("q3", "masked assignment into zeros", CORRECT, ["[0.3333, 0, 0.5]"])
def _():
    def mean_per_group(totals, counts):
        out = torch.zeros_like(totals)
        full = counts > 0
        out[full] = totals[full] / counts[full]
        return out
    return (mean_per_group,)


@answer("q3", "the buggy cell, unchanged", INCORRECT, ["0 / 0 = nan", "safe count"], named="masked-too-late")
def _():
    return (lambda totals, counts: torch.where(counts > 0, totals / counts, 0.0),)


@answer("q3", "nan_to_num of the division", INCORRECT, ["0 / 0 = nan"], ["`where` did not pick"],
        named="masked-too-late")
def _():
    return (lambda totals, counts: (totals / counts).nan_to_num(),)


@answer("q3", "the count clamped to 1e-8, no where", INCORRECT, ["still moves with its total"],
        ["one for one", "divided by 1"], named="empty-group-not-constant")
def _():
    return (lambda totals, counts: totals / counts.clamp(min=1e-8),)


@answer("q3", "an eps added to the count", INCORRECT, ["still moves with its total"], named="empty-group-not-constant")
def _():
    return (lambda totals, counts: totals / (counts + 1e-8),)


@answer("q3", "no where at all", INCORRECT, ["nan in the value"], named="output-not-masked")
def _():
    return (lambda totals, counts: totals / counts,)


@answer("q3", "the old Exercise 3's Function class", INCORRECT, ["moved to Lesson 12"], named="wrong-kind")
def _():
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
    return (Sigmoid,)
