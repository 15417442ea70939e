"""Lesson 7: independent learner answers to q1-q3 (exp, `**` with a Value exponent, sigmoid), each with its verdict.

Each answer is the class a learner passes to `qN.check(Value)`: the engine as the lesson has them type it
(sections 7.1-7.7, rebuilt here by `lesson_value`, not taken from the course's tests), with the exercise's
op added the way a learner wrote it. The right ones come in several styles (micrograd's, a `math`-based
one, a class typed in one piece with `__radd__`/`__rmul__` and a set of parents, an op built from other
ops); the wrong ones each carry a mistake people make when they build this engine, as they ask about it:
- the `=` that should be `+=` ("in the video I incorrectly used = instead of +=", karpathy/nn-zero-to-hero#52,
  where a reader also proposes `self.data` for exp's derivative), and why `+=` (karpathy/micrograd#2, #72);
- the upstream gradient a `_backward` must multiply in ("where does the 1 come from", cs231n/cs231n.github.io#41);
- a recursive backward in place of the topological order (karpathy/micrograd#68);
- a Value exponent's gradient: forgotten (karpathy/micrograd#17), and `math.log` of a negative base raising
  "ValueError: math domain error" once a number exponent is wrapped, which breaks division (karpathy/micrograd#41);
  a number exponent that takes no gradient (karpathy/micrograd#35).

Run on main before the Lesson 7 checkers were changed (commit b4f5e60): 31 answers, 19 misjudged (2 with a wrong
verdict: a recursive backward and the first published Exercise 2 solution were accepted; 5 whose message states a
false cause, such as a forgotten `* out.grad` told to look at `+=` and topological order; 12 missing the cause);
per question q1 8, q2 7, q3 4. tests/course/test_learner_answers.py asserts that none is misjudged now.
"""

import math

from .core import CORRECT, INCORRECT, NOT_ATTEMPTED, answer

# --- the engine as the learner has typed it before the exercises ------------------------------------------


def lesson_value():
    """Return a fresh Value with what sections 7.1-7.7 add, one op at a time, as the notebook attaches them."""

    class Value:
        def __init__(self, data, _prev=(), _op=""):
            self.data = float(data)
            self.grad = 0.0
            self._prev = tuple(_prev)
            self._op = _op
            self._backward = lambda: None

        def __repr__(self):
            return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    Value.__add__ = Value.__radd__ = add
    Value.__mul__ = Value.__rmul__ = mul
    Value.__pow__ = number_power
    Value.tanh = tanh
    Value.backward = backward
    Value.__neg__ = lambda self: self * -1
    Value.__sub__ = lambda self, other: self + (-other)
    Value.__rsub__ = lambda self, other: (-self) + other
    Value.__truediv__ = lambda self, other: self * other**-1
    Value.__rtruediv__ = lambda self, other: self**-1 * other
    return Value


# the lesson's ops, each attached to every class lesson_value makes (type(self) is that class)


def add(self, other):
    Value = type(self)
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():
        self.grad += out.grad
        other.grad += out.grad

    out._backward = _backward
    return out


def mul(self, other):
    Value = type(self)
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


def number_power(self, k):
    assert isinstance(k, (int, float)), "the exponent is a plain number here"
    out = type(self)(self.data ** k, (self,), f"**{k}")

    def _backward():
        self.grad += k * self.data ** (k - 1) * out.grad

    out._backward = _backward
    return out


def tanh(self):
    t = math.tanh(self.data)
    out = type(self)(t, (self,), "tanh")

    def _backward():
        self.grad += (1 - t**2) * out.grad

    out._backward = _backward
    return out


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


def unary(Value, name, forward, backward_of, parents=True, attach=True):
    """Attach op `name` to Value: out = forward(x); backward_of(self, out) returns the op's _backward."""

    def op(self):
        out = Value(forward(self.data), (self,) if parents else (), name)
        step = backward_of(self, out)
        if attach:
            out._backward = step
        return out

    setattr(Value, name, op)
    return Value


def micrograd_exp(Value):
    """q1's right answer, as micrograd's lecture writes it: the output's own number is the derivative."""

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    Value.exp = exp
    return Value


# --- q1: exp -------------------------------------------------------------------------------------------


@answer("q1", "micrograd's exp: out.data * out.grad", CORRECT, ["agrees with torch"])
def _():
    return (micrograd_exp(lesson_value()),)


@answer("q1", "a class typed in one piece: set of children, __radd__/__rmul__, exp as a method", CORRECT,
        ["agrees with torch"])
def _():
    class Value:
        def __init__(self, data, _children=(), _op=""):
            self.data, self.grad, self._prev, self._op = data, 0, set(_children), _op
            self._backward = lambda: None

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other), "+")

            def _backward():
                self.grad += out.grad
                other.grad += out.grad
            out._backward = _backward
            return out

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*")

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad
            out._backward = _backward
            return out

        def __radd__(self, other):
            return self + other

        def __rmul__(self, other):
            return self * other

        def exp(self):
            out = Value(math.exp(self.data), (self,), "exp")

            def _backward():
                self.grad += out.data * out.grad
            out._backward = _backward
            return out

        def backward(self):
            topo, visited = [], set()

            def build_topo(v):
                if v not in visited:
                    visited.add(v)
                    for child in v._prev:
                        build_topo(child)
                    topo.append(v)
            build_topo(self)
            self.grad = 1
            for v in reversed(topo):
                v._backward()

    return (Value,)


@answer("q1", "type(self) for the output, and a backward() that counts users (Kahn's order)", CORRECT,
        ["agrees with torch"])
def _():
    Value = lesson_value()

    def exp(self):
        e = math.exp(self.data)
        out = type(self)(e, (self,), "exp")

        def _backward():
            self.grad += e * out.grad
        out._backward = _backward
        return out

    def backward(self):
        users, stack, seen = {}, [self], {id(self)}
        while stack:
            for parent in stack.pop()._prev:
                users[id(parent)] = users.get(id(parent), 0) + 1
                if id(parent) not in seen:
                    seen.add(id(parent))
                    stack.append(parent)
        self.grad, ready = 1.0, [self]
        while ready:
            node = ready.pop()
            node._backward()
            for parent in node._prev:
                users[id(parent)] -= 1
                if users[id(parent)] == 0:
                    ready.append(parent)

    Value.exp, Value.backward = exp, backward
    return (Value,)


@answer("q1", "the cell as it comes, `...` still in it", NOT_ATTEMPTED, ["`...`"])
def _():
    def step(self, out):
        def _backward():
            self.grad += ...
        return _backward
    return (unary(lesson_value(), "exp", math.exp, step),)


@answer("q1", "forgets `* out.grad`", INCORRECT, ["out.grad = 3", "not multiplied by out.grad"],
        ["`+=`", "topological"], named="forgot-upstream")
def _():
    def step(self, out):
        def _backward():
            self.grad += out.data
        return _backward
    return (unary(lesson_value(), "exp", math.exp, step),)


@answer("q1", "assigns with `=` (the lecture's slip)", INCORRECT, ["replaced", "`+=`"],
        ["topological", "not multiplied"], named="assigned-not-added")
def _():
    def step(self, out):
        def _backward():
            self.grad = out.data * out.grad
        return _backward
    return (unary(lesson_value(), "exp", math.exp, step),)


@answer("q1", "self.data * out.grad, the input for the derivative", INCORRECT, ["x.exp()", "torch adds"],
        ["`+=`", "topological", "not multiplied"], named="wrong-derivative")
def _():
    def step(self, out):
        def _backward():
            self.grad += self.data * out.grad
        return _backward
    return (unary(lesson_value(), "exp", math.exp, step),)


@answer("q1", "Value(math.exp(self.data)) with no parents", INCORRECT, ["`_prev`", "never reached"],
        ["`+=`", "not multiplied"], named="missing-parents")
def _():
    def step(self, out):
        def _backward():
            self.grad += out.data * out.grad
        return _backward
    return (unary(lesson_value(), "exp", math.exp, step, parents=False),)


@answer("q1", "_backward written but never attached to out", INCORRECT, ["`out._backward = _backward`"],
        ["`+=`", "topological", "`_prev`"], named="backward-not-attached")
def _():
    def step(self, out):
        def _backward():
            self.grad += out.data * out.grad
        return _backward
    return (unary(lesson_value(), "exp", math.exp, step, attach=False),)


@answer("q1", "passes the function exp instead of the class", INCORRECT, ["`Value.exp = exp`"],
        ["raised"], named="wrong-kind")
def _():
    Value = lesson_value()

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    return (exp,)


@answer("q1", "7.5's recursive walk kept as backward()", INCORRECT, ["times", "once"],
        ["replaced", "not multiplied", "`_prev`"], named="backward-order")
def _():
    Value = micrograd_exp(lesson_value())

    def backward(self):
        self.grad = 1.0
        walk(self)

    def walk(v):
        v._backward()
        for parent in v._prev:
            walk(parent)

    Value.backward = backward
    return (Value,)


@answer("q1", "7.2's assigning `+` never replaced by 7.3's", INCORRECT, ["`x + y`", "replaced", "`+=`"],
        ["not multiplied"], named="assigned-not-added")
def _():
    Value = micrograd_exp(lesson_value())

    def add(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    Value.__add__ = Value.__radd__ = add
    return (Value,)


# --- q2: ** with a Value exponent --------------------------------------------------------------------


def value_power(Value, base_share, exponent_share, wrap=False, parents=2):
    """Give Value a `**` whose Value exponent gets shares from base_share(x, y, out), exponent_share(x, y, out).

    A number exponent goes to the lesson's own number power (7.6), unless wrap: then it becomes a Value too.
    """
    number_power = Value.__pow__

    def power(self, other):
        if not isinstance(other, Value):
            if not wrap:
                return number_power(self, other)
            other = Value(other)
        out = Value(self.data ** other.data, (self, other)[:parents], "**")

        def _backward():
            self.grad += base_share(self.data, other.data, out.data) * out.grad
            other.grad += exponent_share(self.data, other.data, out.data) * out.grad

        out._backward = _backward
        return out

    Value.__pow__ = power
    return Value


BASE = lambda x, y, o: y * x ** (y - 1)  # noqa: E731
EXPONENT = lambda x, y, o: o * math.log(x)  # noqa: E731


@answer("q2", "the exercise's cell: a number exponent to 7.6's power, both shares for a Value", CORRECT,
        ["agrees with torch", "x ** 3"])
def _():
    return (value_power(lesson_value(), BASE, EXPONENT),)


@answer("q2", "both branches in one function, micrograd-PR style", CORRECT, ["agrees with torch"])
def _():
    Value = lesson_value()

    def power(self, other):
        if isinstance(other, Value):
            out = Value(self.data ** other.data, (self, other), "**")

            def _backward():
                self.grad += other.data * self.data ** (other.data - 1) * out.grad
                other.grad += math.log(self.data) * self.data ** other.data * out.grad
        else:
            out = Value(self.data ** other, (self,), f"**{other}")

            def _backward():
                self.grad += other * self.data ** (other - 1) * out.grad
        out._backward = _backward
        return out

    Value.__pow__ = power
    return (Value,)


@answer("q2", "a number wrapped, but ln x only where x > 0", CORRECT, ["agrees with torch"])
def _():
    return (value_power(lesson_value(), BASE, lambda x, y, o: o * math.log(x) if x > 0 else 0.0, wrap=True),)


@answer("q2", "base's share as out.data * y / x, and __rpow__ for 2 ** x", CORRECT, ["agrees with torch"])
def _():
    Value = value_power(lesson_value(), lambda x, y, o: o * y / x, EXPONENT)
    Value.__rpow__ = lambda self, other: Value(other) ** self
    return (Value,)


@answer("q2", "the solution as first published: a number wrapped, ln x always", INCORRECT,
        ["math domain error", "x ** 3", "number_power"], ["`+=`", "topological"],
        named="log-of-a-negative-base")
def _():
    return (value_power(lesson_value(), BASE, EXPONENT, wrap=True),)


@answer("q2", "forgets the exponent's share", INCORRECT, ["y.grad", "nothing"], ["`+=`", "topological"],
        named="missing-share")
def _():
    return (value_power(lesson_value(), BASE, lambda x, y, o: 0.0),)


@answer("q2", "the two shares swapped", INCORRECT, ["swapped"], ["`+=`", "topological"], named="swapped-shares")
def _():
    return (value_power(lesson_value(), EXPONENT, BASE),)


@answer("q2", "forgets `* out.grad` in both shares", INCORRECT, ["not multiplied by out.grad"],
        ["`+=`", "topological"], named="forgot-upstream")
def _():
    Value = value_power(lesson_value(), BASE, EXPONENT)
    power = Value.__pow__

    def forgetful(self, other):
        out = power(self, other)
        if isinstance(other, Value):
            def _backward():
                self.grad += other.data * self.data ** (other.data - 1)
                other.grad += out.data * math.log(self.data)
            out._backward = _backward
        return out

    Value.__pow__ = forgetful
    return (Value,)


@answer("q2", "the exponent left out of the parents", INCORRECT, ["`_prev`", "(self, other)"], ["`+=`"],
        named="missing-parents")
def _():
    return (value_power(lesson_value(), BASE, EXPONENT, parents=1),)


@answer("q2", "7.6's `**` kept: only a number exponent", INCORRECT, ["x ** y", "AssertionError"],
        ["`+=`", "topological"], named="value-exponent-refused")
def _():
    return (lesson_value(),)


@answer("q2", "other.data read from a number exponent too", INCORRECT, ["x ** 3", "AttributeError"],
        ["`+=`", "math domain"], named="number-exponent-refused")
def _():
    Value = lesson_value()

    def power(self, other):
        out = Value(self.data ** other.data, (self, other), "**")

        def _backward():
            self.grad += other.data * self.data ** (other.data - 1) * out.grad
            other.grad += out.data * math.log(self.data) * out.grad
        out._backward = _backward
        return out

    Value.__pow__ = power
    return (Value,)


# --- q3: sigmoid ---------------------------------------------------------------------------------------


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def sigmoid_with(derivative):
    """A backward_of for `unary`: the _backward adds derivative(self, out) * out.grad into self.grad."""
    def step(self, out):
        def _backward():
            self.grad += derivative(self, out) * out.grad
        return _backward
    return step


@answer("q3", "the exercise's s kept from the forward pass", CORRECT, ["agrees with torch"])
def _():
    Value = lesson_value()

    def sig(self):
        s = 1 / (1 + math.exp(-self.data))
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1 - s) * out.grad
        out._backward = _backward
        return out

    Value.sigmoid = sig
    return (Value,)


@answer("q3", "math only: e^-x / (1 + e^-x)^2", CORRECT, ["agrees with torch"])
def _():
    derivative = lambda s, o: math.exp(-s.data) / (1 + math.exp(-s.data)) ** 2  # noqa: E731
    return (unary(lesson_value(), "sigmoid", sigmoid, sigmoid_with(derivative)),)


@answer("q3", "built from ops the engine has: 1 / (1 + (-x).exp())", CORRECT, ["agrees with torch"])
def _():
    Value = micrograd_exp(lesson_value())
    Value.sigmoid = lambda self: 1 / (1 + (-self).exp())
    return (Value,)


@answer("q3", "built from tanh: (1 + tanh(x / 2)) / 2", CORRECT, ["agrees with torch"])
def _():
    Value = lesson_value()
    Value.sigmoid = lambda self: (1 + (self * 0.5).tanh()) * 0.5
    return (Value,)


@answer("q3", "forgets `* out.grad`", INCORRECT, ["out.grad = 3", "not multiplied by out.grad"],
        ["`+=`", "topological"], named="forgot-upstream")
def _():
    def step(self, out):
        def _backward():
            self.grad += out.data * (1 - out.data)
        return _backward
    return (unary(lesson_value(), "sigmoid", sigmoid, step),)


@answer("q3", "x (1 - x): the derivative's form with the input in it", INCORRECT, ["torch adds"],
        ["`+=`", "topological", "not multiplied"], named="wrong-derivative")
def _():
    return (unary(lesson_value(), "sigmoid", sigmoid, sigmoid_with(lambda s, o: s.data * (1 - s.data))),)


@answer("q3", "the forward pass with e^x for e^-x", INCORRECT, ["your value is", "torch's is"],
        ["`+=`", "_backward"], named="wrong-value")
def _():
    wrong = lambda x: 1 / (1 + math.exp(x))  # noqa: E731
    return (unary(lesson_value(), "sigmoid", wrong, sigmoid_with(lambda s, o: o.data * (1 - o.data))),)


@answer("q3", "`out.backward = _backward`: the backward set under the wrong name", INCORRECT,
        ["`out._backward = _backward`"], ["`+=`", "`_prev`"], named="backward-not-attached")
def _():
    Value = lesson_value()

    def sig(self):
        s = sigmoid(self.data)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1 - s) * out.grad
        out.backward = _backward
        return out

    Value.sigmoid = sig
    return (Value,)
