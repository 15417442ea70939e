"""Lesson 12's exercises, fed their solution, their placeholder, the usual wrong answers, and junk.

The learner's answers are classes and functions: each wrong one below is real code making a real
mistake (a backward that forgets grad_output, the product rule half done, a backward outside
autograd's recording, the older forward(ctx, x), a gradient for a missing bias, a penalty without
create_graph), and the checker must recognise it by what it does. Whatever comes in, a checker
answers and never raises; code that never returns is stopped by the time bound.
"""

import time

import numpy as np
import pytest
import torch
from torch.autograd.function import once_differentiable
from torch.func import grad, vmap

from autograd_lessons.exercises.extending_autograd import q1, q2, q3, q4

QUESTIONS = [q1, q2, q3, q4]
UNCHECKED = "could not be checked"  # the safety net's words: no foreseen input may end up there
JUNK = [None, 1.5, "my answer", [1.0, 2.0], torch.ones(2, 2), {"x": 1.0}, object(), int]


def judge(question, *answers):
    result = question.judge(*answers)
    assert result.status in {"correct", "incorrect", "not attempted"}
    assert result.message and UNCHECKED not in result.message, result.message
    if result.status == "incorrect":
        assert result.cause in question.all_causes, result.cause
    return result


def solved(question):
    namespace = {"torch": torch}
    exec(question.solution_code, namespace)
    return namespace[question.arguments[0]]


def function_class(forward, backward, setup=None, **attributes):
    """A Function of one input, in the style of the lesson (forward without ctx, setup_context apart)."""
    def setup_context(ctx, inputs, output):
        (setup or (lambda ctx, inputs, output: ctx.save_for_backward(inputs[0])))(ctx, inputs, output)
    body = {"forward": staticmethod(forward), "setup_context": staticmethod(setup_context),
            "backward": staticmethod(backward), **attributes}
    return type("Answer", (torch.autograd.Function,), body)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes_and_the_placeholder_is_not_attempted(question):
    assert judge(question, solved(question)).correct
    result = judge(question, ...)
    assert result.status == "not attempted" and "`...`" in result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_junk_gets_a_clear_message(question):
    for junk in JUNK:
        result = judge(question, junk)
        assert result.status == "incorrect" and len(result.message) > 30, (junk, result)


# --- q1: the forgotten grad_output -------------------------------------------------------------------------

def sigmoid(backward):
    return function_class(lambda x: 1 / (1 + torch.exp(-x)), backward,
                          setup=lambda ctx, inputs, output: ctx.save_for_backward(output))


def test_q1_the_untouched_cell_is_not_attempted_and_the_buggy_one_is_named():
    assert judge(q1, sigmoid(lambda ctx, g: ...)).status == "not attempted"
    local = sigmoid(lambda ctx, g: ctx.saved_tensors[0] * (1 - ctx.saved_tensors[0]))
    assert torch.autograd.gradcheck(local.apply, (torch.ones(2, dtype=torch.float64, requires_grad=True),),
                                    raise_exception=False) is False
    result = judge(q1, local)
    assert result.cause == "ignores-grad-output" and "ignores `grad_output`" in result.message


@pytest.mark.parametrize("backward, cause", [
    (lambda ctx, g: g * ctx.saved_tensors[0], "partial-derivative"),
    (lambda ctx, g: 2 * g * ctx.saved_tensors[0] * (1 - ctx.saved_tensors[0]), "wrong-derivative"),
    (lambda ctx, g: None, "no-gradient"),
    (lambda ctx, g: (g, g), "gradient-count"),
])
def test_q1_names_the_fix_each_wrong_backward_needs(backward, cause):
    assert judge(q1, sigmoid(backward)).cause == cause


def test_q1_a_backward_that_reads_what_was_never_saved_is_named():
    def backward(ctx, g):
        s, = ctx.saved_tensors
        return g * s * (1 - s)
    unsaved = function_class(lambda x: 1 / (1 + torch.exp(-x)), backward, setup=lambda ctx, inputs, output: None)
    result = judge(q1, unsaved)
    assert result.cause == "nothing-saved" and "ctx.save_for_backward" in result.message


def test_q1_a_changed_forward_and_an_object_are_named():
    changed = function_class(lambda x: torch.tanh(x), lambda ctx, g: g)
    assert judge(q1, changed).cause == "forward-changed"
    assert "not an object made from it or `Sigmoid.apply`" in judge(q1, solved(q1).apply).message


# --- q2: SiLU everywhere -----------------------------------------------------------------------------------

def silu(backward, **attributes):
    return function_class(lambda x: x * torch.sigmoid(x), backward, generate_vmap_rule=True, **attributes)


def silu_slope(x):
    s = torch.sigmoid(x)
    return s * (1 + x * (1 - s))


def test_q2_an_old_style_silu_passes_the_checks_but_vmap_and_is_named():
    class Old(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * torch.sigmoid(x)

        @staticmethod
        def backward(ctx, g):
            x, = ctx.saved_tensors
            return g * silu_slope(x)

    result = judge(q2, Old)
    assert result.cause == "old-style" and "setup_context" in result.message


def test_q2_a_missing_vmap_rule_is_named():
    right = solved(q2)
    no_rule = type("NoRule", (right,), {"generate_vmap_rule": False})
    assert judge(q2, no_rule).cause == "no-vmap-rule"


def detached(ctx, g):
    x, = ctx.saved_tensors
    with torch.no_grad():
        return g * silu_slope(x)


def numpy_slope(ctx, g):
    x, = ctx.saved_tensors
    return g * torch.from_numpy(silu_slope(x.detach()).numpy())


@once_differentiable
def once(ctx, g):
    x, = ctx.saved_tensors
    return g * silu_slope(x)


@pytest.mark.parametrize("backward, cause, words", [
    (lambda ctx, g: g * torch.sigmoid(ctx.saved_tensors[0]), "product-rule", "product rule"),
    (lambda ctx, g: g * torch.sigmoid(ctx.saved_tensors[0]) * (1 - torch.sigmoid(ctx.saved_tensors[0])),
     "sigmoid-derivative", "sigmoid's derivative"),
    (lambda ctx, g: silu_slope(ctx.saved_tensors[0]), "ignores-grad-output", "grad_output"),
    (detached, "not-twice-differentiable", "gradgradcheck does not"),
    (numpy_slope, "not-twice-differentiable", "NumPy"),
    (once, "not-twice-differentiable", "once_differentiable"),
])
def test_q2_names_each_wrong_backward(backward, cause, words):
    result = judge(q2, silu(backward))
    assert result.cause == cause and words in result.message, result


def test_q2_a_vmap_staticmethod_instead_of_the_generated_rule_is_right():
    right = solved(q2)

    def vmap_rule(info, in_dims, x):
        return right.apply(x), in_dims[0]

    by_hand = type("ByHand", (right,), {"generate_vmap_rule": False, "vmap": staticmethod(vmap_rule)})
    assert judge(q2, by_hand).correct


def test_q2_a_forward_left_undone_is_not_attempted():
    assert judge(q2, function_class(lambda x: ..., lambda ctx, g: ...)).status == "not attempted"


# --- q3: needs_input_grad ----------------------------------------------------------------------------------

def linear(backward):
    def forward(x, weight, bias):
        out = x @ weight.T
        return out if bias is None else out + bias
    return function_class(forward, backward, setup=lambda ctx, inputs, output: ctx.save_for_backward(*inputs[:2]))


@pytest.mark.parametrize("backward, cause", [
    (lambda ctx, g: (g @ ctx.saved_tensors[1], g.T @ ctx.saved_tensors[0]), "gradient-count"),
    (lambda ctx, g: (g @ ctx.saved_tensors[1], g.T @ ctx.saved_tensors[0], g.sum(0)), "ignores-needs-input-grad"),
    (lambda ctx, g: (g @ ctx.saved_tensors[1], ctx.saved_tensors[0].T @ g, g.sum(0)), "wrong-shape"),
    (lambda ctx, g: (g @ ctx.saved_tensors[1] if ctx.needs_input_grad[0] else None,
                     g.T @ ctx.saved_tensors[0] if ctx.needs_input_grad[1] else None, None), "no-gradient"),
    (lambda ctx, g: (g @ ctx.saved_tensors[1] if ctx.needs_input_grad[0] else None,
                     g.T @ ctx.saved_tensors[0] if ctx.needs_input_grad[1] else None,
                     g.sum(0) if ctx.needs_input_grad[1] else None), "gradient-for-none"),
    (lambda ctx, g: (g @ ctx.saved_tensors[1] if ctx.needs_input_grad[0] else None,
                     -g.T @ ctx.saved_tensors[0] if ctx.needs_input_grad[1] else None,
                     g.sum(0) if ctx.needs_input_grad[2] else None), "wrong-gradient"),
])
def test_q3_names_each_wrong_backward(backward, cause):
    assert judge(q3, linear(backward)).cause == cause


def test_q3_the_untouched_cell_is_not_attempted():
    assert judge(q3, linear(lambda ctx, g: ...)).status == "not attempted"


def test_q3_einsum_and_matmul_are_right_too():
    def backward(ctx, g):
        x, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        return (torch.matmul(g, weight) if need[0] else None,
                torch.einsum("bo,bi->oi", g, x) if need[1] else None,
                g.sum(dim=0) if need[2] else None)
    assert judge(q3, linear(backward)).correct


# --- q4: the gradient penalty ------------------------------------------------------------------------------

def penalty(differentiate, reduce, create_graph=True):
    def gradient_penalty(model, X):
        X = X.clone().requires_grad_(True)
        g, = torch.autograd.grad(differentiate(model(X)), X, create_graph=create_graph)
        return reduce(g)
    return gradient_penalty


@pytest.mark.parametrize("answer, cause", [
    (penalty(torch.sum, lambda g: g.pow(2).sum(1).mean(), create_graph=False), "no-create-graph"),
    (penalty(torch.mean, lambda g: g.pow(2).sum(1).mean()), "mean-before-gradient"),
    (penalty(torch.sum, lambda g: g.pow(2).sum(1).sum()), "sum-not-mean"),
    (penalty(torch.sum, lambda g: g.norm(dim=1).mean()), "norm-not-squared"),
    (penalty(torch.sum, lambda g: g.pow(2).mean()), "mean-over-entries"),
    (penalty(torch.sum, lambda g: g.pow(2).sum(1)), "not-one-number"),
    (penalty(torch.sum, lambda g: g.pow(2).sum(1).mean().item()), "wrong-kind"),
])
def test_q4_names_each_wrong_penalty(answer, cause):
    assert judge(q4, answer).cause == cause


def test_q4_a_backward_inside_and_an_untracked_input_are_named():
    def with_backward(model, X):
        X = X.clone().requires_grad_(True)
        model(X).sum().backward(create_graph=True)
        return X.grad.pow(2).sum(1).mean()

    def untracked(model, X):
        g, = torch.autograd.grad(model(X).sum(), X, create_graph=True)
        return g.pow(2).sum(1).mean()

    assert judge(q4, with_backward).cause == "backward-inside"
    assert judge(q4, untracked).cause == "input-not-tracked"


def test_q4_vmap_of_grad_and_grad_outputs_are_right_too():
    def with_func(model, X):
        return vmap(grad(lambda x: model(x).sum()))(X).pow(2).sum(1).mean()

    def with_ones(model, X):
        X.requires_grad_(True)
        out = model(X)
        g, = torch.autograd.grad(out, X, grad_outputs=torch.ones_like(out), create_graph=True)
        return (g.norm(2, dim=1) ** 2).mean()

    assert judge(q4, with_func).correct and judge(q4, with_ones).correct


# --- whatever the learner's code does -----------------------------------------------------------------------

def forever(*args):
    while True:
        pass


@pytest.mark.parametrize("question, answer", [
    (q1, sigmoid(lambda ctx, g: forever())),
    (q2, silu(lambda ctx, g: forever())),
    (q3, linear(lambda ctx, g: forever())),
    (q4, forever),
], ids=["q1", "q2", "q3", "q4"])
def test_code_that_never_returns_is_stopped_and_named(question, answer, monkeypatch):
    monkeypatch.setattr("autograd_lessons.exercises.extending_autograd._trials.SECONDS", 0.1)
    start = time.monotonic()
    result = judge(question, answer)
    assert result.cause == "ran-too-long" and time.monotonic() - start < 3


def test_a_backward_that_raises_is_quoted():
    result = judge(q1, sigmoid(lambda ctx, g: np.log(-1) + g.foo))
    assert result.cause == "code-raised" and "AttributeError" in result.message
