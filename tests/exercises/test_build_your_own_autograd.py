"""Lesson 7's checkers, each fed a right learner class and many wrong ones; none may raise or hang."""

import math

import pytest

from autograd_lessons.exercises.build_your_own_autograd import oracle, q1, q2, q3
from tests.micro_engine import make_value, value_power


def with_op(name, make_backward, forward):
    """Return a fresh Value class whose op `name` has forward(x) and the _backward make_backward(self, out)."""
    Value = make_value()

    def op(self):
        out = Value(forward(self.data), (self,), name)
        out._backward = make_backward(self, out)
        return out

    setattr(Value, name, op)
    return Value


def adder(derivative):
    def make(self, out):
        def _backward():
            self.grad += derivative(self, out) * out.grad
        return _backward
    return make


def assigner(derivative):
    def make(self, out):
        def _backward():
            self.grad = derivative(self, out) * out.grad
        return _backward
    return make


def placeholder(self, out):
    def _backward():
        self.grad += ...
    return _backward


def looping(self, out):
    def _backward():
        while True:
            pass
    return _backward


SIGMOID = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
CASES = {  # question, op name, forward, right derivative, a wrong one
    "exp": (q1, math.exp, lambda s, o: o.data, lambda s, o: s.data),
    "sigmoid": (q3, SIGMOID, lambda s, o: o.data * (1 - o.data), lambda s, o: o.data),
}


@pytest.mark.parametrize("name", CASES)
def test_the_right_op_is_correct(name):
    question, forward, right, _ = CASES[name]
    assert question.judge(with_op(name, adder(right), forward)).correct


@pytest.mark.parametrize("name", CASES)
def test_a_wrong_derivative_is_named_with_its_input(name):
    question, forward, _, wrong = CASES[name]
    result = question.judge(with_op(name, adder(wrong), forward))
    assert result.status == "incorrect"
    assert f"x.{name}()` at x = " in result.message and "torch's is" in result.message
    assert "the op alone" in result.message.lower()


@pytest.mark.parametrize("name", CASES)
def test_assigning_instead_of_adding_is_caught_in_an_expression(name):
    question, forward, right, _ = CASES[name]
    result = question.judge(with_op(name, assigner(right), forward))
    assert result.status == "incorrect" and "used twice" in result.message and "`+=`" in result.message


@pytest.mark.parametrize("name", CASES)
def test_a_placeholder_is_not_attempted(name):
    question, forward, _, _ = CASES[name]
    assert question.judge(with_op(name, placeholder, forward)).status == "not attempted"
    assert question.judge(...).status == "not attempted"


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_a_missing_method_or_a_non_class_is_a_message(question):
    bare = make_value()
    for attribute in ("exp", "sigmoid"):
        delattr(bare, attribute)
    result = question.judge(bare if question is not q2 else make_value())
    assert result.status == "incorrect"
    assert question.judge(42).status == "incorrect" and "your class" in question.judge(42).message
    assert question.judge(lambda x: 1 / 0).status == "incorrect"


def test_a_missing_exp_is_named():
    bare = make_value()
    del bare.exp
    result = q1.judge(bare)
    assert "x.exp()" in result.message and "AttributeError" in result.message


def test_a_wrong_return_type_is_named():
    Value = make_value()
    Value.exp = lambda self: math.exp(self.data)
    result = q1.judge(Value)
    assert "returned float" in result.message


def test_a_loop_that_never_ends_is_stopped(monkeypatch):
    monkeypatch.setattr(oracle, "SECONDS", 0.3)
    result = q1.judge(with_op("exp", looping, math.exp))
    assert result.status == "incorrect" and "still running after 0.3 s" in result.message


def test_a_broken_addition_is_named_before_the_op():
    Value = make_value()
    Value.__add__ = lambda self, other: self * other
    result = q1.judge(Value)
    assert "`x + y` at" in result.message and "your value is" in result.message


def test_a_missing_backward_method_is_named():
    Value = make_value()
    del Value.backward
    assert "backward()" in q3.judge(Value).message


def test_pow_with_a_value_exponent_is_correct():
    assert q2.judge(value_power(make_value())).correct


def test_pow_that_takes_only_a_number_exponent_is_incorrect():
    result = q2.judge(make_value())  # the lesson's **: a Value exponent is not a number
    assert result.status == "incorrect" and "x ** y" in result.message


def test_pow_that_forgets_the_exponents_gradient_is_named():
    Value = make_value()

    def power(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data ** other.data, (self, other), "**")

        def _backward():
            self.grad += other.data * self.data ** (other.data - 1) * out.grad
        out._backward = _backward
        return out

    Value.__pow__ = power
    result = q2.judge(Value)
    assert "`x ** y` at" in result.message and "your y.grad is 0" in result.message


def test_hints_and_solutions_are_there():
    for question in (q1, q2, q3):
        assert len(question.hints) == 2 and "_backward" in question.solution_code
        assert question.call == f"{question.name}.check(Value)"


@pytest.mark.parametrize("question, removed", [(q1, "exp"), (q2, None), (q3, "sigmoid")])
def test_each_solution_run_on_a_class_without_the_op_is_correct(question, removed):
    Value = make_value()
    if removed:
        delattr(Value, removed)
    exec(question.solution_code, {"Value": Value, "math": math})
    assert question.judge(Value).correct
