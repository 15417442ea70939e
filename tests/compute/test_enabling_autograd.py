"""autograd_lessons.compute.enabling_autograd: the table is what torch says, and the code shown is the code that ran."""

import itertools
import warnings

import pytest
import sympy
import torch

from autograd_lessons.compute.enabling_autograd import TensorRow, tensor_state

SWITCHES = list(itertools.product([True, False], repeat=4))  # requires_grad, no_grad, detach, backward


def run_code(code):
    """Execute the code text as a learner would type it; return its tensors (or the error backward raised)."""
    namespace = {"torch": torch}
    try:
        exec(code, namespace)
    except RuntimeError as error:
        return {name: namespace[name] for name in "abcd"}, error
    return {name: namespace[name] for name in "abcd"}, None


@pytest.mark.parametrize("switches", SWITCHES)
def test_the_code_text_reproduces_every_row(switches):
    state = tensor_state(*switches)
    tensors, error = run_code(state.code.replace("  # RuntimeError", ""))
    for row in state.rows:
        t = tensors[row.name]
        grad = t.grad.item() if t.is_leaf and t.grad is not None else None
        grad_fn = None if t.grad_fn is None else type(t.grad_fn).__name__
        assert row == TensorRow(row.name, t.item(), t.requires_grad, t.is_leaf, grad_fn, grad)
    assert (error is not None) == ("RuntimeError" in state.code)


@pytest.mark.parametrize("switches", SWITCHES)
def test_no_switch_combination_warns_or_raises(switches):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reading a non-leaf's .grad would warn
        state = tensor_state(*switches)
    assert state.message and "\n" not in state.message
    assert [row.name for row in state.rows] == ["a", "b", "c", "d"]
    assert [row.value for row in state.rows] == [2.0, 6.0, 36.0, 38.0]  # tracking never changes the numbers


def test_full_tracking_records_every_step_and_backward_matches_sympy():
    state = tensor_state(backward=True)
    a = sympy.Symbol("a")
    exact = sympy.diff((3 * a) ** 2 + a, a).subs(a, 2)
    rows = {row.name: row for row in state.rows}
    assert rows["a"].grad == float(exact) == 37.0
    assert [rows[n].grad_fn for n in "abcd"] == [None, "MulBackward0", "PowBackward0", "AddBackward0"]
    assert [rows[n].is_leaf for n in "abcd"] == [True, False, False, False]
    assert all(rows[n].grad is None for n in "bcd")  # non-leaves keep no .grad
    assert sorted(state.graph.ops()) == ["AccumulateGrad", "AddBackward0", "MulBackward0", "PowBackward0"]
    assert state.kind == "ok" and "a.grad = 37" in state.message


@pytest.mark.parametrize("cut", ["no_grad", "detach"])
def test_a_cut_leaves_only_the_path_through_plus_a(cut):
    state = tensor_state(no_grad=cut == "no_grad", detach=cut == "detach", backward=True)
    rows = {row.name: row for row in state.rows}
    assert rows["a"].grad == 1.0  # d = constant + a
    assert not rows["c"].requires_grad and rows["c"].is_leaf and rows["c"].grad_fn is None
    assert rows["d"].grad_fn == "AddBackward0"  # tracking resumes: + a is recorded again
    assert sorted(state.graph.ops()) == ["AccumulateGrad", "AddBackward0"]
    assert state.cut == cut and "cut" in state.message and "a.grad = 1" in state.message


def test_no_grad_changes_b_but_detach_leaves_b_alone():
    b_no_grad = tensor_state(no_grad=True).rows[1]
    b_detach = tensor_state(detach=True).rows[1]
    assert (b_no_grad.requires_grad, b_no_grad.is_leaf, b_no_grad.grad_fn) == (False, True, None)
    assert (b_detach.requires_grad, b_detach.is_leaf, b_detach.grad_fn) == (True, False, "MulBackward0")


def test_backward_without_tracking_is_a_message_not_an_error():
    state = tensor_state(requires_grad=False, backward=True)
    assert all(not row.requires_grad and row.is_leaf and row.grad_fn is None for row in state.rows)
    assert not state.graph.tracked and state.graph.ops() == ["(no grad_fn)"]
    assert state.kind == "warning"
    assert "does not require grad and does not have a grad_fn" in state.message
    assert state.code.splitlines()[-1] == "d.backward()  # RuntimeError"


def test_marked_lines_are_the_ones_a_switch_wrote():
    lines = lambda state: [state.code.splitlines()[i] for i in state.marked]  # noqa: E731
    assert lines(tensor_state(backward=False)) == ["a = torch.tensor(2.0, requires_grad=True)"]
    assert lines(tensor_state(requires_grad=False, no_grad=True, detach=True)) == [
        "with torch.no_grad():", "    b = a * 3", "c = b.detach() ** 2"]


def test_the_table_prints_like_the_lesson():
    assert tensor_state(detach=True, backward=True).table() == (
        "tensor  value  requires_grad  is_leaf  grad_fn       grad\n"
        "a       2.0    True           True     None          1.0\n"
        "b       6.0    True           False    MulBackward0  None\n"
        "c       36.0   False          True     None          None\n"
        "d       38.0   True           False    AddBackward0  None")
