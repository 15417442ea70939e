"""A micrograd-style Value for the Lesson 7 tests: the engine a learner types in the notebook.

``make_value()`` returns a fresh class each time, so a test can break one op (assign instead
of add, a wrong derivative, a loop) without touching the others.
"""

import math


def make_value():
    """Return a new Value class with +, *, ** (number), tanh, relu, exp, sigmoid and backward()."""

    class Value:
        def __init__(self, data, _prev=(), _op=""):
            self.data, self.grad, self._prev, self._op = float(data), 0.0, tuple(_prev), _op
            self._backward = lambda: None

        def __repr__(self):
            return f"Value({self.data:.4g})"

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other), "+")

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        __radd__ = __add__

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*")

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        __rmul__ = __mul__

        def __pow__(self, k):
            out = Value(self.data ** k, (self,), f"**{k}")

            def _backward():
                self.grad += k * self.data ** (k - 1) * out.grad

            out._backward = _backward
            return out

        def unary(self, forward, derivative, op):
            out = Value(forward(self.data), (self,), op)

            def _backward():
                self.grad += derivative(self.data, out.data) * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            return self.unary(math.tanh, lambda x, t: 1 - t * t, "tanh")

        def relu(self):
            return self.unary(lambda x: max(x, 0.0), lambda x, r: float(x > 0), "relu")

        def exp(self):
            return self.unary(math.exp, lambda x, e: e, "exp")

        def sigmoid(self):
            return self.unary(lambda x: 1 / (1 + math.exp(-x)), lambda x, s: s * (1 - s), "sigmoid")

        def __neg__(self):
            return self * -1

        def __sub__(self, other):
            return self + (-other)

        def __truediv__(self, other):
            return self * other ** -1

        def backward(self):
            order, seen = [], set()

            def visit(node):
                if node not in seen:
                    seen.add(node)
                    for parent in node._prev:
                        visit(parent)
                    order.append(node)

            visit(self)
            self.grad = 1.0
            for node in reversed(order):
                node._backward()

    return Value


def value_power(Value):
    """Give Value an ``x ** y`` whose exponent may be a Value (the solution of exercise 2).

    A number exponent keeps the class's own number power (7.6's k·xᵏ⁻¹, defined at a negative base);
    only a Value exponent takes the log rule.
    """
    number_power = Value.__pow__

    def power(self, other):
        if not isinstance(other, Value):
            return number_power(self, other)
        out = Value(self.data ** other.data, (self, other), "**")

        def _backward():
            self.grad += other.data * self.data ** (other.data - 1) * out.grad
            other.grad += out.data * math.log(self.data) * out.grad

        out._backward = _backward
        return out

    Value.__pow__ = power
    return Value
