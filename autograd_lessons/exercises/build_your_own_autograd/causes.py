"""The mistakes Lesson 7's checkers name, each with the course's explanation (what the class report shows).

A wrong verdict of q1-q3 carries one of these names (or a general one of ``checking.GENERAL_CAUSES``);
each question lists those it can give. The names are stable: the class report counts by them.
"""

ENGINE_CAUSES = {
    "op-not-attached": "The class has no method of the op's name: the cell that defines the op and attaches it "
                       "(`Value.exp = exp`) has not run, or attached it under another name.",
    "returns-a-number": "The op returns a plain number, not a Value: nothing records where the result came from, "
                        "so no backward can reach the op's input.",
    "wrong-value": "The op's forward pass computes another number than torch does for the same input.",
    "forgot-upstream": "The `_backward` sends the op's own derivative without multiplying it by `out.grad`, the "
                       "gradient that reached the op's output. The chain rule multiplies the two; an op alone, "
                       "started from out.grad = 1, hides the mistake, and any op after it shows it (7.2, 7.4).",
    "assigned-not-added": "The `_backward` assigns `.grad` (`=`) instead of adding to it (`+=`), so what another "
                          "path already sent is lost: a value used twice must collect the sum of its paths (7.3).",
    "wrong-derivative": "The `_backward` multiplies `out.grad` by something other than the op's derivative at "
                        "this input: the input where the output belongs, another op's derivative, or a slip.",
    "missing-share": "The `_backward` sends nothing to one of the op's inputs, as if its derivative were 0.",
    "missing-parents": "The op's output does not list every input in its parents (`_prev`), so nothing links that "
                       "input to the output and backward never reaches it.",
    "backward-not-attached": "The op builds its `_backward` but never stores it as `out._backward`, so backward "
                             "runs the do-nothing function every new Value starts with.",
    "backward-order": "The engine's `backward()` runs a `_backward` more than once, or before every value that "
                      "uses it has run, so a shared value sends on a gradient that is not yet complete (7.5).",
}

POWER_CAUSES = {
    "swapped-shares": "The base gets the exponent's derivative and the exponent the base's: d(xʸ)/dx = y·xʸ⁻¹ "
                      "belongs to the base, d(xʸ)/dy = xʸ·ln x to the exponent.",
    "log-of-a-negative-base": "A number exponent is wrapped in a Value and sent its gradient through ln x, which "
                              "does not exist for a negative base: `x ** 3` at a negative x, the division by a "
                              "negative number (7.7) and a negative error squared (7.10) then raise. A number "
                              "exponent needs no gradient, and 7.6's rule k·xᵏ⁻¹ needs no ln x.",
    "value-exponent-refused": "`x ** y` with a Value exponent raises: the class's `**` still takes only a number "
                              "exponent (7.6's), so the exercise's new `**` has not been attached.",
    "number-exponent-refused": "`x ** 3` with a number exponent raises: the new `**` takes a Value exponent but no "
                               "longer a plain number, which the lesson's division and squares need.",
}


def causes_for(*extra):
    """Return the engine's causes, then those of the dicts in extra (a question's own)."""
    found = dict(ENGINE_CAUSES)
    for more in extra:
        found.update(more)
    return found
