"""autograd_lessons.compute.accessing_and_resetting_gradients: the lab makes the real calls, and x.grad follows PyTorch's rules exactly."""

import pytest
import sympy
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lessons.compute.accessing_and_resetting_gradients import FUNCTIONS, AccumulationLab
from autograd_lessons.compute.calculus import finite_difference


def test_the_seed_example_gives_the_seed_numbers():
    lab = AccumulationLab("x**2", x=2.0)
    assert lab.grad is None
    assert lab.backward().grad == 4.0  # Gradient after first backward: 4.0
    lab.function = "3*x"
    assert lab.backward().grad == 7.0  # ... (accumulated): 7.0
    assert lab.zero_().grad == 0.0  # Gradient after reset: 0.0
    assert lab.backward().grad == 3.0  # ... (fresh): 3.0
    assert [step.action for step in lab.history] == ["start", "backward()", "backward()", "zero_()", "backward()"]


@pytest.mark.parametrize("text", FUNCTIONS)
@pytest.mark.parametrize("x", [-2.5, -1.0, 0.5, 2.0])
def test_each_backward_adds_the_derivative(text, x):
    lab = AccumulationLab(text, x)
    f, derivative = FUNCTIONS[text]
    slope = finite_difference(f, x)
    assert lab.backward().grad == pytest.approx(slope, abs=1e-4)
    assert lab.backward().grad == pytest.approx(2 * slope, abs=1e-4)
    symbol = sympy.Symbol("x")
    assert sympy.simplify(sympy.diff(sympy.sympify(text), symbol) - sympy.sympify(derivative)) == 0


def test_the_messages_read_the_sum():
    lab = AccumulationLab("x**2", 2.0)
    first, second = lab.backward(), lab.backward()
    assert first.code == "y = x**2\ny.backward()"
    assert "created x.grad" in first.message and "dy/dx = 2*x = 4" in first.message
    assert "4 + 4 = 8" in second.message
    lab.function = "3*x"
    assert "added dy/dx = 3 to x.grad: 8 + 3 = 11" in lab.backward().message


def test_backward_again_without_retain_graph_is_the_real_error_as_a_message():
    lab = AccumulationLab("x**2", 2.0)
    lab.backward()
    step = lab.backward_again()
    assert step.failed and step.grad == 4.0 and step.code == "y.backward()"
    assert step.message.startswith("RuntimeError: Trying to backward through the graph a second time")
    assert "(its graph was freed)" in step.message
    assert "\n" not in step.message and "Tick retain_graph=True, then press backward()" in step.message
    y = (x := torch.tensor(2.0, requires_grad=True)) ** 2  # the oracle: PyTorch itself refuses
    y.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()


def test_retain_graph_makes_backward_again_accumulate_then_frees_it_when_unticked():
    lab = AccumulationLab("x**2", 2.0, retain_graph=True)
    lab.backward()
    assert lab.backward_again().grad == 8.0
    step = lab.backward_again()
    assert step.grad == 12.0 and step.code == "y.backward(retain_graph=True)"
    lab.retain_graph = False
    assert lab.backward_again().grad == 16.0  # kept by the last call, freed by this one
    assert lab.backward_again().failed and lab.grad == 16.0


def test_a_graph_that_saved_nothing_goes_backward_again_and_again_without_retain_graph():
    lab = AccumulationLab("x + 1", 2.0)
    lab.backward()
    steps = [lab.backward_again() for _ in range(3)]
    assert [step.grad for step in steps] == [2.0, 3.0, 4.0] and not any(step.failed for step in steps)
    assert "saved no tensor" in steps[-1].message and "would fail" not in steps[-1].message
    y = (x := torch.tensor(2.0, requires_grad=True)) + 1  # the oracle: PyTorch itself goes twice
    y.backward()
    y.backward()
    assert x.grad.item() == 2.0


@pytest.mark.parametrize("text", [text for text in FUNCTIONS if text != "x + 1"])
def test_every_other_function_saves_a_tensor_so_backward_again_fails(text):
    lab = AccumulationLab(text, 2.0)
    lab.backward()
    assert lab.backward_again().failed


def test_ticking_retain_graph_after_the_graph_was_freed_says_to_build_a_new_y():
    lab = AccumulationLab("x**2", 2.0)
    lab.backward()
    lab.retain_graph = True
    step = lab.backward_again()
    assert step.failed and "Press backward(): the new y keeps its graph" in step.message


def test_backward_again_before_any_y_says_what_to_press():
    step = AccumulationLab().backward_again()
    assert step.failed and step.grad is None and "press backward() first" in step.message


def test_zero_keeps_the_tensor_and_none_drops_it():
    lab = AccumulationLab("x**2", 2.0)
    lab.backward()
    tensor = lab.x.grad
    assert lab.zero_().grad == 0.0 and lab.x.grad is tensor
    assert lab.set_none().grad is None and lab.x.grad is None
    assert lab.backward().grad == 4.0 and lab.x.grad is not tensor


def test_zero_while_grad_is_none_is_the_real_attribute_error_as_a_message():
    step = AccumulationLab().zero_()
    assert step.failed and step.grad is None
    assert step.message.startswith("AttributeError: 'NoneType' object has no attribute 'zero_'.")


def test_a_new_leaf_starts_from_none_with_a_fresh_history():
    lab = AccumulationLab("x**2", 2.0)
    lab.backward()
    step = lab.new_leaf(-1.5)
    assert lab.grad is None and lab.y is None and lab.history == [step]
    assert step.code == "x = torch.tensor(-1.5, requires_grad=True)"
    assert lab.backward().grad == -3.0


ACTIONS = ["backward", "backward_again", "zero_", "set_none", "tick", "untick", "switch"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ACTIONS), max_size=25), st.sampled_from([-2.0, 0.5, 1.5]))
def test_any_sequence_of_presses_follows_pytorchs_rules(actions, x):
    """A model of the rules (add, refuse a freed graph, refuse zero_ on None) predicts every x.grad."""
    lab, grad, kept, built, retain, name = AccumulationLab("x**2", x), None, False, None, False, "x**2"
    for action in actions:
        if action in ("tick", "untick"):
            lab.retain_graph = retain = action == "tick"
            continue
        if action == "switch":
            lab.function = name = "3*x" if name == "x**2" else "x**2"
            continue
        failed = {"backward_again": built is None or not kept, "zero_": grad is None}.get(action, False)
        step = getattr(lab, action)()
        assert step.failed == failed
        if action == "backward":
            built, kept = name, retain
            grad = (grad or 0.0) + (2 * x if name == "x**2" else 3.0)
        elif action == "backward_again" and not failed:
            kept = retain
            grad = (grad or 0.0) + (2 * x if built == "x**2" else 3.0)
        elif action == "zero_" and not failed:
            grad = 0.0
        elif action == "set_none":
            grad = None
        assert lab.grad == (None if grad is None else pytest.approx(grad))
    assert len(lab.history) == 1 + sum(a not in ("tick", "untick", "switch") for a in actions)
