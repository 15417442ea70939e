"""q4 · the optimizer given the wrong parameters (Lesson 11): train only the head, for real."""

import torch
import torch.nn.functional as F

from ..checking import placeholders
from ..question import question
from .causes import all_causes
from .diagnosis import judge
from .loops import LR, STEPS

HEAD = ["2.weight", "2.bias"]  # model[2], the output layer of the 2 → 8 → 1 MLP


def fixed(model, X, y):
    model[0].requires_grad_(False)  # freeze the hidden layer: only the head learns
    optimizer = torch.optim.SGD(model[2].parameters(), lr=LR)
    losses = []
    for step in range(STEPS):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def buggy(model, X, y):
    model[0].requires_grad_(False)
    optimizer = torch.optim.SGD(model[0].parameters(), lr=LR)
    losses = []
    for step in range(STEPS):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@question(
    title="the optimizer given the wrong parameters",
    hints=["An optimizer only ever changes the tensors it was given. Which layer did this one get, and does that "
           "layer have a `.grad` after `loss.backward()`?",
           "Give the optimizer the head's parameters: `torch.optim.SGD(model[2].parameters(), lr=2.0)`."],
    solution="""
def fit(model, X, y):
    model[0].requires_grad_(False)
    optimizer = torch.optim.SGD(model[2].parameters(), lr=2.0)
    losses = []
    for step in range(60):
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
""",
    explanation="The frozen layer gets no `.grad`, the head does; an optimizer over the head's two tensors moves "
                "exactly them, so the hidden layer stays as it was and the loss goes down.",
    causes=all_causes(),
)
def q4(fit):
    if problem := placeholders(fit=fit):
        return problem
    return judge(fit, fixed, buggy, "the optimizer holds the frozen layer's parameters, which never get a "
                 "`.grad`, so `step()` moves nothing and the head never learns.", must_change=HEAD)
