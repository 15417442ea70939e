"""Float16 gradients under a loss scale: which ones flush to zero, which lose digits, which overflow (Lesson 13).

A float16 number has 5 exponent bits: normal numbers run from 2⁻¹⁴ (about 6.1e-5) to
65504; below 2⁻¹⁴ come the *subnormal* numbers, with fewer and fewer significant bits,
down to 2⁻²⁴ (about 6e-8); anything smaller becomes 0 (it is *flushed to zero*), and
anything at or above 65520 becomes inf. Multiplying the loss by a scale 2ᵏ multiplies
every gradient by 2ᵏ, which adds k to every exponent: :func:`scale_shares` converts the
scaled gradients to float16 and counts where they land. :func:`gradient_sample` gives
the float32 gradients (of every activation and every parameter) of one backward through
the lesson's network, fresh or nearly trained.
"""

from dataclasses import dataclass

import torch
from torch import nn

from ..training_a_network import one_thread
from .saved_memory import memory_data, memory_net

SMALLEST_NORMAL = -14    # float16: 2⁻¹⁴ is its smallest normal number
SMALLEST_SUBNORMAL = -24  # 2⁻²⁴ is its smallest number above 0; half of it, 2⁻²⁵, and less round to 0
LARGEST = 16             # 2¹⁶ = 65536 and above is inf (the largest float16 is 65504)
STAGES = ("fresh network", "nearly trained network")


def gradient_sample(stage="nearly trained network", depth=4, width=32, batch=64):
    """Return the float32 gradients of one backward (every activation's and every parameter's) as one flat tensor.

    A "nearly trained network" fits its targets up to noise of 1e-3, so its loss and its
    gradients are small, as late in training; a "fresh network" is the same network on
    random targets. Zeros (a gradient that is exactly 0 in float32 too) are left out.
    """
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
    with one_thread():  # tensors this small: a second thread only waits
        return _gradients(stage, memory_net(depth, width), *memory_data(batch, width))


def _gradients(stage, net, X, y):
    if stage == STAGES[1]:
        generator = torch.Generator().manual_seed(1)
        with torch.no_grad():
            y = net(X) + 1e-3 * torch.randn(y.shape, generator=generator)
    activations = []
    handles = [layer.register_forward_hook(lambda module, inputs, output: activations.append(output))
               for layer in net]
    try:
        out = net(X)
    finally:
        for handle in handles:
            handle.remove()
    tensors = activations + list(net.parameters())
    grads = torch.autograd.grad(nn.functional.mse_loss(out, y), tensors)
    values = torch.cat([g.reshape(-1) for g in grads])
    return values[values != 0]


@dataclass(frozen=True)
class ScaleShares:
    """Where float32 gradients land once multiplied by 2ᵏ and stored in float16, as shares of all of them."""

    log2_scale: int
    flushed: float     # became 0
    subnormal: float   # kept, with fewer significant bits (below 2⁻¹⁴)
    overflow: float    # became inf
    normal: float      # kept with float16's full 11 significant bits

    @property
    def scale(self):
        """The loss scale, 2ᵏ."""
        return 2.0 ** self.log2_scale

    def text(self):
        """One line: the scale and the four shares (the same on every machine)."""
        return (f"scale 2^{self.log2_scale} = {self.scale:g}: flushed to 0 {self.flushed:.1%}, "
                f"subnormal {self.subnormal:.1%}, overflow {self.overflow:.1%}, normal {self.normal:.1%}")


def scale_shares(values, log2_scale):
    """Return the ScaleShares of float32 gradients `values` multiplied by 2**log2_scale and stored as float16."""
    if not isinstance(log2_scale, int) or isinstance(log2_scale, bool):
        raise TypeError(f"log2_scale must be a whole number, not {log2_scale!r}")
    scaled = (values.double() * 2.0 ** log2_scale).to(torch.float16)
    count = max(values.numel(), 1)
    flushed = (scaled == 0).sum().item() / count
    overflow = scaled.isinf().sum().item() / count
    subnormal = ((scaled != 0) & (scaled.abs() < 2.0 ** SMALLEST_NORMAL)).sum().item() / count
    return ScaleShares(log2_scale, flushed, subnormal, overflow, 1.0 - flushed - overflow - subnormal)


def exponents(values):
    """Return each value's binary exponent, floor(log2 |v|), as whole numbers: 0.75 gives -1, 3e-8 gives -25."""
    return torch.floor(torch.log2(values.abs().double())).long()


def exponent_counts(powers, log2_scale, low, high):
    """Return the shares of `powers` + log2_scale at each exponent low … high (the ends collect what lies beyond)."""
    shifted = (powers + log2_scale).clamp(low, high) - low
    counts = torch.bincount(shifted, minlength=high - low + 1).double()
    return (counts / max(powers.numel(), 1)).tolist()
