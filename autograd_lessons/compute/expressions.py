"""Functions of x typed by a learner, read safely: never ``eval``, never a hang (torch only).

Introduced with the tangent explorer of Lesson 3. ``parse_expression("3*x**3 - 4*x")``
returns an :class:`Expression` that can be called on a tensor (so autograd can
differentiate it) and turned into a sympy expression (so sympy can check autograd).
Anything else -- a statement, an unknown name, an attribute, a huge power --
raises :class:`ExpressionError` with a one-line message meant for the learner.
"""

import ast
import math
import operator
import re
from dataclasses import dataclass

import torch

from .exact_size import TooLarge, refuse_huge_numbers

MAX_LENGTH = 200
MAX_NODES = 80
MAX_EXPONENT = 100
MAX_CONSTANT = 1e9

# name -> (torch function, sympy function name); sympy is imported only when asked for
FUNCTIONS = {
    "sin": (torch.sin, "sin"),
    "cos": (torch.cos, "cos"),
    "tan": (torch.tan, "tan"),
    "exp": (torch.exp, "exp"),
    "log": (torch.log, "log"),
    "sqrt": (torch.sqrt, "sqrt"),
    "tanh": (torch.tanh, "tanh"),
    "abs": (torch.abs, "Abs"),
    "sigmoid": (torch.sigmoid, None),  # sympy has none: written as 1 / (1 + exp(-u))
}
CONSTANTS = {"pi": math.pi, "e": math.e}
ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
              ast.Pow: operator.pow}
REFUSED_OPERATORS = {ast.BitXor: "^", ast.MatMult: "@", ast.Mod: "%", ast.FloorDiv: "//", ast.BitAnd: "&",
                     ast.BitOr: "|", ast.LShift: "<<", ast.RShift: ">>", ast.Invert: "~", ast.Not: "not"}
REFUSED_NODES = {"IfExp": "if/else", "Compare": "a comparison (<, >, ==)", "BoolOp": "and/or",
                 "Subscript": "indexing with [ ]", "List": "a list", "Tuple": "a tuple", "Dict": "a dict",
                 "Set": "a set", "Lambda": "lambda", "JoinedStr": "an f-string", "Starred": "*",
                 "NamedExpr": ":=", "ListComp": "a comprehension", "GeneratorExp": "a comprehension",
                 "SetComp": "a comprehension", "DictComp": "a comprehension", "Await": "await",
                 "Yield": "yield", "YieldFrom": "yield", "Slice": "a slice"}
HELP = "use x, numbers, + - * / **, pi, e and " + ", ".join(FUNCTIONS)


class ExpressionError(ValueError):
    """The learner's text is not a function of x we accept; str(error) says why in one line."""


@dataclass(frozen=True)
class Expression:
    """A checked function of x: call it on a tensor, or ask for its sympy form."""

    text: str
    tree: ast.Expression

    def __call__(self, x):
        """Evaluate on a tensor (or float) with torch operations, so autograd can follow."""
        x = torch.as_tensor(x, dtype=torch.float64) if not isinstance(x, torch.Tensor) else x
        return _evaluate(self.tree.body, x) + 0 * x  # "+ 0 * x": a constant still has x's shape

    def sympy(self):
        """Return the same function as a sympy expression of the real symbol x."""
        import sympy

        return _to_sympy(self.tree.body, sympy, symbol())

    def sympy_derivative(self):
        """Return the exact derivative df/dx as a sympy expression."""
        import sympy

        return sympy.diff(self.sympy(), symbol())

    def why_not_finite(self, x):
        """Return which part of the formula first stops being a finite number at x, and why, in words."""
        return _first_non_finite(self.tree.body, x)

    def __str__(self):
        return self.text


def symbol():
    """Return the sympy symbol x that expressions use (a real number, so abs(x)' is sign(x))."""
    import sympy

    return sympy.Symbol("x", real=True)


def parse_expression(text):
    """Return the Expression for text, or raise ExpressionError saying what is wrong."""
    if not isinstance(text, str):
        raise ExpressionError(f"type a function of x as text, not a {type(text).__name__}")
    text = text.strip()
    if not text:
        raise ExpressionError("type a function of x, for example x**2 + 2*x + 1")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"that is {len(text)} characters long; keep it under {MAX_LENGTH}")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise ExpressionError(_syntax_hint(text)) from None
    except (ValueError, MemoryError, RecursionError):
        raise ExpressionError("that cannot be read as a formula") from None
    nodes = sum(1 for _ in ast.walk(tree))
    if nodes > MAX_NODES:
        raise ExpressionError(f"that formula has {nodes} parts; keep it under {MAX_NODES}")
    _check(tree.body)
    try:  # before sympy ever sees it: (9**99)**99 would be a 9,353-digit integer
        refuse_huge_numbers(tree, text, value_of=lambda node: _evaluate(node, _at(0.0)).item())
    except TooLarge as error:
        raise ExpressionError(str(error)) from None
    return Expression(text, tree)


def _syntax_hint(text):
    if re.search(r"\d\s*[a-z(]", text):
        return "syntax error: write multiplication with *, as in 2*x (not 2x)"
    if text.count("(") != text.count(")"):
        return "syntax error: the brackets ( ) do not match"
    if re.match(r"\s*(import|from|def|class|for|while|with|lambda|del|global)\b", text) or "=" in text.replace("==", ""):
        return "only a formula is accepted here, not a Python statement: " + HELP
    return "syntax error: that is not a formula Python can read; " + HELP


def _check(node):
    """Reject every kind of node but the few a formula of x needs."""
    if isinstance(node, ast.BinOp):
        if type(node.op) not in ARITHMETIC:
            symbol = REFUSED_OPERATORS.get(type(node.op), type(node.op).__name__)
            hint = ": for a power write x**2 (in Python ^ is not a power)" if symbol == "^" else "; " + HELP
            raise ExpressionError(f"the operator {symbol} is not allowed{hint}")
        _check(node.left)
        _check(node.right)
        if isinstance(node.op, ast.Pow) and not _uses_x(node.right):
            exponent = _evaluate(node.right, torch.tensor(0.0, dtype=torch.float64)).item()
            if not abs(exponent) <= MAX_EXPONENT:
                shown = ast.unparse(node.right)
                shown = shown if shown == _short(exponent) else f"{shown} = {_short(exponent)}"
                raise ExpressionError(f"the exponent {shown} is too large: keep exponents within ±{MAX_EXPONENT}")
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.UAdd, ast.USub)):
            symbol = REFUSED_OPERATORS.get(type(node.op), type(node.op).__name__)
            raise ExpressionError(f"the operator {symbol} is not allowed; " + HELP)
        _check(node.operand)
    elif isinstance(node, ast.Call):
        name = getattr(node.func, "id", None)
        if name not in FUNCTIONS:
            shown = name or ast.unparse(node.func)[:30]
            raise ExpressionError(f"unknown function {shown}(): " + HELP)
        if len(node.args) != 1 or node.keywords:
            raise ExpressionError(f"{name}() takes exactly one argument, as in {name}(x)")
        _check(node.args[0])
    elif isinstance(node, ast.Name):
        if node.id != "x" and node.id not in CONSTANTS:
            raise ExpressionError(f"unknown name {node.id[:30]}: " + HELP)
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExpressionError(f"{_short(node.value)} is not a number; " + HELP)
        if not abs(node.value) <= MAX_CONSTANT:
            raise ExpressionError(f"that number is too large: keep numbers under {MAX_CONSTANT:g}")
    elif isinstance(node, ast.Attribute):
        raise ExpressionError("attributes (a dot after a name) are not allowed; " + HELP)
    else:
        what = REFUSED_NODES.get(type(node).__name__, type(node).__name__)
        raise ExpressionError(f"{what} is not allowed in a formula; " + HELP)


def _uses_x(node):
    return any(isinstance(n, ast.Name) and n.id == "x" for n in ast.walk(node))


def _short(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = repr(value) if not isinstance(value, float) else f"{value:g}"
    return text if len(text) <= 20 else text[:17] + "..."


def _fold(node, name, call, number):
    """Compute a checked tree bottom-up: the arithmetic is shared, names, calls and numbers are the caller's."""
    if isinstance(node, ast.BinOp):
        return ARITHMETIC[type(node.op)](_fold(node.left, name, call, number), _fold(node.right, name, call, number))
    if isinstance(node, ast.UnaryOp):
        operand = _fold(node.operand, name, call, number)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Call):
        return call(node.func.id, _fold(node.args[0], name, call, number))
    if isinstance(node, ast.Name):
        return name(node.id)
    return number(node.value)


def _evaluate(node, x):
    """Evaluate a checked tree with torch; constants become float64 tensors, so nothing overflows Python."""
    return _fold(
        node,
        name=lambda n: x if n == "x" else torch.tensor(CONSTANTS[n], dtype=torch.float64),
        call=lambda function, argument: FUNCTIONS[function][0](argument),
        number=lambda value: torch.tensor(float(value), dtype=torch.float64),
    )


def _to_sympy(node, sympy, x):
    def call(function, argument):
        name = FUNCTIONS[function][1]
        return 1 / (1 + sympy.exp(-argument)) if name is None else getattr(sympy, name)(argument)

    return _fold(
        node,
        name=lambda n: {"x": x, "pi": sympy.pi, "e": sympy.E}[n],
        call=call,
        number=lambda value: sympy.Integer(value) if isinstance(value, int) else sympy.Rational(repr(value)),
    )


def _first_non_finite(node, x):
    """Find the innermost part of the formula whose value stops being finite at x, and say why."""
    children = _operands(node)
    for child in children:
        if not _finite(_evaluate(child, _at(x))):
            return _first_non_finite(child, x)
    parts = [_evaluate(child, _at(x)).item() for child in children]
    text = ast.unparse(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and parts[1] == 0:
        return f"{text} divides by zero"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exponent = parts
        if base == 0 and exponent < 0:
            return f"{text} divides by zero (0 to a negative power)"
        if base < 0 and exponent != int(exponent):
            return f"{text} takes a negative number to a fractional power (not a real number)"
    if isinstance(node, ast.Call):
        name, argument = node.func.id, parts[0]
        if name == "log" and argument == 0:
            return f"{text} is log(0), which is minus infinity"
        if name == "log" and argument < 0:
            return f"{text} is the log of a negative number (not a real number)"
        if name == "sqrt" and argument < 0:
            return f"{text} is the square root of a negative number (not a real number)"
    return f"{text} is too large for a float64 (it overflows to infinity)"


def _operands(node):
    """The sub-formulas a node computes from (never a function's name)."""
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.Call):
        return list(node.args)
    return []


def _at(x):
    return torch.tensor(x, dtype=torch.float64)


def _finite(tensor):
    return bool(torch.isfinite(tensor).all())
