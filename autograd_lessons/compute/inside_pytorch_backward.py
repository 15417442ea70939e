"""PyTorch's real backward pass, recorded node by node with node hooks (pure torch).

Introduced in Lesson 8, after the learner has hooked the nodes by hand.
``trace_backward(out)`` puts a pre-hook (``grad_fn.register_prehook``) and a hook
(``grad_fn.register_hook``) on every node of the graph behind ``out``, runs
``out.backward()``, removes the hooks again and returns a :class:`BackwardTrace`:
the nodes in the order the engine ran them, what each one received and what it
sent to each of its inputs. Nodes are keyed as in ``graph.build_graph``, so a
picture of that graph can light up the box that is running.
"""

from dataclasses import dataclass, replace

import torch

from .graph import Graph, build_graph, caller_tensors, record_values
from .numbers import format_tensor
from .stepper import Step, StepTrace


@dataclass
class BackwardTrace(StepTrace):
    """The graph behind the output, and the steps of one real backward pass through it, in order."""

    def order(self):
        """Return the op names in the order the engine ran them."""
        return [step.op for step in self.steps]

    def box_texts(self, n):
        """Return {key: text under the box} after n steps: the gradient a node received, once it has run."""
        ran = self.ran(n)
        return {key: f"grad {grads_text(ran[key].received)}" if key in ran else "" for key in self.graph.nodes}

    def describe(self, step):
        """Return one step as a line of text: who ran, what it received, where it sent what."""
        node = self.graph.nodes[step.key]
        head = step.op if node.name is None else f"{step.op} ({node.name})"
        parts = self.arrivals(step.key, step.number)
        received = grads_text(step.received)
        if len(parts) > 1 and len(step.received) == 1:  # the engine added them up before running the node
            received = " + ".join(_grad_text(g) for g in parts) + f" = {received}"
        if step.op == "AccumulateGrad":
            leaf = node.name or "the leaf"
            action = f"adds it into {leaf}.grad"
        elif step.sent:
            action = "sends " + ", ".join(f"{_grad_text(g)} to {self.label(k)}" for k, g in step.sent)
        else:
            action = "sends nothing on"
        return f"{step.number}. {head} receives {received}, {action}"


def trace_backward(output, names=None, recorded=None, retain_graph=False):
    """Run ``output.backward()`` with hooks on every node and return the BackwardTrace of what ran.

    The leaves' ``.grad`` fill up as with any backward. names and recorded label the
    boxes as in ``build_graph`` (by default, the caller's variable names). Like
    ``backward()`` itself, it needs a scalar output: sum a vector first.
    """
    if not isinstance(output, torch.Tensor):
        raise TypeError(f"trace_backward needs a tensor, got {type(output).__name__}")
    if output.grad_fn is None:
        raise ValueError("this tensor has no grad_fn: no operation was recorded, so there is no backward to trace")
    graph = build_graph(output, names if names is not None else caller_tensors(), recorded)
    functions = functions_by_key(graph, output)
    steps, handles = [], []
    for key, fn in functions.items():
        handles.append(fn.register_prehook(_on_arrival(steps, key, type(fn).__name__)))
        handles.append(fn.register_hook(_on_departure(steps, key, graph.nodes[key].inputs, fn)))
    try:
        output.backward(retain_graph=retain_graph)
    finally:
        for handle in handles:
            handle.remove()
    return BackwardTrace(graph, [replace(step, sent=tuple(step.sent)) for step in steps])


def functions_by_key(graph, output):
    """Return {key: autograd node} for a Graph that ``build_graph(output)`` returned.

    Walks the graph and output's ``next_functions`` side by side, so the keys are
    exactly build_graph's, however it numbers them.
    """
    functions, stack = {graph.output: output.grad_fn}, [graph.output]
    while stack:
        key = stack.pop()
        children = [child for child, _ in functions[key].next_functions if child is not None]
        for child_key, child in zip(graph.nodes[key].inputs, children):
            if child_key not in functions:
                functions[child_key] = child
                stack.append(child_key)
    return functions


def _on_arrival(steps, key, op):
    def prehook(grad_outputs):
        received = tuple(None if g is None else g.detach().clone() for g in grad_outputs)
        steps.append(Step(len(steps) + 1, key, op, received, []))

    return prehook


def _on_departure(steps, key, input_keys, fn):
    def hook(grad_inputs, grad_outputs):
        step = next(s for s in reversed(steps) if s.key == key)
        grads = [g for (child, _), g in zip(fn.next_functions, grad_inputs) if child is not None]
        step.sent.extend((k, g.detach().clone()) for k, g in zip(input_keys, grads) if g is not None)

    return hook


def _grad_text(grad):
    return "None" if grad is None else format_tensor(grad)


def grads_text(grads):
    """Return the gradient(s) a node received as short text: one number, or several in brackets."""
    if len(grads) == 1:
        return _grad_text(grads[0])
    return "(" + ", ".join(_grad_text(g) for g in grads) + ")"


# --- the graphs Lesson 8's replay explorer offers ------------------------------------------------------

@dataclass(frozen=True)
class Example:
    """A graph the replay explorer offers: what it shows, its leaves' values, and the code that builds it.

    build takes the leaves by name and returns the tensors it names, the output last.
    """

    description: str
    leaves: dict
    build: object


def _lesson_graph(u, v):
    s = u.sin()
    m = u * v
    e = v.exp()
    return {"s": s, "m": m, "e": e, "out": s + m * e}


EXAMPLES = {
    "out = s + m * e": Example("section 8.3's graph: s = sin u, m = u·v, e = exp v, at u = 1, v = 2",
                               {"u": 1.0, "v": 2.0}, _lesson_graph),
    "z = x * y + y**2": Example("Lesson 5's function at x = 2, y = 3: y is used twice", {"x": 2.0, "y": 3.0},
                                lambda x, y: {"z": x * y + y**2}),
    "y = x**2 + 2*x + 1": Example("Lessons 2 and 3's quadratic at x = 3", {"x": 3.0},
                                  lambda x: {"y": x**2 + 2 * x + 1}),
    "out = (x * x).sigmoid()": Example("one operation with the same input twice, at x = 1", {"x": 1.0},
                                       lambda x: {"out": (x * x).sigmoid()}),
}


def example_trace(example):
    """Return the BackwardTrace of one of EXAMPLES, built on fresh leaves with every value recorded."""
    if example not in EXAMPLES:
        raise ValueError(f"unknown example {example!r}; choose one of {list(EXAMPLES)}")
    leaves = {name: torch.tensor(value, requires_grad=True) for name, value in EXAMPLES[example].leaves.items()}
    with record_values() as recorded:
        named = EXAMPLES[example].build(**leaves)
    return trace_backward(list(named.values())[-1], names={**leaves, **named}, recorded=recorded)
