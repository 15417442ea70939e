"""The verdict on a learner's training loop, worded from what loops.observe saw it do (Lesson 11's checkers).

``judge(fit, reference, buggy, ...)`` runs the three loops and compares them. Each sentence says what
the learner's loop did (its losses, which parameters moved, whether a backward pass reached the model,
whether a ``step()`` ran and on what, whether the first update went against the gradient) and names a
cause of causes.py only when what was seen shows it: a loop that never learns is told why it does not,
not the bug the exercise started from.
"""

import math

from ..checking import correct, incorrect, not_attempted
from .loops import STEPS, observe, same, same_run


def sentence(text):
    """Return text as a sentence: a capital first letter and one full stop."""
    text = text.rstrip(".")
    return text[0].upper() + text[1:] + "."


def names(parameters):
    """Return parameter names as code, joined: "`0.weight`, `0.bias`"."""
    return ", ".join(f"`{name}`" for name in parameters)


def summary(seen):
    """One sentence on a run that returned: how the loss moved and what changed."""
    moved = "every parameter" if len(seen.changed) == 4 else (names(seen.changed) or "no parameter")
    return (f"Observed: over {len(seen.losses)} steps the loss went from {seen.losses[0]:.4f} to {seen.losses[-1]:.4f}"
            f" (the model's loss afterwards: {seen.after:.4f}), and {moved} changed.")


def judge(fit, reference, buggy, buggy_message, must_change=None):
    """Return the Result for the learner's fit, judged against the fixed loop (reference) and the buggy one."""
    seen, right, wrong = observe(fit), observe(reference), observe(buggy)
    said = sentence(seen.error) if seen.error else summary(seen)
    if same_run(seen, wrong):
        return not_attempted(f"{said} That is what the loop in the cell does before you change it: {buggy_message} "
                             "Fix the line marked ✎, then run the cell again.")
    if seen.error:
        return incorrect(said + raised(seen.error), error_cause(seen))
    problem = (kept_graphs(seen, said) or diverged(seen, said) or standing_still(seen, said)
               or wrong_parameters(seen, said, must_change) or not_learning(seen, said))
    if problem:
        return problem
    if same(seen.losses, right.losses) and math.isclose(seen.after, right.after, rel_tol=1e-3, abs_tol=1e-6):
        return correct(f"{said} Step for step the losses of the fixed loop: it trains.{behind_autograds_back(seen)}")
    return incorrect(f"{said} The fixed loop, with the same optimizer and {STEPS} steps, goes from "
                     f"{right.losses[0]:.4f} to {right.losses[-1]:.4f}: change only the buggy line, keep the rest.",
                     "changed-more-than-the-bug")


def error_cause(seen):
    """The cause an error names: one the error's words show, or the general one for raising or running out of time."""
    if "does not require grad" in seen.error:
        return "graph-cut"
    if "leaf Variable that requires grad is being used in an in-place operation" in seen.error:
        return "update-recorded"
    return seen.error_cause or "code-raised"


def raised(error):
    """What the error tells about the loop, when it is one of the two this lesson teaches; else nothing."""
    if "does not require grad" in error:
        return (" The loss that backward started from has no grad_fn: it was computed from something cut from "
                "the model (`.detach()`, `.item()`, or under `torch.no_grad()`).")
    if "leaf Variable that requires grad is being used in an in-place operation" in error:
        return (" A parameter was changed in place while autograd records: do the update under "
                "`with torch.no_grad():`, or let an optimizer's `step()` do it.")
    return ""


def kept_graphs(seen, said):
    """The list holds loss tensors with their graphs."""
    if seen.graphs_kept:
        return incorrect(f"{said} But your list holds the loss tensors themselves, each keeping its graph alive "
                         "(section 11.9): append `loss.item()`.", "keeps-graphs")
    return None


def overflow(losses, after):
    """Where the losses stopped being numbers: "inf at step 56, nan from step 59", or the loss afterwards."""
    inf = [i for i, loss in enumerate(losses) if math.isinf(loss)]
    nan = [i for i, loss in enumerate(losses) if math.isnan(loss)]
    parts = ([f"inf at step {inf[0]}"] if inf else []) + ([f"nan from step {nan[0]}"] if nan else [])
    return ", ".join(parts) if parts else f"the model's loss afterwards is {after}"


def diverged(seen, said):
    """The loss overflowed to inf or nan: say where, and which way the first update went."""
    if all(math.isfinite(loss) for loss in seen.losses) and math.isfinite(seen.after):
        return None
    if not math.isfinite(seen.losses[0]):
        return incorrect(f"{said} Your list starts with {seen.losses[0]}, where the fresh model's loss is "
                         f"{seen.before:.4f}: it does not hold the losses of this run.", "returns-no-losses")
    where = overflow(seen.losses, seen.after)
    if seen.uphill:
        return incorrect(f"{said} The loss overflowed ({where}). The first update moved the weights along the "
                         "gradient, which climbs the loss, not against it: subtract the gradient, "
                         "`p -= lr * p.grad`.", "steps-uphill")
    return incorrect(f"{said} The loss overflowed ({where}), although the first update went against the gradient: "
                     "the steps are too large for this loss. Keep the exercise's learning rate, and empty the "
                     "gradients once per step.", "diverged")


def standing_still(seen, said):
    """No parameter moved: say what was seen of backward and step, and what that leaves out."""
    if seen.changed:
        return None
    if seen.reached == 0:
        return incorrect(f"{said} In none of the steps did a backward pass reach the model's output, so no "
                         "parameter got a `.grad` and nothing could move them: call `backward()` on the loss "
                         "computed from `model(X)` itself, not on a tensor made from its number.",
                         "backward-never-reaches-model")
    if seen.steps == 0:
        return incorrect(f"{said} Backward reached the model in {seen.reached} steps and filled the gradients "
                         f"({names(seen.with_grad)} have a `.grad`), but no optimizer's `step()` ran and nothing else "
                         "changed the parameters: call `optimizer.step()` after `loss.backward()`.", "no-step")
    if seen.stepped and set(seen.stepped) <= set(seen.frozen):
        return incorrect(f"{said} `step()` ran {seen.steps} times on an optimizer holding {names(seen.stepped)}, "
                         "which no longer require grad and never get a `.grad`, so it moved nothing; the "
                         f"parameters that did get gradients, {names(seen.with_grad)}, are in no optimizer you "
                         "stepped.", "optimizer-wrong-parameters")
    if seen.steps_with_gradient == 0:
        return incorrect(f"{said} Backward reached the model in {seen.reached} steps and `step()` ran {seen.steps} "
                         "times, but each time the gradients it held were empty: they were emptied between "
                         "`loss.backward()` and `optimizer.step()`. Empty them before `loss.backward()`.",
                         "gradients-emptied-before-step")
    return incorrect(f"{said} `step()` ran {seen.steps} times on parameters with gradients, and none of them moved "
                     "(a learning rate of 0?).", "not-learning")


def wrong_parameters(seen, said, must_change):
    """The loop changed other parameters than the exercise asks."""
    if must_change is not None and sorted(seen.changed) != sorted(must_change):
        return incorrect(f"{said} This loop should change exactly {names(must_change)}.", "wrong-parameters-change")
    return None


def not_learning(seen, said):
    """The parameters moved, and the loss did not go down."""
    if seen.losses[-1] < seen.losses[0]:
        return None
    if seen.uphill:
        return incorrect(f"{said} The loss did not go down: the first update moved the weights along the gradient, "
                         "which climbs the loss; subtract the gradient, `p -= lr * p.grad`.", "steps-uphill")
    return incorrect(f"{said} The loss did not go down: the loop still does not learn.", "not-learning")


def behind_autograds_back(seen):
    """A note for a loop that updated the weights where the version counter could not see it (`.data`)."""
    if not seen.uncounted:
        return ""
    return (" Your update changed the weights without their version counters counting it, which is what `.data` "
            "does (Lesson 8, section 8.7). `torch.no_grad()` is preferred: under it the same update is counted, so "
            "a node that had saved a weight would raise an error instead of computing a silently wrong gradient.")
