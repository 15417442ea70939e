"""q2 · the loss rebuilt from .item() (Lesson 11): the exercise, its checker, hints and solution."""

import torch
import torch.nn.functional as F

from ..checking import placeholders
from ..question import question
from .causes import all_causes
from .diagnosis import judge
from .loops import LR, STEPS, RIGHT_LOOP_SOURCE, right_loop as fixed


def buggy(model, X, y):
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    losses = []
    for step in range(STEPS):
        value = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y).item()
        loss = torch.tensor(value, requires_grad=True)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@question(
    title="the loss rebuilt from .item()",
    hints=["`.item()` returns a Python float: the graph back to the model's weights ends there. "
           "`torch.tensor(value, requires_grad=True)` is a brand-new leaf, connected to nothing.",
           "Call `backward()` on the loss tensor the forward pass made, and use `.item()` only for the list."],
    solution=RIGHT_LOOP_SOURCE,
    explanation="The loss tensor from the forward pass carries the graph back to every weight, so its backward "
                "fills each parameter's `.grad`; a tensor made from a float has no graph, so backward stops at it, "
                "every `.grad` stays None and `optimizer.step()` skips them all.",
    causes=all_causes(),
)
def q2(fit):
    if problem := placeholders(fit=fit):
        return problem
    return judge(fit, fixed, buggy, "the loss made from `.item()` is a new leaf, so backward never reaches the "
                 "model: no parameter gets a `.grad`, none moves, and the loss stays where it started.")
