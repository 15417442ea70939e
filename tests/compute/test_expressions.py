"""autograd_lessons.compute.expressions: formulas are read, never executed; junk gets a one-line message."""

import math
import time

import pytest
import sympy
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lessons.compute.expressions import ExpressionError, parse_expression, symbol

GOOD = ["x**2 + 2*x + 1", "3*x**3 - 4*x", "2*x**2", "sin(x)*exp(-x)", "log(x)/x", "sqrt(x) + abs(x)",
        "tanh(x) - cos(x)**2", "sigmoid(x)", "2**x", "x**x", "-x**-2", "e**x + pi", "tan(x/2)", "1.5e3*x"]


@pytest.mark.parametrize("text", GOOD)
@pytest.mark.parametrize("x0", [0.3, 1.7, 2.5])
def test_torch_and_sympy_agree_on_value_and_derivative(text, x0):
    expression = parse_expression(text)
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    y = expression(x)
    y.backward()
    exact = expression.sympy()
    assert y.item() == pytest.approx(float(exact.subs(symbol(), x0)), rel=1e-12)
    assert x.grad.item() == pytest.approx(float(expression.sympy_derivative().subs(symbol(), x0)), rel=1e-9)


def test_a_constant_still_has_the_shape_of_x():
    xs = torch.linspace(0, 1, 5)
    assert parse_expression("7").__call__(xs).shape == (5,)


def test_abs_differentiates_to_sign_on_the_reals():
    assert str(parse_expression("abs(x)").sympy_derivative()) == "sign(x)"


BAD = {
    "import os": "only a formula is accepted here, not a Python statement",
    "__import__('os')": "unknown function __import__()",
    "x.__class__": "attributes (a dot after a name) are not allowed",
    "open('f').read()": "unknown function open('f').read()",
    "9**9**9": "the exponent 9 ** 9 = 387420489 is too large",
    "x**1000": "the exponent 1000 is too large",
    "2x": "write multiplication with *, as in 2*x",
    "x^2": "for a power write x**2",
    "y + 1": "unknown name y",
    "(x + 1": "the brackets ( ) do not match",
    "": "type a function of x",
    "   ": "type a function of x",
    "x = 3": "not a Python statement",
    "lambda: 1": "lambda is not allowed",
    "[x for x in range(9)]": "a comprehension is not allowed",
    "x if x else 1": "if/else is not allowed",
    "x < 1": "a comparison (<, >, ==) is not allowed",
    "x @ x": "the operator @ is not allowed",
    "'text'": "'text' is not a number",
    "True": "True is not a number",
    "1j": "1j is not a number",
    "1e400": "that number is too large",
    "sin(x, 2)": "sin() takes exactly one argument",
    "sin": "unknown name sin",
    "x" * 300: "keep it under 200",
    "+".join(["x"] * 60): "keep it under 80",
}


@pytest.mark.parametrize("text", BAD)
def test_bad_input_gets_a_one_line_message(text):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    message = str(caught.value)
    assert BAD[text] in message
    assert "\n" not in message and len(message) < 200


def test_non_text_is_refused_politely():
    with pytest.raises(ExpressionError, match="type a function of x as text, not a int"):
        parse_expression(3)


def test_huge_values_become_inf_not_a_hang():
    start = time.perf_counter()
    expression = parse_expression("exp(exp(exp(exp(x))))")
    assert math.isinf(expression(torch.tensor(3.0, dtype=torch.float64)).item())
    assert time.perf_counter() - start < 5  # a generous bound: a hang would take forever


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_junk_text_is_either_a_formula_or_an_expression_error(text):
    try:
        expression = parse_expression(text)
    except ExpressionError as error:
        assert "\n" not in str(error)
        return
    value = expression(torch.linspace(-2, 2, 5, dtype=torch.float64))
    assert value.shape == (5,)
    assert isinstance(expression.sympy(), sympy.Expr)


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.sampled_from(["x", "2", "0", "-1", "0.5", "pi", "e", "9", "100"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(lambda t: f"({t[0]}){t[1]}({t[2]})"),
        st.tuples(st.sampled_from(["sin", "cos", "exp", "log", "sqrt", "abs", "tanh", "sigmoid"]), inner)
        .map(lambda t: f"{t[0]}({t[1]})"),
    ),
    max_leaves=12,
))
def test_generated_formulas_parse_or_refuse_quickly_and_never_crash(text):
    start = time.perf_counter()
    try:
        expression = parse_expression(text)
    except ExpressionError:
        return
    expression(torch.linspace(-3, 3, 50, dtype=torch.float64))
    expression.sympy_derivative()
    assert time.perf_counter() - start < 5
