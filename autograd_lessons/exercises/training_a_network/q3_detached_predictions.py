"""q3 · detached predictions (Lesson 11): the exercise, its checker, hints and solution."""

import torch
import torch.nn.functional as F

from ..checking import placeholders
from ..question import question
from .causes import all_causes
from .diagnosis import judge
from .loops import LR, STEPS, right_loop as fixed


def buggy(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    losses = []
    for step in range(STEPS):
        predictions = model(X).squeeze(1).detach()
        loss = F.binary_cross_entropy_with_logits(predictions, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@question(
    title="detached predictions",
    hints=["`.detach()` returns a tensor with no `grad_fn` (Lesson 1): nothing computed from it can send a "
           "gradient back to the model.",
           "Keep the predictions attached: `predictions = model(X).squeeze(1)`. Detach (or `.item()`) only what "
           "you keep for printing or plotting."],
    solution="""
def fit(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
    losses = []
    for step in range(60):
        predictions = model(X).squeeze(1)
        loss = F.binary_cross_entropy_with_logits(predictions, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
""",
    explanation="With the predictions attached, the loss's graph runs through the model, so `loss.backward()` "
                "has somewhere to go: it fills every weight's `.grad` and the optimizer moves them.",
    causes=all_causes(),
)
def q3(fit):
    if problem := placeholders(fit=fit):
        return problem
    return judge(fit, fixed, buggy, "the detached predictions cut the graph, so the loss cannot reach the model.")
