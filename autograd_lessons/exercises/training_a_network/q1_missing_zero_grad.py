"""q1 · the loop that forgot zero_grad (Lesson 11): the exercise, its checker, hints and solution."""

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
        loss = F.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@question(
    title="the loop that forgot zero_grad",
    hints=["Every `backward()` adds into `.grad` (Lesson 4). What is in `.grad` at step 10, if nothing empties it?",
           "Call `optimizer.zero_grad()` once per step, before `loss.backward()`."],
    solution=RIGHT_LOOP_SOURCE,
    explanation="Without `zero_grad` each step's gradient is added to all the earlier ones, so the step grows with "
                "the sum of every gradient so far and overshoots; emptying `.grad` each step makes each step use "
                "this step's gradient only. `model.zero_grad()` does the same.",
    causes=all_causes(),
)
def q1(fit):
    if problem := placeholders(fit=fit):
        return problem
    return judge(fit, fixed, buggy, "without `optimizer.zero_grad()` every gradient is added to the ones before, "
                 "so the steps grow, overshoot and the loss jumps back up. Empty the gradients once per step, before `loss.backward()`.")
