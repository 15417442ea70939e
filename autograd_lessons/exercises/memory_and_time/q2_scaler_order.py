"""q2 · GradScaler, clipping and the optimizer in order (Lesson 13): the exercise, its checker, hints and solution.

The learner writes ``train_step(model, optimizer, scaler, X, y)``: one mixed-precision step
that clips the gradients to a norm of 1 and returns the norm ``clip_grad_norm_`` measured.
The checker runs it on fresh copies of a small network, three steps with a loss scale of
2¹⁰ and one step with 2⁴⁰ (whose float16 gradients overflow), and compares what it did with
the same steps in the right order: the norms it returned, the weights, the scale afterwards.
"""

import math

import torch
import torch.nn.functional as F

from ...compute.bounded import error_text
from ...compute.memory_and_time.saved_memory import memory_data, memory_net
from ..answers import describe, number, number_problem
from ..checking import correct, incorrect, not_attempted, placeholders
from ..question import question
from ._running import function_problem, run

STEPS, SCALE, OVERFLOW, LR = 3, 2.0 ** 10, 2.0 ** 40, 0.1


def scaler_problem(init_scale=SCALE):
    """Return (model, optimizer, scaler, X, y): a fresh network, SGD, a GradScaler and targets far from its outputs."""
    model = memory_net(2, 16)
    X, y = memory_data(32, 16)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    return model, optimizer, torch.amp.GradScaler("cpu", init_scale=init_scale), X, 4 * y


def right_step(model, optimizer, scaler, X, y, clip=True):
    """The step in the right order (clip=False: the same without clipping, as a clip after the step gives)."""
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=torch.float16):
        loss = F.mse_loss(model(X), y)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0 if clip else math.inf)
    scaler.step(optimizer)
    scaler.update()
    return norm


def observe(train_step):
    """Run train_step STEPS times at the normal scale, then once at a scale that overflows; return what it did."""
    model, optimizer, scaler, X, y = scaler_problem()
    returned = []
    outcome, _ = run(lambda: [returned.append(train_step(model, optimizer, scaler, X, y)) for _ in range(STEPS)])
    seen = {"outcome": outcome, "returned": returned, "weights": [p.detach().clone() for p in model.parameters()]}
    if outcome.ok:
        model, optimizer, scaler, X, y = scaler_problem(OVERFLOW)
        start = [p.detach().clone() for p in model.parameters()]
        seen["overflow"], _ = run(train_step, model, optimizer, scaler, X, y)
        seen["overflow_moved"] = any(not torch.equal(a, p) for a, p in zip(start, model.parameters()))
        seen["overflow_scale"] = scaler.get_scale()
    return seen


def reference(clip=True):
    """Return (the norms, the weights) after STEPS right steps (clip=False: without clipping)."""
    model, optimizer, scaler, X, y = scaler_problem()
    norms = [right_step(model, optimizer, scaler, X, y, clip).item() for _ in range(STEPS)]
    return norms, [p.detach().clone() for p in model.parameters()]


def close_weights(weights, expected):
    """True when every weight tensor equals the expected one within float32 rounding."""
    return all(torch.allclose(w, e, rtol=1e-4, atol=1e-6) for w, e in zip(weights, expected))


ERRORS = {  # words of GradScaler's own error -> (what the learner's order did, cause)
    "has already been called on this optimizer": ("`scaler.unscale_(optimizer)` ran twice in one step: once is "
                                                  "enough, before clipping, and `scaler.step` then does not divide "
                                                  "again.", "unscaled-twice"),
    "is being called after step()": ("`scaler.unscale_(optimizer)` ran after `scaler.step(optimizer)`: by then the "
                                     "step has used the gradients. Unscale first, clip, then step.",
                                     "unscaled-after-step"),
    "No inf checks were recorded": ("`scaler.update()` found that no `scaler.step(optimizer)` had looked for inf "
                                    "and NaN: the weights were moved by `optimizer.step()` itself, with gradients "
                                    "still multiplied by the scale. Step through the scaler: "
                                    "`scaler.step(optimizer)`.", "stepped-past-the-scaler"),
}


def returned_problem(seen):
    """Return the Result for a step that raised, ran too long or returned something other than a norm, else None."""
    outcome = seen["outcome"]
    if outcome.timed_out:
        return incorrect(outcome.describe("`train_step`"), "ran-too-long")
    if outcome.error is not None:
        said = f"`train_step` raised {error_text(outcome.error).rstrip('.')}"
        if seen["returned"] and any(words in str(outcome.error) for words in list(ERRORS)[:2]):
            return incorrect(f"{said} at its step {len(seen['returned']) + 1}; step 1 ran. Without "
                             "`scaler.update()` the scaler still holds the last step's state: call it last, once per "
                             "step (it also halves the scale after an overflow).", "no-update")
        for words, (message, cause) in ERRORS.items():
            if words in str(outcome.error):
                return incorrect(f"{said}. {message}", cause)
        return incorrect(f"{said}.", "code-raised")
    norm = seen["returned"][0]
    if norm is Ellipsis:
        return not_attempted("`train_step` still returns `...`: finish the step, then run the cell again.")
    if number_problem(norm, "norm"):
        return incorrect(f"`train_step` returned {describe(norm)}; return the norm that "
                         "`torch.nn.utils.clip_grad_norm_` returns, one number.", "wrong-kind")
    return None


def order_problem(seen, norms, weights):
    """Return the Result for a step whose norms, weights or overflow step show a wrong order, else None."""
    returned = [number(value) for value in seen["returned"]]
    if math.isclose(returned[0], norms[0] * SCALE, rel_tol=1e-2):
        return incorrect(f"`clip_grad_norm_` measured a norm of {returned[0]:.4g}, the true {norms[0]:.4g} times the "
                         f"scale {SCALE:g}: it clipped the gradients while they were still scaled, so the step "
                         "shrank them by the scale as well. Call `scaler.unscale_(optimizer)` before clipping.",
                         "clipped-scaled-gradients")
    overflow = seen["overflow"]
    if not overflow.ok:
        return incorrect(overflow.describe("`train_step`, at a scale of 2^40,"),
                         "ran-too-long" if overflow.timed_out else "code-raised")
    if seen["overflow_moved"]:
        return incorrect("at a scale of 2^40 the float16 gradients overflow to inf, and your step still moved the "
                         "weights: it stepped with `optimizer.step()`, which does not look for inf. "
                         "`scaler.step(optimizer)` skips such a step.", "stepped-past-the-scaler")
    if seen["overflow_scale"] != OVERFLOW / 2:
        return incorrect(f"after a step whose gradients overflowed, the scale is still {seen['overflow_scale']:g}: "
                         "`scaler.update()` is what halves it (and grows it after many good steps). Call it last, "
                         "once per step.", "no-update")
    if close_weights(seen["weights"], weights):
        return None
    if close_weights(seen["weights"], reference(clip=False)[1]):
        return incorrect(f"the weights after {STEPS} steps are those of steps without clipping: the gradients were "
                         "clipped after `scaler.step` had used them (or not at all). Clip between "
                         "`scaler.unscale_(optimizer)` and `scaler.step(optimizer)`.", "clipped-after-step")
    return incorrect(f"the weights after {STEPS} steps differ from those of the step in the right order (zero_grad, "
                     "forward under autocast, `scaler.scale(loss).backward()`, `scaler.unscale_`, `clip_grad_norm_` "
                     "with max_norm=1.0, `scaler.step`, `scaler.update`).", "other")


@question(
    title="GradScaler, clipping and the optimizer in order (Lesson 13)",
    hints=["`clip_grad_norm_` must see the true gradients, so the scale has to come off first (section 13.6).",
           "After `scaler.scale(loss).backward()`: `scaler.unscale_(optimizer)`, then "
           "`norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)`, then "
           "`scaler.step(optimizer)`, then `scaler.update()`."],
    solution="""
def train_step(model, optimizer, scaler, X, y):
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=torch.float16):
        loss = F.mse_loss(model(X), y)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(optimizer)
    scaler.update()
    return norm
""",
    explanation="`unscale_` divides every `.grad` by the scale, so `clip_grad_norm_` measures and clips the true "
                "gradients; `scaler.step` then steps (it knows they are unscaled already) unless one was inf or "
                "NaN, and `update` adjusts the scale for the next step.",
    causes={
        "clipped-scaled-gradients": "Clipped before unscale_: the norm measured was the scaled one, so the true "
                                    "gradients were shrunk by the scale too.",
        "clipped-after-step": "Clipped after the optimizer step (or not at all): the step used unclipped gradients.",
        "stepped-past-the-scaler": "Called optimizer.step() instead of scaler.step(optimizer): no check for inf, "
                                   "and without unscale_ the gradients are still multiplied by the scale.",
        "no-update": "Left out scaler.update(): the scale never shrinks after an overflow or grows after good steps.",
        "unscaled-twice": "Called scaler.unscale_(optimizer) twice in one step, which GradScaler refuses.",
        "unscaled-after-step": "Called scaler.unscale_ after scaler.step, when the step has already used the "
                               "gradients.",
    },
)
def q2(train_step):
    if problem := placeholders(train_step=train_step):
        return problem
    if problem := function_problem(train_step, "train_step", "model, optimizer, scaler, X, y"):
        return problem
    seen = observe(train_step)
    if problem := returned_problem(seen):
        return problem
    norms, weights = reference()
    if problem := order_problem(seen, norms, weights):
        return problem
    return correct(f"the norm was measured on the true gradients ({norms[0]:.4g}, clipped to 1), the weights after "
                   f"{STEPS} steps are those of the right order, and at a scale of 2^40 the overflowing step was "
                   "skipped and the scale halved.")
