"""The computational graph as plain data, read from a tensor's ``grad_fn`` chain (pure torch).

Introduced in Lesson 2. ``build_graph(y)`` walks ``y.grad_fn.next_functions``
exactly as ``.backward()`` will, and returns a :class:`Graph` of :class:`Node`
objects; ``graph_text`` prints it as a tree that nbval can check, and
``graph_drawing.draw_graph`` draws the same object as a picture.
"""

import inspect
from dataclasses import dataclass, field

import torch
from torch.overrides import TorchFunctionMode

from .numbers import format_tensor


@dataclass
class Node:
    """One box of the picture: an autograd function, or a leaf tensor (its AccumulateGrad)."""

    key: int
    op: str  # the grad_fn's class name, e.g. "PowBackward0" or "AccumulateGrad"
    is_leaf: bool
    name: str = None  # the Python variable that holds this tensor, when known
    value: torch.Tensor = None  # the tensor this node produced, when known
    grad: torch.Tensor = None  # the gradient that reached it in backward, when known
    inputs: list = field(default_factory=list)  # keys of the nodes that feed this one
    module: str = None  # a layer folded into this one box (build_graph's modules=), e.g. "0 · Linear(2 → 8)"
    members: list = None  # with module: the keys the layer's nodes had before they were folded


@dataclass
class Graph:
    """Nodes in the order backward meets them (output first), plus the output's key."""

    nodes: dict
    output: int
    tracked: bool = True  # False when the output has no grad_fn (nothing was recorded)

    def edges(self):
        """Return (source, target) key pairs in the forward direction, input -> result.

        An input used twice by one operation (``x * x``) gives the same pair twice.
        """
        return [(i, node.key) for node in self.nodes.values() for i in node.inputs]

    def ops(self):
        """Return the op names of all nodes, in backward order (handy for comparing graphs)."""
        return [node.op for node in self.nodes.values()]


class record_values(TorchFunctionMode):
    """Context manager that remembers every intermediate value (and, after backward, its grad).

    >>> with record_values() as recorded:
    ...     y = x**2 + 2*x + 1
    >>> draw_graph(y, recorded=recorded)   # every box shows its value
    """

    def __init__(self):
        super().__init__()
        self.values, self.grads = {}, {}

    def __torch_function__(self, func, types, args=(), kwargs=None):
        result = func(*args, **(kwargs or {}))
        if isinstance(result, torch.Tensor) and result.grad_fn is not None:
            fn = result.grad_fn
            self.values[fn] = result.detach().clone()
            result.register_hook(lambda grad, fn=fn: self._keep_grad(fn, grad))
        return result

    def _keep_grad(self, fn, grad):
        self.grads[fn] = grad.detach().clone()


def build_graph(output, names=None, recorded=None, modules=None):
    """Return the Graph that ``output.backward()`` would walk.

    names maps variable names to tensors (leaves or intermediates) so the boxes
    can be labelled; by default the caller's variables are used.
    recorded is a ``record_values()`` object whose values and grads fill the op boxes.
    modules is a model (an ``nn.Module``): each of its ``nn.Linear`` layers, called
    once, becomes one node (its weight, bias, transpose and product; see graph_modules).
    """
    if not isinstance(output, torch.Tensor):
        raise TypeError(f"build_graph needs a tensor, got {type(output).__name__}")
    if names is None:
        names = caller_tensors()
    label = _Labeller(names, recorded)
    if output.grad_fn is None:
        node = Node(0, "AccumulateGrad" if output.requires_grad else "(no grad_fn)", True)
        label.fill_tensor(node, output)
        return Graph({0: node}, 0, tracked=output.requires_grad)

    nodes, keys = {}, {}
    stack = [output.grad_fn]
    keys[output.grad_fn] = 0
    while stack:  # depth-first, first input first, so the order is reproducible
        fn = stack.pop()
        node = label.make(keys[fn], fn)
        nodes[node.key] = node
        inputs = [child for child, _ in fn.next_functions if child is not None]
        for child in inputs:
            if child not in keys:
                keys[child] = len(keys)
        node.inputs = [keys[child] for child in inputs]  # x * x lists x twice: two arrows
        stack.extend(child for child in reversed(inputs) if keys[child] not in nodes and child not in stack)
    if modules is not None:
        from .graph_modules import collapse_linears

        leaves = {id(fn.variable): key for fn, key in keys.items() if getattr(fn, "variable", None) is not None}
        nodes = collapse_linears(nodes, leaves, modules)
    ordered = dict(sorted(nodes.items()))
    label.name_output(ordered[0], output)
    return Graph(ordered, 0)


def graph_text(graph_or_tensor, names=None, recorded=None, modules=None):
    """Return the graph as an indented tree, output at the top, leaves at the bottom.

    A node that feeds several others is written out once; later mentions say "(see above)".
    names, recorded and modules are as in ``build_graph``.
    """
    graph = graph_or_tensor
    if isinstance(graph_or_tensor, torch.Tensor):
        graph = build_graph(graph_or_tensor, names if names is not None else caller_tensors(), recorded, modules)
    lines, shown = [describe(graph.nodes[graph.output])], set()

    def visit(key, prefix):
        shown.add(key)
        inputs = graph.nodes[key].inputs
        for i, child_key in enumerate(inputs):
            last = i == len(inputs) - 1
            child = graph.nodes[child_key]
            repeat = child_key in shown and child.inputs
            lines.append(prefix + ("└── " if last else "├── ") + describe(child) + ("  (see above)" if repeat else ""))
            if not repeat:
                visit(child_key, prefix + ("    " if last else "│   "))

    visit(graph.output, "")
    if not graph.tracked:
        lines.append("(not tracked: this tensor has no grad_fn, so backward has nothing to walk)")
    return "\n".join(lines)


def describe(node):
    """Return one node as text: ``PowBackward0 → 9.0`` or ``AccumulateGrad → x = 3.0, grad 6.0``."""
    parts = []
    if node.name is not None:
        parts.append(node.name)
    if node.value is not None:
        parts.append(format_tensor(node.value))
    text = (node.module or node.op) + (" → " + " = ".join(parts) if parts else "")
    if node.grad is not None:
        text += f", grad {format_tensor(node.grad)}"
    return text


class _Labeller:
    """Fills nodes with names, values and grads from what the caller knows."""

    def __init__(self, names, recorded):
        self.leaf_names, self.fn_names, self.named = {}, {}, {}
        for name, tensor in (names or {}).items():
            if not isinstance(tensor, torch.Tensor):
                continue
            if tensor.grad_fn is None:
                self.leaf_names.setdefault(id(tensor), name)
            else:
                self.fn_names.setdefault(tensor.grad_fn, name)
                self.named.setdefault(tensor.grad_fn, tensor)
        self.recorded = recorded

    def make(self, key, fn):
        variable = getattr(fn, "variable", None)
        node = Node(key, type(fn).__name__, variable is not None)
        if variable is not None:
            self.fill_tensor(node, variable)
            return node
        node.name = self.fn_names.get(fn)
        tensor = self.named.get(fn)
        if tensor is not None:
            node.value = tensor.detach()
            if tensor.retains_grad and tensor.grad is not None:
                node.grad = tensor.grad.detach()
        if self.recorded is not None:
            node.value = self.recorded.values.get(fn, node.value)
            node.grad = self.recorded.grads.get(fn, node.grad)
        return node

    def fill_tensor(self, node, tensor):
        node.name = self.leaf_names.get(id(tensor))
        node.value = tensor.detach()
        if tensor.is_leaf and tensor.grad is not None:
            node.grad = tensor.grad.detach()

    def name_output(self, node, output):
        if node.value is None:
            node.value = output.detach()


def caller_tensors():
    """Return the tensors visible where the learner called us: {name: tensor}, names sorted."""
    frame = inspect.currentframe()
    package = __name__.split(".")[0]  # skip every frame of autograd_lessons, whichever layer
    while frame is not None and frame.f_globals.get("__name__", "").startswith(package):
        frame = frame.f_back
    if frame is None:
        return {}
    visible = {**frame.f_globals, **frame.f_locals}
    return {
        name: value
        for name, value in sorted(visible.items())
        if isinstance(value, torch.Tensor) and not name.startswith("_")
    }
