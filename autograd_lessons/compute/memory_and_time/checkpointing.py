"""Activation checkpointing measured: the memory it saves, the forward passes it repeats, the time it costs.

``torch.utils.checkpoint.checkpoint(segment, h, use_reentrant=False)`` runs a segment of the
network without keeping what its nodes save, only its input; backward runs the segment
again (*recomputes* it) to get those tensors back, one segment at a time. The parameters
and the data are in memory whatever autograd does; what checkpointing cuts is the
*activations*, and their peak is what the checkpointed forward keeps plus what the largest
segment saves again while it is recomputed. :func:`checkpoint_costs` measures both with the lesson's save
counter (saved_memory.py): the first by running the checkpointed forward under it, the
second by running each segment again under it, as backward does. It also counts how
often the layers run forward (every checkpointed layer runs twice) and checks that the
gradients equal those without checkpointing. :func:`time_steps` times a whole step with
and without; its numbers change from run to run, so only a widget shows them.
"""

from dataclasses import dataclass

import torch
from torch import nn
from torch.utils.checkpoint import checkpoint

from ..beyond_one_gradient.jacobian_cost import median_ms
from ..training_a_network import one_thread
from .saved_memory import SaveCounter, SavedMemory, kilobytes, memory_data, memory_net


def segment_bounds(depth, segments):
    """Return [(first, stop)] hidden-layer ranges: depth layers in `segments` runs as equal as possible."""
    segments = max(1, min(segments, depth))
    cuts = [round(i * depth / segments) for i in range(segments + 1)]
    return list(zip(cuts[:-1], cuts[1:]))


def hidden_segments(net, segments):
    """Return the hidden layers of a memory_net as `segments` nn.Sequential blocks (each layer is Linear + Tanh)."""
    depth = (len(net) - 1) // 2
    return [net[2 * first:2 * stop] for first, stop in segment_bounds(depth, segments)]


def checkpointed_loss(net, X, y, segments):
    """Return the step's loss with the hidden layers checkpointed in `segments` blocks (0: no checkpointing)."""
    h = X
    for block in hidden_segments(net, max(segments, 1)):
        h = checkpoint(block, h, use_reentrant=False) if segments else block(h)
    return nn.functional.mse_loss(net[-1](h), y)


@dataclass(frozen=True)
class CheckpointCost:
    """One step of memory_net(depth, width) on a batch, without and with checkpointing, in bytes and passes.

    The peak of the activations with checkpointing comes either at the end of the forward
    (everything the checkpointed forward keeps) or while backward recomputes a segment: then
    the inputs of that segment and of the segments before it are alive, plus what the segment
    saves again. ``held`` and ``recomputed`` are those two parts at the peak.
    """

    depth: int
    width: int
    batch: int
    segments: int
    plain: SavedMemory        # what the step saves without checkpointing
    kept: SavedMemory         # what the checkpointed forward keeps
    held: int                 # activation bytes kept alive at the peak (the checkpointed segments' inputs, ...)
    recomputed: int           # activation bytes a segment saves again at the peak (0 if the peak is the forward's)
    runs_plain: int           # forward runs of the Linear layers in one step, without checkpointing
    runs_checkpoint: int      # the same with checkpointing: the checkpointed layers run twice
    same_gradients: bool      # every parameter's gradient equal with and without

    @property
    def peak(self):
        """The most activation bytes alive at once with checkpointing (without: all of them, at the loss)."""
        return self.held + self.recomputed

    @property
    def share(self):
        """The peak as a share of the activations saved without checkpointing."""
        return self.peak / max(self.plain.activations, 1)

    def text(self):
        """The numbers as lines for a printout (bytes, runs and equality: the same on every machine)."""
        name = f"{self.depth} layers of {self.width}, batch {self.batch}"
        without = f"activations {kilobytes(self.plain.activations)}, {self.runs_plain} layer runs"
        if not self.segments:
            return f"{name}, no checkpointing: {without}"
        return "\n".join([
            f"{name}, {self.segments} checkpointed segment{'s' if self.segments > 1 else ''}:",
            f"  without checkpointing: {without}",
            f"  with: the forward keeps {kilobytes(self.kept.activations)}; peak {kilobytes(self.peak)} "
            f"({self.share:.0%}) = {kilobytes(self.held)} kept + {kilobytes(self.recomputed)} recomputed; "
            f"{self.runs_checkpoint} layer runs",
            f"  same gradients: {self.same_gradients}",
        ])


def count_runs(net):
    """Add a forward hook to every Linear of net that counts its runs; return (the list of one count, handles)."""
    runs = [0]

    def counted(module, inputs, output):
        runs[0] += 1

    return runs, [m.register_forward_hook(counted) for m in net if isinstance(m, nn.Linear)]


def measured_step(net, X, y, segments):
    """Run one forward (counting saves) and backward; return (SavedMemory, layer runs, the gradients)."""
    net.zero_grad(set_to_none=True)
    counter, (runs, handles) = SaveCounter(), count_runs(net)
    try:
        with counter.hooks():
            loss = checkpointed_loss(net, X, y, segments)
        loss.backward()
    finally:
        for handle in handles:
            handle.remove()
    grads = [p.grad.clone() for p in net.parameters()]
    return counter.memory([*net.parameters(), X, y]), runs[0], grads


def backward_peak(net, X, segments):
    """Return (held, recomputed): the activation bytes alive when backward recomputes its heaviest segment.

    Each segment is run again under the save counter, as backward does: it saves its
    activations again (its input and the weights exist already), while the inputs of it and
    of the segments before it are still kept (the data X exists anyway).
    """
    best, inputs, h = (0, 0), 0, X
    for block in hidden_segments(net, segments):
        counter = SaveCounter()
        with counter.hooks():
            out = block(h)
        inputs += 0 if h is X else h.untyped_storage().nbytes()
        again = counter.memory([*block.parameters(), h]).activations
        best = max(best, (inputs, again), key=sum)
        h = out.detach().requires_grad_()  # a middle segment's input requires grad when it is recomputed, too
    return best


def checkpoint_costs(depth, width, batch, segments):
    """Measure one step of memory_net(depth, width) on a batch without and with `segments` checkpointed blocks."""
    if depth < 1 or width < 1 or batch < 1 or segments < 0:
        raise ValueError("depth, width and batch must be at least 1, and segments at least 0")
    segments = min(segments, depth)
    net, (X, y) = memory_net(depth, width), memory_data(batch, width)
    with one_thread():  # for tensors this small a second thread only waits, seconds on a busy machine
        plain, runs_plain, grads_plain = measured_step(net, X, y, 0)
        if not segments:
            return CheckpointCost(depth, width, batch, 0, plain, plain, plain.activations, 0, runs_plain,
                                  runs_plain, True)
        kept, runs, grads = measured_step(net, X, y, segments)
        held, recomputed = max((kept.activations, 0), backward_peak(net, X, segments), key=sum)
    same = all(torch.equal(a, b) for a, b in zip(grads_plain, grads))
    return CheckpointCost(depth, width, batch, segments, plain, kept, held, recomputed, runs_plain, runs, same)


@dataclass(frozen=True)
class StepTiming:
    """Measured medians, in ms, of one training step without and with checkpointing, on this machine."""

    plain_ms: float
    checkpoint_ms: float


def time_steps(depth, width, batch, segments, budget_ms=40.0):
    """Time a whole step (forward, backward) without and with checkpointing, on one thread; return a StepTiming."""
    net, (X, y) = memory_net(depth, width), memory_data(batch, width)

    def step(count):
        net.zero_grad(set_to_none=True)
        checkpointed_loss(net, X, y, count).backward()

    with one_thread():  # so that other work on the machine does not swamp the measurement
        step(0), step(segments)  # the first run of each pays one-time costs: not counted
        return StepTiming(median_ms(lambda: step(0), budget_ms), median_ms(lambda: step(segments), budget_ms))
