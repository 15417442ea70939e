"""A learner's own engine, run backward one node at a time, every gradient recorded (no torch autograd involved).

Introduced in Lesson 7, for the step-through explorer. ``step_backward(out)`` does what
the learner's ``backward()`` does, in the same topological order: it sets every grad to
0 and the output's to 1, then calls each value's own ``_backward`` once, output first.
Around each call it reads the grads of that value's parents, so each step records the
gradient the value had when it ran and what its ``_backward`` added to each parent.
The learner's values keep their grads afterwards, as after a ``backward()`` of theirs.

Everything that runs the learner's code (reading their values, each ``_backward``) goes
through ``bounded.run_bounded`` with one time budget for the whole backward, so a
``_backward`` that raises, loops forever or leaves a grad that is not a number ends the
trace at that step, with a sentence saying so, and the steps before it still replay.
"""

import time
from dataclasses import dataclass

import torch

from .engine_graph import attribute, caller_values, engine_graph, number, parents_of, topological_order, walk
from ..bounded import error_text, run_bounded
from ..graph import Graph
from ..numbers import format_tensor
from ..stepper import Step, StepTrace

BACKWARD = ("_backward", "backward_fn", "_backward_fn")
GRAD = ("grad",)
SECONDS = 4.0  # for all of the learner's code in one trace, so the stepper answers within 5 s whatever it does
TIMED_OUT = ("it was still running when the {seconds:g} s the stepper gives your whole backward ran out, "
             "so it was stopped: look for a loop that never ends")  # .format(seconds=...)


@dataclass
class EngineTrace(StepTrace):
    """The learner's graph, the steps of one backward through it, and every value's grad after each step."""

    grads: list = None  # grads[n] = {key: grad as a float, or None} after n steps
    failure: str = ""  # why there are no steps at all, when reading the learner's graph failed
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


def step_backward(output, names=None, seconds=SECONDS):
    """Run the learner's backward on output one value at a time and return the EngineTrace of every step.

    All of the learner's code gets `seconds` in all; where it fails, the trace ends with that step.
    """
    deadline = time.monotonic() + seconds
    read = run_bounded(_read, output, names, seconds=seconds)
    if not read.ok:
        failure = f"The stepper could not read your graph: {_stopped(read, seconds, 'reading your values')}."
        return EngineTrace(Graph({}, 0), [], [{}], failure)
    graph, order, keys, parents, values, start = read.value
    steps, grads = [], [start]
    for value in order:
        found, left = {}, max(deadline - time.monotonic(), 1e-3)
        outcome = run_bounded(_run_step, value, parents[id(value)], values, keys, found, seconds=left)
        if outcome.ok:
            sent, error = _sent(graph, keys, parents[id(value)], found)
        else:  # what a stopped _backward had added is not an answer: the grads stay as they were before it
            sent, error = (), _stopped(outcome, seconds, "reading the grads around it")
        node = graph.nodes[keys[id(value)]]
        steps.append(Step(len(steps) + 1, node.key, node.op, (_tensor(found.get("received")),), sent, error))
        grads.append(found["grads"] if outcome.ok else grads[-1])
        if error:
            break
    return EngineTrace(graph, steps, grads)


def _stopped(outcome, seconds, reading):
    """Return why run_bounded stopped the learner's code: it ran out of time, or reading their values raised."""
    if outcome.timed_out:
        return TIMED_OUT.format(seconds=seconds)
    return f"{reading} raised {error_text(outcome.error)}"  # only a learner's own property or iterator does that


def _read(output, names):
    """Read the learner's graph and start their backward: every grad 0, the output's 1 (their code runs here)."""
    values = walk(output)
    graph = engine_graph(output, names if names is not None else caller_values(values))
    keys = {ident: key for key, ident in enumerate(values)}
    order = list(reversed(topological_order(output)))
    for value in order:
        _set_grad(value, 1.0 if value is output else 0.0)
    parents = {id(value): list({id(p): p for p in parents_of(value) if id(p) in keys}.values()) for value in order}
    return graph, order, keys, parents, values, _grads(values, keys)


def _run_step(value, parents, values, keys, found):
    """Call one value's _backward and read the grads around it into found (what was read stays if time runs out)."""
    found["received"] = number(attribute(value, GRAD))
    found["before"] = [number(attribute(p, GRAD)) for p in parents]
    backward = attribute(value, BACKWARD)
    try:
        if backward is not None:
            backward()
    except Exception as failure:  # the learner's _backward failed: that is what this step shows
        found["error"] = error_text(failure)
    after = [attribute(p, GRAD) for p in parents]
    found["after"] = [number(grad) for grad in after]
    found["kinds"] = ["None" if grad is None else f"a {type(grad).__name__}" for grad in after]
    found["grads"] = _grads(values, keys)


def _sent(graph, keys, parents, found):
    """Return (what the _backward added to each parent, the error it made) from the grads read around it."""
    error, sent = found.get("error", ""), []
    for parent, old, new, kind in zip(parents, found["before"], found["after"], found["kinds"]):
        node = graph.nodes[keys[id(parent)]]
        what = node.name or ("a leaf" if node.is_leaf else f"the {node.op} value")
        if new is None:
            error = error or f"after it, the grad of {what} is {kind}, not a number"
        elif old is None:  # the learner's class would not take the 0 that backward starts from
            error = error or f"before it ran, the grad of {what} was not a number"
        else:
            sent.append((node.key, torch.tensor(new - old)))
    return tuple(sent), error


def _set_grad(value, grad):
    try:
        value.grad = grad
    except Exception:
        pass  # a value that refuses a grad is shown with the grad it has


def _grads(values, keys):
    return {keys[ident]: number(attribute(value, GRAD)) for ident, value in values.items()}


def grad_text(grad):
    """Return a grad (a float or None) as the short text under a box and in the readout."""
    return "None" if grad is None else format_tensor(torch.tensor(grad))


def _tensor(value):
    return None if value is None else torch.tensor(value)


def _text(grad):
    return "None" if grad is None else format_tensor(grad)
