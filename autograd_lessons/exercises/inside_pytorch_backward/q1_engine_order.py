"""q1 · predict the order the engine runs the nodes (Lesson 8): the exercise, its checker, hints and solution.

The oracle is the engine itself: the checker builds the exercise's graph on fresh leaves
and records, with ``trace_backward``, the order in which PyTorch really runs its nodes.
"""

import re

import torch

from ...compute.inside_pytorch_backward import trace_backward
from ..answers import describe
from ..checking import correct, incorrect, placeholders
from ..question import question
from .causes import ORDER_CAUSES

CODE = """a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
c = a.sin()
d = a * b
out = c + d.exp()"""
LEAVES = ("a", "b")


def engine_order():
    """Return the exercise's nodes in the order PyTorch runs them, as PyTorch names them: ["AddBackward0", ...]."""
    a = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(2.0, requires_grad=True)
    c = a.sin()
    d = a * b
    out = c + d.exp()
    trace = trace_backward(out, names={"a": a, "b": b, "c": c, "d": d, "out": out})
    return [f"{s.op} ({trace.graph.nodes[s.key].name})" if s.op == "AccumulateGrad" else s.op for s in trace.steps]


SYMBOLS = {"+": "Add", "*": "Mul"}


def short(name):
    """Return a node's name as the checker compares it: "MulBackward0", "mul", "*" give "Mul"; a leaf, "b"."""
    text = re.sub(r"[\s_]", "", str(name))
    leaf = re.fullmatch(r"(?i)(?:accumulategrad|accumulate|leaf)?[(\[]?([ab])[)\]]?(?:\.grad)?", text)
    if leaf:
        return leaf.group(1).lower()
    if re.fullmatch(r"(?i)accumulategrad|accumulate|leaf", text):
        return "AccumulateGrad"
    for pattern in (r"^(torch)?\.", r"\(\)$", r"(?i)backward\d*$"):  # torch.sin, .exp(), SinBackward0()
        text = re.sub(pattern, "", text)
    return SYMBOLS.get(text, text[:1].upper() + text[1:].lower())


def entries(answer):
    """Return the answer as a list of node names, or a Result saying why it cannot be read as one."""
    if isinstance(answer, str):
        parts = [part for part in re.split(r"\s*(?:,|;|→|->|=>)\s*", answer.strip()) if part]
        answer = parts if len(parts) > 1 else answer.split()
    if answer is None:
        return incorrect("`order` is None: write a list of the nodes' names, in the order they run, for example "
                         "`order = [\"AddBackward0\", ...]`.", "wrong-kind")
    if not isinstance(answer, (list, tuple)):
        return incorrect(f"`order` is {describe(answer)}: write a list of the nodes' names, in the order they run, "
                         "for example `order = [\"AddBackward0\", ...]`.", "wrong-kind")
    if not all(isinstance(item, str) for item in answer):
        odd = next(item for item in answer if not isinstance(item, str))
        return incorrect(f"every entry of `order` should be a node's name in quotes, like \"AddBackward0\"; one is "
                         f"{describe(odd)}.", "wrong-kind")
    return [short(item) for item in answer]


def matches(given, expected):
    """True when each given name is the expected node (a leaf may be named by its variable or as AccumulateGrad)."""
    return len(given) == len(expected) and all(
        g == e or (e in LEAVES and g == "AccumulateGrad") for g, e in zip(given, expected))


@question(
    title="predict the order the engine runs the nodes (Lesson 8)",
    hints=["Two rules decide the order (section 8.2). A node runs only once every node that uses its result has "
           "run and sent it a gradient. Among the nodes that are ready, the engine takes the one recorded last in "
           "the forward pass, and a leaf's `AccumulateGrad` runs as soon as it is ready.",
           "The forward pass recorded `SinBackward0` (c), then `MulBackward0` (d), then `ExpBackward0`, then "
           "`AddBackward0` (out). After `AddBackward0`, both `SinBackward0` and `ExpBackward0` are ready: which one "
           "was recorded later? And when is b's `AccumulateGrad` ready?"],
    solution="""
order = ["AddBackward0", "ExpBackward0", "MulBackward0", "AccumulateGrad (b)", "SinBackward0", "AccumulateGrad (a)"]
""",
    explanation="`AddBackward0` runs first (it made `out`). Then `SinBackward0` and `ExpBackward0` are both ready, "
                "and `ExpBackward0`, recorded later, wins. After it, `MulBackward0` (recorded after `SinBackward0`) "
                "runs; b is now complete, so its `AccumulateGrad` runs at once. Only then `SinBackward0`, and a's "
                "`AccumulateGrad` last, adding up the two gradients that reached a. "
                "`trace_backward(out).order()` shows the same.",
    causes=ORDER_CAUSES,
)
def q1(order):
    """Return the Result for `order`, judged against the order trace_backward records on the exercise's graph."""
    if problem := placeholders(order=order):
        return problem
    given = entries(order)
    if not isinstance(given, list):
        return given
    names = engine_order()
    expected, count = [short(name) for name in names], len(names)
    if matches(given, expected):
        return correct("that is the order PyTorch's engine runs them: " + " → ".join(names) + ". A node waits "
                       "for every node that uses its result; among the ready ones, the one recorded last runs "
                       "first, and a leaf's `AccumulateGrad` runs the moment it is ready.")
    if given and given[0] in LEAVES + ("AccumulateGrad", "Sin"):
        return incorrect("backward starts at the output: the first node to run is the one that made `out`, and the "
                         "leaves come last. Your list starts where the forward pass started.", "started-at-the-inputs")
    if given.count("AccumulateGrad") + sum(given.count(leaf) for leaf in LEAVES) > len(LEAVES):
        return incorrect("each leaf has one `AccumulateGrad` node, and it runs once: the engine adds up every "
                         "gradient that reaches a before running its node. List each leaf once.",
                         "leaf-runs-per-gradient")
    if len(given) != count:
        return incorrect(f"the graph behind `out` has {count} nodes and each runs exactly once; your list has "
                         f"{len(given)}. Count one node per operation (sin, *, exp, +) and one `AccumulateGrad` per "
                         "leaf (a and b).", "nodes-miscounted")
    if matches(given, ["Add", "Sin", "Exp", "Mul", "b", "a"]) or matches(given, ["Add", "Sin", "Exp", "Mul", "a", "b"]):
        return incorrect("after `AddBackward0`, `SinBackward0` and `ExpBackward0` are both ready, and the engine "
                         "does not take them in the order of `c + d.exp()`: it takes the one recorded last in the "
                         "forward pass, `ExpBackward0`.", "code-order-for-ready-nodes")
    if given[:4] == ["Add", "Exp", "Mul", "Sin"]:  # every node and each leaf once: the leaves come last
        return incorrect("the first three are right. After `MulBackward0`, b has received everything it will get, "
                         "and a leaf's `AccumulateGrad` runs as soon as it is ready, before any other ready node.",
                         "leaf-waits-for-the-end")
    return incorrect("that is not the order the engine runs them. Start from `AddBackward0`, and at each step ask "
                     "which nodes are ready (every user has run) and which of them was recorded last; "
                     "`q1.hint()` walks through it.", "other")
