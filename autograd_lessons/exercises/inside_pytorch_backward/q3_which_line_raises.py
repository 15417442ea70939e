"""q3 · which line raises, and why (Lesson 8): the exercise, its checker, its hints and its solution.

The oracle is PyTorch: the checker runs the exercise's six lines itself, one at a time,
and reads which one raised and what its message says.
"""

import re

import torch

from ..answers import describe
from ..checking import Result, correct, incorrect, placeholders
from ..question import question
from .causes import RAISE_CAUSES

LINES = (
    "x = torch.tensor([1.0, 2.0], requires_grad=True)",
    "s = x.sigmoid()",
    "t = s * 3",
    "s.mul_(2)",
    "loss = (t + s).sum()",
    "loss.backward()",
)
REASONS = {
    "a": "a leaf that requires grad was changed in place",
    "b": "a tensor saved for backward was changed in place, so its version moved on",
    "c": "backward went through the graph a second time",
    "d": "no line raises",
}


def what_happens():
    """Run the lines one by one; return (number of the line that raised or None, the reason's letter)."""
    namespace = {"torch": torch}
    for number, line in enumerate(LINES, start=1):
        try:
            exec(line, namespace)
        except RuntimeError as error:
            text = str(error)
            if "leaf Variable" in text:
                return number, "a"
            if "modified by an inplace operation" in text:
                return number, "b"
            return number, "c"
    return None, "d"


def line_number(value):
    """Return the answer as a line number (1-6) or None for "no line", or a Result saying what is wrong."""
    if value is None:
        return None
    if isinstance(value, str):
        digits = re.fullmatch(r"\s*(?:line\s*)?(\d+)\s*", value, flags=re.IGNORECASE)
        if not digits:
            return incorrect(f"`line` is the text {value!r}: write the line's number, for example `line = 2`, "
                             "or `line = None` if you think no line raises.", "wrong-kind")
        value = int(digits.group(1))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return incorrect(f"`line` is {describe(value)}: write the line's number, for example `line = 2`, or "
                         "`line = None` if you think no line raises.", "wrong-kind")
    if not 1 <= value <= len(LINES):
        return incorrect(f"the cell has lines 1 to {len(LINES)}; `line` is {value}.", "not-checkable")
    return value


def letter(value):
    """Return the answer as one of the letters a-d, or a Result saying what is wrong."""
    found = re.fullmatch(r"\s*\(?([a-dA-D])\)?\s*", value) if isinstance(value, str) else None
    if not found:
        choices = ", ".join(f"`\"{key}\"` ({text})" for key, text in REASONS.items())
        return incorrect(f"`reason` should be one letter in quotes: {choices}.", "wrong-kind")
    return found.group(1).lower()


@question(
    title="which line raises, and why (Lesson 8)",
    hints=["An in-place operation on a tensor that is not a leaf is allowed when it runs. What autograd checks, "
           "and when, is the version of every tensor a node saved: it compares them when backward unpacks them "
           "(section 8.6).",
           "`x.sigmoid()` saves its result s, since the derivative is s(1 − s). `s * 3` saves only the 3. "
           "Which node's saved tensor did line 4 change, and which line makes that node run?"],
    solution="""
line = 6
reason = "b"
""",
    explanation="`s.mul_(2)` is allowed (s is not a leaf) and bumps s's version from 0 to 1. Nothing is checked "
                "until line 6, when `SigmoidBackward0` unpacks the s it saved at version 0 and finds version 1: "
                "\"one of the variables needed for gradient computation has been modified by an inplace "
                "operation\".",
    causes=RAISE_CAUSES,
)
def q3(line, reason):
    """Return the Result for the predicted line and reason, judged against running the six lines one by one."""
    if problem := placeholders(line=line, reason=reason):
        return problem
    given_line, given_reason = line_number(line), letter(reason)
    for answer in (given_line, given_reason):
        if isinstance(answer, Result):
            return answer
    raised, why = what_happens()
    if given_line == raised and given_reason == why:
        return correct(f"line {raised} raises: {REASONS[why]}. Line 4 itself is allowed, because s is not a leaf; "
                       "it only moves s's version counter from 0 to 1. The check comes when backward reaches "
                       "`SigmoidBackward0` and unpacks the s it saved, at version 0.")
    if given_line == 4:
        return incorrect("line 4 runs without complaint: `s.mul_(2)` on a tensor that is not a leaf is allowed. It "
                         "raises its version counter from 0 to 1, and autograd only compares versions when backward "
                         "needs the saved tensor.", "in-place-raises-at-once")
    if given_line is None or given_reason == "d":
        return incorrect("one line does raise. Which tensor did `x.sigmoid()` save for its backward, and what "
                         "happened to it afterwards?", "in-place-believed-safe")
    if given_line in (3, 5):
        return incorrect(f"line {given_line} only computes something new from s; computing never checks versions. "
                         "The check comes when a node unpacks a tensor it saved, during backward.",
                         "error-while-computing")
    if given_line == raised and given_reason == "a":
        return incorrect(f"line {raised} is right, but the reason is not: the tensor changed in place is s, which "
                         "is not a leaf (it has a grad_fn, `SigmoidBackward0`). The leaf x was never changed.",
                         "non-leaf-taken-for-a-leaf")
    if given_line == raised and given_reason == "c":
        return incorrect(f"line {raised} is right, but there is only one backward here. Look at line 4: which "
                         "tensor did it change, and who had saved that tensor?", "error-read-as-second-backward")
    return incorrect(f"line {given_line} runs without error. Run the lines in your head: which one makes autograd "
                     "look at a tensor that was saved before it was changed in place?", "other")
