"""Lesson 4's accumulation lab as a small state machine: real backward(), zero_() and None on a real leaf.

Introduced with Lesson 4's explorer. Each method makes the call the learner has
just typed in the lesson (``y.backward()``, ``x.grad.zero_()``, ``x.grad = None``)
on a real leaf tensor and returns a :class:`Step`: the code it ran, what
``x.grad`` holds afterwards and one sentence saying what happened. A call that
PyTorch refuses (backward through a freed graph, ``zero_()`` on ``None``) is made
for real too; its error becomes the sentence, and ``x.grad`` stays as it was.
"""

from dataclasses import dataclass

import torch

from .numbers import number

# the two functions of Lesson 4's accumulation example, their sum (Lesson 4.4), a cubic, and x + 1, whose graph saves no tensor (Lesson 2.7):
# text -> (function, its derivative as text)
FUNCTIONS = {
    "x**2": (lambda x: x**2, "2*x"),
    "3*x": (lambda x: 3 * x, "3"),
    "x**2 + 3*x": (lambda x: x**2 + 3 * x, "2*x + 3"),
    "x**3": (lambda x: x**3, "3*x**2"),
    "x + 1": (lambda x: x + 1, "1"),
}


@dataclass(frozen=True)
class Step:
    """One action: its button label, the code it ran, x.grad afterwards (None or a float) and what happened."""

    action: str
    code: str
    grad: float = None
    message: str = ""
    failed: bool = False

    def __str__(self):
        line = f"{self.code.replace(chr(10), '; '):<24} x.grad = {show(self.grad)}"
        return f"{line}  <- failed: {self.message.split(':')[0]}" if self.failed else line


def show(value):
    """Format a gradient for the learner: None stays None, a number prints like Python (4.0 -> 4)."""
    return "None" if value is None else number(value)


class AccumulationLab:
    """A leaf x with requires_grad=True, the last y built from it, and the history of x.grad."""

    def __init__(self, function="x**2", x=2.0, retain_graph=False):
        self.function = function
        self.retain_graph = retain_graph
        self.history = []
        self.new_leaf(x)

    @property
    def grad(self):
        """What x.grad holds now: None, or its value as a float."""
        return None if self.x.grad is None else self.x.grad.item()

    def new_leaf(self, x):
        """Start again from a fresh leaf x (its .grad is None) and an empty history."""
        self.x = torch.tensor(float(x), requires_grad=True)
        self.y, self.y_text, self.y_kept, self.y_saves = None, None, False, True
        self.history = []
        return self._record("start", f"x = torch.tensor({float(x)!r}, requires_grad=True)",
                            f"A fresh leaf x = {float(x):g}: x.grad starts as None, "
                            "since nothing has been differentiated yet.")

    def backward(self):
        """Build y = f(x) afresh and call y.backward(): the new dy/dx is added into x.grad."""
        before = self.grad
        self.y_text = self.function
        saved = []
        with torch.autograd.graph.saved_tensors_hooks(lambda t: saved.append(t) or t, lambda t: t):
            self.y = FUNCTIONS[self.function][0](self.x)
        self.y_saves = bool(saved)  # a graph that saved no tensor can be walked again without retain_graph
        code = f"y = {self.function}\n{self._backward_call()}"
        self.y.backward(retain_graph=self.retain_graph)
        self.y_kept = self.retain_graph
        return self._record("backward()", code, self._added(before, "y.backward()"))

    def backward_again(self):
        """Call backward() on the same y once more: it fails if the graph saved tensors and the last backward freed them."""
        if self.y is None:
            return self._record("again", "y.backward()", "There is no y yet: press backward() first, "
                                "which builds y = f(x) and calls y.backward().", failed=True)
        before, code = self.grad, self._backward_call()
        try:
            self.y.backward(retain_graph=self.retain_graph)
        except RuntimeError:
            fix = ("Press backward(): the new y keeps its graph" if self.retain_graph
                   else "Tick retain_graph=True, then press backward()")
            return self._record("again", code, "RuntimeError: Trying to backward through the graph a second time "
                                f"(its graph was freed). {fix}.", failed=True)
        self.y_kept = self.retain_graph
        if not self.y_saves:
            kept = " (this graph saved no tensor, so there was nothing to free: it can be walked again and again)"
        else:
            kept = "" if self.retain_graph else " (this call frees it: a third one would fail)"
        return self._record("again", code, self._added(before, "The same y again: y.backward()") + kept)

    def zero_(self):
        """Call x.grad.zero_(): fills the gradient tensor with zeros in place (fails while x.grad is None)."""
        try:
            self.x.grad.zero_()
        except AttributeError as error:
            return self._record("zero_()", "x.grad.zero_()", f"AttributeError: {error}. x.grad is None, "
                                "so there is nothing to zero: a backward() creates it.", failed=True)
        return self._record("zero_()", "x.grad.zero_()",
                            "x.grad.zero_() filled the same gradient tensor with zeros: x.grad = 0.")

    def set_none(self):
        """Set x.grad = None: the gradient tensor is dropped; the next backward() creates a new one."""
        self.x.grad = None
        return self._record("= None", "x.grad = None",
                            "x.grad = None threw the gradient away; the next backward() starts from nothing.")

    def _backward_call(self):
        return "y.backward(retain_graph=True)" if self.retain_graph else "y.backward()"

    def _added(self, before, what):
        x, after = self.x.item(), self.grad
        derivative = FUNCTIONS[self.y_text][1]
        added = show(after - (before or 0.0))
        slope = f"dy/dx = {added}" if derivative == added else f"dy/dx = {derivative} = {added}"
        if before is None:
            return f"{what} created x.grad and put {slope} in it: x.grad = {show(after)} (at x = {x:g})."
        return f"{what} added {slope} to x.grad: {show(before)} + {show(after - before)} = {show(after)}."

    def _record(self, action, code, message, failed=False):
        step = Step(action, code, self.grad, message, failed)
        self.history.append(step)
        return step
