"""q7 · two losses, one graph (Lesson 2): the exercise, its checker, hints, solution and causes, in one place."""

from ..answers import grad_of, leaf_problem, value_problem, values
from ..checking import close, doubled, nothing_yet, placeholders, verdict
from ...compute.numbers import fmt
from ..question import question
from .causes import shared


@question(
    title="two losses, one graph (Lesson 2)",
    hints=["The first backward frees the values that `h = x**2` saved for the backward pass, so a second backward "
           "through h fails. Lesson 2, section 2.7 shows two ways out.",
           "Either `loss1.backward(retain_graph=True)` and then `loss2.backward()`, or one pass over the sum: "
           "`(loss1 + loss2).backward()`."],
    solution="""
x = torch.tensor(3.0, requires_grad=True)
h = x**2
loss1 = 2 * h
loss2 = h + x
(loss1 + loss2).backward()
""",
    explanation="One backward from the sum walks the shared h once: `x.grad` = 4x + 2x + 1 = 19. "
                "`loss1.backward(retain_graph=True)` followed by `loss2.backward()` gives the same 19.",
    causes={
        **shared("gradients-added-twice"),
        "one-loss-only": "Backward ran from one loss only (once or twice), so the other loss's share is missing: "
                         "go backward from both, with `retain_graph=True` on the first call, or once from their sum.",
    },
)
def q7(x):
    missing = nothing_yet("x", "a backward pass from both losses")
    if problem := (placeholders(x=x) or leaf_problem(x, "x", example="torch.tensor(3.0, requires_grad=True)",
                                                     missing_grad=missing)
                   or value_problem(x, "x", 3.0, "torch.tensor(3.0, requires_grad=True)")):
        return problem
    return verdict(
        values(grad_of(x)), 19.0,
        right="`x.grad` = d(loss1 + loss2)/dx = 4x + (2x + 1) = 19 at x = 3. `(loss1 + loss2).backward()` walks "
              "the shared part once; with two backward calls, the first needs `retain_graph=True` so that the second "
              "still finds the values saved for h = x² (Lesson 2, section 2.7).",
        wrong=[
            (12.0, "`x.grad` is 12 = d loss1/dx alone: loss2's share, 2x + 1 = 7, is missing. Its backward must "
                   "run too; as a second call, it needs the first one to keep the graph: `retain_graph=True`.",
             "one-loss-only"),
            (7.0, "`x.grad` is 7 = d loss2/dx alone: loss1's share, 4x = 12, is missing. Run backward from both "
                  "losses, or once from their sum.", "one-loss-only"),
            (38.0, doubled("`x.grad` is 38, exactly twice the right value",
                           "Go backward from both losses once: either from the sum or with two calls, not both"),
             "gradients-added-twice"),
        ],
        otherwise=f"`x.grad` is {fmt(values(grad_of(x)))}, but by hand, loss1 + loss2 = 2x² + x² + x, whose "
                  "derivative is 6x + 1 = 19 at x = 3." + (" 24 is d loss1/dx twice: loss1's backward ran two times "
                                                         "and loss2's never." if close(values(grad_of(x)), 24.0)
                                                         else ""),
        otherwise_cause="one-loss-only" if close(values(grad_of(x)), 24.0) else "other",
    )
