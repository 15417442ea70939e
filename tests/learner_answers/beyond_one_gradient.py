"""Lesson 10: independent learner answers to q1-q4 (the cheaper mode, a JVP with forward_ad, per-sample gradients,
a Hessian-vector product), each with its verdict and the cause its message must name.

q2-q4 pass a function the learner wrote, which the checker runs on examples of its own. The right ones come in
several styles, including those the exercise did not ask for but that are right (a plain loop, the whole Hessian
times v): their message must say what they did, not praise what they did not. The wrong ones carry mistakes people
make with forward mode and torch.func, as they ask about them:
- `fwAD.enter_dual_level()` without `exit_dual_level()`, after which every forward-mode call raises "Nested forward
  mode AD is not supported at the moment"; the tangent read after the `with` block;
- `vmap(grad(loss))` with w batched too, where `in_dims=(None, 0, 0)` keeps it whole (pytorch/functorch#381); the
  gradient taken with respect to the wrong argument (`argnums`); one gradient for the whole batch;
- `jvp(f, ...)` where `jvp(grad(f), ...)` was meant, and the pair `jvp` returns passed on whole.

Run on main before Lesson 10's checkers named causes (commit ebbeca8): 26 answers (q1 6, q2 7, q3 6, q4 7), 17
misjudged, each answer run on its own (18 in one session, as `python -m tests.learner_answers` runs them: the level
the open-level answer leaves behind breaks the next forward-mode check too). No verdict was wrong; 8 messages were:
an open dual level told the answer "could not be checked", a loop praised as "one call", the whole Hessian praised
as "never storing it", a double backward called "a JVP of grad(f)", two failures reported "on the cell's f" with
numbers of another function, and two mistakes (argnums=1, a JVP of f) not recognised; the other 9 wrong answers
named no cause of their own. tests/course/test_learner_answers.py asserts that none is misjudged now.
"""

import torch
import torch.autograd.forward_ad as fwAD
from torch.func import grad, hessian, jacrev, jvp, vmap

from .core import CORRECT, INCORRECT, answer

# --- q1: which mode builds the whole Jacobian in fewer passes ------------------------------------------------


@answer("q1", "reverse for the loss, forward for the curve", CORRECT, ["reverse mode, one backward"])
def _():
    return "reverse", "forward"


@answer("q1", "named by the functions that do it: backward, jacfwd", CORRECT, ["reverse mode, one backward"])
def _():
    return "backward", "jacfwd"


@answer("q1", "with 'mode' and capitals", CORRECT, ["reverse mode, one backward"])
def _():
    return "Reverse mode", "Forward-mode"


@answer("q1", "swapped: the loss is computed by the forward pass, so forward mode", INCORRECT, ["swapped"],
        ["which is fewer"], named="modes-swapped")
def _():
    return "forward", "reverse"


@answer("q1", "reverse for both: backpropagation is always the cheap one", INCORRECT,
        ["`curve_mode`", "3 JVPs or 1,000 VJPs"], ["swapped"], named="reverse-always")
def _():
    return "reverse", "reverse"


@answer("q1", "forward for both: forward mode stores no graph", INCORRECT,
        ["`loss_mode`", "1,000,000 JVPs or 1 VJP"], ["swapped"], named="forward-always")
def _():
    return "forward", "forward"


# --- q2: jvp_forward(f, x, v) with torch.autograd.forward_ad -------------------------------------------------


@answer("q2", "the lesson's dual_level block", CORRECT, ["J v on every function"])
def _():
    def jvp_forward(f, x, v):
        with fwAD.dual_level():
            out = f(fwAD.make_dual(x, v))
            return fwAD.unpack_dual(out).tangent
    return (jvp_forward,)


@answer("q2", "torch.func.jvp, the second item", CORRECT, ["J v on every function"])
def _():
    return (lambda f, x, v: jvp(f, (x,), (v,))[1],)


@answer("q2", "enter and exit by hand, with try/finally", CORRECT, ["J v on every function"])
def _():
    def jvp_forward(f, x, v):
        fwAD.enter_dual_level()
        try:
            return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).tangent
        finally:
            fwAD.exit_dual_level()
    return (jvp_forward,)


@answer("q2", "enter_dual_level() and no exit", INCORRECT,
        ["left open", "`fwAD.exit_dual_level()`", "Nested forward mode AD is not supported"],
        ["did not run cleanly", "could not be checked"], named="dual-level-left-open")
def _():
    def jvp_forward(f, x, v):
        fwAD.enter_dual_level()
        return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).tangent
    return (jvp_forward,)


@answer("q2", "the tangent read after the with block", INCORRECT, ["already gone"], ["could not be checked"],
        named="tangent-read-after-the-level")
def _():
    def jvp_forward(f, x, v):
        with fwAD.dual_level():
            out = f(fwAD.make_dual(x, v))
        return fwAD.unpack_dual(out).tangent
    return (jvp_forward,)


@answer("q2", "reverse mode: jacrev(f)(x) @ v", INCORRECT, ["backward", "forward mode"],
        ["10.2's f"], named="reverse-mode-used")
def _():
    return (lambda f, x, v: jacrev(f)(x) @ v,)


@answer("q2", "the primal returned for the tangent", INCORRECT, ["primal", "10.2's f"], ["J v ="],
        named="returned-the-primal")
def _():
    def jvp_forward(f, x, v):
        with fwAD.dual_level():
            return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).primal
    return (jvp_forward,)


# --- q3: per_sample_grads(loss, w, X, y) -----------------------------------------------------------------------


@answer("q3", "vmap(grad(loss), in_dims=(None, 0, 0))", CORRECT, ["in one call"], ["once per example"])
def _():
    return (lambda loss, w, X, y: vmap(grad(loss), in_dims=(None, 0, 0))(w, X, y),)


@answer("q3", "a loop of backward passes, one per example", CORRECT, ["once per example", "vmap"],
        ["in one call"])
def _():
    def per_sample_grads(loss, w, X, y):
        rows = []
        for x_i, y_i in zip(X, y):
            w_i = w.clone().requires_grad_(True)
            loss(w_i, x_i, y_i).backward()
            rows.append(w_i.grad)
        return torch.stack(rows)
    return (per_sample_grads,)


@answer("q3", "vmap over a closure that keeps w", CORRECT, ["in one call"], ["once per example"])
def _():
    return (lambda loss, w, X, y: vmap(lambda x_i, y_i: grad(loss)(w, x_i, y_i))(X, y),)


@answer("q3", "one backward of the mean loss", INCORRECT, ["one gradient for all the examples"], ["raised"],
        named="one-gradient-for-the-batch")
def _():
    def per_sample_grads(loss, w, X, y):
        w = w.clone().requires_grad_(True)
        torch.stack([loss(w, x_i, y_i) for x_i, y_i in zip(X, y)]).mean().backward()
        return w.grad
    return (per_sample_grads,)


@answer("q3", "vmap(grad(loss)) with w batched too", INCORRECT, ["in_dims=(None, 0, 0)"], ["one gradient for all"],
        named="weights-batched-too")
def _():
    return (lambda loss, w, X, y: vmap(grad(loss))(w, X, y),)


@answer("q3", "the gradient with respect to the example, argnums=1", INCORRECT, ["with respect to x", "argnums"],
        ["one gradient for all"], named="differentiated-the-wrong-argument")
def _():
    return (lambda loss, w, X, y: vmap(grad(loss, argnums=1), in_dims=(None, 0, 0))(w, X, y),)


# --- q4: hvp(f, x, v) ---------------------------------------------------------------------------------------------


@answer("q4", "a JVP of grad(f)", CORRECT, ["two gradients"], ["Hessian first"])
def _():
    return (lambda f, x, v: jvp(grad(f), (x,), (v,))[1],)


@answer("q4", "the whole Hessian times v", CORRECT, ["Hessian first", "6 × 6"], ["without ever storing"])
def _():
    return (lambda f, x, v: hessian(f)(x) @ v,)


@answer("q4", "a double backward: the gradient with create_graph, then grad of g · v", CORRECT,
        ["two gradients"], ["Hessian first", "As a JVP"])
def _():
    def hvp(f, x, v):
        x = x.clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(x), x, create_graph=True)
        (hv,) = torch.autograd.grad(g @ v, x)
        return hv
    return (hvp,)


@answer("q4", "the pair jvp returns, passed on whole", INCORRECT, ["tuple", "second item"], ["10.3's g"],
        named="returned-the-pair")
def _():
    return (lambda f, x, v: jvp(grad(f), (x,), (v,)),)


@answer("q4", "the first item of the pair: the gradient", INCORRECT, ["the gradient of", "10.3's g"], ["tuple"],
        named="returned-the-gradient")
def _():
    return (lambda f, x, v: jvp(grad(f), (x,), (v,))[0],)


@answer("q4", "the Hessian, never multiplied by v", INCORRECT, ["whole Hessian"], ["tuple"],
        named="returned-the-hessian")
def _():
    return (lambda f, x, v: hessian(f)(x),)


@answer("q4", "jvp of f itself, where grad(f) was meant", INCORRECT, ["derivative of f itself", "grad(f)"],
        ["tuple"], named="jvp-of-f-not-of-its-gradient")
def _():
    return (lambda f, x, v: jvp(f, (x,), (v,))[1],)
