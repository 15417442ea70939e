"""Why a learner's engine disagrees with torch: one op's `_backward` run on its own, or the order backward ran them.

Called by oracle.py once an expression has given a grad that is not torch's, under the same
time bound. Each probe builds the op afresh from the learner's class and calls its own
`_backward` directly, as section 7.2 of the lesson does by hand: with ``out.grad = 3`` (not 1,
so a missing ``* out.grad`` shows), first into grads of 0, then into grads that already hold
0.5 (so a `_backward` that assigns shows). What it finds is said as what happened, with the
numbers it saw; when a probe cannot run (the class has no `_backward` of its own), nothing is
claimed. ``diagnose_order`` counts the `_backward` calls of the learner's ``backward()``.
"""

import math
from collections import Counter

import torch

from ...compute.build_your_own_autograd.engine_graph import DATA, OP, attribute, number, parents_of, walk
from ...compute.numbers import fmt

UPSTREAM = 3.0  # the gradient the probes put in out.grad: not 1, so a forgotten `* out.grad` shows
HELD = 0.5  # what a leaf's grad already holds in the second probe: an assigning `_backward` overwrites it
NAMES = ("x", "y")


def close(value, expected):
    """True when value is a finite number within float64 rounding of expected."""
    return value is not None and math.isfinite(value) and math.isclose(value, expected, rel_tol=1e-6, abs_tol=1e-9)


def torch_grads(build, inputs):
    """Return (value, [d out / d input]) of build on float64 leaves, or (None, []) where torch has no answer."""
    leaves = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in inputs]
    try:
        out = build(*leaves, *([None] * (2 - len(leaves))))
        out.backward()
    except Exception:
        return None, []
    return out.item(), [0.0 if leaf.grad is None else leaf.grad.item() for leaf in leaves]


def diagnose_op(cls, op, inputs):
    """Return (sentence, cause) for what op's own `_backward` does wrong at inputs; () if nothing, None if untried.

    None means the probe could not run: torch has no answer there, or the class keeps no `_backward`.
    """
    value, derivatives = torch_grads(lambda x, y: op.apply(*(x, y)[:op.arity]), inputs)
    if value is None or not all(map(math.isfinite, derivatives)):
        return None
    text = op.text(*NAMES[:op.arity])
    try:
        first = _probe(cls, op, inputs, 0.0)
        if first is None:
            return None
        found = _first_probe(cls, op, text, inputs, derivatives, *first)
        if found is None:
            found = _second_probe(text, inputs, derivatives, _probe(cls, op, inputs, HELD))
        if found is None:
            found = _parents(cls, op, text, inputs, derivatives)
    except Exception:  # the learner's code failed in a way the probe did not foresee: claim nothing
        return None
    return found or ()


def _probe(cls, op, inputs, held):
    """Build op on fresh Values, put `held` in their grads and 3 in out.grad, call out._backward(): return what came."""
    leaves = [cls(v) for v in inputs]
    out = op.apply(*leaves)
    step = getattr(out, "_backward", None)
    if not callable(step):
        return None
    for leaf in leaves:
        leaf.grad = held
    out.grad = UPSTREAM
    step()
    return out, [number(getattr(leaf, "grad", None)) for leaf in leaves]


def _first_probe(cls, op, text, inputs, derivatives, out, got):
    """Grads started at 0: is what the op's `_backward` sent 3 × its derivative?"""
    expected = [UPSTREAM * d for d in derivatives]
    wrong = [i for i, (g, e) in enumerate(zip(got, expected)) if not close(g, e)]
    if not wrong:
        return None
    ran = f" Run on its own at {_at(inputs)} with out.grad = {fmt(UPSTREAM)}, the `_backward` of `{text}`"
    if all(close(g, 0.0) for g in got) and _does_nothing(cls, out):
        return (f" The Value that `{text}` returns still has the do-nothing `_backward` every new Value starts "
                "with, so nothing reaches its input: store the op's function with `out._backward = _backward` "
                "before `return out`.", "backward-not-attached")
    i = wrong[0]
    name, g, d, e = NAMES[i], got[i], derivatives[i], expected[i]
    if g is None:
        return f"{ran} left {name}.grad as something that is not a number.", "other"
    if not close(d, 0.0) and close(g, d):
        return (f"{ran} added {fmt(g)} to {name}.grad: d({text})/d{name} = {fmt(d)}, the derivative alone, not "
                f"multiplied by out.grad. Torch adds {fmt(UPSTREAM)} × {fmt(d)} = {fmt(e)}: the chain rule multiplies "
                "the op's derivative by the gradient that reached `out`, so end the line with `* out.grad`.",
                "forgot-upstream")
    if op.arity == 2 and close(got[0], expected[1]) and close(got[1], expected[0]):
        return (f"{ran} sent {fmt(got[0])} to x.grad and {fmt(got[1])} to y.grad, where torch sends {fmt(e)} to "
                f"x.grad and {fmt(expected[1])} to y.grad: the two shares are swapped.", "swapped-shares")
    if close(g, 0.0):
        return (f"{ran} left {name}.grad at 0: it sends nothing to {name}, where torch sends {fmt(e)} "
                f"({fmt(UPSTREAM)} × d({text})/d{name} = {fmt(UPSTREAM)} × {fmt(d)}).", "missing-share")
    return (f"{ran} added {fmt(g)} to {name}.grad, where torch adds {fmt(UPSTREAM)} × {fmt(d)} = {fmt(e)} "
            f"({fmt(d)} is d({text})/d{name} there): look at the derivative that `_backward` multiplies out.grad "
            "by.", "wrong-derivative")


def _second_probe(text, inputs, derivatives, probe):
    """Grads started at 0.5: did the op's `_backward` add to them, or replace them?"""
    if probe is None:
        return None
    _, got = probe
    for name, g, d in zip(NAMES, got, derivatives):
        sent = UPSTREAM * d
        if not close(g, HELD + sent) and close(g, sent) and not close(HELD + sent, sent):
            return (f" Run on its own at {_at(inputs)} with out.grad = {fmt(UPSTREAM)} when {name}.grad already held "
                    f"{fmt(HELD)}, the `_backward` of `{text}` left {name}.grad at {fmt(g)}, what it sends, not "
                    f"{fmt(HELD)} + {fmt(sent)}: it replaced what was there. Add into `.grad` (`+=`), never assign "
                    "(`=`): a value used twice must collect the share of every path (section 7.3).",
                    "assigned-not-added")
    return None


def _parents(cls, op, text, inputs, derivatives):
    """Does the op's output list every input among its parents? (backward can only reach what `_prev` holds)"""
    leaves = [cls(v) for v in inputs]
    out = op.apply(*leaves)
    held = {id(p) for p in parents_of(out)}
    missing = [name for name, leaf, d in zip(NAMES, leaves, derivatives) if id(leaf) not in held and not close(d, 0)]
    if not missing:
        return None
    parents = "(self,)" if op.arity == 1 else "(self, other)"
    return (f" The op's own `_backward` sends torch's gradients, but the Value that `{text}` returns does not hold "
            f"{missing[0]} among its parents (`_prev`). `backward()` (section 7.5) finds the values to run by "
            "following `_prev` from the output, so once the op is not the last step, what comes before it is never "
            f"reached. Give the output every input as a parent: `Value(..., {parents}, ...)`.", "missing-parents")


def _does_nothing(cls, out):
    """True when out's `_backward` runs the same code as the one a new Value starts with (it was never replaced)."""
    fresh = getattr(cls(1.0), "_backward", None)
    code = getattr(fresh, "__code__", None)
    return code is not None and getattr(getattr(out, "_backward", None), "__code__", None) is code


def diagnose_order(cls, build, inputs):
    """Return (" your `backward()` ran ...", cause) if it runs a `_backward` twice or too early; () if it does not.

    None means the order could not be seen: building or running it raised, or no `_backward` was called.
    """
    try:
        leaves = [cls(v) for v in inputs]
        out = build(*leaves, *([None] * (2 - len(leaves))))
        values, runs = walk(out), []
        for value in values.values():
            step = getattr(value, "_backward", None)
            if callable(step):
                value._backward = _counted(step, id(value), runs)
        out.backward()
    except Exception:
        return None
    if not runs:  # this backward() does not call `_backward`s: there is no order to look at
        return None
    return _order_problem(values, runs)


def _counted(step, ident, runs):
    def counted():
        runs.append(ident)
        return step()
    return counted


def _order_problem(values, runs):
    counts, first = Counter(runs), {}
    for position, ident in enumerate(runs):
        first.setdefault(ident, position)
    users = {}
    for value in values.values():
        for parent in parents_of(value):
            users.setdefault(id(parent), []).append(value)
    rule = ("each `_backward` must run once, after every value that uses it has run (a topological order, "
            "section 7.5).")
    for ident, value in values.items():
        if not parents_of(value):
            continue  # a leaf's `_backward` sends nothing, however often it runs
        this = _describe(value)
        if counts[ident] != 1:
            times = "never" if counts[ident] == 0 else f"{counts[ident]} times"
            return f" your `backward()` ran the `_backward` of {this} {times}: {rule}", "backward-order"
        early = [user for user in users.get(ident, []) if first.get(id(user), math.inf) > first[ident]]
        if early:
            return (f" your `backward()` ran the `_backward` of {this} before that of {_describe(early[0])}, which "
                    f"uses it: {rule}", "backward-order")
    return ()


def _describe(value):
    op, data = attribute(value, OP, ""), number(attribute(value, DATA))
    return f"the `{op}` value {'' if data is None else fmt(data)}".rstrip()


def _at(inputs):
    return ", ".join(f"{n} = {fmt(v)}" for n, v in zip(NAMES, inputs))
