"""Reading what a learner passed to a check: numbers and leaves, whatever comes in (torch only).

Introduced with the exercises of Lesson 6 (gradients.py reads gradients). Each
``*_problem`` helper looks at one answer and returns a checking Result that says what
is wrong and what to do about it, or ``None`` when it found nothing wrong. Whatever comes in
(``...``, ``None``, a float, a list, a string, a tensor of the wrong shape, a non-leaf tensor)
they answer and never raise, and they never read the ``.grad`` of a non-leaf (which would print
a warning under the learner's cell). Each wrong verdict names a general cause (checking.GENERAL_CAUSES):
"wrong-kind", or what a tracked tensor lacks ("not-tracked", "not-a-leaf", "no-backward", ...).
"""

import math
import numbers

import torch

from .checking import Result, close, incorrect
from ..compute.numbers import fmt


def shape_text(shape):
    """Return a shape the way a learner reads it: "a single number, shape ()" or "shape (3,)"."""
    shape = tuple(shape)
    return "a single number, shape ()" if shape == () else f"shape {shape}"


def values(tensor):
    """Return a tensor's numbers as a float (one number) or a list of floats, or None if they cannot be read."""
    if tensor.is_complex():
        return None
    try:
        flat = tensor.detach().reshape(-1).double().tolist()
    except Exception:  # meta tensors, sparse layouts, ...: nothing a learner should ever pass, but never raise
        return None
    return flat[0] if tensor.dim() == 0 else flat


def grad_of(tensor):
    """Return tensor.grad without the warning PyTorch prints for a non-leaf (whose .grad is always None)."""
    return tensor.grad if tensor.is_leaf or tensor.retains_grad else None


def _short(text, limit=30):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _looks_like_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def describe(value):
    """Describe a value that is not a tensor: "the Python float 32.0", "a list of 3 items", "a dict"."""
    if isinstance(value, bool):
        return f"the yes/no value `{value}`"
    if isinstance(value, int):
        return f"the Python int {value if abs(value) < 1e15 else '(a very large one)'}"
    if isinstance(value, float):
        text = f"{value:g}"
        return f"the Python float {text + '.0' if text.lstrip('-').isdigit() else text}"
    if isinstance(value, str):
        return f"the text {_short(value)!r}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} item{'' if len(value) == 1 else 's'}"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} `{name}`"


def plain_number(value):
    """Return a NumPy number, a one-number NumPy array or a Fraction as a Python number; anything else unchanged."""
    if type(value).__module__ == "numpy" and getattr(value, "size", None) == 1 and hasattr(value, "item"):
        try:
            return value.item() if getattr(value, "ndim", 0) == 0 else value.reshape(-1)[0].item()
        except Exception:  # an exotic NumPy dtype: described as it is
            return value
    if isinstance(value, numbers.Rational) and not isinstance(value, (bool, int)):
        return float(value)
    return value


def number_problem(value, name):
    """Return why value is not one number (an int, a float, a NumPy number or a one-number tensor), or None if it is."""
    value = plain_number(value)
    if value is None:
        return incorrect(f"`{name}` is None: write a number, for example `{name} = 2.5`.", "wrong-kind")
    if isinstance(value, str):
        if _looks_like_number(value.strip()):
            return incorrect(f"`{name}` is the text {_short(value)!r}: write the number without quotes, "
                             f"`{name} = {_short(value.strip())}`.", "wrong-kind")
        return incorrect(f"`{name}` is {describe(value)}: write a number, without quotes.", "wrong-kind")
    if isinstance(value, torch.Tensor):
        if value.numel() != 1:
            return incorrect(f"`{name}` is a tensor of shape {tuple(value.shape)}: write one number.", "wrong-kind")
        if value.is_complex() or value.dtype == torch.bool:
            kind = str(value.dtype).replace("torch.", "")
            return incorrect(f"`{name}` is a tensor of {kind} values: write one real number.", "wrong-kind")
        number = values(value)
        if number is None:
            return incorrect(f"`{name}` is a tensor whose value cannot be read: write a plain number.", "wrong-kind")
        value = number[0] if isinstance(number, list) else number
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        return incorrect(f"`{name}` is {describe(value)}: write one number, for example `{name} = 2.5`.", "wrong-kind")
    if isinstance(value, int) and abs(value) > 1e300:
        return incorrect(f"`{name}` is an integer too large for a float: write a reasonable number.", "wrong-kind")
    if math.isnan(value):
        return incorrect(f"`{name}` is nan (not a number): write the number you expect.", "wrong-kind")
    if math.isinf(value):
        return incorrect(f"`{name}` is infinite: write the finite number you expect.", "wrong-kind")
    return None


def number(value):
    """Return value as a float; call it only after number_problem(value) found nothing wrong."""
    value = plain_number(value)
    if isinstance(value, torch.Tensor):
        number = values(value)
        return number[0] if isinstance(number, list) else number
    return float(value)


def leaf_problem(value, name, example, shape=(), missing_grad=None, need_grad=True):
    """Return why value is not a tracked leaf whose .grad a backward pass has filled, or None if it is.

    example is the code that creates the right tensor (shown in messages); missing_grad
    (a message, or a whole Result) replaces the verdict on a tracked leaf whose .grad is
    still None; need_grad=False accepts such a leaf.
    """
    create = f"`{name} = {example}`"
    if value is None:
        return incorrect(f"`{name}` is None: create it as a tensor, {create}.", "wrong-kind")
    if not isinstance(value, torch.Tensor):
        return incorrect(f"`{name}` is {describe(value)}, not a tensor, so autograd cannot track it: write {create}.",
                         "wrong-kind")
    if not value.is_floating_point():
        return incorrect(f"`{name}` is a tensor of {str(value.dtype).replace('torch.', '')} numbers, and only "
                         f"floating-point tensors can require grad: write {create} (Lesson 1, section 1.8).",
                         "wrong-kind")
    if tuple(value.shape) != tuple(shape):
        return incorrect(f"`{name}` has shape {tuple(value.shape)}, but the exercise needs {shape_text(shape)}: "
                         f"write {create}.", "wrong-kind")
    if not value.requires_grad:
        shown = values(value)
        holding = f" (it holds {fmt(shown)})" if shown is not None else ""
        return incorrect(f"`{name}` does not require grad{holding}, so it has no gradient to read. If it is "
                         f"`{name}.grad`, pass the tensor `{name}` itself: the checker reads its `.grad`. If it is "
                         f"`{name}`, create it with `requires_grad=True`: {create} (Lesson 1, section 1.3).",
                         "not-tracked")
    if value.grad_fn is not None and not value.retains_grad:
        return incorrect(f"`{name}` is not a leaf: it came out of an operation (its grad_fn is "
                         f"`{type(value.grad_fn).__name__}`), and backward fills `.grad` only on leaves, so "
                         f"`{name}.grad` stays None. Create `{name}` directly, with no operation after it: "
                         f"{create} (Lesson 1, section 1.5), or call `{name}.retain_grad()` before the backward "
                         "pass to keep the gradient of this non-leaf.", "not-a-leaf")
    if value.grad_fn is not None and value.grad is None:
        return incorrect(f"`{name}` is not a leaf, and `{name}.retain_grad()` was called, but `{name}.grad` is "
                         f"still None: `retain_grad()` must come before the backward pass whose gradient it "
                         f"should keep. Call it right after creating `{name}`, then run the backward pass again.",
                         "retain-grad-too-late")
    if values(value) is None:
        return incorrect(f"`{name}` is a tensor whose values cannot be read: write {create}.", "wrong-kind")
    if need_grad and grad_of(value) is None:
        if isinstance(missing_grad, Result):
            return missing_grad
        return incorrect(missing_grad or f"`{name}.grad` is None: `{name}` is tracked, but no backward pass "
                                          f"has reached it yet. Call `.backward()` on the result you computed "
                                          f"from `{name}`.", "no-backward")
    return None


def value_problem(tensor, name, expected, example):
    """Return why a tensor does not hold the expected number(s), or None if it does."""
    if close(values(tensor), expected):
        return None
    return incorrect(f"`{name}` holds {fmt(values(tensor))}, but the exercise starts from {fmt(expected)}: "
                     f"write `{name} = {example}`.", "wrong-start-value")
