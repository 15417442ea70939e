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
from ..stepper import Step, StepTrace

BACKWARD = ("_backward", "backward_fn", "_backward_fn")


@dataclass
class EngineTrace(StepTrace):
    """The learner's graph, the steps of one backward through it, and every value's grad after each step."""

    grads: list = None  # grads[n] = {key: grad as a float, or None} after n steps
    arrow_sign = "+"  # what an arrow shows was added to the parent's grad

    def box_texts(self, n):
        """Return {key: text under the box} after n steps: every value's grad as it stands then."""
        return {key: f"grad {grad_text(self.grads[n].get(key))}" for key in self.graph.nodes}

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
        steps.append(Step(len(steps) + 1, node.key, node.op, (_tensor(received),), tuple(sent), error))
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


def grad_text(grad):
    """Return a grad (a float or None) as the short text under a box and in the readout."""
    return "None" if grad is None else format_tensor(torch.tensor(grad))


def _tensor(value):
    return None if value is None else torch.tensor(value)


def _text(grad):
    return "None" if grad is None else format_tensor(grad)
