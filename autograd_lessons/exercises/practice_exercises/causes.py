"""Lesson 6's misconceptions that several of its questions diagnose, named once in the course's words.

A question picks the ones its checker can meet, ``causes=shared("gradients-added-twice", ...)``,
beside its own; the class report shows these words beside the count of learners who made the mistake.
"""

SHARED = {
    "gradients-added-twice": "`.grad` adds up and never overwrites: a second backward pass (two calls, or the cell "
                             "run twice on the same leaves) doubles every gradient. Reset the gradients, or create "
                             "the leaves again, before one backward (Lesson 4, section 4.2).",
    "wrong-formula": "The function computed is not the exercise's (a term missing, a power typed as a product, "
                     "the variables swapped), so autograd rightly differentiated another function.",
    "graph-cut": "The result was computed from `.item()`, `.detach()` or code under `torch.no_grad()`, which "
                 "autograd does not track back to the leaf, so backward never reaches it (Lesson 1, 1.6 and 1.7).",
    "expects-error": "Predicted an error where autograd runs: the learner expected backward to fail, but the graph "
                     "it needs is there.",
    "expects-none": "Predicted that `.grad` stays None, though a backward pass does reach the tracked leaf and fills "
                    "its `.grad` with a number.",
}


def shared(*names):
    """Return the shared causes with these names, ready to merge into a question's ``causes``."""
    return {name: SHARED[name] for name in names}
