"""A learner's own engine, run backward one node at a time, every gradient recorded (no torch autograd involved).

Introduced in Lesson 7, for the step-through explorer. ``step_backward(out)`` does what
the learner's ``backward()`` does, in the same topological order: it sets every grad to
0 and the output's to 1, then calls each value's own ``_backward`` once, output first.
Around each call it reads the grads of that value's parents, so each step records the
gradient the value had when it ran and what its ``_backward`` added to each parent.
The learner's values keep their grads afterwards, as after a ``backward()`` of theirs.
"""

from dataclasses import dataclass

import torch

from .engine_graph import attribute, caller_values, engine_graph, number, parents_of, topological_order, walk
from ..numbers import format_tensor

BACKWARD = ("_backward", "backward_fn", "_backward_fn")


@dataclass(frozen=True)
class EngineStep:
    """One value's ``_backward`` called: the grad it had then, and what the call added to each parent."""

    number: int  # 1 for the output, which runs first
    key: int  # the value's key in the trace's Graph
    op: str  # the value's op ("+", "*", "tanh", ...) or "leaf"
    received: tuple  # (its grad when it ran,) as a tensor: a tuple, like Lesson 8's steps
    sent: tuple  # (parent key, what its grad grew by) pairs, each parent once
    error: str = ""  # what went wrong, when the learner's _backward raised or a grad was not a number


@dataclass
class EngineTrace:
    """The learner's graph, the steps of one backward through it, and every value's grad after each step."""

    graph: object
    steps: list
    grads: list  # grads[n] = {key: grad as a float, or None} after n steps

    def label(self, key):
        """Return how the text names a value: its variable name, else its op (with its step when ambiguous)."""
        node = self.graph.nodes[key]
        if node.name is not None:
            return node.name
        same = [other for other in self.graph.nodes.values() if other.name is None and other.op == node.op]
        run = next((step.number for step in self.steps if step.key == key), None)
        return node.op if len(same) == 1 or run is None else f"{node.op} (step {run})"

    def sent_along(self, upto):
        """Return {(parent key, value key): [what was added]} for the arrows crossed in steps 1..upto."""
        crossed = {}
        for step in self.steps[:upto]:
            for target, grad in step.sent:
                crossed.setdefault((target, step.key), []).append(grad)
        return crossed

    def arrivals(self, key, upto):
        """Return what the steps before step number upto added to value key's grad."""
        return [grad for step in self.steps[:upto - 1] for target, grad in step.sent if target == key]

    def describe(self, step):
        """Return one step as a line: who ran, the grad it had, what it added to which parent."""
        node = self.graph.nodes[step.key]
        head = self.label(step.key) + ("" if node.is_leaf or node.name is None else f" ({node.op})")
        parts, grad = self.arrivals(step.key, step.number), _text(step.received[0])
        if len(parts) > 1:
            grad = " + ".join(_text(g) for g in parts) + f" = {grad}"
        if step.error:
            return f"{step.number}. {head} has grad {grad}, and its _backward failed: {step.error}"
        if node.is_leaf:
            return f"{step.number}. {head} (leaf) has grad {grad}: nothing to send on"
        added = ", ".join(f"{_text(g)} to {self.label(k)}" for k, g in step.sent) or "nothing"
        return f"{step.number}. {head} has grad {grad}, adds {added}"

    def text(self):
        """Return the whole backward, one numbered line per value."""
        return "\n".join(self.describe(step) for step in self.steps)


def step_backward(output, names=None):
    """Run the learner's backward on output one value at a time and return the EngineTrace of every step."""
    values = walk(output)
    graph = engine_graph(output, names if names is not None else caller_values(values))
    keys = {ident: key for key, ident in enumerate(values)}
    order = list(reversed(topological_order(output)))
    for value in order:
        _set_grad(value, 1.0 if value is output else 0.0)
    steps, grads = [], [_grads(values, keys)]
    for value in order:
        parents = list({id(p): p for p in parents_of(value) if id(p) in keys}.values())
        before = [number(attribute(p, ("grad",))) for p in parents]
        received = number(attribute(value, ("grad",)))
        error = _run_backward(value)
        sent = []
        for parent, old in zip(parents, before):
            new = number(attribute(parent, ("grad",)))
            if old is None or new is None:
                error = error or f"the grad of {graph.nodes[keys[id(parent)]].op or 'a parent'} is not a number"
                continue
            sent.append((keys[id(parent)], torch.tensor(new - old)))
        node = graph.nodes[keys[id(value)]]
        steps.append(EngineStep(len(steps) + 1, node.key, node.op, (_tensor(received),), tuple(sent), error))
        grads.append(_grads(values, keys))
        if error:
            break
    return EngineTrace(graph, steps, grads)


def _run_backward(value):
    backward = attribute(value, BACKWARD)
    if backward is None:
        return ""
    try:
        backward()
    except Exception as failure:
        message = str(failure).strip().splitlines()[0] if str(failure).strip() else ""
        return f"{type(failure).__name__}: {message}" if message else type(failure).__name__
    return ""


def _set_grad(value, grad):
    try:
        value.grad = grad
    except Exception:
        pass  # a value that refuses a grad is shown with the grad it has


def _grads(values, keys):
    return {keys[ident]: number(attribute(value, ("grad",))) for ident, value in values.items()}


def _tensor(value):
    return None if value is None else torch.tensor(value)


def _text(grad):
    return "None" if grad is None else format_tensor(grad)
