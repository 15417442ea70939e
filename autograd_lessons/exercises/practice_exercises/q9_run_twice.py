"""q9 · predict, then run: the same cell twice (Lesson 4): the exercise, checker, hints, solution and causes."""

from ..answers import number, number_problem
from ..checking import incorrect, placeholders, verdict
from ..question import question
from .causes import shared


@question(
    title="predict, then run: the same cell twice (Lesson 4)",
    hints=["The cell builds a new y each time it runs, so its graph is fresh; x, created in the cell before, is not "
           "created again. What does backward do when `x.grad` already holds a number? (Lesson 4, section 4.2)",
           "The first run prints 5, dy/dx = 2x + 3 at x = 1. Backward adds; it does not overwrite."],
    solution="""
prediction = 10.0
""",
    explanation="Each run's backward adds 5 into the same `x.grad`: 5 after one run, 10 after two.",
    causes={
        **shared("expects-error", "expects-none"),
        "expects-overwrite": "Predicted that the second backward overwrites `x.grad`; it adds to what is there "
                             "(Lesson 4, section 4.2).",
        "expects-multiply": "Predicted that gradients multiply across runs; each backward adds its share.",
        "expects-reset": "Predicted that `x.grad` is reset between runs; nothing resets it, and x is not created "
                         "again.",
    },
)
def q9(prediction):
    if problem := placeholders(prediction=prediction):
        return problem
    if isinstance(prediction, str) and "error" in prediction.lower():
        return incorrect("no error: each run of the cell computes y again, so backward always has a fresh graph. "
                         "What carries over from one run to the next is `x.grad`, because x is not created again.",
                         "expects-error")
    if prediction is None:
        return incorrect("not None: the first run already filled `x.grad` (it printed 5), and nothing empties it.",
                         "expects-none")
    if problem := number_problem(prediction, "prediction"):
        return problem
    return verdict(
        number(prediction), 10.0,
        right="after two runs `x.grad` is 5 + 5 = 10: each run builds a fresh y, and its backward adds dy/dx = "
              "2x + 3 = 5 into the same `x.grad`. A third run gives 15. This is why a training loop resets the "
              "gradients every step: `optimizer.zero_grad()` or `x.grad.zero_()` (Lesson 4, section 4.6).",
        wrong=[
            (5.0, "5 is `x.grad` after one run. The second run's backward does not overwrite it; it adds another 5 "
                  "(Lesson 4, section 4.2).", "expects-overwrite"),
            (25.0, "gradients add up, they do not multiply: the second run adds its 5 to the 5 already there.",
             "expects-multiply"),
            (0.0, "nothing resets `x.grad` between the runs: the cell has no `zero_()`, and x is not created again.",
             "expects-reset"),
        ],
        otherwise="the first run prints 5. The second run computes the same 5 again: what does backward do with "
                  "it, given that `x.grad` already holds 5?",
    )
