"""The mistakes Lesson 8's checkers name, each with the course's explanation (what the class report shows).

A wrong verdict of q1-q4 carries one of these names (or a general one of ``checking.GENERAL_CAUSES``);
each question lists those it can give. The names are stable: the class report counts by them.
"""

ORDER_CAUSES = {
    "started-at-the-inputs": "The order starts where the forward pass started, at the leaves or the first operation: "
                             "backward starts at the node that made the output and reaches the leaves last.",
    "code-order-for-ready-nodes": "Two nodes were ready at once and the answer takes them in the order the code "
                                  "reads them; the engine takes the one recorded last in the forward pass, the "
                                  "highest sequence number, first (8.2).",
    "leaf-waits-for-the-end": "The leaves' `AccumulateGrad` nodes are kept for the end, as if they waited for every "
                              "other node; each runs as soon as its own gradient is complete (8.2).",
    "leaf-runs-per-gradient": "A leaf's `AccumulateGrad` is listed once per gradient that reaches the leaf; the engine "
                              "adds the gradients in the node's buffer and runs it once (8.1).",
    "nodes-miscounted": "The list has more or fewer nodes than the graph: one node per operation and one "
                        "`AccumulateGrad` per leaf, each run exactly once.",
}

HOOK_CAUSES = {
    "hooks-run-in-another-order": "Hooks on one tensor run in the order they were registered, each on what the one "
                                  "before returned; the answer has the later hook run first (8.8).",
    "hook-sees-the-leaf-gradient": "A hook registered on h receives the gradient with respect to h, not with respect "
                                   "to the leaf x further back.",
    "returned-tensor-ignored": "A hook that returns a tensor replaces the gradient for everything behind it; the "
                              "answer treats the clamping hook as if it only looked.",
    "clamp-applied-to-x-grad": "The clamping hook acts on the gradient at h, before `PowBackward0` multiplies it by "
                               "2x; the answer clamps the leaf's final `.grad` instead.",
    "stopped-at-h": "The answer gives the gradient at h as `x.grad`, as if backward stopped at h; it goes on through "
                    "`PowBackward0` to x.",
}

RAISE_CAUSES = {
    "in-place-raises-at-once": "The answer has the in-place line itself raise. On a tensor that is not a leaf an "
                               "in-place change is allowed; it moves the version counter, and backward checks it "
                               "later (8.6).",
    "in-place-believed-safe": "The answer says no line raises, as if autograd coped with any in-place change; a "
                              "tensor a node saved and that was changed in place makes backward refuse (8.6).",
    "error-while-computing": "The answer has a line that only computes something new raise; versions are compared "
                             "only when backward unpacks a saved tensor.",
    "non-leaf-taken-for-a-leaf": "The right line, with reason (a): the tensor changed in place is s, the result of "
                                 "an operation, not a leaf; reason (a) is for leaves that require grad.",
    "error-read-as-second-backward": "The right line, with reason (c): there is one backward; what it refuses is a "
                                     "saved tensor whose version moved on.",
}

REPAIR_CAUSES = {
    "in-place-still-changes-a-saved-tensor": "`x.grad` is None because backward did not run or raised: the "
                                             "rewritten line still changes the e that `ExpBackward0` saved in "
                                             "place (under `torch.no_grad()` or through `.detach()` the version "
                                             "counter still moves), or the backward line is missing.",
    "data-bypasses-the-version-counter": "`e.data += 1` changes the saved e behind autograd's back: no error, and a "
                                         "gradient computed with eˣ + 1 where eˣ belongs (8.7).",
    "loss-cut-from-x": "The loss has no `grad_fn`: e was detached or computed under `torch.no_grad()` to get past "
                       "the in-place error, which cuts the loss off from x.",
    "plus-one-dropped": "The repaired line makes a new tensor but no longer adds 1, so the loss is Σ e²ˣ.",
    "wrong-loss": "The loss is not Σ (eˣ + 1)² at the exercise's x.",
    "backward-twice": "`x.grad` is exactly twice the right value: backward ran twice into the same x.",
}

