"""Run a learner's Value class against PyTorch on many expressions, and say where they first disagree (torch only).

Lesson 7's checkers all ask the same of the learner's engine: for one op (``exp``, ``**``,
``sigmoid``), the value and every leaf's grad must be PyTorch's. The check runs, through the
learner's own ``backward()``: ``+``, ``*`` and the op alone at random inputs, and each followed by
``* 3``, so the gradient reaching it is not 1; the question's own cases (a number exponent at a
negative base, the lesson's later uses of ``**``); a diamond, where one value of the op feeds two
others; then random expressions that mix the op with ``+`` and ``*`` and use x and y more than
once. Where a grad first differs, diagnosis.py runs the ops' own ``_backward`` to name the cause.
The learner's class is only ever called, never read: everything runs under one ``run_bounded``,
so an error, a wrong return type or a loop that never ends becomes a sentence naming the
expression, the input and what went wrong.
"""

import math
import random
from dataclasses import dataclass

from ...compute.bounded import error_text, run_bounded
from ...compute.numbers import fmt
from ..checking import correct, incorrect, not_attempted
from .diagnosis import NAMES, UPSTREAM, close, diagnose_op, diagnose_order, torch_grads

SECONDS = 5.0  # for the whole check: hundreds of tiny expressions take a few milliseconds


@dataclass(frozen=True)
class Case:
    """One more expression a question runs: how to build it from x (and y), how it reads, and at which inputs."""

    build: object
    text: str
    draws: tuple  # inputs, one tuple per run, in order: a case that breaks at a negative base runs a positive first
    kind: str = ""  # what the question's `explain` knows about it, e.g. "number exponent"
    suspects: tuple = ()  # the Ops whose own `_backward` to run when it disagrees (the question's op if none)
    base: object = None  # base(x, y): the number a power in it is taken of, for a question that asks about one


@dataclass(frozen=True)
class Op:
    """The op a question asks for: how to write it, call it on Values or tensors, and where to draw inputs."""

    name: str  # as the messages name it: "exp"
    arity: int
    apply: object  # apply(a) or apply(a, b), the same for Values and tensors
    text: object  # text("x") or text("x", "y"): how the expression reads
    method: str = ""  # the attribute a class must have for the op ("exp"); "" where Python always finds one
    low: float = -2.0  # random inputs are drawn from [low, high]
    high: float = 2.0
    cases: tuple = ()  # more Cases, run after the op alone
    explain: object = None  # explain(cls, error, case, inputs, phase) -> (sentence, cause) or None


ADD = Op("+", 2, lambda a, b: a + b, lambda a, b: f"{a} + {b}")
MUL = Op("*", 2, lambda a, b: a * b, lambda a, b: f"{a} * {b}")


class Disagreement(Exception):
    """The learner's engine and torch disagree, or the learner's code failed; the message says where, cause why."""

    def __init__(self, message, cause):
        super().__init__(message)
        self.cause = cause


def check_engine(cls, op, right, seed=0):
    """Return the Result of running cls against torch on op alone, then on the op's cases and random expressions."""
    if cls is Ellipsis:
        return not_attempted()
    if not isinstance(cls, type):
        return _not_a_class(cls, op)
    if op.method and not hasattr(cls, op.method):
        return incorrect(f"your `{cls.__name__}` has no `{op.method}`: run the cell that defines it, which ends "
                         f"`{cls.__name__}.{op.method} = {op.method}`, then check again.", "op-not-attached")
    where = ["`Value(0.5)`"]
    outcome = run_bounded(_run_all, cls, op, random.Random(seed), where, seconds=SECONDS)
    if outcome.timed_out:
        return incorrect(f"{where[0]} was still running after {SECONDS:g} s, so it was stopped: look for a loop "
                         "that never ends, in the op, in a `_backward` or in `backward()`.", "ran-too-long")
    if outcome.error is not None:
        if isinstance(outcome.error, Disagreement):
            if outcome.error.cause == "not-attempted":
                return not_attempted("a `...` is still in your code: replace it with the gradient, then run the "
                                     "cell again.")
            return incorrect(str(outcome.error), outcome.error.cause)
        return incorrect(f"{where[0]} raised {error_text(outcome.error)}.", "code-raised")
    return correct(right)


def _not_a_class(answer, op):
    kind = type(answer).__name__
    if callable(answer) and getattr(answer, "__name__", "") == op.method:
        return incorrect(f"you passed the function `{op.method}`; the check takes your class. Attach the function "
                         f"to it first, `Value.{op.method} = {op.method}`, then pass `Value`.", "wrong-kind")
    if hasattr(answer, "data") and hasattr(answer, "grad"):
        return incorrect(f"you passed one {kind} (a number of your engine); the check takes the class itself, "
                         f"`{kind}`.", "wrong-kind")
    return incorrect(f"pass your class itself, `Value`; this is {kind}.", "wrong-kind")


def _run_all(cls, op, rng, where):
    for basic in (ADD, MUL, op):  # each op alone first, so a mistake is named where it is
        for i in range(12):
            inputs = _draw(rng, op, basic.arity)
            if i % 2 == 0:
                _compare(cls, _alone(basic), basic.text(*NAMES[:basic.arity]), inputs, where, op, (basic,))
            else:
                text = _bracketed(basic.text(*NAMES[:basic.arity])) + f" * {fmt(UPSTREAM)}"
                _compare(cls, _scaled(basic), text, inputs, where, op, (basic, MUL))
    for case in op.cases:
        for inputs in case.draws:
            _compare(cls, case.build, case.text, list(inputs), where, op, case.suspects or (op,), case=case)
    for _ in range(3):  # a diamond: one value of the op feeds two others, so backward must wait for both
        text = f"m * 2 + m * 3, where m = {op.text(*NAMES[:op.arity])}"
        _compare(cls, _diamond(op), text, _draw(rng, op, op.arity), where, op, (op, ADD, MUL), order=True)
    for _ in range(40):
        build, text = _expression(rng, op, depth=3)
        _compare(cls, build, text, _draw(rng, op, 2), where, op, (op, ADD, MUL), order=True)


def _bracketed(text):
    return f"({text})" if " " in text else text


def _alone(basic):
    return lambda x, y: basic.apply(*(x, y)[:basic.arity])


def _scaled(basic):
    return lambda x, y: basic.apply(*(x, y)[:basic.arity]) * UPSTREAM


def _diamond(op):
    def build(x, y):
        m = op.apply(*(x, y)[:op.arity])
        return m * 2 + m * 3
    return build


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


def _compare(cls, build, text, inputs, where, op, suspects, order=False, case=None):
    """Run build on the learner's Values and on torch's; raise a Disagreement at the first number that differs."""
    names = NAMES[:len(inputs)]
    where[0] = f"`{text}` at " + ", ".join(f"{n} = {fmt(v)}" for n, v in zip(names, inputs))
    expected_value, expected_grads = torch_grads(build, inputs)
    if expected_value is None or not all(map(math.isfinite, [expected_value, *expected_grads])):
        return  # outside the op's domain for these inputs: torch has no answer to compare with
    context = (cls, op, case or Case(build, text, ()), inputs)
    leaves = [_call(cls, where, context, "forward", v) for v in inputs]
    out = _call(build, where, context, "forward", *leaves, *([None] * (2 - len(leaves))))
    data = _number(getattr(out, "data", None))
    if data is None:
        cause = "returns-a-number" if _number(out) is not None else "other"
        raise Disagreement(f"{where[0]} returned {type(out).__name__}, not one of your Values with a number in "
                           "`.data`: an op must return `out`.", cause)
    if not close(data, expected_value):
        raise Disagreement(f"{where[0]}: your value is {fmt(data)}, torch's is {fmt(expected_value)}.", "wrong-value")
    backward = getattr(out, "backward", None)
    if not callable(backward):
        raise Disagreement(f"{where[0]} gave a Value without a `backward()` method.", "other")
    _call(backward, where, context, "backward")
    for name, leaf, expected in zip(names, leaves, expected_grads):
        grad = _number(getattr(leaf, "grad", None))
        if grad is None or not close(grad, expected):
            shown = "not a number" if grad is None else fmt(grad)
            sentence, cause = _why(cls, build, inputs, suspects, order)
            raise Disagreement(f"{where[0]}: your {name}.grad is {shown}, torch's is {fmt(expected)}.{sentence}",
                               cause)


def _why(cls, build, inputs, suspects, order):
    """Return (sentence, cause): what the ops' own `_backward`s or the order of backward show, or what is known."""
    fine = []
    for op in suspects:
        results = [diagnose_op(cls, op, point) for point in _points(op, inputs)]
        found = next((r for r in results if r), None)
        if found:
            return found
        if results and all(r == () for r in results):
            fine.append(op)
    observed = False
    if order:
        found = diagnose_order(cls, build, inputs)
        if found:
            sentence, cause = found
            if len(fine) == len(suspects):
                return " Each op on its own sends torch's gradients, but" + sentence, cause
            return " In it," + sentence, cause
        observed = found == ()
    return _unexplained(fine, observed)


def _unexplained(fine, observed):
    """The sentence for a difference no probe explains: only what the probes saw working, nothing more."""
    parts = []
    if fine:
        ops = [f"`{op.text(*NAMES[:op.arity])}`" for op in fine]
        names = ops[0] if len(ops) == 1 else ", ".join(ops[:-1]) + " and " + ops[-1]
        parts.append(f"{names} {'agrees' if len(ops) == 1 else 'each agree'} with torch when run on its own "
                     f"(its `_backward` with out.grad = {fmt(UPSTREAM)}, adding to a grad that holds something, "
                     "and its output listing its inputs as parents)")
    if observed:
        parts.append("your `backward()` runs each `_backward` once, after every value that uses it")
    if not parts:
        return "", "other"
    return " At these inputs " + ", and ".join(parts) + ": look at what else this expression runs.", "other"


def _points(op, inputs):
    """The inputs at which to run one op on its own: each input for a one-input op, both orders for two."""
    if op.arity == 1:
        return [[v] for v in inputs]
    pair = (list(inputs) * 2)[:2]
    return [pair, pair[::-1]]


def _call(function, where, context, phase, *args):
    try:
        return function(*args)
    except Disagreement:
        raise
    except Exception as error:
        if "ellipsis" in str(error).lower():
            raise Disagreement("a `...` is still in the code", "not-attempted") from error
        cls, op, case, inputs = context
        found = op.explain(cls, error, case, inputs, phase) if op.explain else None
        sentence, cause = found or ("", "code-raised")
        raise Disagreement(f"{where[0]} raised {error_text(error)}.{sentence}", cause) from error


def _number(value):
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except Exception:
        return None
