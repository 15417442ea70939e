"""Lesson 7's checkers, each fed a right learner class and many wrong ones; none may raise or hang, each cause true.

A wrong class gets the cause its mistake has, found by running the class (its ops on their own with
out.grad = 3, its `backward()` counted), and never another's: a `_backward` that forgets `* out.grad`
is not told about `+=` or topological order. Exercise 2's solution must leave the lesson's later
cells printing what they print: the last tests re-run them from the notebook itself.
"""

import ast
import contextlib
import io
import math
import random
import re
from pathlib import Path

import nbformat
import pytest
import torch

from autograd_lessons.exercises.build_your_own_autograd import diagnosis, oracle, q1, q2, q3
from autograd_lessons.exercises.build_your_own_autograd.causes import ENGINE_CAUSES, POWER_CAUSES
from autograd_lessons.exercises.build_your_own_autograd.oracle import ADD
from autograd_lessons.exercises.build_your_own_autograd.q1_exp_backward import EXP
from tests.micro_engine import make_value, value_power

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "autograd_lessons" / "exercises" / "build_your_own_autograd"
NOTEBOOK = ROOT / "notebooks" / "07_build_your_own_autograd.ipynb"


def with_op(name, make_backward, forward, parents=True):
    """Return a fresh Value class whose op `name` has forward(x) and the _backward make_backward(self, out)."""
    Value = make_value()

    def op(self):
        out = Value(forward(self.data), (self,) if parents else (), name)
        backward = make_backward(self, out)
        if backward is not None:
            out._backward = backward
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


def forgetful(derivative):
    """A `_backward` that sends the derivative alone: right whenever out.grad is 1."""
    def make(self, out):
        def _backward():
            self.grad += derivative(self, out)
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
CASES = {  # question, forward, right derivative, a wrong one
    "exp": (q1, math.exp, lambda s, o: o.data, lambda s, o: s.data),
    "sigmoid": (q3, SIGMOID, lambda s, o: o.data * (1 - o.data), lambda s, o: o.data),
}
FALSE_FOR_AN_OP = ("`+=`", "topological")  # what a mistake inside one op's `_backward` must not be told


@pytest.mark.parametrize("name", CASES)
def test_the_right_op_is_correct(name):
    question, forward, right, _ = CASES[name]
    assert question.judge(with_op(name, adder(right), forward)).correct


@pytest.mark.parametrize("name", CASES)
def test_a_wrong_derivative_is_named_with_its_input(name):
    question, forward, _, wrong = CASES[name]
    result = question.judge(with_op(name, adder(wrong), forward))
    assert result.status == "incorrect" and result.cause == "wrong-derivative"
    assert f"x.{name}()` at x = " in result.message and "torch's is" in result.message
    assert "Run on its own at x = " in result.message and not any(w in result.message for w in FALSE_FOR_AN_OP)


@pytest.mark.parametrize("name", CASES)
def test_forgetting_out_grad_is_caught_by_the_op_followed_by_three(name):
    question, forward, right, _ = CASES[name]
    result = question.judge(with_op(name, forgetful(right), forward))
    assert result.cause == "forgot-upstream", result.message
    assert f"x.{name}() * 3` at" in result.message and "out.grad = 3" in result.message
    assert "not multiplied by out.grad" in result.message
    assert not any(w in result.message for w in FALSE_FOR_AN_OP)


@pytest.mark.parametrize("name", CASES)
def test_assigning_instead_of_adding_is_named_where_it_happens(name):
    question, forward, right, _ = CASES[name]
    result = question.judge(with_op(name, assigner(right), forward))
    assert result.cause == "assigned-not-added", result.message
    assert f"`_backward` of `x.{name}()` left x.grad at" in result.message and "`+=`" in result.message


def test_an_assigning_addition_is_named_as_the_addition():
    Value = make_value()

    def add(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    Value.__add__ = Value.__radd__ = add
    result = q1.judge(Value)
    assert result.cause == "assigned-not-added" and "`_backward` of `x + y`" in result.message


@pytest.mark.parametrize("name", CASES)
def test_a_placeholder_is_not_attempted(name):
    question, forward, _, _ = CASES[name]
    assert question.judge(with_op(name, placeholder, forward)).status == "not attempted"
    assert question.judge(...).status == "not attempted"


@pytest.mark.parametrize("name", CASES)
def test_an_op_without_parents_is_named(name):
    question, forward, right, _ = CASES[name]
    result = question.judge(with_op(name, adder(right), forward, parents=False))
    assert result.cause == "missing-parents" and "`_prev`" in result.message, result.message


@pytest.mark.parametrize("name", CASES)
def test_a_backward_never_attached_is_named(name):
    question, forward, _, _ = CASES[name]
    result = question.judge(with_op(name, lambda self, out: None, forward))
    assert result.cause == "backward-not-attached" and "`out._backward = _backward`" in result.message


def test_a_recursive_backward_is_caught_in_a_diamond_and_counted():
    Value = make_value()

    def walk(v):
        v._backward()
        for parent in v._prev:
            walk(parent)

    def backward(self):
        self.grad = 1.0
        walk(self)

    Value.backward = backward
    result = q1.judge(Value)
    assert result.cause == "backward-order" and "m * 2 + m * 3" in result.message
    assert "2 times" in result.message and "`exp` value" in result.message


def test_a_right_engine_of_another_design_is_correct_and_never_probed():
    """Ops that keep their local derivatives, and a backward that multiplies them in: no `_backward` at all."""
    class Value:
        def __init__(self, data, parents=(), local=()):
            self.data, self.grad, self._prev, self.local = float(data), 0.0, tuple(parents), tuple(local)

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data + other.data, (self, other), (1.0, 1.0))

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data * other.data, (self, other), (other.data, self.data))

        def exp(self):
            return Value(math.exp(self.data), (self,), (math.exp(self.data),))

        def backward(self):
            order, seen = [], set()

            def visit(v):
                if id(v) not in seen:
                    seen.add(id(v))
                    for p in v._prev:
                        visit(p)
                    order.append(v)
            visit(self)
            self.grad = 1.0
            for v in reversed(order):
                for parent, local in zip(v._prev, v.local):
                    parent.grad += local * v.grad

    assert q1.judge(Value).correct
    assert diagnosis.diagnose_op(Value, EXP, [0.5]) is None  # nothing to run on its own, so nothing is claimed


def test_a_probe_of_a_right_op_finds_nothing():
    assert diagnosis.diagnose_op(make_value(), EXP, [0.5]) == ()
    assert diagnosis.diagnose_op(make_value(), ADD, [0.5, -1.5]) == ()


@pytest.mark.parametrize("question", [q1, q2, q3])
def test_a_missing_method_or_a_non_class_is_a_message(question):
    bare = make_value()
    for attribute in ("exp", "sigmoid"):
        delattr(bare, attribute)
    result = question.judge(bare if question is not q2 else make_value())
    assert result.status == "incorrect"
    assert question.judge(42).cause == "wrong-kind" and "your class" in question.judge(42).message
    assert question.judge(lambda x: 1 / 0).cause == "wrong-kind"
    assert question.judge(make_value()(2.0)).cause == "wrong-kind"  # one Value, not the class


def test_a_missing_exp_is_named():
    bare = make_value()
    del bare.exp
    result = q1.judge(bare)
    assert result.cause == "op-not-attached" and "`Value.exp = exp`" in result.message


def test_the_function_instead_of_the_class_is_named():
    def exp(self):
        return self
    result = q1.judge(exp)
    assert result.cause == "wrong-kind" and "`Value.exp = exp`" in result.message


def test_a_wrong_return_type_is_named():
    Value = make_value()
    Value.exp = lambda self: math.exp(self.data)
    result = q1.judge(Value)
    assert "returned float" in result.message and result.cause == "returns-a-number"


def test_a_loop_that_never_ends_is_stopped(monkeypatch):
    monkeypatch.setattr(oracle, "SECONDS", 0.1)
    result = q1.judge(with_op("exp", looping, math.exp))
    assert result.cause == "ran-too-long" and "still running after 0.1 s" in result.message


def test_a_broken_addition_is_named_before_the_op():
    Value = make_value()
    Value.__add__ = lambda self, other: self * other
    result = q1.judge(Value)
    assert "`x + y` at" in result.message and "your value is" in result.message and result.cause == "wrong-value"


def test_a_missing_backward_method_is_named():
    Value = make_value()
    del Value.backward
    assert "backward()" in q3.judge(Value).message


# --- q2: x ** y, and a number exponent at a negative base ------------------------------------------------


FIRST_SOLUTION = """
def power(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data ** other.data, (self, other), "**")
    def _backward():
        self.grad += other.data * self.data ** (other.data - 1) * out.grad
        other.grad += out.data * math.log(self.data) * out.grad
    out._backward = _backward
    return out

Value.__pow__ = power
"""  # q2's solution as first published: a number exponent wrapped, so `x ** 3` takes ln x of a negative base


def test_pow_with_a_value_exponent_is_correct():
    assert q2.judge(value_power(make_value())).correct


def test_the_first_published_solution_is_told_where_it_breaks_the_lesson():
    Value = make_value()
    exec(FIRST_SOLUTION, {"Value": Value, "math": math})
    result = q2.judge(Value)
    assert result.cause == "log-of-a-negative-base", result.message
    assert "`x ** 3` at x = -1.5 raised ValueError: math domain error" in result.message
    assert "It ran at x = 1.5" in result.message and "`number_power`" in result.message


def test_pow_that_takes_only_a_number_exponent_is_named():
    result = q2.judge(make_value())  # the lesson's `**`: a Value exponent is not a number
    assert result.cause == "value-exponent-refused" and "x ** y" in result.message


def test_pow_that_forgets_the_exponents_gradient_is_named():
    Value = value_power(make_value())
    power = Value.__pow__

    def without_exponent(self, other):
        out = power(self, other)
        if isinstance(other, Value):
            def _backward():
                self.grad += other.data * self.data ** (other.data - 1) * out.grad
            out._backward = _backward
        return out

    Value.__pow__ = without_exponent
    result = q2.judge(Value)
    assert result.cause == "missing-share" and "your y.grad is 0" in result.message


def test_pow_with_swapped_shares_is_named():
    Value = value_power(make_value())
    power = Value.__pow__

    def swapped(self, other):
        out = power(self, other)
        if isinstance(other, Value):
            def _backward():
                other.grad += other.data * self.data ** (other.data - 1) * out.grad
                self.grad += out.data * math.log(self.data) * out.grad
            out._backward = _backward
        return out

    Value.__pow__ = swapped
    assert q2.judge(Value).cause == "swapped-shares"


def test_a_number_exponent_that_no_longer_works_is_named():
    Value = make_value()
    exec(FIRST_SOLUTION.replace("    other = other if isinstance(other, Value) else Value(other)\n", ""),
         {"Value": Value, "math": math})
    result = q2.judge(Value)
    assert result.cause == "number-exponent-refused" and "`x ** 3` at x = 1.5 raised AttributeError" in result.message


def test_a_missing_number_power_is_named():
    Value = make_value()
    exec(q2.solution_code, {"Value": Value, "math": math})  # no number_power: section 7.6's cell never ran
    result = q2.judge(Value)
    assert result.cause == "code-raised" and "Section 7.6's cell defines `number_power`" in result.message


# --- every question, every module ------------------------------------------------------------------------


def test_hints_and_solutions_are_there():
    for question in (q1, q2, q3):
        assert len(question.hints) == 2 and "_backward" in question.solution_code
        assert question.call == f"{question.name}.check(Value)"
    assert "number_power" in q2.solution_code and "number_power" in q2.hints[1]


@pytest.mark.parametrize("question, removed", [(q1, "exp"), (q2, None), (q3, "sigmoid")])
def test_each_solution_run_on_a_class_without_the_op_is_correct(question, removed):
    Value = make_value()
    if removed:
        delattr(Value, removed)
    exec(question.solution_code, {"Value": Value, "math": math, "number_power": Value.__pow__})
    assert question.judge(Value).correct


def test_every_wrong_verdict_in_the_package_names_its_cause():
    for module in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("incorrect", "Disagreement"):
                assert len(node.args) >= 2 or node.keywords, f"{module.name}:{node.lineno} names no cause"


def test_every_cause_named_in_the_package_is_one_the_questions_explain():
    source = "\n".join(module.read_text() for module in PACKAGE.glob("*.py") if module.name != "causes.py")
    named = {node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)
             and isinstance(node.value, str) and re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", node.value)}
    assert named - {"not-attempted"} <= set(q2.all_causes), named - set(q2.all_causes)
    assert set(q2.causes) <= named, "a cause is explained but never named"
    assert set(q1.causes) == set(q3.causes) == set(ENGINE_CAUSES)
    assert set(q2.causes) == set(ENGINE_CAUSES) | set(POWER_CAUSES)


# --- the lesson's own cells, with Exercise 2's solution --------------------------------------------------


def lesson_cells():
    """(source, printed text) of each code cell before the exercises that prints or defines, pictures left out."""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    end = next(i for i, cell in enumerate(cells)
               if cell.cell_type == "markdown" and cell.source.startswith("## ") and "Exercises" in cell.source)
    found, setup = [], next(cell for cell in cells if cell.cell_type == "code")  # its Colab lines are extra code
    for cell in cells[:end]:
        if (cell.cell_type != "code" or (cell.source.startswith("# extra code") and cell is not setup)
                or "nbval-ignore-output" in cell.metadata.get("tags", [])):
            continue
        found.append((cell.source, "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")))
    return found


@contextlib.contextmanager
def lesson_state():
    """Run a lesson's cells here, then put back what its setup cell changes (the default dtype, the generators)."""
    dtype, state = torch.get_default_dtype(), random.getstate()
    with torch.random.fork_rng():
        try:
            yield
        finally:
            torch.set_default_dtype(dtype)
            random.setstate(state)


def run(cells, namespace):
    printed = []
    for source, _ in cells:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            exec(compile(source, "<lesson cell>", "exec"), namespace)
        printed.append(out.getvalue())
    return printed


def after_number_power(cells):
    """The cells after section 7.6 gives Value its `**`: every later use of `**` in the lesson."""
    start = next(i for i, (source, _) in enumerate(cells) if "Value.__pow__ = number_power" in source)
    return cells[start + 1:]


@pytest.mark.parametrize("solution, raises", [(q2.solution_code, None), (FIRST_SOLUTION, ValueError)],
                         ids=["the official solution", "the first published one"])
def test_the_lessons_later_cells_with_exercise_2s_solution(solution, raises):
    cells = lesson_cells()
    later = after_number_power(cells)
    assert any("g(x, y)" in source for source, _ in later) and any("loss_of" in source for source, _ in later)
    with lesson_state():
        namespace = {}
        assert run(cells, namespace) == [printed for _, printed in cells]  # the lesson as stored
        exec(solution, namespace)
        random.seed(0)  # 7.11 draws the same weights as the stored run
        if raises:  # a division by a negative number and a negative error squared take ln of a negative base
            with pytest.raises(raises, match="math domain error"):
                run(later, namespace)
        else:
            assert q2.judge(namespace["Value"]).correct
            assert run(later, namespace) == [printed for _, printed in later]


def test_every_figure_the_lesson_stores_has_alt_text_written_for_it():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    figures = [cell for cell in cells if cell.cell_type == "code"
               and any("image/png" in output.get("data", {}) for output in cell.outputs)]
    assert figures
    for cell in figures:
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt.split()) >= 12 and not alt.endswith(".png"), cell.source.splitlines()[0]
