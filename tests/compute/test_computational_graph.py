"""autograd_lessons.compute.computational_graph: the recorded graph follows Python's if and while, and its grads are right."""

import math
import time

import pytest
import sympy
import torch

from autograd_lessons.compute.computational_graph import FUNCTIONS, double_until, dynamic_graph, f, shape
from autograd_lessons.compute.graph import graph_text, record_values


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_source_shown_is_the_function_that_runs(name):
    namespace = {}
    exec(FUNCTIONS[name].source, namespace)
    shown = namespace[FUNCTIONS[name].source.split("(")[0].removeprefix("def ")]
    low, high = FUNCTIONS[name].xlim
    for x in torch.linspace(low, high, 47).tolist():
        assert shown(torch.tensor(x)).item() == FUNCTIONS[name].python(torch.tensor(x)).item()


@pytest.mark.parametrize("name, x", [("branch", 2.0), ("branch", -1.0), ("loop", 0.75), ("loop", 11.0)])
def test_the_code_of_a_run_reproduces_it(name, x):
    run = dynamic_graph(name, x)
    namespace = {"torch": torch, "record_values": record_values}
    exec(run.code(), namespace)
    assert namespace["out"].item() == run.out and namespace["x"].grad.item() == run.grad
    assert graph_text(namespace["out"], names={"x": namespace["x"], "out": namespace["out"]},
                      recorded=namespace["rec"]) == run.text


def test_crossing_zero_swaps_the_recorded_operation():
    x = sympy.Symbol("x")
    for start, op, exact in [(2.0, "PowBackward0", x**2), (0.05, "PowBackward0", x**2),
                             (0.0, "MulBackward0", x / 2), (-2.95, "MulBackward0", x / 2)]:
        run = dynamic_graph("branch", start)
        assert run.graph.ops() == [op, "AccumulateGrad"]
        assert run.grad == pytest.approx(float(sympy.diff(exact, x).subs(x, start)))
        assert run.out == pytest.approx(float(exact.subs(x, start)))
    assert "if branch" in dynamic_graph("branch", 1.0).path and "else branch" in dynamic_graph("branch", -1.0).path


@pytest.mark.parametrize("start", [0.75, 1.0, 1.3, 2.6, 4.9, 5.0, 9.95, 10.0, 12.0])
def test_the_loop_records_one_multiplication_per_doubling(start):
    run = dynamic_graph("loop", start)
    doublings = max(0, math.ceil(math.log2(10 / start)))
    assert run.graph.ops().count("MulBackward0") == doublings == run.ran.get(2, 0)
    assert len(run.graph.nodes) == doublings + 1
    assert run.out == pytest.approx(start * 2**doublings) and run.grad == 2.0**doublings
    h = 1e-7  # a step to the right: at a jump (5, 10) the loop count stays that of x itself
    assert run.grad == pytest.approx((double_until(start + h) - double_until(start)) / h, rel=1e-6)
    assert f"× {doublings}" in run.short


def test_the_seed_runs_of_the_lesson_print_the_same_graphs():
    assert dynamic_graph("loop", 0.75).text == (
        "MulBackward0 → out = 12.0, grad 1.0\n"
        "└── MulBackward0 → 6.0, grad 2.0\n"
        "    └── MulBackward0 → 3.0, grad 4.0\n"
        "        └── MulBackward0 → 1.5, grad 8.0\n"
        "            └── AccumulateGrad → x = 0.75, grad 16.0")
    assert dynamic_graph("branch", 2.0).text == (
        "PowBackward0 → out = 4.0, grad 1.0\n"
        "└── AccumulateGrad → x = 2.0, grad 4.0")


def test_without_backward_there_are_values_but_no_grads():
    run = dynamic_graph("loop", 3.0, backward=False)
    assert run.grad is None and "out.backward()" not in run.code()
    assert all(node.grad is None for node in run.graph.nodes.values())
    assert [node.value.item() for node in run.graph.nodes.values()] == [12.0, 6.0, 3.0]
    assert shape(run.graph) != shape(dynamic_graph("loop", 3.0).graph)  # grads appear: a new picture


def test_shape_ignores_the_numbers_but_not_the_structure():
    assert shape(dynamic_graph("loop", 3.0).graph) == shape(dynamic_graph("loop", 4.9).graph)
    assert shape(dynamic_graph("loop", 3.0).graph) != shape(dynamic_graph("loop", 2.4).graph)
    assert shape(dynamic_graph("branch", 0.1).graph) != shape(dynamic_graph("branch", -0.1).graph)


@pytest.mark.parametrize("start", [0.0, -1.0, 1e-9, -math.inf, math.nan])
def test_a_loop_that_would_never_end_is_refused_at_once(start):
    began = time.perf_counter()
    with pytest.raises(ValueError, match="pick a larger x"):
        dynamic_graph("loop", start)
    assert time.perf_counter() - began < 5  # a guard against a hang, generous for a loaded machine


def test_the_python_functions_are_the_lessons():
    assert f(torch.tensor(3.0)).item() == 9.0 and f(torch.tensor(-3.0)).item() == -1.5
    assert double_until(torch.tensor(0.75)).item() == 12.0
