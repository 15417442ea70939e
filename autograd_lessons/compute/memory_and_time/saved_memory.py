"""The memory a training step saves for backward, counted from the tensors the nodes save (Lesson 13).

Lesson 8 counted the tensors a node saves with ``saved_tensors_hooks``. Here every save
is read as the *storage* behind it, the block of memory that holds the numbers, and each
storage is counted once: a weight saved as ``weight.t()`` (a view) and the same weight
elsewhere, or a result saved by two nodes, hold their memory once. :func:`saved_memory`
runs a step under such a hook and splits the bytes into what exists anyway (the
parameters and the data) and the rest, the *activations*, kept alive only for backward.
The bytes come from the tensors, never from the process, so they are the same on every
machine. :func:`memory_net` is the network every measurement of the lesson uses.
"""

from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class SavedMemory:
    """What one forward pass saved for backward, in bytes, each storage counted once."""

    total: int       # every storage a node saved
    anyway: int      # the part that exists without autograd: parameters and data
    saves: int = 0   # how many times a node saved a tensor (a storage can be saved several times)
    storages: int = 0  # how many distinct storages those saves point to

    @property
    def activations(self):
        """Bytes kept alive only for backward: results in the middle of the network."""
        return self.total - self.anyway


def storage_key(tensor):
    """Return what identifies the memory behind a tensor: the address of its storage (views share it)."""
    return tensor.untyped_storage().data_ptr()


class SaveCounter:
    """A pack hook that notes every saved tensor's storage; use ``with counter.hooks():`` around a forward pass.

    ``counter.storages`` maps each storage's address to the storage (kept, so its address
    cannot be reused while counting); ``counter.saves`` counts the saves.
    """

    def __init__(self):
        self.storages, self.saves = {}, 0

    def pack(self, tensor):
        """Note the tensor's storage and keep the tensor as it is."""
        self.saves += 1
        storage = tensor.untyped_storage()
        self.storages.setdefault(storage.data_ptr(), storage)
        return tensor

    def hooks(self):
        """Return the context manager that calls ``pack`` for every tensor a node saves inside it."""
        return torch.autograd.graph.saved_tensors_hooks(self.pack, lambda tensor: tensor)

    def memory(self, anyway=()):
        """Return the SavedMemory counted so far; anyway lists tensors (parameters, data) that exist regardless."""
        own = {storage_key(tensor) for tensor in anyway}
        total = sum(storage.nbytes() for storage in self.storages.values())
        kept_anyway = sum(storage.nbytes() for key, storage in self.storages.items() if key in own)
        return SavedMemory(total, kept_anyway, self.saves, len(self.storages))


def saved_memory(step, anyway=()):
    """Run step() with every save counted; return (SavedMemory, what step returned).

    anyway lists the tensors whose memory exists without autograd (``list(model.parameters()) + [X]``).
    """
    counter = SaveCounter()
    with counter.hooks():
        result = step()
    return counter.memory(list(anyway)), result


def memory_net(depth, width, seed=0):
    """Return the lesson's network: `depth` hidden layers of Linear(width, width) + Tanh, then Linear(width, 1)."""
    torch.manual_seed(seed)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), nn.Tanh()]
    return nn.Sequential(*layers, nn.Linear(width, 1))


def memory_data(batch, width, seed=0):
    """Return (X, y): a batch of `batch` random inputs of `width` numbers and one target each (float32)."""
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(batch, width, generator=generator), torch.randn(batch, 1, generator=generator)


def step_memory(depth, width, batch):
    """Return the SavedMemory of one forward pass of memory_net(depth, width) on a batch, up to the loss."""
    net, (X, y) = memory_net(depth, width), memory_data(batch, width)
    memory, _ = saved_memory(lambda: nn.functional.mse_loss(net(X), y), [*net.parameters(), X, y])
    return memory


def kilobytes(count):
    """Return a number of bytes as kilobytes for a printout: ``'40.4 KB'`` (1 KB = 1024 bytes)."""
    return f"{count / 1024:,.1f} KB"
