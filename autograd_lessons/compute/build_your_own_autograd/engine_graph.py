"""A learner's own scalar engine (a micrograd-style ``Value``) read as a Graph that ``draw_graph`` draws.

Introduced in Lesson 7, where the learner types the engine. Nothing here needs the
learner's class: any object with a number (``data``, or ``value`` / ``val``), a
gradient (``grad``), its parents (``_prev``, or ``_parents`` / ``parents`` / ``prev`` /
``_children`` / ``children``) and an op name (``_op``, or ``op`` / ``_operation``) will
do, and whatever is missing or odd is drawn as far as it can be. Keys follow
``graph.build_graph``: 0 is the output, then depth-first, first parent first, so a
picture of the engine reads like PyTorch's picture of the same expression.
"""

import inspect

import torch

from ..graph import Graph, Node

DATA = ("data", "value", "val")
PARENTS = ("_prev", "_parents", "parents", "prev", "_children", "children")
OP = ("_op", "op", "_operation")
NAME = ("label", "name", "_label")
MAX_NODES = 5000  # a graph that grows while it is read (or a cycle of parents) stops here


def attribute(value, names, default=None):
    """Return the first of names that value has (a missing or failing attribute counts as absent)."""
    for name in names:
        try:
            found = getattr(value, name)
        except Exception:  # a learner's property may raise: treat it as missing
            continue
        return found
    return default


def number(value):
    """Return value as a float, or None when it is not one number (a tensor of one element counts, "3.0" does not)."""
    if isinstance(value, (bool, str, bytes)):
        return None
    try:
        return float(value)
    except Exception:
        return None


def parents_of(value):
    """Return value's parents as a list, in a reproducible order (a set is sorted by op and number)."""
    found = attribute(value, PARENTS, ())
    if found is None or isinstance(found, (str, bytes)):
        return []
    try:
        parents = list(found)
    except Exception:
        return []
    if isinstance(found, (set, frozenset)):  # a set's order changes from run to run: fix one
        parents.sort(key=lambda p: (str(attribute(p, OP, "")), number(attribute(p, DATA)) or 0.0))
    return parents


def walk(output):
    """Return {id: value} of every value the output depends on, in build_graph's key order.

    The output is 0; a value gets the next number when it is first met as a parent,
    walking depth-first, first parent first, as ``graph.build_graph`` numbers PyTorch's nodes.
    """
    found, visited, stack = {id(output): output}, set(), [output]
    while stack and len(found) < MAX_NODES:
        value = stack.pop()
        if id(value) in visited:
            continue
        visited.add(id(value))
        parents = parents_of(value)
        for parent in parents:
            found.setdefault(id(parent), parent)
        on_stack = {id(v) for v in stack}
        stack.extend(p for p in reversed(parents) if id(p) not in visited and id(p) not in on_stack)
    return found


def topological_order(output):
    """Return every value behind output, each after all the values it was computed from (output last)."""
    order, done = [], set()
    values = walk(output)
    for start in reversed(list(values.values())):  # iterative post-order; no recursion limit to hit
        if id(start) in done:
            continue
        stack = [(start, iter(parents_of(start)))]
        done.add(id(start))
        while stack:
            value, parents = stack[-1]
            parent = next((p for p in parents if id(p) not in done and id(p) in values), None)
            if parent is None:
                order.append(value)
                stack.pop()
            else:
                done.add(id(parent))
                stack.append((parent, iter(parents_of(parent))))
    return order


def engine_graph(output, names=None):
    """Return the Graph of a learner's Value: every value a box, with its number, its op and its grad.

    names maps variable names to values (by default the caller's variables), so the
    boxes carry the names the learner used; a value's own ``label`` wins.
    """
    values = walk(output)
    keys = {ident: key for key, ident in enumerate(values)}
    named = _names(values, names if names is not None else caller_values(values))
    nodes = {}
    for ident, value in values.items():
        parents = [keys[id(p)] for p in parents_of(value) if id(p) in keys]
        op = str(attribute(value, OP, "") or "")
        data, grad = number(attribute(value, DATA)), number(attribute(value, ("grad",)))
        nodes[keys[ident]] = Node(
            key=keys[ident], op=op if op or parents else "leaf", is_leaf=not parents, name=named.get(ident),
            value=None if data is None else torch.tensor(data), grad=None if grad is None else torch.tensor(grad),
            inputs=parents,
        )
    return Graph(nodes, 0)


def _names(values, names):
    found = {}
    for name, value in (names or {}).items():
        if id(value) in values:
            found.setdefault(id(value), name)
    for ident, value in values.items():
        label = attribute(value, NAME)
        if isinstance(label, str) and label:
            found[ident] = label
    return found


def caller_values(values):
    """Return {name: value} for the caller's variables that hold one of values (names sorted)."""
    frame = inspect.currentframe()
    package = __name__.split(".")[0]
    while frame is not None and frame.f_globals.get("__name__", "").startswith(package):
        frame = frame.f_back
    if frame is None:
        return {}
    visible = {**frame.f_globals, **frame.f_locals}
    return {name: v for name, v in sorted(visible.items()) if not name.startswith("_") and id(v) in values}
