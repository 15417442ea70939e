"""q1 · checkpoint a block (Lesson 13): the exercise, its checker, its hints and its solution.

The learner writes ``loss_of(block, head, X, y)``: the loss of ``head(block(X))`` with ``block``
run through ``torch.utils.checkpoint.checkpoint``. The checker gives it a fresh network, counts
the storages its forward saves (the lesson's save counter), runs its backward, and compares
both with the same loss computed without checkpointing: the gradients must be equal and the
activations kept must be fewer by at least one layer's output.
"""

import torch
import torch.nn.functional as F

from ...compute.bounded import error_text, run_bounded
from ...compute.memory_and_time.saved_memory import SaveCounter, kilobytes, memory_data, memory_net
from ..answers import describe
from ..checking import correct, incorrect, not_attempted, placeholders
from ..question import question
from ._running import SECONDS, function_problem, run, warm_up

DEPTH, WIDTH, BATCH = 4, 32, 64  # the cell's network: block = 4 layers of Linear(32, 32) + Tanh, head = Linear(32, 1)
REENTRANT_WARNING = "None of the inputs have requires_grad=True"


def checkpoint_problem():
    """Return (block, head, X, y) as the exercise's cell builds them: a fresh network split after its hidden layers."""
    net = memory_net(DEPTH, WIDTH)
    return net[:2 * DEPTH], net[2 * DEPTH:], *memory_data(BATCH, WIDTH)


def observe(loss_of):
    """Run loss_of on a fresh problem with saves counted, then its backward; return what happened, as a dict."""
    warm_up()  # before counting: the warm-up's own saves must not be counted
    block, head, X, y = checkpoint_problem()
    counter = SaveCounter()
    with counter.hooks():
        outcome, warned = run(loss_of, block, head, X, y)
    seen = {"outcome": outcome, "warned": warned, "memory": counter.memory([*block.parameters(),
                                                                           *head.parameters(), X, y])}
    loss = outcome.value if outcome.ok else None
    if isinstance(loss, torch.Tensor) and loss.numel() == 1 and loss.grad_fn is not None:
        backward = run_bounded(loss.backward, seconds=SECONDS)
        seen["backward"] = backward
        seen["block_grads"] = [p.grad for p in block.parameters()]
        seen["head_grads"] = [p.grad for p in head.parameters()]
    return seen


def reference():
    """Return (activation bytes saved, block grads, head grads) of the loss without checkpointing."""
    block, head, X, y = checkpoint_problem()
    counter = SaveCounter()
    with counter.hooks():
        loss = F.mse_loss(head(block(X)), y)
    loss.backward()
    memory = counter.memory([*block.parameters(), *head.parameters(), X, y])
    return memory.activations, [p.grad for p in block.parameters()], [p.grad for p in head.parameters()]


def same(grads, expected):
    """True when every gradient is there and equals the expected one (recomputation repeats the same arithmetic)."""
    return all(g is not None and torch.allclose(g, e, rtol=1e-5, atol=1e-7) for g, e in zip(grads, expected))


def loss_problem(outcome):
    """Return the Result for what loss_of returned or raised when it is not a tracked one-number loss, else None."""
    if outcome.timed_out:
        return incorrect(outcome.describe("`loss_of`"), "ran-too-long")
    if outcome.error is not None:
        if isinstance(outcome.error, TypeError) and "not callable" in str(outcome.error):
            return incorrect(f"`loss_of` raised {error_text(outcome.error)}. `checkpoint` takes the function to run, "
                             "then its inputs: `checkpoint(block, X, use_reentrant=False)`. `checkpoint(block(X))` "
                             "hands it the block's output, a tensor, which cannot be called.", "passed-the-output")
        return incorrect(f"`loss_of` raised {error_text(outcome.error)}.", "code-raised")
    loss = outcome.value
    if loss is Ellipsis:
        return None
    if not isinstance(loss, torch.Tensor) or loss.numel() != 1:
        what = f"a tensor of shape {tuple(loss.shape)}" if isinstance(loss, torch.Tensor) else describe(loss)
        return incorrect(f"`loss_of` returned {what}; it should return the loss, one number in a tensor: "
                         "`F.mse_loss(head(h), y)`.", "wrong-kind")
    if loss.grad_fn is None:
        return incorrect("`loss_of` returned a loss with no `grad_fn`: nothing that led to it was recorded, so no "
                         "backward can reach the weights. Compute it with recording on, and without `.detach()` "
                         "or `.item()`.", "no-graph")
    return None


def gradient_problem(seen, block_expected, head_expected):
    """Return the Result for a backward that failed or gave other gradients than without checkpointing, else None."""
    backward = seen["backward"]
    if not backward.ok:
        return incorrect(backward.describe("the backward of your loss"),
                         "ran-too-long" if backward.timed_out else "code-raised")
    if any(g is None for g in seen["block_grads"]) and all(g is not None for g in seen["head_grads"]):
        if any(REENTRANT_WARNING in text for text in seen["warned"]):
            return incorrect("the head's weights got gradients and the block's got None, and `checkpoint` warned "
                             f"\"{REENTRANT_WARNING}\": that is the older, reentrant checkpoint, which PyTorch "
                             "2.13 still uses when `use_reentrant` is not given. With an input that does not require "
                             "grad, X here, it records nothing. Pass `use_reentrant=False`.", "reentrant-checkpoint")
        return incorrect("the head's weights got gradients and the block's got None: the block's output reached the "
                         "loss without its history, as under `torch.no_grad()` or after `.detach()`. Checkpointing "
                         "keeps the history: `checkpoint(block, X, use_reentrant=False)`.", "block-cut-off")
    if not (same(seen["block_grads"], block_expected) and same(seen["head_grads"], head_expected)):
        return incorrect("the weights' gradients are not those of `F.mse_loss(head(block(X)), y)`: checkpointing "
                         "changes where the saved tensors come from, never the loss. Return exactly that loss, "
                         "with only `block(X)` replaced.", "different-loss")
    return None


@question(
    title="checkpoint a block (Lesson 13)",
    hints=["`checkpoint(function, *inputs, use_reentrant=False)` runs `function(*inputs)` and returns its result, "
           "without keeping what the nodes inside save (section 13.2). Here the function is `block` and its input X.",
           "`h = checkpoint(block, X, use_reentrant=False)`, then `return F.mse_loss(head(h), y)`."],
    solution="""
def loss_of(block, head, X, y):
    h = checkpoint(block, X, use_reentrant=False)
    return F.mse_loss(head(h), y)
""",
    explanation="`checkpoint` runs the block once in the forward pass keeping only its input X, and once more during "
                "backward to get back what its nodes needed: the same numbers, so the same gradients, with the "
                "block's activations gone from memory until backward needs them.",
    causes={
        "passed-the-output": "Called checkpoint on the block's output, block(X), instead of handing it the block and "
                             "its input.",
        "reentrant-checkpoint": "Left out use_reentrant=False: the older reentrant checkpoint records nothing when "
                                "no input requires grad, so the block's weights get no gradient.",
        "block-cut-off": "Cut the block off from the loss (torch.no_grad() or .detach()) to save memory, so its "
                         "weights get no gradient.",
        "no-graph": "Returned a loss with no graph behind it (made under no_grad, detached, or rebuilt from .item()).",
        "different-loss": "Returned a different loss than head(block(X)) against y, so the gradients differ.",
        "nothing-saved": "Ran the block without checkpoint (or checkpointed something else, or ran the block a second "
                         "time): the gradients are right but the block's activations are all still kept.",
    },
)
def q1(loss_of):
    if problem := placeholders(loss_of=loss_of):
        return problem
    if problem := function_problem(loss_of, "loss_of", "block, head, X, y"):
        return problem
    plain, block_expected, head_expected = reference()
    seen = observe(loss_of)
    if seen["outcome"].ok and seen["outcome"].value is Ellipsis:
        return not_attempted("`loss_of` still returns `...`: write its body, then run the cell again.")
    if problem := loss_problem(seen["outcome"]):
        return problem
    if problem := gradient_problem(seen, block_expected, head_expected):
        return problem
    kept, layer = seen["memory"].activations, BATCH * WIDTH * 4
    if kept > plain - layer:
        return incorrect(f"the gradients are right, but the forward kept {kilobytes(kept)} of activations, and "
                         f"without checkpointing it keeps {kilobytes(plain)}: the block's outputs are all still "
                         "saved. Run the block itself through `checkpoint(block, X, use_reentrant=False)`, and only "
                         "through it.", "nothing-saved")
    return correct(f"the gradients equal those without checkpointing, and the forward kept {kilobytes(kept)} of "
                   f"activations instead of {kilobytes(plain)}: what the checkpointed layers saved was dropped, and "
                   "backward ran them again when it needed it.")
