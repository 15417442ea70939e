"""What each tensor of a tiny computation looks like to autograd, with or without tracking (pure torch).

Introduced with Lesson 1's explorer. ``tensor_state(requires_grad, no_grad,
detach, backward)`` runs, with real torch calls, the four lines the lesson
taught one at a time::

    a = torch.tensor(2.0, requires_grad=True)
    b = a * 3                 # or inside `with torch.no_grad():`
    c = b ** 2                # or `b.detach() ** 2`
    d = c + a
    d.backward()              # a peek at Lesson 3

and returns each tensor's ``requires_grad``, ``is_leaf``, ``grad_fn`` and
``grad``, the code exactly as it ran, the graph behind ``d`` and one sentence
saying what happened.
"""

from dataclasses import dataclass

import torch

from .graph import Graph, build_graph
from .numbers import format_tensor

@dataclass(frozen=True)
class TensorRow:
    """One tensor as autograd sees it; grad is None when ``.grad`` is None."""

    name: str
    value: float
    requires_grad: bool
    is_leaf: bool
    grad_fn: str = None  # the class name of .grad_fn, or None
    grad: float = None


@dataclass(frozen=True)
class TensorState:
    """The rows of the table, the code that ran, the lines a toggle changed, the graph of d and a message."""

    rows: tuple
    code: str
    marked: tuple  # indices of the code lines that a toggle shaped
    graph: Graph
    message: str
    kind: str = "info"  # how to show the message: info, ok or warning
    cut: str = None  # "no_grad" or "detach" when one of them cut a path from d back to a

    def table(self):
        """Return the rows as an aligned text table (what a notebook can print and nbval can check)."""
        header = ("tensor", "value", "requires_grad", "is_leaf", "grad_fn", "grad")
        lines = [header] + [
            (row.name, format_tensor(torch.tensor(row.value)), str(row.requires_grad), str(row.is_leaf),
             str(row.grad_fn), "None" if row.grad is None else format_tensor(torch.tensor(row.grad)))
            for row in self.rows
        ]
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines)


def tensor_state(requires_grad=True, no_grad=False, detach=False, backward=False):
    """Run the four lines with the chosen switches and return the TensorState of a, b, c and d."""
    code = [(f"a = torch.tensor(2.0{', requires_grad=True' if requires_grad else ''})", requires_grad)]
    a = torch.tensor(2.0, requires_grad=requires_grad)
    if no_grad:
        code += [("with torch.no_grad():", True), ("    b = a * 3", True)]
        with torch.no_grad():
            b = a * 3
    else:
        code.append(("b = a * 3", False))
        b = a * 3
    code.append((f"c = b{'.detach()' if detach else ''} ** 2", detach))
    c = (b.detach() if detach else b) ** 2
    code.append(("d = c + a", False))
    d = c + a
    failure = None
    if backward:
        code.append(("d.backward()", True))
        try:
            d.backward()
        except RuntimeError as error:  # nothing requires grad: the call the learner would make fails
            failure = str(error).split("\n")[0]
            code[-1] = ("d.backward()  # RuntimeError", True)
    tensors = {"a": a, "b": b, "c": c, "d": d}
    rows = tuple(_row(name, tensor) for name, tensor in tensors.items())
    cut = ("no_grad" if no_grad else "detach") if requires_grad and (no_grad or detach) else None
    message, kind = _explain(requires_grad, cut, backward, failure, a)
    return TensorState(rows, "\n".join(line for line, _ in code), tuple(i for i, (_, m) in enumerate(code) if m),
                       build_graph(d, names=tensors), message, kind, cut)


def _row(name, tensor):
    grad = tensor.grad if tensor.is_leaf else None  # a non-leaf's .grad is None (and reading it warns)
    return TensorRow(name, tensor.item(), tensor.requires_grad, tensor.is_leaf,
                     None if tensor.grad_fn is None else type(tensor.grad_fn).__name__,
                     None if grad is None else grad.item())


def _explain(requires_grad, cut, backward, failure, a):
    """One sentence for the learner: what was recorded and, after backward, where the gradient went."""
    if not requires_grad:
        if failure:
            return (f"d.backward() fails: nothing requires grad, so d has no grad_fn "
                    f"(PyTorch says: {failure})."), "warning"
        return "Nothing requires grad, so no operation was recorded: d has no grad_fn and there is no graph.", "info"
    how = {"no_grad": "b was computed inside torch.no_grad()", "detach": "c was computed from b.detach()"}
    if cut and not backward:
        return f"The path through b and c is cut ({how[cut]}): d leads back to a only through + a.", "info"
    if cut:
        return (f"The path through b and c is cut ({how[cut]}): a.grad = {a.grad.item():g} comes from + a alone, "
                f"not 37.", "warning")
    if not backward:
        return "Every step was recorded: d.grad_fn leads back through c and b to the leaf a.", "info"
    return (f"d.backward() filled a.grad = {a.grad.item():g} (that is 18a + 1); b, c and d are not leaves, "
            f"so their .grad stays None.", "ok")
