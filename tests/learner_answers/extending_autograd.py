"""Lesson 12: independent learner answers to q1-q4, each with its verdict and the cause its message names.

Written from how people really get custom Functions and gradient penalties wrong, not from the
checkers' code; the mistakes come from GitHub issues about these errors, for instance
- "returned an incorrect number of gradients (expected 2, got 1)" from a backward that left out a gradient
  (huawei-noah/AdderNet#21, 1zb/pytorch-image-comp-rnn#4, evanmy/sae#5, deepseek-ai/TileKernels#10 for one too many);
- "it must override the setup_context staticmethod" for a Function in the older style under vmap
  (flatironinstitute/pytorch-finufft#95, state-spaces/mamba#239), the style of EfficientNet's
  MemoryEfficientSwish (lukemelas/EfficientNet-PyTorch#88), which is a SiLU;
- a backward whose own derivative is silently wrong, found by gradgradcheck (pytorch/pytorch#58509, #76185);
- a gradient penalty whose gradient is taken without create_graph, so it never reaches the critic's weights
  (ooples/AiDotNet#1844, igul222/improved_wgan_training#18), and `grad_outputs=torch.ones(...)` as the usual
  right form (caogang/wgan-gp#28, kuc2477/pytorch-wgan-gp#1).
tests/course/test_learner_answers.py asserts that none is misjudged.
"""

import numpy as np
import torch
from torch.autograd.function import once_differentiable
from torch.func import grad, vmap

from .core import CORRECT, INCORRECT, NOT_ATTEMPTED, answer


# --- q1: repair the sigmoid's backward (forward saves its output s) ----------------------------------------


class _Sigmoid(torch.autograd.Function):
    """The exercise's class: forward and setup_context as given; each answer writes backward."""

    @staticmethod
    def forward(x):
        return 1 / (1 + torch.exp(-x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)


def sigmoid_with(backward):
    return (type("Sigmoid", (_Sigmoid,), {"backward": staticmethod(backward)}),)


@answer("q1", "grad_output * s * (1 - s)", CORRECT, ["gradcheck agrees"])
def _():
    def backward(ctx, grad_output):
        s, = ctx.saved_tensors
        return grad_output * s * (1 - s)
    return sigmoid_with(backward)


@answer("q1", "a one-element tuple returned", CORRECT, ["gradcheck agrees"])
def _():
    def backward(ctx, grad_output):
        s, = ctx.saved_tensors
        return (grad_output * (s - s * s),)
    return sigmoid_with(backward)


@answer("q1", "the older style: forward(ctx, x) saves s itself", CORRECT, ["gradcheck agrees"])
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


@answer("q1", "the cell as given: s * (1 - s) alone", INCORRECT, ["ignores `grad_output`"], ["gradcheck agrees"],
        named="ignores-grad-output")
def _():
    def backward(ctx, grad_output):
        s, = ctx.saved_tensors
        return s * (1 - s)
    return sigmoid_with(backward)


@answer("q1", "grad_output * s: half the derivative", INCORRECT, ["only part of the derivative"],
        named="partial-derivative")
def _():
    def backward(ctx, grad_output):
        s, = ctx.saved_tensors
        return grad_output * s
    return sigmoid_with(backward)


@answer("q1", "s = ctx.saved_tensors, without the comma", INCORRECT, ["s, = ctx.saved_tensors"],
        named="saved-tensors-tuple")
def _():
    def backward(ctx, grad_output):
        s = ctx.saved_tensors
        return grad_output * s * (1 - s)
    return sigmoid_with(backward)


@answer("q1", "grad_output passed straight through", INCORRECT, ["s(1 − s)"], ["ignores"], named="wrong-derivative")
def _():
    return sigmoid_with(lambda ctx, grad_output: grad_output)


@answer("q1", "the untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    return sigmoid_with(lambda ctx, grad_output: ...)


# --- q2: SiLU that passes gradcheck, gradgradcheck and vmap --------------------------------------------------


def silu_with(backward, setup=None, **attributes):
    def forward(x):
        return x * torch.sigmoid(x)

    def save_x(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
    body = {"forward": staticmethod(forward), "setup_context": staticmethod(setup or save_x),
            "backward": staticmethod(backward), **attributes}
    return (type("SiLU", (torch.autograd.Function,), body),)


def silu_slope(x):
    s = torch.sigmoid(x)
    return s * (1 + x * (1 - s))


@answer("q2", "generate_vmap_rule = True, x saved", CORRECT, ["vmap"])
def _():
    return silu_with(lambda ctx, g: g * silu_slope(ctx.saved_tensors[0]), generate_vmap_rule=True)


@answer("q2", "x and the output saved: σ + y(1 − σ)", CORRECT, ["gradgradcheck pass"])
def _():
    def setup(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output)

    def backward(ctx, g):
        x, y = ctx.saved_tensors
        s = torch.sigmoid(x)
        return g * (s + y * (1 - s))
    return silu_with(backward, setup, generate_vmap_rule=True)


@answer("q2", "a vmap staticmethod instead of the generated rule", CORRECT, ["vmap"])
def _():
    def vmap_rule(info, in_dims, x):
        return x * torch.sigmoid(x), in_dims[0]
    return silu_with(lambda ctx, g: g * silu_slope(ctx.saved_tensors[0]), vmap=staticmethod(vmap_rule))


@answer("q2", "EfficientNet's MemoryEfficientSwish: forward(ctx, i)", INCORRECT, ["setup_context"],
        named="old-style")
def _():
    class SwishImplementation(torch.autograd.Function):
        @staticmethod
        def forward(ctx, i):
            result = i * torch.sigmoid(i)
            ctx.save_for_backward(i)
            return result

        @staticmethod
        def backward(ctx, grad_output):
            i = ctx.saved_tensors[0]
            sigmoid_i = torch.sigmoid(i)
            return grad_output * (sigmoid_i * (1 + i * (1 - sigmoid_i)))
    return (SwishImplementation,)


@answer("q2", "setup_context written, no vmap rule", INCORRECT, ["generate_vmap_rule = True"], named="no-vmap-rule")
def _():
    return silu_with(lambda ctx, g: g * silu_slope(ctx.saved_tensors[0]))


@answer("q2", "σ(x) alone: the product rule forgotten", INCORRECT, ["product rule"], named="product-rule")
def _():
    return silu_with(lambda ctx, g: g * torch.sigmoid(ctx.saved_tensors[0]), generate_vmap_rule=True)


@answer("q2", "sigmoid's derivative σ(1 − σ)", INCORRECT, ["sigmoid's derivative"], named="sigmoid-derivative")
def _():
    def backward(ctx, g):
        s = torch.sigmoid(ctx.saved_tensors[0])
        return g * s * (1 - s)
    return silu_with(backward, generate_vmap_rule=True)


@answer("q2", "backward under torch.no_grad()", INCORRECT, ["gradgradcheck does not", "no_grad"],
        named="not-twice-differentiable")
def _():
    def backward(ctx, g):
        with torch.no_grad():
            return g * silu_slope(ctx.saved_tensors[0])
    return silu_with(backward, generate_vmap_rule=True)


@answer("q2", "backward in NumPy", INCORRECT, ["gradgradcheck does not", "NumPy"], named="not-twice-differentiable")
def _():
    def backward(ctx, g):
        x = ctx.saved_tensors[0].detach().numpy()
        s = 1 / (1 + np.exp(-x))
        return g * torch.from_numpy(s * (1 + x * (1 - s)))
    return silu_with(backward, generate_vmap_rule=True)


@answer("q2", "@once_differentiable on backward", INCORRECT, ["once_differentiable"], named="not-twice-differentiable")
def _():
    @once_differentiable
    def backward(ctx, g):
        return g * silu_slope(ctx.saved_tensors[0])
    return silu_with(backward, generate_vmap_rule=True)


@answer("q2", "the untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    body = {"forward": staticmethod(lambda x: ...), "setup_context": staticmethod(lambda ctx, inputs, output: None),
            "backward": staticmethod(lambda ctx, g: ...)}
    return (type("SiLU", (torch.autograd.Function,), body),)


# --- q3: a linear layer's backward ----------------------------------------------------------------------------


def linear_with(backward):
    def forward(x, weight, bias):
        out = x @ weight.T
        return out if bias is None else out + bias

    def setup_context(ctx, inputs, output):
        x, weight, bias = inputs
        ctx.save_for_backward(x, weight)
    body = {"forward": staticmethod(forward), "setup_context": staticmethod(setup_context),
            "backward": staticmethod(backward)}
    return (type("Linear", (torch.autograd.Function,), body),)


@answer("q3", "PyTorch's docs style: None first, then if needs_input_grad", CORRECT, ["only the matrix products"])
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        grad_x = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_x = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(x)
        if ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_x, grad_weight, grad_bias
    return linear_with(backward)


@answer("q3", "conditional expressions with @", CORRECT, ["None where it is not"])
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        needs_x, needs_w, needs_b = ctx.needs_input_grad
        return (grad_output @ weight if needs_x else None, grad_output.T @ x if needs_w else None,
                grad_output.sum(0) if needs_b else None)
    return linear_with(backward)


@answer("q3", "einsum for the weight's gradient", CORRECT, ["only the matrix products"])
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        return (torch.matmul(grad_output, weight) if ctx.needs_input_grad[0] else None,
                torch.einsum("bo,bi->oi", grad_output, x) if ctx.needs_input_grad[1] else None,
                grad_output.sum(dim=0) if ctx.needs_input_grad[2] else None)
    return linear_with(backward)


@answer("q3", "the cell's bug: two gradients for three inputs", INCORRECT, ["expected 3, got 2"],
        named="gradient-count")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        return grad_output @ weight, grad_output.T @ x
    return linear_with(backward)


@answer("q3", "a None for ctx first: four gradients", INCORRECT, ["expected 3, got 4", "ctx does not count"],
        named="gradient-count")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        return (None, grad_output @ weight if need[0] else None, grad_output.T @ x if need[1] else None,
                grad_output.sum(0) if need[2] else None)
    return linear_with(backward)


@answer("q3", "three gradients, always computed", INCORRECT, ["2 matrix products where 1"],
        named="ignores-needs-input-grad")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        return grad_output @ weight, grad_output.T @ x, grad_output.sum(0)
    return linear_with(backward)


@answer("q3", "needs_input_grad for the bias only", INCORRECT, ["needs_input_grad"], named="ignores-needs-input-grad")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        grad_bias = grad_output.sum(0) if ctx.needs_input_grad[2] else None
        return grad_output @ weight, grad_output.T @ x, grad_bias
    return linear_with(backward)


@answer("q3", "the bias's gradient whether or not there is a bias", INCORRECT, ["`bias=None`"],
        named="gradient-for-none")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        return grad_output @ weight if need[0] else None, grad_output.T @ x if need[1] else None, grad_output.sum(0)
    return linear_with(backward)


@answer("q3", "x.T @ grad_output for the weight", INCORRECT, ["shape"], named="wrong-shape")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        return (grad_output @ weight if need[0] else None, x.T @ grad_output if need[1] else None,
                grad_output.sum(0) if need[2] else None)
    return linear_with(backward)


@answer("q3", "None for the bias: 'a bias needs no gradient'", INCORRECT, ["`bias.grad` is None"], named="no-gradient")
def _():
    def backward(ctx, grad_output):
        x, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        return grad_output @ weight if need[0] else None, grad_output.T @ x if need[1] else None, None
    return linear_with(backward)


@answer("q3", "the untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    return linear_with(lambda ctx, grad_output: ...)


# --- q4: a gradient penalty -----------------------------------------------------------------------------------


@answer("q4", "autograd.grad of the sum, create_graph=True", CORRECT, ["grad_fn"])
def _():
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        g, = torch.autograd.grad(model(X).sum(), X, create_graph=True)
        return g.pow(2).sum(dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "WGAN-GP style: grad_outputs of ones, norm squared", CORRECT, ["grad_fn"])
def _():
    def gradient_penalty(model, X):
        X.requires_grad_(True)
        out = model(X)
        gradients = torch.autograd.grad(outputs=out, inputs=X, grad_outputs=torch.ones_like(out),
                                        create_graph=True, retain_graph=True)[0]
        return (gradients.norm(2, dim=1) ** 2).mean()
    return (gradient_penalty,)


@answer("q4", "torch.func: vmap(grad(...))", CORRECT, ["grad_fn"])
def _():
    def gradient_penalty(model, X):
        per_example = vmap(grad(lambda row: model(row).sum()))(X)
        return (per_example ** 2).sum(dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "create_graph forgotten", INCORRECT, ["create_graph=True"], named="no-create-graph")
def _():
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        g, = torch.autograd.grad(model(X).sum(), X)
        return g.pow(2).sum(dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "the gradient of the batch's mean output", INCORRECT, ["model(X).mean()"], named="mean-before-gradient")
def _():
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        g, = torch.autograd.grad(model(X).mean(), X, create_graph=True)
        return g.pow(2).sum(dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "the norms, not squared", INCORRECT, ["square each norm"], named="norm-not-squared")
def _():
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        g, = torch.autograd.grad(model(X).sum(), X, create_graph=True)
        return g.norm(2, dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "backward(create_graph=True), then X.grad", INCORRECT, ["autograd.grad"], named="backward-inside")
def _():
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        model(X).sum().backward(create_graph=True)
        return X.grad.pow(2).sum(dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "X never told to require grad", INCORRECT, ["requires_grad_(True)"], named="input-not-tracked")
def _():
    def gradient_penalty(model, X):
        g, = torch.autograd.grad(model(X).sum(), X, create_graph=True)
        return g.pow(2).sum(dim=1).mean()
    return (gradient_penalty,)


@answer("q4", "summed over the batch", INCORRECT, ["not the sum"], named="sum-not-mean")
def _():
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        g, = torch.autograd.grad(model(X).sum(), X, create_graph=True)
        return g.pow(2).sum()
    return (gradient_penalty,)


@answer("q4", "the untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    return (lambda model, X: ...,)
