"""Lesson 13: independent learner answers to q1-q3, each with its verdict and the cause its message names.

Written from how people really get these wrong, not from the checkers' code. The mistakes come from
threads where learners ask:
- the reentrant checkpoint's "None of the inputs have requires_grad=True. Gradients will be None", asked
  again and again and often answered "ignore it" (hiyouga/LlamaFactory#6357, Victorwz/LLaVA-Llama-3#4,
  InternLM/InternLM-XComposer#326), and gradients that are None after checkpoint (pytorch/pytorch#7617);
  checkpointing described as "the forward runs under torch.no_grad" (open-mmlab/mmengine#803), which
  invites running the block under no_grad by hand;
- gradients clipped before `scaler.unscale_` (milesial/Pytorch-UNet#468 and its fix #470,
  pytorch/examples#1196, victorchall/EveryDream2trainer#175: "you have to pass values like 1e5 for
  clip_grad_scale"), and the answer in #468 that clipping after `scaler.step` is fine;
- "is autocast failing to cast gradients?", expecting the weights to turn float16
  (discuss.pytorch.org/t/is-autocast-failing-to-cast-gradients/197299), bfloat16 taken for float16 and its
  underflow (engichang1467/Open-Rig3R#35), and a bfloat16 gradient judged by its largest elementwise
  relative difference (pytorch/pytorch#156513).
"""

import torch
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint, checkpoint_sequential

from .core import CORRECT, INCORRECT, NOT_ATTEMPTED, answer


# --- q1: loss_of(block, head, X, y) with the block run through checkpoint ----------------------------------


@answer("q1", "checkpoint(block, X, use_reentrant=False)", CORRECT, ["instead of"])
def _():
    def loss_of(block, head, X, y):
        h = checkpoint(block, X, use_reentrant=False)
        return F.mse_loss(head(h), y)
    return (loss_of,)


@answer("q1", "checkpoint_sequential over the block's modules", CORRECT, ["instead of"])
def _():
    def loss_of(block, head, X, y):
        return F.mse_loss(head(checkpoint_sequential(block, 2, X, use_reentrant=False)), y)
    return (loss_of,)


@answer("q1", "a lambda around the block, and the loss spelled out", CORRECT, ["instead of"])
def _():
    def loss_of(block, head, X, y):
        h = checkpoint(lambda x: block(x), X, use_reentrant=False)
        return ((head(h) - y) ** 2).mean()
    return (loss_of,)


@answer("q1", "the reentrant checkpoint with an input that requires grad", CORRECT, ["instead of"])
def _():
    def loss_of(block, head, X, y):
        h = checkpoint(block, X.detach().requires_grad_(), use_reentrant=True)
        return F.mse_loss(head(h), y)
    return (loss_of,)


@answer("q1", "untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    def loss_of(block, head, X, y):
        return ...
    return (loss_of,)


@answer("q1", "use_reentrant left out, the warning ignored", INCORRECT, ["use_reentrant=False", "None"],
        named="reentrant-checkpoint")
def _():
    def loss_of(block, head, X, y):
        return F.mse_loss(head(checkpoint(block, X)), y)
    return (loss_of,)


@answer("q1", "the block run under torch.no_grad to save memory", INCORRECT, ["None", "no_grad"],
        ["reentrant checkpoint", "warned"], named="block-cut-off")
def _():
    def loss_of(block, head, X, y):
        with torch.no_grad():
            h = block(X)
        return F.mse_loss(head(h), y)
    return (loss_of,)


@answer("q1", "the block's output detached", INCORRECT, ["None", ".detach()"], ["reentrant checkpoint", "warned"],
        named="block-cut-off")
def _():
    def loss_of(block, head, X, y):
        return F.mse_loss(head(block(X).detach()), y)
    return (loss_of,)


@answer("q1", "checkpoint(block(X)): the output handed to checkpoint", INCORRECT, ["cannot be called"],
        named="passed-the-output")
def _():
    def loss_of(block, head, X, y):
        return F.mse_loss(head(checkpoint(block(X), use_reentrant=False)), y)
    return (loss_of,)


@answer("q1", "the head checkpointed instead of the block", INCORRECT, ["still saved"], ["None"],
        named="nothing-saved")
def _():
    def loss_of(block, head, X, y):
        return F.mse_loss(checkpoint(head, block(X), use_reentrant=False), y)
    return (loss_of,)


@answer("q1", "no checkpoint at all", INCORRECT, ["still saved"], named="nothing-saved")
def _():
    def loss_of(block, head, X, y):
        return F.mse_loss(head(block(X)), y)
    return (loss_of,)


@answer("q1", "the loss's number rebuilt as a tensor", INCORRECT, ["no `grad_fn`"], named="no-graph")
def _():
    def loss_of(block, head, X, y):
        loss = F.mse_loss(head(checkpoint(block, X, use_reentrant=False)), y)
        return torch.tensor(loss.item())
    return (loss_of,)


# --- q2: train_step with GradScaler, clipping and the optimizer -------------------------------------------


def step(order, max_norm=1.0):
    """A learner's train_step whose lines after backward come in the given order (u unscale_, c clip,
    s scaler.step, o optimizer.step, p update)."""
    def train_step(model, optimizer, scaler, X, y):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.mse_loss(model(X), y)
        scaler.scale(loss).backward()
        norm = None
        for letter in order:
            if letter == "u":
                scaler.unscale_(optimizer)
            elif letter == "c":
                norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_norm)
            elif letter == "s":
                scaler.step(optimizer)
            elif letter == "o":
                optimizer.step()
            else:
                scaler.update()
        return norm
    return train_step


@answer("q2", "the order of PyTorch's AMP recipe", CORRECT, ["true gradients"])
def _():
    return (step("ucsp"),)


@answer("q2", "model.zero_grad, torch.amp.autocast and a float norm", CORRECT, ["true gradients"])
def _():
    def train_step(model, optimizer, scaler, X, y):
        model.zero_grad(set_to_none=True)
        with torch.amp.autocast(device_type="cpu", dtype=torch.float16):
            prediction = model(X)
        loss = F.mse_loss(prediction.float(), y)
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0).item()
        scaler.step(optimizer)
        scaler.update()
        return norm
    return (train_step,)


@answer("q2", "clip_grad_norm_ over the optimizer's parameter groups", CORRECT, ["true gradients"])
def _():
    def train_step(model, optimizer, scaler, X, y):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.mse_loss(model(X), y)
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        params = [p for group in optimizer.param_groups for p in group["params"]]
        norm = torch.nn.utils.clip_grad_norm_(params, max_norm=1.0)
        scaler.step(optimizer)
        scaler.update()
        return norm
    return (train_step,)


@answer("q2", "untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    def train_step(model, optimizer, scaler, X, y):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.mse_loss(model(X), y)
        scaler.scale(loss).backward()
        norm = ...
        return norm
    return (train_step,)


@answer("q2", "clipped before unscale_ (Pytorch-UNet#468)", INCORRECT, ["still scaled", "unscale_"],
        named="clipped-scaled-gradients")
def _():
    return (step("cusp"),)


@answer("q2", "no unscale_ at all: scaler.step unscales later", INCORRECT, ["still scaled"],
        named="clipped-scaled-gradients")
def _():
    return (step("csp"),)


@answer("q2", "clipped after scaler.step, 'the step skips explosions anyway'", INCORRECT, ["without clipping"],
        named="clipped-after-step")
def _():
    return (step("uscp"),)


@answer("q2", "optimizer.step() after unscale_, scaler.update() last", INCORRECT, ["optimizer.step()", "inf"],
        named="stepped-past-the-scaler")
def _():
    return (step("ucop"),)


@answer("q2", "optimizer.step() without unscale_", INCORRECT, ["scaler.step(optimizer)"],
        named="stepped-past-the-scaler")
def _():
    return (step("cop"),)


@answer("q2", "scaler.update() left out", INCORRECT, ["scaler.update()"], named="no-update")
def _():
    return (step("ucs"),)


@answer("q2", "unscale_ twice: once to clip, once 'to be safe' before stepping", INCORRECT, ["twice"],
        named="unscaled-twice")
def _():
    return (step("ucusp"),)


@answer("q2", "unscale_ after the step", INCORRECT, ["after `scaler.step"], named="unscaled-after-step")
def _():
    return (step("scup"),)


@answer("q2", "clipping to the scale-sized norm of 1e5 (EveryDream2trainer#175)", INCORRECT,
        ["still scaled"], named="clipped-scaled-gradients")
def _():
    return (step("cusp", max_norm=1e5),)


# --- q3: why bfloat16 gradients differ, and by how much -------------------------------------------------


def two_gradients():
    """The cell's computation: the first layer's weight gradient in float32 and under bfloat16 autocast."""
    from autograd_lessons import memory_data, memory_net

    net, (X, y) = memory_net(4, 32), memory_data(64, 32)
    F.mse_loss(net(X), y).backward()
    g_32 = net[0].weight.grad.clone()
    net.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss = F.mse_loss(net(X), y)
    loss.backward()
    return g_32, net[0].weight.grad.clone()


@answer("q3", "(a) and the relative norm, as .item()", CORRECT, ["8 significant bits"])
def _():
    g_32, g_bf16 = two_gradients()
    return "a", ((g_bf16 - g_32).norm() / g_32.norm()).item()


@answer("q3", "'A' and torch.linalg.norm, left as a tensor", CORRECT, ["8 significant bits"])
def _():
    g_32, g_bf16 = two_gradients()
    return "A", torch.linalg.norm(g_32 - g_bf16) / torch.linalg.norm(g_32)


@answer("q3", "'(a)' and the norm relative to the bfloat16 gradient", CORRECT, ["8 significant bits"])
def _():
    g_32, g_bf16 = two_gradients()
    return "(a)", float((g_bf16 - g_32).norm() / g_bf16.norm())


@answer("q3", "untouched cell", NOT_ATTEMPTED, ["`...`"])
def _():
    return ..., ...


@answer("q3", "bfloat16 taken for float16: underflow", INCORRECT, ["became 0", "exponent"],
        named="thinks-underflow")
def _():
    g_32, g_bf16 = two_gradients()
    return "b", ((g_bf16 - g_32).norm() / g_32.norm()).item()


@answer("q3", "autocast turned the weights into bfloat16", INCORRECT, ["still float32"],
        named="thinks-weights-cast")
def _():
    g_32, g_bf16 = two_gradients()
    return "c", ((g_bf16 - g_32).norm() / g_32.norm()).item()


@answer("q3", "only the order of the sums", INCORRECT, ["other order"], named="thinks-sum-order")
def _():
    g_32, g_bf16 = two_gradients()
    return "d", ((g_bf16 - g_32).norm() / g_32.norm()).item()


@answer("q3", "the norm of the difference, not divided", INCORRECT, ["divide"], named="not-relative")
def _():
    g_32, g_bf16 = two_gradients()
    return "a", (g_bf16 - g_32).norm().item()


@answer("q3", "the largest difference of one entry", INCORRECT, ["not relative"], named="not-relative")
def _():
    g_32, g_bf16 = two_gradients()
    return "a", (g_bf16 - g_32).abs().max().item()


@answer("q3", "bfloat16's eps typed in", INCORRECT, ["eps"], named="quoted-eps")
def _():
    return "a", torch.finfo(torch.bfloat16).eps


@answer("q3", "the largest elementwise relative difference (pytorch#156513)", INCORRECT, ["near 0"],
        named="elementwise-relative")
def _():
    g_32, g_bf16 = two_gradients()
    return "a", ((g_bf16 - g_32).abs() / g_32.abs()).max().item()
