"""What Lesson 13's checkers share: the torch features they use warmed up once, and a learner's function run bounded.

The first non-reentrant ``checkpoint`` of a session imports several hundred modules (seconds on
a busy machine), and the first autocast, GradScaler step and clipping each set something up:
:func:`warm_up` does all of it once, before any time bound starts, so the bound measures the
learner's code only and never stops an import half-way. :func:`run` calls the learner's
function under ``run_bounded`` and also keeps the warnings it raised: they are part of what
it did (the reentrant checkpoint says "None of the inputs have requires_grad=True").
"""

import warnings

import torch
from torch import nn
from torch.utils.checkpoint import checkpoint

from ...compute.bounded import run_bounded
from ...compute.training_a_network import one_thread
from ..answers import describe
from ..checking import incorrect

SECONDS = 5.0  # the time bound on one call of the learner's function (a busy machine can make 50 ms take seconds)
_warm = []


def warm_up():
    """Use every feature the checkers run once, outside the time bound (only the first time it is called)."""
    if _warm:
        return
    layer = nn.Linear(2, 2)
    x = torch.ones(3, 2, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checkpoint(layer, x, use_reentrant=False).sum().backward()
        checkpoint(layer, x, use_reentrant=True).sum().backward()
        optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
        scaler = torch.amp.GradScaler("cpu")
        for dtype in (torch.float16, torch.bfloat16):
            with torch.autocast("cpu", dtype=dtype):
                loss = layer(x).float().pow(2).mean()
            scaler.scale(loss).backward()
            scaler.unscale_(optimizer)
            nn.utils.clip_grad_norm_(layer.parameters(), 1.0)
            scaler.step(optimizer)
            scaler.update()
            optimizer.zero_grad()
    _warm.append(True)


def run(function, *args):
    """Call the learner's function(*args) under the time bound, on one thread; return (Outcome, warning texts)."""
    warm_up()
    with warnings.catch_warnings(record=True) as caught, one_thread():
        warnings.simplefilter("always")
        outcome = run_bounded(function, *args, seconds=SECONDS)
    return outcome, [str(warning.message) for warning in caught]


def function_problem(value, name, signature):
    """Return why value is not a function the checker can call, or None if it is."""
    if callable(value) and not isinstance(value, type):
        return None
    return incorrect(f"`{name}` is {describe(value)}: pass the function itself, defined with "
                     f"`def {name}({signature}):` and written without brackets in the check.", "wrong-kind")
