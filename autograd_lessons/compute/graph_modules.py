"""One box per layer: fold each ``nn.Linear`` of a model into a single node of a Graph (pure torch).

Introduced with the graph drawing at network size. ``build_graph(loss, modules=model)``
calls ``collapse_linears``: the layer's weight and bias leaves, the weight's transpose
(``TBackward0``) and the product (``AddmmBackward0``, or ``MmBackward0``/``MvBackward0``
with the add of the bias after it) become one node, keyed and placed where the
product was, whose inputs are what the layer was fed. A layer is left as it is when
folding it would hide something true: its weight or bias also feeds something else
(weight tying, a penalty on the weights), or the layer was called more than once.
"""

from dataclasses import replace

import torch

PRODUCTS = {"AddmmBackward0", "MmBackward0", "MvBackward0", "MatmulBackward0", "BmmBackward0"}
TRANSPOSES = {"TBackward0", "TransposeBackward0", "PermuteBackward0"}
RESHAPES = {"ViewBackward0", "UnsafeViewBackward0", "SqueezeBackward0", "SqueezeBackward1", "SqueezeBackward4",
            "UnsqueezeBackward0", "ReshapeAliasBackward0", "ExpandBackward0"}


def collapse_linears(nodes, leaf_keys, model):
    """Fold every ``nn.Linear`` of model found in nodes; return the new {key: Node}.

    nodes: {key: Node} as ``build_graph`` made them; leaf_keys: {id(leaf tensor): key}.
    """
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"modules must be a torch.nn.Module (your model), got {type(model).__name__}")
    nodes = dict(nodes)
    for path, module in model.named_modules():
        if isinstance(module, torch.nn.Linear):
            members = _members(nodes, leaf_keys, module)
            if members is not None:
                _fold(nodes, members, _describe(path, module))
    return nodes


def _members(nodes, leaf_keys, module):
    """Return (keys of the layer's nodes, the key of the one whose result leaves it), or None."""
    users = {key: [] for key in nodes}
    for node in nodes.values():
        for source in node.inputs:
            users[source].append(node.key)
    weight = leaf_keys.get(id(module.weight))
    bias = None if module.bias is None else leaf_keys.get(id(module.bias))
    if weight is None or weight not in nodes or (module.bias is not None and bias not in nodes):
        return None
    members, key = [weight], weight
    if len(users[key]) == 1 and nodes[users[key][0]].op in TRANSPOSES:
        key = users[key][0]
        members.append(key)
    if len(users[key]) != 1 or nodes[users[key][0]].op not in PRODUCTS:
        return None
    product = users[key][0]
    members.append(product)
    for source in nodes[product].inputs:  # a reshape of the layer's input, made by the layer itself
        if source not in members and nodes[source].op in RESHAPES and users[source] == [product]:
            members.append(source)
    end = product
    if bias is not None:
        if len(users[bias]) != 1:
            return None
        if users[bias][0] != product:  # a 1-D input: the product, maybe a reshape, then + bias
            while len(users[end]) == 1 and nodes[users[end][0]].op in RESHAPES:
                end = users[end][0]
                members.append(end)
            if len(users[end]) != 1 or users[end][0] != users[bias][0] or nodes[users[bias][0]].op != "AddBackward0":
                return None
            end = users[bias][0]
            members.append(end)
        members.append(bias)
    inside = set(members)
    if any(set(users[key]) - inside for key in members if key != end):
        return None
    return members, end


def _fold(nodes, found, text):
    members, end = found
    inside = set(members)
    inputs = [source for key in reversed(members) for source in nodes[key].inputs if source not in inside]
    last = nodes[end]
    nodes[end] = replace(last, op="Linear", is_leaf=False, inputs=inputs, module=text, members=sorted(inside))
    for key in inside - {end}:
        del nodes[key]


def _describe(path, module):
    layer = f"Linear({module.in_features} → {module.out_features})"
    return f"{path} · {layer}" if path else layer
