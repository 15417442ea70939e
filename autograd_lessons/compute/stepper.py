"""A backward pass recorded one node at a time, and what it has done after step n (Lessons 7 and 8).

Lesson 7's engine stepper and Lesson 8's backward replay replay the same kind of record: a
graph, and the steps of one backward through it in the order they ran, each naming the node
that ran, the gradient(s) it ran with and what it sent towards each of its inputs.
:class:`StepTrace` holds that record and answers what a stepper shows after n steps (n = 0:
before backward): the step that has just run, the nodes that have run, what crossed which
arrow, what reached a node before it ran, and the one count, "n of N", that the slider, the
readout and the message all show. Lesson 7's ``EngineTrace`` and Lesson 8's ``BackwardTrace``
add only how their lesson words a step and what is written under a box.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One node run by backward: the gradient(s) it ran with, and what it sent towards each input."""

    number: int  # 1 for the first node that ran
    key: int  # the node's key in the trace's Graph
    op: str  # e.g. "MulBackward0" (Lesson 8), "*" or "leaf" (Lesson 7)
    received: tuple  # the gradient(s) the node ran with, one per output of the node (tensors, or None)
    sent: tuple  # (input key, gradient) pairs, each a tensor
    error: str = ""  # what went wrong, when the learner's code failed at this step (Lesson 7)


@dataclass
class StepTrace:
    """A graph, and the steps of one backward through it, in the order they ran."""

    graph: object
    steps: list
    arrow_sign = ""  # written before the numbers on a crossed arrow: Lesson 7 writes "+" (added to a grad)

    def label(self, key):
        """Return how the text names a node: its variable name, else its op (with its step, if that is ambiguous)."""
        node = self.graph.nodes[key]
        if node.name is not None:
            return node.name
        same = [other for other in self.graph.nodes.values() if other.name is None and other.op == node.op]
        run = next((step.number for step in self.steps if step.key == key), None)
        return node.op if len(same) == 1 or run is None else f"{node.op} (step {run})"

    def count(self, n):
        """Return the stepper's count after n steps, "n of N": what the slider, readout and message all show."""
        return f"{n} of {len(self.steps)}"

    def next_position(self, n):
        """Return where "next step" goes from n: one step on, and after the last step back to 0 (before backward)."""
        return (n + 1) % (len(self.steps) + 1)

    def current(self, n):
        """Return the step that has just run after n steps (None at 0, before backward)."""
        return self.steps[n - 1] if n else None

    def ran(self, n):
        """Return {key: step} for the nodes that ran in steps 1..n (the last time, if a node ran twice)."""
        return {step.key: step for step in self.steps[:n]}

    def arrivals(self, key, upto=None):
        """Return the gradients sent to node key by the steps before step number upto (all steps if None)."""
        return [grad for step in self.steps[: None if upto is None else upto - 1]
                for target, grad in step.sent if target == key]

    def sent_along(self, upto):
        """Return {(input key, node key): [gradients]} for the arrows backward has crossed in steps 1..upto."""
        crossed = {}
        for step in self.steps[:upto]:
            for target, grad in step.sent:
                crossed.setdefault((target, step.key), []).append(grad)
        return crossed

    def stopped(self):
        """Return the step at which the learner's code failed, or None when the backward ran to its end."""
        return next((step for step in self.steps if step.error), None)

    def box_texts(self, n):
        """Return {key: the text under the node's box after n steps ("" for none)}; each lesson says what it shows."""
        raise NotImplementedError

    def describe(self, step):
        """Return one step as a line of text; each lesson words it its own way."""
        raise NotImplementedError

    def text(self):
        """Return the whole trace, one numbered line per step."""
        return "\n".join(self.describe(step) for step in self.steps)
