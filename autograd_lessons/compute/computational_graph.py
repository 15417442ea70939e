"""The graph that Lesson 2's branchy and loopy functions record at a given x (pure torch).

Introduced with Lesson 2's live-graph explorer. ``dynamic_graph("loop", 0.75)``
does what section 2.6 of the lesson did by hand: a fresh leaf x with
requires_grad, the function run inside ``record_values()``, then
``out.backward()``; it returns the graph (values and grads in every box), the
graph as text, which lines of the function ran, out and x.grad.
"""

from dataclasses import dataclass

import torch

from .graph import Graph, build_graph, graph_text, record_values

LIMIT = 10.0
MAX_DOUBLINGS = 12  # the loop refuses an x that would take longer than this (or forever, x <= 0)


def f(x):
    """Lesson 2's function with a branch: x**2 for x > 0, else 0.5 * x."""
    if x > 0:
        return x**2
    else:
        return 0.5 * x


def double_until(x, limit=LIMIT):
    """Lesson 2's function with a loop: double x until it reaches limit."""
    while x < limit:
        x = x * 2
    return x


@dataclass(frozen=True)
class Function:
    """One of the lesson's functions: its code as the lesson wrote it, the Python function, a range for x."""

    source: str
    call: str  # the line that calls it on x
    python: object
    xlim: tuple
    x: float  # where an explorer starts


FUNCTIONS = {
    "branch": Function("def f(x):\n    if x > 0:\n        return x**2\n    else:\n        return 0.5 * x",
                       "out = f(x)", f, (-3.0, 3.0), 2.0),
    "loop": Function("def double_until(x, limit=10):\n    while x < limit:\n        x = x * 2\n    return x",
                     "out = double_until(x)", double_until, (0.75, 12.0), 3.0),
}


@dataclass(frozen=True)
class DynamicGraph:
    """What one run recorded: the graph, its text, the path taken, out and x.grad (None before backward)."""

    function: str
    x: float
    graph: Graph
    text: str
    path: str  # which branch ran, or how many times the loop body ran
    ran: dict  # line index in the function's source -> how many times it ran
    out: float
    grad: float = None  # x.grad, None when backward was not run

    @property
    def short(self):
        """Which branch ran, or how often the loop body did, in a few words."""
        if self.function == "branch":
            return "if: x**2" if 2 in self.ran else "else: 0.5 * x"
        return f"loop body × {self.ran.get(2, 0)}"

    def code(self):
        """Return the lines that produced this run, exactly as a learner would type them."""
        lines = [FUNCTIONS[self.function].source, "",
                 f"x = torch.tensor({round(self.x, 4)!r}, requires_grad=True)",
                 "with record_values() as rec:",
                 "    " + FUNCTIONS[self.function].call]
        return "\n".join(lines + (["out.backward()"] if self.grad is not None else []))


def dynamic_graph(function, x, backward=True):
    """Run one of FUNCTIONS at x on a fresh leaf, record every value, optionally backward; return a DynamicGraph."""
    x = float(x)
    if function == "loop" and not (x > 0 and _doublings(x) <= MAX_DOUBLINGS):  # also refuses nan
        raise ValueError(f"double_until(x) would need more than {MAX_DOUBLINGS} doublings to reach {LIMIT:g} "
                         f"from x = {x:g} (from x <= 0 it never gets there): pick a larger x.")
    leaf = torch.tensor(x, requires_grad=True)
    with record_values() as rec:
        out = FUNCTIONS[function].python(leaf)
    if backward:
        out.backward()
    graph = build_graph(out, names={"x": leaf, "out": out}, recorded=rec)
    path, ran = _path(function, graph)
    grad = None if leaf.grad is None else leaf.grad.item()
    return DynamicGraph(function, x, graph, graph_text(graph), path, ran, out.item(), grad)


def shape(graph):
    """Return what decides the picture's layout: the ops, the arrows and which boxes have a grad."""
    return tuple((key, node.op, tuple(node.inputs), node.name, node.grad is None) for key, node in graph.nodes.items())


def _doublings(x):
    """How many times the loop body runs for x (a large number for x <= 0, where it never stops)."""
    count = 0
    while x < LIMIT and count <= MAX_DOUBLINGS:
        x, count = x * 2, count + 1
    return count


def _path(function, graph):
    """Read from the recorded graph which lines ran: in words, and as {line index: times it ran}."""
    if function == "branch":
        if "PowBackward0" in graph.ops():
            return "x > 0, so the if branch ran: out = x**2", {1: 1, 2: 1}
        return "x > 0 is False, so the else branch ran: out = 0.5 * x", {1: 1, 3: 1, 4: 1}
    n = graph.ops().count("MulBackward0")
    if n == 0:
        return f"x ≥ {LIMIT:g} already, so the loop body never ran: out is x itself", {1: 1, 3: 1}
    return f"the loop body ran {n} time{'s' if n > 1 else ''}, so out = {2**n}·x", {1: n + 1, 2: n, 3: 1}
