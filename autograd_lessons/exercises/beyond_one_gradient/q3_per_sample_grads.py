"""q3 · per-sample gradients with vmap(grad(...)) (Lesson 10): the exercise, its checker, its hints and its solution.

The learner writes ``per_sample_grads(loss, w, X, y)``: for every row X[i], y[i] of a
batch, the gradient of loss(w, X[i], y[i]) with respect to w. The checker runs it under a
time bound on losses and batches of its own, with a plain loop of ``torch.autograd.grad``
as the oracle, and recognises the one-gradient-for-the-batch answers by their numbers. It
also counts how often the function calls the loss: once, on the whole batch, as
``vmap(grad(loss), ...)`` does, or once per example, as a loop does; a right answer is told
which it was.
"""

import torch

from ..checking import correct, incorrect, placeholders
from ..question import question
from ._calls import call, close_dual_levels, close_tensors, function_problem, raised, with_earlier_level
from .causes import PER_SAMPLE_CAUSES


def squared_error(w, x, y):
    """The cell's loss for one example: (x · w − y)²."""
    return (x @ w - y) ** 2


def logistic(w, x, y):
    """Another loss for one example, with labels ±1: log(1 + exp(−y x · w))."""
    return torch.nn.functional.softplus(-y * (x @ w))


def batch(size, features, seed, labels=False):
    """Return (w, X, y) for a batch of `size` examples with `features` numbers each, from a fixed generator."""
    generator = torch.Generator().manual_seed(seed)
    w = torch.randn(features, generator=generator)
    X = torch.randn(size, features, generator=generator)
    y = torch.randn(size, generator=generator)
    return w, X, (y.sign() if labels else y)


CASES = [(squared_error, *batch(5, 3, 0),
          "10.4's squared error (x · w − y)², on the checker's batch of 5 examples with 3 features"),
         (logistic, *batch(8, 4, 1, labels=True),
          "the checker's logistic loss log(1 + exp(−y x · w)), on a batch of 8 examples with 4 features")]


def first_line(error):
    """Return the first line of an error's message, ending with a full stop."""
    return str(error).strip().splitlines()[0].rstrip(".") + "."


def loop(loss, w, X, y, argument=0):
    """Return the per-sample gradients the slow way: one loss and one autograd.grad per example.

    argument=1 differentiates with respect to the example x instead of w (what `argnums=1` gives).
    """
    rows = []
    for x_i, y_i in zip(X, y):
        inputs = [w.detach().clone(), x_i.detach().clone(), y_i]
        inputs[argument].requires_grad_(True)
        (g,) = torch.autograd.grad(loss(*inputs), inputs[argument])
        rows.append(g)
    return torch.stack(rows)


def counting(loss, calls):
    """Return loss, counting its calls in the list `calls` (vmap calls it once for a whole batch)."""
    def counted(*args):
        calls.append(1)
        return loss(*args)
    return counted


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
    causes=PER_SAMPLE_CAUSES,
)
def q3(per_sample_grads):
    """Return the Result of running the learner's per_sample_grads on every case, after closing a level left open."""
    if problem := placeholders(per_sample_grads=per_sample_grads):
        return problem
    if problem := function_problem(per_sample_grads, "per_sample_grads", "loss, w, X, y"):
        return problem
    closed = close_dual_levels()  # a level an earlier cell left open would make torch.func raise
    return with_earlier_level(run_cases(per_sample_grads), closed)


def run_cases(per_sample_grads):
    """Run per_sample_grads on every case; return the first wrong verdict, or the right one saying how it did it."""
    counts = []
    for loss, w, X, y, what in CASES:
        expected, calls = loop(loss, w, X, y), []
        value, problem = call(per_sample_grads, "per_sample_grads", counting(loss, calls), w.clone(), X.clone(),
                              y.clone(), warm=("func",), what=what)
        if isinstance(problem, BaseException):
            return error_result(problem, what)
        if problem is not None:
            return problem
        if not close_tensors(value, expected):
            return wrong(value, expected, loss, w, X, y, what)
        counts.append((len(calls), len(X)))
    return right(*counts[0])


def error_result(error, what):
    """The verdict on a function that raised: vmap splitting w as well, or any other error."""
    if "mapped dimension" in str(error):
        return incorrect(f"on {what}, `per_sample_grads` raised inside vmap: {first_line(error)} Those sizes are "
                         "the first dimensions of w, X and y: vmap was told to split w too. Batch X and y along "
                         "dimension 0 and keep w whole: `in_dims=(None, 0, 0)`.", "weights-batched-too")
    if "in_dims" in str(error) or "vmap" in str(error):
        return incorrect(f"on {what}, `per_sample_grads` raised inside vmap: {first_line(error)} Batch X and y "
                         "along dimension 0 and keep w whole: `in_dims=(None, 0, 0)`.", "code-raised")
    return raised(error, "per_sample_grads")


def wrong(value, expected, loss, w, X, y, what):
    """The verdict on a tensor that is not the per-sample gradients: the batch's one gradient, x's, a shape."""
    mean, total = expected.mean(dim=0), expected.sum(dim=0)
    for name, whole in (("the mean loss", mean), ("the summed loss", total)):
        if close_tensors(value, whole) or close_tensors(value, whole.expand_as(expected)):
            return incorrect(f"on {what}, `per_sample_grads` gave the gradient of {name} over the batch, one "
                             "gradient for all the examples. Each example needs its own: "
                             "`vmap(grad(loss), in_dims=(None, 0, 0))`.", "one-gradient-for-the-batch")
    if close_tensors(value, loop(loss, w, X, y, argument=1)):
        return incorrect(f"on {what}, the rows of `per_sample_grads` are the gradients of each example's loss "
                         "with respect to x, the example, not with respect to w: `grad(loss)` differentiates "
                         "with respect to the first argument, w; leave out `argnums=1`.",
                         "differentiated-the-wrong-argument")
    if tuple(value.shape) != tuple(expected.shape):
        return incorrect(f"on {what}, `per_sample_grads` returned shape {tuple(value.shape)}; one gradient per "
                         f"example, each shaped like w, makes shape {tuple(expected.shape)}.", "wrong-shape")
    return incorrect(f"on {what}, the rows of `per_sample_grads` are not the gradients a loop of "
                     "`torch.autograd.grad` gives, one example at a time. Differentiate `loss` with respect to "
                     "its first argument, w, and batch over X and y.", "other")


def right(calls, examples):
    """The verdict on right gradients, saying how the function got them: one call of the loss, or a loop."""
    use = ("That is what differential privacy and per-example clipping need, and what one `.backward()` on a batch "
           "loss cannot give.")
    if calls == 1:
        return correct("`per_sample_grads` matches a loop of one backward per example, on two losses and two batch "
                       "sizes, and it called the loss once, on the whole batch: one gradient per example, in one "
                       f"call. {use}")
    how = (f"once per example ({calls} calls for {examples} examples), as a loop does" if calls == examples
           else f"{calls} times for a batch of {examples} examples")
    return correct(f"`per_sample_grads` gives the right gradients, one per example, on two losses and two batch "
                   f"sizes. It called the loss {how}. {use} The exercise asks for `vmap(grad(loss), "
                   "in_dims=(None, 0, 0))`, which gets the same numbers calling the loss once for the whole batch: "
                   "`q3.hint(2)` shows how.")
