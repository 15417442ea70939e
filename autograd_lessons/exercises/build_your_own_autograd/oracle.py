"""Run a learner's Value class against PyTorch on many expressions, and say where they first disagree (torch only).

Lesson 7's checkers all ask the same of the learner's engine: for one op (``exp``, ``**``,
``sigmoid``), the value and every leaf's grad must be PyTorch's, first for the op alone on
random inputs, then inside random expressions that mix it with ``+`` and ``*`` and use a
value more than once. The learner's class is only ever called, never read: each call is
made under ``run_bounded``, so an error, a wrong return type or a loop that never ends
becomes a sentence naming the expression, the input and what went wrong.
"""

import math
import random
from dataclasses import dataclass

import torch

from ...compute.bounded import error_text, run_bounded
from ..checking import correct, incorrect, not_attempted
from ...compute.numbers import fmt

SECONDS = 5.0  # for the whole check: hundreds of tiny expressions take a few milliseconds


@dataclass(frozen=True)
class Op:
    """The op a question asks for: how to write it, call it on Values or tensors, and where to draw inputs."""

    name: str  # as the messages name it: "exp"
    arity: int
    apply: object  # apply(a) or apply(a, b), the same for Values and tensors
    text: object  # text("x") or text("x", "y"): how the expression reads
    low: float = -2.0  # inputs are drawn from [low, high]
    high: float = 2.0
    fixed: tuple = ()  # more (build(x, y), text) cases of the op alone, e.g. x ** 3


ADD = Op("+", 2, lambda a, b: a + b, lambda a, b: f"{a} + {b}")
MUL = Op("*", 2, lambda a, b: a * b, lambda a, b: f"{a} * {b}")


class Disagreement(Exception):
    """The learner's engine and torch disagree, or the learner's code failed; the message says where."""


def check_engine(cls, op, right, seed=0):
    """Return the Result of running cls against torch on op alone, then on random expressions with op."""
    if cls is Ellipsis:
        return not_attempted()
    if not callable(cls):
        return incorrect(f"pass your class itself, `Value`; this is {type(cls).__name__}.")
    where = ["`Value(0.5)`"]
    outcome = run_bounded(_run_all, cls, op, random.Random(seed), where, seconds=SECONDS)
    if outcome.timed_out:
        return incorrect(f"{where[0]} was still running after {SECONDS:g} s, so it was stopped: look for a loop "
                         "that never ends, in `_backward` or in `backward()`.")
    if outcome.error is not None:
        if isinstance(outcome.error, Disagreement):
            message = str(outcome.error)
            if "ellipsis" in message.lower():
                return not_attempted("a `...` is still in your code: replace it with the gradient, then run the "
                                     "cell again.")
            return incorrect(message)
        return incorrect(f"{where[0]} raised {error_text(outcome.error)}.")
    return correct(right)


def _run_all(cls, op, rng, where):
    for basic in (ADD, MUL, op):  # each op alone first, so a mistake is named where it is
        for _ in range(12):
            inputs = _draw(rng, op, basic.arity)
            _compare(cls, lambda x, y, f=basic: f.apply(*(x, y)[:f.arity]), basic.text(*NAMES[:basic.arity]),
                     inputs, where)
    for build, text in op.fixed:
        for _ in range(6):
            _compare(cls, build, text, _draw(rng, op, 1), where)
    for _ in range(40):
        build, text = _expression(rng, op, depth=3)
        _compare(cls, build, text, _draw(rng, op, 2), where, op=op)


NAMES = ("x", "y")


def _draw(rng, op, count):
    return [round(rng.uniform(op.low, op.high), 2) or 0.25 for _ in range(count)]


def _expression(rng, op, depth):
    """Return (build, text) of a random expression of x and y that uses op at least once."""
    def grow(level):
        if level == 0 or rng.random() < 0.25:
            i = rng.randrange(2)
            return (lambda x, y, i=i: (x, y)[i]), NAMES[i], False
        choice = rng.choice(["+", "*", "op", "op"])
        parts = [grow(level - 1) for _ in range(op.arity if choice == "op" else 2)]
        used = choice == "op" or any(u for _, _, u in parts)
        if choice == "op":
            bare = (lambda t: " " not in t) if op.arity == 1 else (lambda t: t in NAMES)
            texts = [t if bare(t) else f"({t})" for _, t, _ in parts]
            return (lambda x, y: op.apply(*(p(x, y) for p, _, _ in parts))), op.text(*texts), used
        (left, lt, _), (right, rt, _) = parts
        if choice == "+":
            return (lambda x, y: left(x, y) + right(x, y)), f"{lt} + {rt}", used
        lt, rt = (t if t in NAMES or " + " not in t else f"({t})" for t in (lt, rt))
        return (lambda x, y: left(x, y) * right(x, y)), f"{lt} * {rt}", used

    while True:
        build, text, used = grow(depth)
        if used:
            return build, text


def _compare(cls, build, text, inputs, where, op=None):
    at = ", ".join(f"{n} = {fmt(v)}" for n, v in zip(NAMES, inputs))
    where[0] = f"`{text}` at {at}"
    expected_value, expected_grads = _torch(build, inputs)
    if expected_value is None or not all(map(math.isfinite, [expected_value, *expected_grads])):
        return  # outside the op's domain for these inputs: torch has no answer to compare with
    leaves = [_call(cls, where, v) for v in inputs]
    out = _call(build, where, *leaves, *([None] * (2 - len(leaves))))
    data = _number(getattr(out, "data", None))
    if data is None:
        raise Disagreement(f"{where[0]} returned {type(out).__name__}, not one of your Values with a number in "
                           "`.data`: an op must return `out`.")
    if not _close(data, expected_value):
        raise Disagreement(f"{where[0]}: your value is {fmt(data)}, torch's is {fmt(expected_value)}.")
    backward = getattr(out, "backward", None)
    if not callable(backward):
        raise Disagreement(f"{where[0]} gave a Value without a `backward()` method.")
    _call(backward, where)
    for name, leaf, expected in zip(NAMES, leaves, expected_grads):
        grad = _number(getattr(leaf, "grad", None))
        if grad is None or not _close(grad, expected):
            shown = "not a number" if grad is None else fmt(grad)
            raise Disagreement(f"{where[0]}: your {name}.grad is {shown}, torch's is {fmt(expected)}."
                               + _why(op, grad, expected, cls, inputs))


def _why(op, grad, expected, cls, inputs):
    if op is None:
        return " This is the op alone, so the mistake is in its `_backward`."
    if grad is not None and _close(grad, 0.0):
        return " Nothing reached it: does every op set `out._backward`, and does `backward()` visit every node?"
    return (" The op alone agrees with torch on random inputs, so look at what happens when a value is used twice: "
            "every `_backward` must add into `.grad` (`+=`), never assign, and `backward()` must run each node once, "
            "after every node that uses it (topological order).")


def _call(function, where, *args):
    try:
        return function(*args)
    except Disagreement:
        raise
    except Exception as error:
        raise Disagreement(f"{where[0]} raised {error_text(error)}.") from error


def _torch(build, inputs):
    leaves = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in inputs]
    try:
        out = build(*leaves, *([None] * (2 - len(leaves))))
        out.backward()
    except Exception:
        return None, []
    return out.item(), [0.0 if leaf.grad is None else leaf.grad.item() for leaf in leaves]


def _number(value):
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except Exception:
        return None


def _close(value, expected):
    return math.isfinite(value) and math.isclose(value, expected, rel_tol=1e-6, abs_tol=1e-9)
