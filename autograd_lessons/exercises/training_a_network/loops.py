"""Run a learner's training loop, ``fit(model, X, y)``, and say what it did (Lesson 11's checkers share this).

The checker makes a fresh seeded model and data set, calls the learner's ``fit`` under
``run_bounded``, and observes: the error it raised, or the losses it returned, which
parameters it changed (and whether their version counters counted the change), how many
backward passes reached the model's output, which optimizers' ``step()`` ran and on what,
whether the first update went along the gradient or against it, and the loss of the model
afterwards. That observation is compared with the same loop run here, once as the exercise's
fixed loop (the reference) and once as its buggy one: a verdict is what the learner's loop
did. A loop that does exactly what the buggy one does is the cell as given: not attempted yet.
The verdicts are worded in diagnosis.py.
"""

import copy
import math
from contextlib import contextmanager
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch.optim.optimizer import register_optimizer_step_pre_hook

from ...compute.training_a_network import fresh_model_and_data, one_thread
from ...compute.bounded import run_bounded, warm_up

STEPS, LR, SECONDS = 60, 2.0, 10.0  # 60 steps take ~50 ms; a busy machine can make that seconds


# the same loop as the learner writes it: the solution of q1 and q2, whose bugs are each one line away from it
RIGHT_LOOP_SOURCE = """
def fit(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
"""


def right_loop(model, X, y):
    """The training loop of q1-q3 without its bug: the reference a learner's fixed loop is compared with."""
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    losses = []
    for step in range(STEPS):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def loss_of(model, X, y):
    """Return the model's loss on (X, y) as a float."""
    with torch.no_grad():
        return F.binary_cross_entropy_with_logits(model(X).squeeze(1), y).item()


@dataclass
class Observed:
    """What one run of a fit function did."""

    error: str = ""           # one sentence when it raised, ran out of time or returned something unreadable
    error_cause: str = ""     # the cause that sentence names: code-raised, ran-too-long, returns-no-losses
    losses: list = field(default_factory=list)
    changed: list = field(default_factory=list)    # names of the parameters whose values moved
    uncounted: list = field(default_factory=list)  # ... of those, the ones whose version counter did not count it
    with_grad: list = field(default_factory=list)  # names of the parameters with a .grad after fit
    frozen: list = field(default_factory=list)     # names of the parameters that no longer require grad
    before: float = 0.0       # loss of the fresh model
    after: float = 0.0        # loss of the model after fit
    graphs_kept: bool = False  # the list held loss tensors still attached to their graphs
    reached: int = 0          # backward passes that reached the model's output
    steps: int = 0            # optimizer.step() calls
    steps_with_gradient: int = 0  # ... that found a nonzero .grad on some parameter they hold
    stepped: list = field(default_factory=list)    # names of the parameters the stepped optimizers hold
    uphill: object = None     # the first update went along the gradient (True), against it (False), or unknown
    after_first: list = field(default=None, repr=False)  # the parameters as the second forward pass found them


@contextmanager
def watching(model, seen):
    """While fit runs, count into seen: backward passes reaching the model's output, optimizer steps and on what.

    Also keeps the parameters as the second forward pass finds them (after the first update), in
    seen.after_first. The hooks are removed when the block ends, whatever happened inside it.
    """
    names = {id(p): name for name, p in model.named_parameters()}
    forwards = []

    def on_gradient(grad):
        seen.reached += 1

    def on_output(module, inputs, output):
        forwards.append(1)
        if len(forwards) == 2:
            seen.after_first = [p.detach().clone() for p in model.parameters()]
        if isinstance(output, torch.Tensor) and output.requires_grad:
            output.register_hook(on_gradient)

    def on_step(optimizer, args, kwargs):
        held = [p for group in optimizer.param_groups for p in group["params"]]
        seen.steps += 1
        seen.steps_with_gradient += any(p.grad is not None and bool(p.grad.any()) for p in held)
        seen.stepped = sorted(set(seen.stepped) | {names.get(id(p), "another tensor") for p in held})

    handles = [model.register_forward_hook(on_output), register_optimizer_step_pre_hook(on_step)]
    try:
        yield
    finally:
        for handle in handles:
            handle.remove()


def first_gradient(model, X, y):
    """Return the gradient of the loss at the model's current weights, one tensor per parameter (on a copy)."""
    twin = copy.deepcopy(model)
    loss = F.binary_cross_entropy_with_logits(twin(X).squeeze(1), y)
    return torch.autograd.grad(loss, list(twin.parameters()))


def observe(fit):
    """Run fit(model, X, y) on a fresh model under a time bound; return what it did, never raising."""
    model, X, y = fresh_model_and_data()
    start = {name: p.detach().clone() for name, p in model.named_parameters()}
    versions = {name: p._version for name, p in model.named_parameters()}
    seen = Observed(before=loss_of(model, X, y))
    if not callable(fit):
        seen.error = f"`fit` should be the function you wrote, `def fit(model, X, y): ...`, not {type(fit).__name__}"
        seen.error_cause = "wrong-kind"
        return seen
    gradient = first_gradient(model, X, y)
    warm_up("optim")  # an optimizer's first step sets up a lot of torch: before the clock, and before the hooks count
    with one_thread(), watching(model, seen):
        outcome = run_bounded(fit, model, X, y, seconds=SECONDS, warm=("optim",))
    if not outcome.ok:
        seen.error = outcome.describe("your `fit`")
        seen.error_cause = "ran-too-long" if outcome.timed_out else "code-raised"
        return seen
    parameters = dict(model.named_parameters())
    seen.changed = [name for name, p in parameters.items() if not torch.equal(p.detach(), start[name])]
    seen.uncounted = [name for name in seen.changed if parameters[name]._version == versions[name]]
    seen.with_grad = [name for name, p in parameters.items() if p.grad is not None]
    seen.frozen = [name for name, p in parameters.items() if not p.requires_grad]
    seen.uphill = went_uphill(seen.after_first, list(start.values()), gradient)
    seen.after = loss_of(model, X, y)
    seen.losses, problem, seen.graphs_kept = read_losses(outcome.value)
    if problem:
        seen.error, seen.error_cause = problem, "returns-no-losses"
    return seen


def went_uphill(after_first, start, gradient):
    """True when the first update moved the weights along the gradient, False against it, None if unknown."""
    if after_first is None:
        return None
    slope = sum(float(((a - s) * g).sum()) for a, s, g in zip(after_first, start, gradient))
    return None if slope == 0 or not math.isfinite(slope) else slope > 0


def read_losses(value):
    """Return (floats, problem, graphs kept) from what fit returned: a list of numbers (or one-number tensors).

    inf and nan are numbers here: a loop whose loss overflowed returned its losses all the same.
    """
    if not isinstance(value, (list, tuple)) or not value:
        return [], ("your `fit` should return the list of its losses, one number per step "
                    f"(`losses.append(loss.item())`, then `return losses`); it returned {type(value).__name__}"), False
    numbers, kept = [], False
    for item in value:
        if isinstance(item, torch.Tensor) and item.numel() == 1:
            kept = kept or item.grad_fn is not None
            item = item.item()
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            return [], f"the list your `fit` returned holds {type(item).__name__} items; it should hold the losses", kept
        numbers.append(float(item))
    return numbers, "", kept


def same(a, b, tolerance=1e-3):
    """True when two loss lists have the same length and agree step by step (relative tolerance; nan is nan)."""
    return len(a) == len(b) and all(x == z or (x != x and z != z) or math.isclose(x, z, rel_tol=tolerance, abs_tol=1e-6)
                                    for x, z in zip(a, b))


def same_run(seen, other):
    """True when two runs did the same: the same error, or the same losses, changes, backward passes and steps."""
    if seen.error or other.error:
        return seen.error == other.error
    return (same(seen.losses, other.losses) and seen.changed == other.changed and seen.reached == other.reached
            and seen.steps == other.steps and seen.stepped == other.stepped)
