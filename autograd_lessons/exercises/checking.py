"""Verdicts on a learner's answer: a Result (correct, incorrect, not attempted, pick other values) and how to reach one (torch only).

Introduced with the exercises of Lesson 6. A checker reads the answer with the helpers
of answers.py, then compares numbers with :func:`verdict`: close to the expected value
is correct, close to a value that a known mistake produces gets that mistake's message,
anything else a general one. Messages use `backticks` for code; the display layer
turns those into code font.
"""

import math
from dataclasses import dataclass


CORRECT, INCORRECT, NOT_ATTEMPTED, OTHER_VALUES = "correct", "incorrect", "not attempted", "pick other values"


@dataclass(frozen=True)
class Result:
    """The verdict on an answer: a status (correct, incorrect, not attempted, pick other values) and a message.

    "not attempted" is no verdict: the cell still holds `...`, or what it passed is what the
    untouched cell gives. "pick other values" is no verdict either: at the values the learner
    chose, a wrong answer would look the same as the right one.
    """

    status: str
    message: str
    cause: str = ""  # an incorrect verdict's named mistake: a key of its question's causes, or of GENERAL_CAUSES

    @property
    def correct(self):
        """True when the answer is right."""
        return self.status == CORRECT


def correct(message):
    """Return a correct Result; the message says why the answer is right."""
    return Result(CORRECT, message)


# Mistakes any checker can meet, named once for every question (a question names its own misconceptions
# in its causes). Each name is stable: the class report counts wrong answers by it.
GENERAL_CAUSES = {
    "not-checkable": "The answer could not be read as the exercise asks: a wrong number of answers, or an object "
                     "the checker does not know what to do with.",
    "wrong-kind": "The answer is not the kind of thing the exercise asks for: a number, a tensor, a function or a "
                  "class of another kind, or None.",
    "code-raised": "The learner's own code raised an error when the checker ran it.",
    "ran-too-long": "The learner's own code was still running when its time was up: a loop that never ends.",
    "other": "A wrong answer that matches none of the mistakes this question knows by name.",
    # met by every checker that reads a tracked tensor (answers.leaf_problem, answers.value_problem)
    "not-tracked": "The tensor passed does not require grad: it was created without `requires_grad=True` (or "
                   "detached), or it is a gradient, `.grad`, passed where the tensor itself was asked for.",
    "not-a-leaf": "A tensor that should be a leaf came out of an operation (even `.double()` or `* 1` after creating "
                  "it), so backward does not fill its `.grad`: create it directly, or call `retain_grad()` first.",
    "retain-grad-too-late": "`retain_grad()` was called after the backward pass whose gradient it should keep; it "
                            "must come before.",
    "no-backward": "No backward pass reached the tensor: `.backward()` was never called (or written without "
                   "brackets), or `torch.autograd.grad` was used, which does not fill `.grad`.",
    "wrong-start-value": "The tensor does not hold the numbers the exercise starts from, so its gradients answer "
                         "another question.",
}


def incorrect(message, cause="other"):
    """Return an incorrect Result; the message says what went wrong and what to do, cause names the mistake."""
    return Result(INCORRECT, message, cause)


def not_attempted(message="replace each `...` in the cell with your code, then run the cell again."):
    """Return the Result for an answer that is still the placeholder ``...``."""
    return Result(NOT_ATTEMPTED, message)


def other_values(message):
    """Return the Result for learner-chosen values at which a right and a wrong answer cannot be told apart."""
    return Result(OTHER_VALUES, message)


def nothing_yet(name, what):
    """Return "not attempted" for a leaf whose .grad is still None, as the untouched cell leaves it.

    The same state also comes from code that ran but filled no `.grad`: the message names
    both, and what to look at, never a guess.
    """
    return not_attempted(f"`{name}.grad` is still None: no backward pass has reached `{name}` yet, so there is "
                         f"nothing to check. If the cell still holds `...`, write there {what}. If you wrote one, "
                         "check that it is called, with brackets: `.backward()`, not `.backward`. "
                         f"`torch.autograd.grad` returns the gradient without storing it in `{name}.grad`, and this "
                         f"exercise reads `{name}.grad`, so use `.backward()` here.")


def placeholders(**answers):
    """Return "not attempted" if any answer is still ``...`` (naming the unfinished ones), else None."""
    left = [name for name, value in answers.items() if value is Ellipsis]
    if not left:
        return None
    if len(left) == len(answers):
        return not_attempted()
    names = " and ".join(f"`{name}`" for name in left) + (" is" if len(left) == 1 else " are")
    return not_attempted(f"{names} still `...`: finish the cell, then run it again.")


def close(value, expected):
    """True when value and expected (numbers, or equally long sequences of numbers) agree within float32 rounding."""
    if isinstance(expected, (list, tuple)):
        return (isinstance(value, (list, tuple)) and len(value) == len(expected)
                and all(close(v, e) for v, e in zip(value, expected)))
    return isinstance(value, (int, float)) and math.isclose(value, expected, rel_tol=1e-4, abs_tol=1e-5)


def verdict(value, expected, right, wrong=(), otherwise="that is not the expected value.", otherwise_cause="other"):
    """Compare value with expected: correct(right), the message of a known wrong value, or incorrect(otherwise).

    wrong is a sequence of (value, message, cause) triples, one per misconception that produces that value
    (a pair without its cause names "other"); otherwise_cause names the mistake behind any other value.
    """
    if close(value, expected):
        return correct(right)
    for wrong_value, message, *cause in wrong:
        if close(value, wrong_value):
            return incorrect(message, *cause)
    return incorrect(otherwise, otherwise_cause)


def doubled(lead, how):
    """Return the message for gradients exactly twice the right value; lead says so ("`x.grad` is 38, twice ...")."""
    return (f"{lead}, which is what a second backward pass gives: `.grad` adds up and never overwrites. {how} "
            "(Lesson 4, section 4.2).")
