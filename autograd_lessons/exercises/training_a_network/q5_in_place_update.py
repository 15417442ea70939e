"""q5 · a parameter changed in place while autograd watches (Lesson 11): a hand-written SGD step."""

import torch
import torch.nn.functional as F

from ..checking import placeholders
from ..question import question
from .causes import all_causes
from .diagnosis import judge
from .loops import LR, STEPS


def fixed(model, X, y):
    losses = []
    for step in range(STEPS):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= LR * p.grad
        losses.append(loss.item())
    return losses


def buggy(model, X, y):
    losses = []
    for step in range(STEPS):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p -= LR * p.grad
        losses.append(loss.item())
    return losses


@question(
    title="a parameter changed in place while autograd watches",
    hints=["A parameter is a leaf that requires grad. Changing it in place with autograd recording would have to "
           "become part of a graph, and PyTorch refuses (Lesson 5 met the same error).",
           "Do the update under `with torch.no_grad():`, so autograd does not record it."],
    solution="""
def fit(model, X, y):
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= 2.0 * p.grad
        losses.append(loss.item())
    return losses
""",
    explanation="Under `torch.no_grad()` the update is plain arithmetic on the weights: nothing is recorded, the "
                "parameters stay leaves, and the next forward builds a fresh graph from their new values. "
                "`torch.optim.SGD(model.parameters(), lr=2.0)` does the same step for you.",
    causes=all_causes(),
)
def q5(fit):
    if problem := placeholders(fit=fit):
        return problem
    return judge(fit, fixed, buggy, "it changes each parameter in place while autograd records, and PyTorch "
                 "refuses: the parameters are leaves that require grad.")
