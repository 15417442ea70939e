"""q3 · why bfloat16 gradients differ, and by how much (Lesson 13): the exercise, its checker, hints and solution.

The cell computes the first layer's weight gradient of the lesson's network twice, in float32
and under ``torch.autocast("cpu", dtype=torch.bfloat16)``. The learner answers why they differ
(a letter) and by how much (the relative difference ‖g_bf16 − g_32‖ / ‖g_32‖). The checker
computes both gradients itself, and PyTorch measures each possible cause: how many gradients
became 0, the weight's dtype after autocast, how much reordering a float32 sum changes.
"""

import math
import re

import torch
import torch.nn.functional as F

from ...compute.memory_and_time.saved_memory import memory_data, memory_net
from ...compute.training_a_network import one_thread
from ..answers import number, number_problem
from ..checking import correct, incorrect, placeholders
from ..question import question

REASONS = {
    "a": "bfloat16 keeps 8 significant bits, so every number the layers compute in it is rounded (to 2 or 3 "
         "decimal digits), and the rounding errors add up",
    "b": "small gradients underflow to 0 in bfloat16, as in float16",
    "c": "autocast turned the weights themselves into bfloat16",
    "d": "the sums inside the matrix products run in another order, which changes only the last bits",
}


def gradients():
    """Return (g_32, g_bf16, weight dtype after autocast, g_32 with the batch reversed): the cell's computation."""
    with one_thread():
        net, (X, y) = memory_net(4, 32), memory_data(64, 32)
        F.mse_loss(net(X), y).backward()
        g_32 = net[0].weight.grad.clone()
        net.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = F.mse_loss(net(X), y)
        loss.backward()
        g_bf16, dtype = net[0].weight.grad.clone(), net[0].weight.dtype
        net.zero_grad()
        F.mse_loss(net(X.flip(0)), y.flip(0)).backward()  # the same sums over the batch, in the other order
        return g_32, g_bf16, dtype, net[0].weight.grad.clone()


def relative(a, b):
    """Return ‖a − b‖ / ‖b‖ as a float."""
    return ((a - b).norm() / b.norm()).item()


def letter(value):
    """Return the answer as one of the letters a-d, or None if it is not one."""
    found = re.fullmatch(r"\s*\(?([a-dA-D])\)?\s*", value) if isinstance(value, str) else None
    return found.group(1).lower() if found else None


def why_problem(why, g_32, g_bf16, dtype, reordered):
    """Return the Result for a wrong reason, with what PyTorch measured against it, or None for the right one."""
    choice = letter(why)
    if choice is None:
        choices = ", ".join(f"`\"{key}\"` ({text})" for key, text in REASONS.items())
        return incorrect(f"`why` should be one letter in quotes: {choices}.", "wrong-kind")
    if choice == "b":
        lost = int(((g_bf16 == 0) & (g_32 != 0)).sum())
        return incorrect(f"{lost} of the {g_32.numel()} gradients became 0. bfloat16 has float32's 8 exponent bits: "
                         f"its smallest normal number is {torch.finfo(torch.bfloat16).tiny:.1e}, where float16's is "
                         f"{torch.finfo(torch.float16).tiny:.1e}. What it lacks is significant bits.",
                         "thinks-underflow")
    if choice == "c":
        return incorrect(f"after the autocast block the weight is still {str(dtype).replace('torch.', '')}: autocast "
                         "casts a copy for each operation that runs in bfloat16 and records the cast, so the weights "
                         "and their `.grad` stay float32.", "thinks-weights-cast")
    if choice == "d":
        return incorrect(f"summing the batch in the other order, in float32, changes the gradient by "
                         f"{relative(reordered, g_32):.0e} (relative), and bfloat16 changed it by "
                         f"{relative(g_bf16, g_32):.0e}: more than the last bits. Look at how many bits bfloat16 "
                         "keeps.", "thinks-sum-order")
    return None


def how_much_problem(how_much, g_32, g_bf16):
    """Return the Result for a relative difference that is not the measured one (naming what it is), else None."""
    if problem := number_problem(how_much, "how_much"):
        return incorrect(problem.message, "wrong-kind")
    value, expected = number(how_much), relative(g_bf16, g_32)
    if math.isclose(value, expected, rel_tol=0.05) or math.isclose(value, relative(g_32, g_bf16), rel_tol=0.05):
        return None
    difference = g_bf16 - g_32
    known = [((difference.norm().item(), difference.abs().max().item()),
              "that is the size of the difference itself, not relative to the gradient: divide by `g_32.norm()`",
              "not-relative"),
             ((torch.finfo(torch.bfloat16).eps, torch.finfo(torch.bfloat16).eps / 2),
              "that is bfloat16's `eps`, its rounding step, not a measurement: compute the difference of the two "
              "gradients", "quoted-eps"),
             (((difference.abs() / g_32.abs()).max().item(),),
              "that is the largest relative difference of one entry; an entry near 0 makes that large. Compare the "
              "whole gradients with their norms", "elementwise-relative")]
    for candidates, message, cause in known:
        if any(math.isclose(value, candidate, rel_tol=0.05) for candidate in candidates):
            return incorrect(f"`how_much` is {value:.3g}: {message}.", cause)
    return incorrect(f"`how_much` is {value:.3g}; the relative difference of the two gradients, "
                     "`((g_bf16 - g_32).norm() / g_32.norm()).item()`, is another number.", "other")


@question(
    title="why bfloat16 gradients differ, and by how much (Lesson 13)",
    hints=["Look at the table of section 13.5: how many exponent bits and how many significant bits does "
           "bfloat16 keep, against float32?",
           "`how_much = ((g_bf16 - g_32).norm() / g_32.norm()).item()`: the size of the difference relative to the "
           "size of the gradient."],
    solution="""
why = "a"
how_much = ((g_bf16 - g_32).norm() / g_32.norm()).item()
""",
    explanation="bfloat16 keeps float32's range but only 8 significant bits, so each result autocast computes in it "
                "is rounded to 2 or 3 decimal digits; through a few layers forward and backward the errors add up "
                "to a relative difference of about 1%: harmless for training, far too much for a gradient check.",
    causes={
        "thinks-underflow": "Took bfloat16 for float16: bfloat16 has float32's exponent range, so gradients do not "
                            "underflow; it lacks significant bits.",
        "thinks-weights-cast": "Believed autocast converts the model's weights to bfloat16; it casts copies per "
                               "operation and the weights and their gradients stay float32.",
        "thinks-sum-order": "Took a rounding difference of about 1% for the last-bit effect of summing in another "
                            "order.",
        "not-relative": "Measured the size of the difference without dividing by the size of the gradient.",
        "quoted-eps": "Gave bfloat16's machine epsilon instead of measuring the difference of the two gradients.",
        "elementwise-relative": "Took the largest relative difference of a single entry, which an entry near 0 "
                                "blows up.",
    },
)
def q3(why, how_much):
    if problem := placeholders(why=why, how_much=how_much):
        return problem
    g_32, g_bf16, dtype, reordered = gradients()
    if problem := why_problem(why, g_32, g_bf16, dtype, reordered):
        return problem
    if problem := how_much_problem(how_much, g_32, g_bf16):
        return problem
    lost = int(((g_bf16 == 0) & (g_32 != 0)).sum())
    return correct(f"bfloat16 rounds each result to 8 significant bits (its eps is {torch.finfo(torch.bfloat16).eps}), "
                   f"and after a few layers forward and back the gradient differs by {relative(g_bf16, g_32):.1%}. "
                   f"{'No' if lost == 0 else lost} gradient{'' if lost == 1 else 's'} became 0, and the weights stayed "
                   f"{str(dtype).replace('torch.', '')}.")
