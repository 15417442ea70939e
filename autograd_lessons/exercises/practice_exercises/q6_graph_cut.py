"""q6 · predict: a graph cut by torch.no_grad() (Lesson 1): the exercise, checker, hints, solution and causes."""

from ..answers import number, number_problem
from ..checking import incorrect, placeholders, verdict
from ..question import question
from .causes import shared


@question(
    title="predict: a graph cut by torch.no_grad() (Lesson 1)",
    hints=["Autograd differentiates the operations it recorded, not the formula you have in mind. Which of the two "
           "factors of `square * x` was recorded? (Lesson 1, section 1.6)",
           "`square` was computed inside `torch.no_grad()`: print `square.requires_grad`. To autograd, a tensor "
           "that is not tracked is a constant."],
    solution="""
x = torch.tensor(2.0, requires_grad=True)
with torch.no_grad():
    square = x**2
y = square * x
y.backward()
prediction = 4.0
""",
    explanation="`square` is a constant 4 to autograd, so y = 4 · x and `x.grad` is 4. Compute x² outside "
                "`torch.no_grad()` to get the true derivative of x³, 12.",
    causes={
        **shared("expects-error", "expects-none"),
        "differentiates-formula": "Differentiated the formula y = x³ rather than what autograd recorded: a value "
                                  "computed under `torch.no_grad()` is a constant to autograd.",
        "wrong-factor-tracked": "Took the factor computed under `torch.no_grad()` for the tracked one: it is the "
                                "other factor, x itself, that autograd recorded.",
        "expects-no-dependence": "Predicted 0, as if y did not depend on x at all; its second factor is x, tracked.",
    },
)
def q6(prediction):
    if problem := placeholders(prediction=prediction):
        return problem
    if prediction is None:
        return incorrect("not None: y still uses x through its second factor, so backward does reach x and "
                         "`x.grad` gets a number. Which number?", "expects-none")
    if isinstance(prediction, str) and "error" in prediction.lower():
        return incorrect("no error: y requires grad because its factor x does, so `y.backward()` runs. "
                         "The question is what it finds on its way back to x.", "expects-error")
    if problem := number_problem(prediction, "prediction"):
        return problem
    return verdict(
        number(prediction), 4.0,
        right="`x.grad` is 4, not 12. Nothing is recorded under `torch.no_grad()`, so to autograd `square` is a "
              "constant 4 and y = 4 · x, whose derivative is 4. The true derivative of x³, 3x² = 12, needs x² "
              "computed outside `no_grad`. `.detach()` and `.item()` cut the graph in the same way "
              "(Lesson 1, sections 1.6 and 1.7).",
        wrong=[
            (12.0, "12 = 3x² is the derivative of x³, the value y holds. But autograd differentiates only what it "
                   "recorded, and `square` was computed under `torch.no_grad()`. Run the cell and print `x.grad`.",
             "differentiates-formula"),
            (8.0, "8 = 2x · x would be right if only `square` were tracked. It is the other way round: `square` was "
                  "computed under `torch.no_grad()`, and the tracked factor is x.", "wrong-factor-tracked"),
            (0.0, "0 would mean that y does not depend on x at all, as far as autograd knows. But the second "
                  "factor of y is x itself, tracked.", "expects-no-dependence"),
        ],
        otherwise="run the cell and print `x.grad`. Autograd differentiates only the operations it recorded: "
                  "which factor of `square * x` was recorded?",
    )
