"""What a whole Jacobian costs in forward mode and in reverse mode: passes counted, and timed (Lesson 10).

A function from n inputs to m outputs has an m × n Jacobian. One forward-mode pass
(a JVP, Jacobian-vector product) gives one column; one reverse-mode pass (a VJP,
vector-Jacobian product, what ``backward`` computes) gives one row. So a whole
Jacobian takes n JVPs or m VJPs: :func:`pass_counts` says which is fewer, and
:func:`jacobian_by_jvps` / :func:`jacobian_by_vjps` build it exactly that way, one
pass at a time, counting. :func:`time_jacobians` times ``torch.func.jacfwd`` against
``torch.func.jacrev`` (both batch their passes with ``vmap``) on this machine, on one
thread, so that other work on the machine does not swamp the measurement; its
numbers change from run to run, so only a widget shows them, never a stored output.
"""

import statistics
import time
from dataclasses import dataclass

import torch
import torch.autograd.forward_ad as fwAD
from torch.func import jacfwd, jacrev

HIDDEN = 256  # the width of the layer inside network(): the same for every size of input and output


@dataclass(frozen=True)
class PassCount:
    """How many passes a whole m × n Jacobian takes: n JVPs (forward mode) or m VJPs (reverse mode)."""

    inputs: int
    outputs: int

    @property
    def forward(self):
        """JVPs for the whole Jacobian: one per input (each gives a column)."""
        return self.inputs

    @property
    def reverse(self):
        """VJPs for the whole Jacobian: one per output (each gives a row)."""
        return self.outputs

    @property
    def cheaper(self):
        """'forward', 'reverse', or 'either' when the counts are equal."""
        if self.forward == self.reverse:
            return "either"
        return "forward" if self.forward < self.reverse else "reverse"

    def text(self):
        """One line for the notebook: the shape, both counts, and which mode needs fewer passes."""
        def many(count, word, plural="s"):
            return f"{count:,} {word}{'' if count == 1 else plural}"

        line = (f"{many(self.inputs, 'input')} → {many(self.outputs, 'output')}: Jacobian {self.outputs:,} × "
                f"{self.inputs:,}; forward mode {many(self.forward, 'JVP')}, reverse mode {many(self.reverse, 'VJP')}")
        verdict = "the same count" if self.cheaper == "either" else f"{self.cheaper} mode needs fewer"
        return f"{line}: {verdict}"


def pass_counts(inputs, outputs):
    """Return the PassCount of a function from `inputs` numbers to `outputs` numbers."""
    return PassCount(int(inputs), int(outputs))


def network(inputs, outputs, seed=0):
    """Return a fixed two-layer function from `inputs` numbers to `outputs` numbers, and a point x to differentiate at.

    f(x) = W2 · tanh(W1 · x): the same weights for the same sizes and seed, float32.
    """
    generator = torch.Generator().manual_seed(seed)
    w1 = torch.randn(HIDDEN, inputs, generator=generator) / inputs**0.5
    w2 = torch.randn(outputs, HIDDEN, generator=generator) / HIDDEN**0.5
    x = torch.randn(inputs, generator=generator)

    def f(x):
        return w2 @ torch.tanh(w1 @ x)

    return f, x


def jvp_column(f, x, j):
    """Return column j of f's Jacobian at x: one forward-mode pass with the tangent e_j."""
    tangent = torch.zeros_like(x)
    tangent[j] = 1.0
    with fwAD.dual_level():
        out = f(fwAD.make_dual(x, tangent))
        return fwAD.unpack_dual(out).tangent


def vjp_row(f, x, i):
    """Return row i of f's Jacobian at x: one reverse-mode pass with the cotangent e_i."""
    x = x.detach().requires_grad_(True)
    out = f(x)
    cotangent = torch.zeros_like(out)
    cotangent[i] = 1.0
    (row,) = torch.autograd.grad(out, x, grad_outputs=cotangent)
    return row


def jacobian_by_jvps(f, x, outputs):
    """Return (f's Jacobian at x, number of passes), built one JVP (one column) at a time."""
    columns = [jvp_column(f, x, j) for j in range(x.numel())]
    return torch.stack(columns, dim=1).reshape(outputs, x.numel()), len(columns)


def jacobian_by_vjps(f, x, outputs):
    """Return (f's Jacobian at x, number of passes), built one VJP (one row) at a time."""
    rows = [vjp_row(f, x, i) for i in range(outputs)]
    return torch.stack(rows, dim=0), len(rows)


def median_ms(action, budget_ms=40.0, most=7):
    """Return the median time of action() in ms, over as many runs as fit the budget (1 to `most`)."""
    times = []
    started = time.perf_counter()
    while len(times) < most and (not times or (time.perf_counter() - started) * 1000 < budget_ms):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@dataclass(frozen=True)
class Timing:
    """Measured medians, in ms, of one whole Jacobian by jacfwd and by jacrev, at one size, on this machine."""

    inputs: int
    outputs: int
    jacfwd_ms: float
    jacrev_ms: float

    @property
    def faster(self):
        """'jacfwd' or 'jacrev', whichever took less time here."""
        return "jacfwd" if self.jacfwd_ms < self.jacrev_ms else "jacrev"


def time_jacobians(inputs, outputs, budget_ms=25.0):
    """Time jacfwd(f)(x) against jacrev(f)(x) for network(inputs, outputs), on one thread; return a Timing."""
    f, x = network(inputs, outputs)
    forward, reverse = jacfwd(f), jacrev(f)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # put back below: the learner's other cells keep every thread
    try:
        forward(x), reverse(x)  # the first call of each pays one-time costs: not counted
        return Timing(inputs, outputs, median_ms(lambda: forward(x), budget_ms),
                      median_ms(lambda: reverse(x), budget_ms))
    finally:
        torch.set_num_threads(threads)


def crossover(timings):
    """Return the Timing (of timings at growing inputs) from which jacrev stays faster, or None if jacfwd wins last.

    Small sizes are dominated by fixed overheads and can flip either way; the crossover is the last flip.
    """
    ordered = sorted(timings, key=lambda t: t.inputs)
    found = None
    for timing in reversed(ordered):
        if timing.faster != "jacrev":
            break
        found = timing
    return found
