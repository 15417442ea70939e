"""The mistakes Lesson 10's checkers name, each with the course's explanation (what the class report shows).

A wrong verdict of q1-q4 carries one of these names (or a general one of ``checking.GENERAL_CAUSES``);
each question lists those it can give. The names are stable: the class report counts by them.
"""

MODE_CAUSES = {
    "modes-swapped": "Both modes are swapped: forward mode (one JVP, a column, per input) was picked for the loss "
                     "with a million inputs, reverse mode (one VJP, a row, per output) for the curve with 1,000 "
                     "outputs.",
    "reverse-always": "Reverse mode for both, as if backpropagation were always the cheaper one; for a function "
                      "with few inputs and many outputs, forward mode needs fewer passes.",
    "forward-always": "Forward mode for both, as if forward mode were always the cheaper one; for a function with "
                      "many inputs and one output, one backward (a VJP) gives the whole gradient.",
}

DUAL_LEVEL = {
    "dual-level-left-open": "The function enters a forward-mode dual level (`fwAD.enter_dual_level()`) and returns "
                            "without leaving it: the next forward-mode call in the session, its own second call "
                            "included, raises \"Nested forward mode AD is not supported\". `with "
                            "fwAD.dual_level():` leaves it even on `return`.",
}

SHAPE = {
    "wrong-shape": "The function returns a tensor of another shape than the one asked for: one number per output "
                   "of f for J v, one row per example for per-sample gradients, the shape of x for H v.",
}

JVP_CAUSES = {
    **DUAL_LEVEL,
    "tangent-read-after-the-level": "The tangent is read after the `with fwAD.dual_level():` block has ended, when "
                                    "the level's tangents are gone, so `unpack_dual(...).tangent` is None.",
    "no-dual-level": "`fwAD.make_dual` is called outside any dual level; it needs `with fwAD.dual_level():`.",
    "reverse-mode-used": "The JVP is computed with reverse mode (a backward, `jacrev`, `vjp`, `autograd.grad`), "
                         "which fails on a function that has a forward-mode rule but no backward.",
    "returned-the-primal": "The function returns the output's value (its primal) instead of its tangent.",
    **SHAPE,
}

PER_SAMPLE_CAUSES = {
    "one-gradient-for-the-batch": "The function returns the gradient of the batch's mean or summed loss, one "
                                  "gradient for all the examples, where each example needs its own.",
    "weights-batched-too": "vmap was told to split w along its first dimension as well as X and y (the default "
                           "`in_dims=0` for every argument), so it raised; `in_dims=(None, 0, 0)` keeps w whole.",
    "differentiated-the-wrong-argument": "The gradients are taken with respect to the example x (`argnums=1`), "
                                         "not with respect to the weights w, the first argument.",
    **SHAPE,
}

HVP_CAUSES = {
    **DUAL_LEVEL,
    "returned-the-pair": "The function returns the pair `jvp` gives, (the gradient, its JVP), where H v is the "
                         "second item.",
    "returned-the-gradient": "The function returns the gradient of f at x, the first item of the pair "
                             "`jvp(grad(f), ...)` returns, where H v is the second.",
    "returned-the-hessian": "The function returns the whole Hessian, never multiplied by v.",
    "jvp-of-f-not-of-its-gradient": "The function returns ∇f · v, the derivative of f itself along v (a JVP of f), "
                                    "where H v is the derivative of the gradient along v (a JVP of `grad(f)`).",
    **SHAPE,
}
