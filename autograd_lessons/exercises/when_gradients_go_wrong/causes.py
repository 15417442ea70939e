"""The mistakes Lesson 9's checkers name, each with the course's explanation (what the class report shows).

A wrong verdict of q1-q3 carries one of these names (or a general one of ``checking.GENERAL_CAUSES``);
each question lists those it can give with ``causes_for(...)``. The names are stable: the class
report counts by them.
"""

CAUSES = {
    # q1 and q3: an unsafe operation masked after it ran
    "masked-too-late": "The unsafe operation still runs on the inputs whose output is masked away: `torch.where` "
                       "(or a mask, or `nan_to_num`) picks the value afterwards, but backward sends a 0 back "
                       "through the unsafe operation, whose local derivative there is inf or nan, and 0 · inf, "
                       "0 · nan and 0 / 0 are all nan. Mask the input of the unsafe operation, not its output "
                       "(9.3, 9.4).",
    "zero-reaches-sqrt": "The repair keeps the negative numbers away from the sqrt but not 0 (`x >= 0`, "
                         "`clamp(min=0)`, `abs`): √x has an infinite slope at 0, so the gradient there is inf, or "
                         "nan once a `where` multiplies it by 0. Every x ≤ 0 must be replaced before the sqrt.",
    "negative-reaches-sqrt": "A small number added inside the sqrt (`x + 1e-12`) keeps 0 away from it but not the "
                             "negative numbers: the square root of a negative number is nan, and so is its slope.",
    "output-not-masked": "The safe input went into the unsafe operation, but nothing picks the constant 0 for "
                         "the masked entries afterwards: their value (nan, or the operation of the safe number) is "
                         "wrong, or they still depend on the input, so their gradient is not 0.",
    "wrong-value": "The repaired function computes other values than the buggy one did for the entries it "
                   "should keep: the repair changed what the function computes, not only its gradient.",
    "wrong-gradient": "The values are right and the gradient is a number everywhere, but not the derivative: "
                      "part of the computation is detached, or a constant was written where the input belongs.",
    "graph-cut": "The result has no grad_fn: computed from `.item()`, `.detach()`, under `torch.no_grad()`, or "
                 "rebuilt with `torch.tensor(...)`, it has no record of how it came from the input, so backward "
                 "cannot reach the input (9.7).",
    "not-elementwise": "The function reduces or reshapes its input (a sum, a mean, a slice) where the exercise "
                       "wants one output per input entry.",
    # q2: a loss backward cannot reach
    "item-returned": "The loss is returned as a Python number (`.item()`), which has no history: there is "
                     "nothing to call `.backward()` on. `.item()` is for printing, after the loss is used (9.7).",
    "requires-grad-patch": "The error was silenced by making the loss require grad (`torch.tensor(value, "
                           "requires_grad=True)`, `loss.requires_grad = True`): that makes a new leaf connected to "
                           "nothing, so backward fills the loss's own `.grad` and never reaches w.",
    "not-connected-to-w": "The loss has a grad_fn, but it was computed from a copy of w made into a leaf of its "
                          "own (`w.detach().requires_grad_()`, `w.clone().detach()`), so backward stops at the copy.",
    "not-one-number": "The loss is not one number: the squared errors were not averaged (or summed) into the "
                      "single value backward starts from.",
    "changed-loss": "The repaired loss has another value than the mean squared error: the repair changed the "
                    "computation (a sum for the mean, a missing square) instead of only how the result is returned.",
    # q3: the division
    "empty-group-not-constant": "Dividing the empty group by a safe count (1, or a small number such as 1e-8) "
                                "without picking the constant 0 for it gives the right value only because its "
                                "total is 0: its output still moves with its total, so its gradient is 1 (or "
                                "1e8), not 0.",
}


def causes_for(*names):
    """Return the causes with these names, ready to pass as a question's ``causes``."""
    return {name: CAUSES[name] for name in names}
