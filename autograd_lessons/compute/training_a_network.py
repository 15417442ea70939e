"""Lesson 11's maths: a seeded 2-D data set, small MLPs, a training run stepped a few steps at a time.

Everything here is torch alone. ``two_moons`` makes the data (nothing is downloaded);
``mlp`` builds the network; ``TrainingRun`` is one full-batch training run the
explorer advances a few steps per frame; ``layer_grad_norms`` is the gradient flow
of a deep net; ``graph_kept_alive`` counts what a list of losses keeps in memory.
"""

import math
from contextlib import contextmanager

import torch
from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
INITS = ("pytorch default", "kaiming (He)")


@contextmanager
def one_thread():
    """Run torch on one thread inside the block: for tensors this small, a second thread only adds waiting."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)  # measured on a busy 2-core machine: 5 steps took 155 ms on 2 threads, 9 ms on 1
    try:
        yield
    finally:
        torch.set_num_threads(before)


def two_moons(n=200, noise=0.15, seed=0):
    """Return (X, y): n points in two interleaved half circles, X of shape (n, 2), y of 0.0 / 1.0 (float32)."""
    generator = torch.Generator().manual_seed(seed)
    half = n // 2
    angle = torch.rand(n, generator=generator) * math.pi
    upper = torch.stack([angle[:half].cos(), angle[:half].sin()], dim=1)
    lower = torch.stack([1 - angle[half:].cos(), 0.5 - angle[half:].sin()], dim=1)
    X = torch.cat([upper, lower]) + noise * torch.randn(n, 2, generator=generator)
    y = torch.cat([torch.zeros(half), torch.ones(n - half)])
    return X, y


def mlp(width=16, depth=2, activation="relu", seed=0, inputs=2):
    """Return an nn.Sequential of `depth` hidden layers of `width` units and one output (a logit), seeded."""
    torch.manual_seed(seed)
    layers, size = [], inputs
    for _ in range(depth):
        layers += [nn.Linear(size, width), ACTIVATIONS[activation]()]
        size = width
    return nn.Sequential(*layers, nn.Linear(size, 1))


def accuracy(model, X, y):
    """Return the fraction of points the model puts on the right side of its boundary (logit > 0 is class 1)."""
    with torch.no_grad(), one_thread():
        return ((model(X).squeeze(1) > 0).float() == y).float().mean().item()


def grid(X, resolution=60, margin=0.5):
    """Return (extent, points): the box around X as (x0, x1, y0, y1) and resolution² points covering it."""
    low, high = X.min(0).values - margin, X.max(0).values + margin
    xs = torch.linspace(low[0].item(), high[0].item(), resolution)
    ys = torch.linspace(low[1].item(), high[1].item(), resolution)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    extent = (low[0].item(), high[0].item(), low[1].item(), high[1].item())
    return extent, torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1)


class TrainingRun:
    """One full-batch training run of an MLP on (X, y) with Adam, advanced by ``step(n)``.

    >>> run = TrainingRun(*two_moons(), width=16, activation="relu", lr=0.03)
    >>> run.step(10); len(run.losses)
    10
    """

    def __init__(self, X, y, width=16, activation="relu", lr=0.03, depth=2, seed=0, resolution=72):
        self.X, self.y = X, y
        self.model = mlp(width, depth, activation, seed)
        self.loss_fn = nn.BCEWithLogitsLoss()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.losses = []
        self.extent, self._points = grid(X, resolution)
        self.resolution = resolution

    @property
    def lr(self):
        """The optimizer's learning rate (set it to change it for the next steps)."""
        return self.optimizer.param_groups[0]["lr"]

    @lr.setter
    def lr(self, value):
        for group in self.optimizer.param_groups:
            group["lr"] = value

    def step(self, n=1):
        """Run n training steps (forward, loss, zero_grad, backward, step); return the last loss as a float."""
        with one_thread():
            for _ in range(n):
                self._step()
        return self.losses[-1] if self.losses else self.loss()

    def _step(self):
        loss = self.loss_fn(self.model(self.X).squeeze(1), self.y)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.losses.append(loss.item())

    def loss(self):
        """Return the loss of the model as it is now, as a float."""
        with torch.no_grad(), one_thread():
            return self.loss_fn(self.model(self.X).squeeze(1), self.y).item()

    def probabilities(self):
        """Return the model's P(class 1) on the grid, shape (resolution, resolution), rows from the bottom."""
        with torch.no_grad(), one_thread():
            return torch.sigmoid(self.model(self._points)).reshape(self.resolution, self.resolution)

    def accuracy(self):
        """Return the fraction of training points classified right."""
        return accuracy(self.model, self.X, self.y)


def deep_mlp(depth, activation="sigmoid", init="pytorch default", width=32, seed=0):
    """Return an MLP of `depth` hidden layers; init "kaiming (He)" redraws every weight for ReLU's gain."""
    model = mlp(width, depth, activation, seed)
    if init == "kaiming (He)":
        torch.manual_seed(seed)
        for layer in model:
            if isinstance(layer, nn.Linear):
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                nn.init.zeros_(layer.bias)
    elif init != "pytorch default":
        raise ValueError(f"init must be one of {INITS}, not {init!r}")
    return model


def layer_grad_norms(model, X, y):
    """Run one forward and backward on (X, y); return [(layer name, norm of its weight's gradient)], input first."""
    model.zero_grad()
    nn.BCEWithLogitsLoss()(model(X).squeeze(1), y).backward()
    return [(name.removesuffix(".weight"), p.grad.norm().item())
            for name, p in model.named_parameters() if name.endswith("weight")]


def graph_kept_alive(items):
    """Return (nodes, saved tensors, numbers they hold) of the graphs reachable from the tensors in items.

    Counted as Lesson 8 counts saved memory: each storage once, however many nodes save it or a view of
    it (the ReLU's output, saved by the ReLU and by the next layer, is one tensor), and all of it, the
    data and weights that exist anyway included. A saved tensor a backward already freed counts nothing.
    """
    seen, stack, storages = set(), [], {}
    for item in items:
        if isinstance(item, torch.Tensor) and item.grad_fn is not None:
            stack.append(item.grad_fn)
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        for attribute in dir(node):
            if attribute.startswith("_saved_"):
                try:
                    value = getattr(node, attribute)
                except RuntimeError:  # already freed by a backward
                    continue
                if isinstance(value, torch.Tensor):
                    storage = value.untyped_storage()
                    storages[storage.data_ptr()] = storage.nbytes() // value.element_size()
        stack.extend(child for child, _ in node.next_functions)
    return len(seen), len(storages), sum(storages.values())


def gradient_flow_verdict(norms):
    """Return (sentence, kind): does the gradient vanish on its way back to the first layer?"""
    ratio = norms[-1][1] / norms[0][1] if norms[0][1] else float("inf")
    if ratio > 100:
        return (f"Vanishing: the first layer's gradient is {ratio:.3g} times smaller than the last one's, "
                "so the first layers barely learn.", "warning")
    return "The gradient reaches the first layer at about the size it left the last: every layer learns.", "ok"


def fresh_model_and_data():
    """Return (model, X, y), what every check of Lesson 11's exercises starts from.

    The model is the 2 → 8 → 1 ReLU MLP, the data the 100 two-moons points, both seeded.
    """
    X, y = two_moons(100, seed=1)
    return mlp(width=8, depth=1, activation="relu", seed=1), X, y
