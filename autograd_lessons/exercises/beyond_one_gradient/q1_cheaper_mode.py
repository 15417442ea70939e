"""q1 · which mode builds a whole Jacobian in fewer passes (Lesson 10): the exercise, its checker, hints, solution.

The oracle is ``compute.beyond_one_gradient.jacobian_cost.pass_counts``: n JVPs or m VJPs for a function from n
inputs to m outputs. Answers may name a mode several ways ("forward", "jvp", "jacfwd").
"""

import re

from ...compute.beyond_one_gradient.jacobian_cost import pass_counts
from ..answers import describe
from ..checking import correct, incorrect, placeholders
from ..question import question
from .causes import MODE_CAUSES

SHAPES = {"loss_mode": (1_000_000, 1), "curve_mode": (3, 1_000)}  # (inputs, outputs)
WHAT = {"loss_mode": "the loss of a network with 1,000,000 weights (one number out)",
        "curve_mode": "a curve of 1,000 points drawn from 3 parameters"}
NAMES = {"forward": "forward", "fwd": "forward", "jvp": "forward", "jacfwd": "forward", "forwardad": "forward",
         "reverse": "reverse", "rev": "reverse", "backward": "reverse", "vjp": "reverse",
         "jacrev": "reverse", "backprop": "reverse", "backpropagation": "reverse"}


def mode(value, name):
    """Return the answer as "forward" or "reverse", or a Result saying why it cannot be read as a mode."""
    if not isinstance(value, str):
        return incorrect(f"`{name}` is {describe(value)}: write the mode in quotes, `\"forward\"` or `\"reverse\"`.",
                         "wrong-kind")
    key = re.sub(r"[\s_\-.()]", "", value.lower()).removesuffix("mode")
    if key not in NAMES:
        return incorrect(f"`{name}` is the text {value!r}: write `\"forward\"` (JVPs, jacfwd) or `\"reverse\"` "
                         "(VJPs, backward, jacrev).", "not-checkable")
    return NAMES[key]


def passes_text(name):
    """Return "n JVPs or m VJPs" for one of the exercise's two functions."""
    counts = pass_counts(*SHAPES[name])
    return f"{counts.forward:,} JVPs or {counts.reverse:,} VJP{'s' if counts.reverse > 1 else ''}"


@question(
    title="which mode builds the whole Jacobian in fewer passes (Lesson 10)",
    hints=["A function from n inputs to m outputs has an m × n Jacobian. One JVP (forward mode) gives one column, "
           "one VJP (reverse mode, what `backward` does) gives one row (sections 10.2 and 10.5).",
           "Count: the loss takes n = 1,000,000 inputs to m = 1 output, so n JVPs or 1 VJP. The curve takes n = 3 "
           "to m = 1,000, so 3 JVPs or 1,000 VJPs."],
    solution="""
loss_mode = "reverse"
curve_mode = "forward"
""",
    explanation="The loss's Jacobian is one row of a million numbers, which one backward (a VJP) gives; that is "
                "why training uses reverse mode. The curve's Jacobian is 1,000 × 3: three columns, three JVPs, "
                "where reverse mode would need 1,000 backward passes.",
    causes=MODE_CAUSES,
)
def q1(loss_mode, curve_mode):
    """Return the Result for the two modes, judged against the pass counts of each function's shape."""
    if problem := placeholders(loss_mode=loss_mode, curve_mode=curve_mode):
        return problem
    given = {"loss_mode": mode(loss_mode, "loss_mode"), "curve_mode": mode(curve_mode, "curve_mode")}
    for answer in given.values():
        if not isinstance(answer, str):
            return answer
    expected = {name: pass_counts(*shape).cheaper for name, shape in SHAPES.items()}
    if given == expected:
        return correct(f"the loss takes {passes_text('loss_mode')}: reverse mode, one backward for the whole "
                       f"gradient. The curve takes {passes_text('curve_mode')}: forward mode. The fewer passes "
                       "follow the smaller side of the Jacobian: inputs for forward, outputs for reverse.")
    if given == {"loss_mode": "forward", "curve_mode": "reverse"}:
        return incorrect("both are swapped. A JVP gives one column of the Jacobian, one per input; a VJP one row, "
                         "one per output. Which side is small for each function?", "modes-swapped")
    wrong = next(name for name in SHAPES if given[name] != expected[name])
    inputs, outputs = SHAPES[wrong]
    same = set(given.values())  # one mode for both: the belief that it is always the cheaper one
    return incorrect(f"`{wrong}`: {WHAT[wrong]} goes from {inputs:,} inputs to {outputs:,} output"
                     f"{'s' if outputs > 1 else ''}, so the whole Jacobian takes {passes_text(wrong)}. "
                     "Which is fewer? The cheaper mode depends on the function's shape: no mode is cheaper for "
                     "every function.", f"{same.pop()}-always")
