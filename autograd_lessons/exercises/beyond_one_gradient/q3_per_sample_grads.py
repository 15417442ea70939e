"""q3 · per-sample gradients with vmap(grad(...)) (Lesson 10): the exercise, its checker, its hints and its solution.

The learner writes ``per_sample_grads(loss, w, X, y)``: for every row X[i], y[i] of a
batch, the gradient of loss(w, X[i], y[i]) with respect to w. The checker runs it under a
time bound on losses and batches of its own, with a plain loop of ``torch.autograd.grad``
as the oracle, and recognises the one-gradient-for-the-batch answers by their numbers.
"""

import torch

from ..checking import correct, incorrect, placeholders
from ..question import question
from ._calls import call, close_tensors, function_problem, raised


def squared_error(w, x, y):
    """The cell's loss for one example: (x · w − y)²."""
    return (x @ w - y) ** 2


def logistic(w, x, y):
    """Another loss for one example, with labels ±1: log(1 + exp(−y x · w))."""
    return torch.nn.functional.softplus(-y * (x @ w))


def batch(size, features, seed, labels=False):
    generator = torch.Generator().manual_seed(seed)
    w = torch.randn(features, generator=generator)
    X = torch.randn(size, features, generator=generator)
    y = torch.randn(size, generator=generator)
    return w, X, (y.sign() if labels else y)


CASES = [(squared_error, *batch(5, 3, 0), "the cell's squared error, a batch of 5"),
         (logistic, *batch(8, 4, 1, labels=True), "a logistic loss, a batch of 8 with 4 features")]


def first_line(error):
    """Return the first line of an error's message, ending with a full stop."""
    return str(error).strip().splitlines()[0].rstrip(".") + "."


def loop(loss, w, X, y):
    """Return the per-sample gradients the slow way: one loss and one autograd.grad per example."""
    rows = []
    for x_i, y_i in zip(X, y):
        w_i = w.detach().clone().requires_grad_(True)
        (g,) = torch.autograd.grad(loss(w_i, x_i, y_i), w_i)
        rows.append(g)
    return torch.stack(rows)


@question(
    title="per-sample gradients with vmap(grad(...)) (Lesson 10)",
    hints=["`grad(loss)` is a function that returns the gradient of loss with respect to its first argument, w, "
           "for one example (section 10.4). `vmap` runs such a function over a batch, one example per row.",
           "Tell vmap which arguments carry the batch: `in_dims=(None, 0, 0)`: the same w for everyone, X and y "
           "split along their first dimension. Then call the result with `(w, X, y)`."],
    solution="""
def per_sample_grads(loss, w, X, y):
    return vmap(grad(loss), in_dims=(None, 0, 0))(w, X, y)
""",
    explanation="`grad(loss)` differentiates one example's loss with respect to w; `vmap` with in_dims "
                "(None, 0, 0) runs it for every row of X and y at once and stacks the results, one gradient per "
                "example: what a loop of backward passes gives, in one batched call.",
)
def q3(per_sample_grads):
    if problem := placeholders(per_sample_grads=per_sample_grads):
        return problem
    if problem := function_problem(per_sample_grads, "per_sample_grads", "loss, w, X, y"):
        return problem
    for loss, w, X, y, what in CASES:
        expected = loop(loss, w, X, y)
        value, problem = call(per_sample_grads, "per_sample_grads", loss, w.clone(), X.clone(), y.clone(),
                              warm=("func",))
        if isinstance(problem, BaseException):
            if "in_dims" in str(problem) or "vmap" in str(problem):
                return incorrect(f"on {what}, `per_sample_grads` raised inside vmap: {first_line(problem)} "
                                 "Batch X and y along dimension 0 and keep w whole: `in_dims=(None, 0, 0)`.")
            return raised(problem, "per_sample_grads")
        if problem is not None:
            return problem
        if close_tensors(value, expected):
            continue
        mean, total = expected.mean(dim=0), expected.sum(dim=0)
        for name, whole in (("the mean loss", mean), ("the summed loss", total)):
            if close_tensors(value, whole) or close_tensors(value, whole.expand_as(expected)):
                return incorrect(f"on {what}, `per_sample_grads` gave the gradient of {name} over the batch, one "
                                 "gradient for all the examples. Each example needs its own: "
                                 "`vmap(grad(loss), in_dims=(None, 0, 0))`.")
        if tuple(value.shape) != tuple(expected.shape):
            return incorrect(f"on {what}, `per_sample_grads` returned shape {tuple(value.shape)}; one gradient per "
                             f"example, each shaped like w, makes shape {tuple(expected.shape)}.")
        return incorrect(f"on {what}, the rows of `per_sample_grads` are not the gradients a loop of "
                         "`torch.autograd.grad` gives, one example at a time. Differentiate `loss` with respect to "
                         "its first argument, w, and batch over X and y.")
    return correct("`per_sample_grads` matches a loop of one backward per example, on two losses and two batch "
                   "sizes: one gradient per example, in one call. That is what differential privacy and "
                   "per-example clipping need, and what one `.backward()` on a batch loss cannot give.")
