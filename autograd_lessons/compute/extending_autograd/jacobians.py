"""What gradcheck compares, entry by entry: a custom Function's Jacobian from its backward, and from finite differences.

Introduced with Lesson 12's gradcheck explorer. Each of a few functions of two inputs,
``f(x, w)`` with x, w and the output all of length 3, comes with its right backward and
four wrong ones (a dropped ``grad_output``, a wrong sign, a transposed Jacobian, a missing
input's gradient), each a real ``torch.autograd.Function``. Both Jacobians are built the way
gradcheck builds them: the *analytical* one row by row, one backward per output with a unit
``grad_output``; the *numerical* one column by column, one central difference per input;
``mismatches`` applies gradcheck's own rule (``|a - n| <= atol + rtol·|n|``) to each entry.
``error_curve`` measures how far finite differences land from the true Jacobian as the step
ε shrinks, in float32 and float64.

The Jacobians here follow the course's convention, one row per output (Lesson 10);
gradcheck prints the transpose, one row per input.
"""

from functools import lru_cache

import torch

X, W = (0.5, -1.0, 2.0), (1.5, 0.5, -1.25)  # the point every Jacobian is taken at
RTOL, ATOL = 1e-3, 1e-5  # gradcheck's defaults
EPS = 1e-6  # gradcheck's default step
PRECISIONS = ("float64", "float32")
INPUTS = ("x₁", "x₂", "x₃", "w₁", "w₂", "w₃")
OUTPUTS = ("y₁", "y₂", "y₃")
BUGS = ("right backward", "dropped grad_output", "wrong sign", "transposed Jacobian", "missing w's gradient")

# function -> (forward, {bug: the backward's return line}). The lines are the course's own constants, compiled
# once below into real backwards, so that the code the explorer shows is the code that runs.
FUNCTIONS = {
    "cos(x) * w": ("x.cos() * w", {
        "right backward": "-grad_output * x.sin() * w, grad_output * x.cos()",
        "dropped grad_output": "-x.sin() * w, x.cos()",
        "wrong sign": "grad_output * x.sin() * w, grad_output * x.cos()",
        "transposed Jacobian": "-grad_output * x.sin() * w, grad_output * x.cos()",
        "missing w's gradient": "-grad_output * x.sin() * w, None",
    }),
    "x / w": ("x / w", {
        "right backward": "grad_output / w, -grad_output * x / w**2",
        "dropped grad_output": "1 / w, -x / w**2",
        "wrong sign": "grad_output / w, grad_output * x / w**2",
        "transposed Jacobian": "grad_output / w, -grad_output * x / w**2",
        "missing w's gradient": "grad_output / w, None",
    }),
    "cumsum(x) * exp(w)": ("x.cumsum(0) * w.exp()", {
        "right backward": "(grad_output * w.exp()).flip(0).cumsum(0).flip(0), grad_output * x.cumsum(0) * w.exp()",
        "dropped grad_output": "w.exp().flip(0).cumsum(0).flip(0), x.cumsum(0) * w.exp()",
        "wrong sign": "-(grad_output * w.exp()).flip(0).cumsum(0).flip(0), grad_output * x.cumsum(0) * w.exp()",
        "transposed Jacobian": "w.exp() * grad_output.cumsum(0), grad_output * x.cumsum(0) * w.exp()",
        "missing w's gradient": "(grad_output * w.exp()).flip(0).cumsum(0).flip(0), None",
    }),
}
NAMES = tuple(FUNCTIONS)
ELEMENTWISE = {"cos(x) * w", "x / w"}  # each output depends on its own x and w only: diagonal Jacobian blocks


def compile_code(expression, arguments):
    """Return the course's own expression as a function (never a learner's text: those are parsed, not run)."""
    return eval(f"lambda {arguments}: ({expression})", {"torch": torch})  # noqa: S307


@lru_cache(maxsize=None)
def make_function(name, bug):
    """Return a torch.autograd.Function computing `name`, whose backward has `bug` (or none: "right backward")."""
    forward_code, backwards = FUNCTIONS[name]
    forward, backward = compile_code(forward_code, "x, w"), compile_code(backwards[bug], "x, w, grad_output")

    class Example(torch.autograd.Function):
        @staticmethod
        def forward(x, w):
            return forward(x, w)

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(*inputs)

        @staticmethod
        def backward(ctx, grad_output):
            x, w = ctx.saved_tensors
            return backward(x, w, grad_output)

    Example.__name__ = Example.__qualname__ = "".join(part.title() for part in bug.split()[:2]) + "Example"
    return Example


def inputs(dtype=torch.float64):
    """Return fresh leaves x and w at the explorer's point."""
    return (torch.tensor(X, dtype=dtype, requires_grad=True), torch.tensor(W, dtype=dtype, requires_grad=True))


def analytical_jacobian(function, dtype=torch.float64):
    """Return the 3 × 6 Jacobian that the Function's backward gives: one backward per output, one row each.

    A gradient the backward leaves out (None) counts as zeros, as in gradcheck.
    """
    x, w = inputs(dtype)
    y = function.apply(x, w)
    rows = []
    for i in range(y.numel()):
        unit = torch.zeros_like(y)
        unit[i] = 1.0
        gx, gw = torch.autograd.grad(y, (x, w), unit, retain_graph=True, allow_unused=True)
        rows.append(torch.cat([torch.zeros(3, dtype=dtype) if g is None else g.detach() for g in (gx, gw)]))
    return torch.stack(rows)


def numerical_jacobian(name, eps=EPS, dtype=torch.float64):
    """Return the 3 × 6 Jacobian from central differences (f(a + ε) − f(a − ε)) / 2ε, one column per input."""
    forward = compile_code(FUNCTIONS[name][0], "x, w")
    point = torch.tensor(X + W, dtype=dtype)
    columns = []
    with torch.no_grad():
        for j in range(point.numel()):
            step = torch.zeros_like(point)
            step[j] = eps
            plus, minus = point + step, point - step
            columns.append((forward(plus[:3], plus[3:]) - forward(minus[:3], minus[3:])) / (2 * eps))
    return torch.stack(columns, dim=1)


@lru_cache(maxsize=None)
def right_jacobian(name, precision):
    """Return the right backward's Jacobian in a precision ("float32" or "float64"): computed once, never changed."""
    return analytical_jacobian(make_function(name, "right backward"), getattr(torch, precision))


def _exact(name):
    return right_jacobian(name, "float64")


def exact_jacobian(name):
    """Return the true 3 × 6 Jacobian in float64, from the right backward (which gradcheck accepts)."""
    return _exact(name).clone()


def mismatches(analytical, numerical):
    """Return a bool tensor: True where gradcheck's rule says the entries disagree."""
    return ~torch.isclose(analytical.double(), numerical.double(), rtol=RTOL, atol=ATOL)


def step_error(name, eps, precision):
    """Return the largest |numerical − exact| entry of the Jacobian at step eps, finite differences in precision.

    precision is "float32" or "float64".
    """
    return (numerical_jacobian(name, eps, getattr(torch, precision)).double() - _exact(name)).abs().max().item()


def error_curve(name, exponents, precision):
    """Return step_error for each step ε = 10**exponent: the curve that falls, then rises again, as ε shrinks.

    The same central differences as numerical_jacobian, for every step at once (vmap runs the
    function on each perturbed point): one call instead of a loop of 12 per step.
    """
    from torch.func import vmap

    dtype, forward = getattr(torch, precision), compile_code(FUNCTIONS[name][0], "x, w")
    eps = torch.tensor([10.0 ** e for e in exponents], dtype=dtype)[:, None, None]
    steps = eps * torch.eye(len(X + W), dtype=dtype)  # one row per input: the step added to it
    point = torch.tensor(X + W, dtype=dtype)
    at = vmap(vmap(lambda p: forward(p[:3], p[3:])))
    jacobians = ((at(point + steps) - at(point - steps)) / (2 * eps)).transpose(1, 2)
    return (jacobians.double() - _exact(name)).abs().amax(dim=(1, 2)).tolist()
