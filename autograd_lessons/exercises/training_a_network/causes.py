"""The mistakes Lesson 11's checkers name, each with the course's explanation (what the class report shows).

Every question runs the learner's loop through ``loops.judge``, which names what the loop did; so
every question can meet every cause, and each lists them all. The names are stable: the class
report counts by them.
"""

CAUSES = {
    "gradients-pile-up": "Without `optimizer.zero_grad()` (or `model.zero_grad()`) once per step, every "
                         "backward adds its gradient to the ones before (Lesson 4): the steps grow with the sum of "
                         "all the gradients so far, overshoot, and the loss jumps back up.",
    "backward-never-reaches-model": "The loss that backward starts from is not connected to the model: rebuilt "
                                    "from a number (`torch.tensor(loss.item(), requires_grad=True)`), it is a new "
                                    "leaf, so no parameter ever gets a `.grad` and the optimizer has nothing to "
                                    "apply.",
    "graph-cut": "Backward raised \"element 0 of tensors does not require grad\": the loss was computed from "
                 "predictions cut from the model (`.detach()`, `.item()`, `torch.no_grad()`), so it has no "
                 "grad_fn leading back to the weights.",
    "optimizer-wrong-parameters": "The optimizer was given other tensors than the ones that learn (the frozen "
                                  "layer's): they never get a `.grad`, so `step()` moves nothing, and the tensors "
                                  "that do get gradients are in no optimizer.",
    "update-recorded": "A parameter was changed in place while autograd records: it is a leaf that requires grad, "
                       "and PyTorch refuses (\"a leaf Variable that requires grad is being used in an in-place "
                       "operation\"). The update belongs under `with torch.no_grad():`, or in an optimizer's "
                       "`step()`.",
    "no-step": "Backward filled the gradients, but nothing applied them: no optimizer's `step()` ran (and no "
               "update by hand), so the parameters never moved.",
    "gradients-emptied-before-step": "The gradients were emptied between `loss.backward()` and "
                                     "`optimizer.step()` (a `zero_grad()` in between), so every step found "
                                     "nothing to apply.",
    "steps-uphill": "The update moves the weights along the gradient instead of against it (`p += lr * p.grad`, "
                    "or a negative learning rate): each step climbs the loss, until it overflows to inf, then nan.",
    "diverged": "The loss grows until it overflows: the steps are too large for this loss (a larger learning rate, "
                "or gradients that grow from step to step).",
    "keeps-graphs": "The list of losses holds the loss tensors themselves, each keeping its step's graph alive "
                    "(11.9): keep `loss.item()`, a number.",
    "returns-no-losses": "`fit` does not return the list of its losses, one number per step, as the exercise's "
                         "loop does (`losses.append(loss.item())`, then `return losses`).",
    "wrong-parameters-change": "The loop trains other parameters than the exercise asks: freezing the hidden "
                               "layer means that exactly the head's weight and bias change.",
    "changed-more-than-the-bug": "The loop learns, but not as the fixed loop does step for step: something "
                                 "besides the bug changed (the learning rate, the optimizer, the number of steps, "
                                 "the loss), so it is another loop, not this one repaired.",
    "not-learning": "The loop runs and moves the parameters, but the loss does not go down.",
}


def all_causes():
    """Return every cause, for a question's ``causes`` (each question's loop can do any of these things)."""
    return dict(CAUSES)
