"""q1 · one variable (Lesson 3): the exercise, its checker, hints, solution and causes, in one place."""

from ..answers import number
from ..gradients import GRADIENT_CAUSES, gradient_problem, tracked_note
from ..checking import doubled, placeholders, verdict
from ...compute.numbers import fmt
from ..question import question
from .causes import shared


@question(
    title="one variable (Lesson 3)",
    hints=["Create x with `torch.tensor(2.0, requires_grad=True)`, build y from it (a power is `x**3`), call "
           "`y.backward()`; the derivative is then in `x.grad` (Lesson 3, section 3.1).",
           "`y = 3 * x**3 - 4 * x`, then `y.backward()`, then `answer = x.grad`."],
    solution="""
x = torch.tensor(2.0, requires_grad=True)
y = 3 * x**3 - 4 * x
y.backward()
answer = x.grad
""",
    explanation="`y.backward()` fills `x.grad` with dy/dx at x = 2; by hand, 9x² − 4 = 32.",
    causes={
        **GRADIENT_CAUSES, **shared("gradients-added-twice", "wrong-formula"),
        "value-not-derivative": "The function's value y was passed where its derivative was asked for: "
                                "`y.backward()` puts dy/dx in `x.grad`, and y keeps its own value.",
    },
)
def q1(answer):
    if problem := placeholders(answer=answer) or gradient_problem(answer, "answer", of="x"):
        return problem
    return verdict(
        number(answer), 32.0,
        right="dy/dx = 9x² − 4 = 9·4 − 4 = 32 at x = 2, and `answer` holds exactly that."
              + tracked_note(answer, "answer"),
        wrong=[
            (64.0, doubled("`answer` is 64, exactly twice the right value", "Did you zero the gradient between two "
                           "backward calls? Call `y.backward()` once, on a freshly created `x`"),
             "gradients-added-twice"),
            (16.0, "16 is y itself, 3·2³ − 4·2. Pass its derivative, `x.grad`, which `y.backward()` fills in.",
             "value-not-derivative"),
            (36.0, "36 = 9x² is the derivative of 3x³ alone: is the − 4x term missing from your y?", "wrong-formula"),
            (-4.0, "−4 is the derivative of − 4x alone: is the 3x³ term missing from your y (`3 * x**3`)?",
             "wrong-formula"),
        ],
        otherwise=f"`answer` is {fmt(number(answer))}, but by hand, dy/dx = 9x² − 4 at x = 2. Compare your y with "
                  "3x³ − 4x (a power is `x**3`), and your x with 2.0.",
    )
