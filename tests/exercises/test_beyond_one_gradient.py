"""Lesson 10's exercises, fed their solution, their placeholder, the usual wrong answers, and junk.

The learner's answers to q2-q4 are functions: each wrong one below is real code making a real mistake
(reverse mode where forward was asked, the tangent read too late, one gradient for the whole batch, the
Hessian instead of H v), and the checker must recognise it by what it returns. Whatever comes in, a
checker answers and never raises; a function that never returns is stopped by the time bound.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
import torch.autograd.forward_ad as fwAD  # noqa: E402
from torch.func import grad, hessian, jacrev, jvp, vjp, vmap  # noqa: E402

from autograd_lessons.exercises.beyond_one_gradient import q1, q2, q3, q4  # noqa: E402

QUESTIONS = [q1, q2, q3, q4]
UNCHECKED = "could not be checked"  # the safety net's words: no foreseen input may end up there
JUNK = [None, 1.5, "my answer", [1.0, 2.0], torch.ones(2, 2), {"x": 1.0}, object(), -7, int]


def judge(question, *answers):
    result = question.judge(*answers)
    assert result.status in {"correct", "incorrect", "not attempted"}
    assert result.message and UNCHECKED not in result.message, result.message
    return result


def solved(question):
    namespace = {"torch": torch, "fwAD": fwAD, "grad": grad, "vmap": vmap, "jvp": jvp}
    exec(question.solution_code, namespace)
    return [namespace[name] for name in question.arguments]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes_and_the_placeholder_is_not_attempted(question):
    assert judge(question, *solved(question)).correct
    result = judge(question, *[...] * len(question.arguments))
    assert result.status == "not attempted" and "`...`" in result.message


@pytest.mark.parametrize("question", [q2, q3, q4], ids=lambda q: q.name)
def test_a_function_that_still_returns_the_placeholder_is_not_attempted(question):
    result = judge(question, lambda *args: ...)
    assert result.status == "not attempted" and "`...`" in result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_junk_in_any_position_gets_a_clear_message(question):
    for position in range(len(question.arguments)):
        for junk in JUNK:
            answers = solved(question)
            answers[position] = junk
            result = judge(question, *answers)
            assert result.status == "incorrect", (position, junk, result)
            assert len(result.message) > 30


@pytest.mark.parametrize("question", [q2, q3, q4], ids=lambda q: q.name)
def test_functions_that_raise_return_junk_or_never_return_are_answered(question, monkeypatch):
    monkeypatch.setattr("autograd_lessons.exercises.beyond_one_gradient._calls.SECONDS", 0.1)

    def loops_forever(*args):
        while True:
            pass

    for wrong in (lambda *args: 1 / 0, lambda *args: "text", lambda *args: None,
                  lambda *args: torch.tensor([1, 2]), loops_forever):
        result = judge(question, wrong)
        assert result.status == "incorrect", result
    assert "still running after 0.1 s" in result.message  # the last one, loops_forever


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_hints_and_solution_are_there(question):
    assert len(question.hints) >= 2 and question.explanation
    assert question.solution_code.splitlines()[0] in repr(question.solution())


# --- q1: which mode needs fewer passes -------------------------------------------------------------


@pytest.mark.parametrize("loss_mode, curve_mode", [("reverse", "forward"), ("Reverse mode", "forward-mode"),
                                                   ("backward", "jacfwd"), ("vjp", "JVP"), ("jacrev", "fwd")])
def test_q1_accepts_each_way_of_naming_the_modes(loss_mode, curve_mode):
    assert judge(q1, loss_mode, curve_mode).correct


def test_q1_wrong_answers_say_what_is_wrong():
    assert "swapped" in judge(q1, "forward", "reverse").message
    one = judge(q1, "reverse", "reverse")
    assert one.status == "incorrect" and "`curve_mode`" in one.message and "3 JVPs or 1,000 VJPs" in one.message
    other = judge(q1, "forward", "forward")
    assert "`loss_mode`" in other.message and "1,000,000 JVPs or 1 VJP" in other.message
    assert "is the text 'sideways'" in judge(q1, "sideways", "forward").message


# --- q2: a JVP with forward_ad -------------------------------------------------------------------------


def tangent_after_the_block(f, x, v):
    with fwAD.dual_level():
        out = f(fwAD.make_dual(x, v))
    return fwAD.unpack_dual(out).tangent


def no_dual_level(f, x, v):
    return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).tangent


def the_primal(f, x, v):
    with fwAD.dual_level():
        return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).primal


def reverse_mode(f, x, v):
    return jacrev(f)(x) @ v


def a_column_not_the_direction(f, x, v):
    with fwAD.dual_level():
        e0 = torch.zeros_like(x)
        e0[0] = 1.0
        return fwAD.unpack_dual(f(fwAD.make_dual(x, e0))).tangent


def test_q2_accepts_torch_func_jvp_too():
    assert judge(q2, lambda f, x, v: jvp(f, (x,), (v,))[1]).correct


def test_q2_names_each_mistake():
    assert "already gone" in judge(q2, tangent_after_the_block).message
    assert "dual_level" in judge(q2, no_dual_level).message
    assert "primal" in judge(q2, the_primal).message
    reverse = judge(q2, reverse_mode)
    assert reverse.status == "incorrect" and "backward" in reverse.message and "forward mode" in reverse.message
    column = judge(q2, a_column_not_the_direction)
    assert column.status == "incorrect" and "J v =" in column.message


# --- q3: per-sample gradients ------------------------------------------------------------------------------


def mean_gradient(loss, w, X, y):
    w = w.clone().requires_grad_(True)
    torch.stack([loss(w, a, b) for a, b in zip(X, y)]).mean().backward()
    return w.grad


def mean_gradient_repeated(loss, w, X, y):
    return mean_gradient(loss, w, X, y).expand(len(X), -1)


def summed_gradient(loss, w, X, y):
    w = w.clone().requires_grad_(True)
    torch.stack([loss(w, a, b) for a, b in zip(X, y)]).sum().backward()
    return w.grad


def batch_everything(loss, w, X, y):
    return vmap(grad(loss))(w, X, y)


def transposed(loss, w, X, y):
    return vmap(grad(loss), in_dims=(None, 0, 0))(w, X, y).T


def a_loop(loss, w, X, y):
    rows = []
    for a, b in zip(X, y):
        w_i = w.clone().requires_grad_(True)
        loss(w_i, a, b).backward()
        rows.append(w_i.grad)
    return torch.stack(rows)


def test_q3_a_loop_is_right_too():
    assert judge(q3, a_loop).correct


def test_q3_names_each_mistake():
    for one_for_all in (mean_gradient, mean_gradient_repeated, summed_gradient):
        result = judge(q3, one_for_all)
        assert result.status == "incorrect" and "one gradient for all the examples" in result.message
    assert "in_dims=(None, 0, 0)" in judge(q3, batch_everything).message
    assert "shape (3, 5)" in judge(q3, transposed).message


# --- q4: a Hessian-vector product ---------------------------------------------------------------------------


@pytest.mark.parametrize("right", [
    lambda f, x, v: hessian(f)(x) @ v,
    lambda f, x, v: vjp(grad(f), x)[1](v)[0],
    lambda f, x, v: torch.autograd.grad(
        torch.autograd.grad(f(x := x.clone().requires_grad_(True)), x, create_graph=True)[0] @ v, x)[0],
], ids=["full Hessian", "reverse over reverse", "double backward"])
def test_q4_accepts_every_way_to_get_h_v(right):
    assert judge(q4, right).correct


def test_q4_names_each_mistake():
    assert "tuple" in judge(q4, lambda f, x, v: jvp(grad(f), (x,), (v,))).message
    assert "whole Hessian" in judge(q4, lambda f, x, v: hessian(f)(x)).message
    assert "the gradient of f" in judge(q4, lambda f, x, v: grad(f)(x)).message
    doubled = judge(q4, lambda f, x, v: 2 * (hessian(f)(x) @ v))
    assert doubled.status == "incorrect" and "H v =" in doubled.message
    assert "shape" in judge(q4, lambda f, x, v: (hessian(f)(x) @ v).sum()).message


# --- issue 18: forward-mode levels, the functions the numbers come from, what a right answer did ---------------


def open_level(f, x, v):
    fwAD.enter_dual_level()  # and never exit_dual_level()
    return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).tangent


def test_q2_a_level_left_open_is_named_shown_by_a_second_call_and_closed():
    result = judge(q2, open_level)
    assert result.status == "incorrect" and result.cause == "dual-level-left-open", result.message
    assert "left a forward-mode dual level open" in result.message and "`fwAD.exit_dual_level()`" in result.message
    assert "Nested forward mode AD is not supported" in result.message  # what its second call really raised
    assert "It returned [2, 0] on 10.2's f" in result.message
    assert fwAD._current_level == -1  # the learner's session works again: the next checks run
    assert judge(q2, *solved(q2)).correct and judge(q4, *solved(q4)).correct


@pytest.mark.parametrize("question", [q2, q3, q4], ids=lambda q: q.name)
def test_a_level_an_earlier_cell_left_open_is_closed_and_said(question):
    fwAD.enter_dual_level()  # an earlier cell, not the answer
    try:
        result = judge(question, *solved(question))
    finally:
        while fwAD._current_level >= 0:
            fwAD.exit_dual_level()
    assert result.correct, result.message
    assert "the checker closed a forward-mode dual level that an earlier cell entered" in result.message


def test_q2_and_q4_start_where_the_cell_does_and_name_the_function_of_every_number():
    from autograd_lessons.exercises.beyond_one_gradient.q2_jvp_forward_ad import CASES as JVP_CASES, expected_jvp
    from autograd_lessons.exercises.beyond_one_gradient.q4_hessian_vector_product import CASES as HVP_CASES

    f, x, v, what = JVP_CASES[0]
    assert expected_jvp(f, x, v).tolist() == [2.0, 0.0] and what.startswith("10.2's f")  # the cell's promise
    g, x, v, what = HVP_CASES[0]
    assert (hessian(g)(x) @ v).tolist() == [2.0, 3.0, 2.0] and what.startswith("10.3's g")

    def the_primal(f, x, v):
        with fwAD.dual_level():
            return fwAD.unpack_dual(f(fwAD.make_dual(x, v))).primal

    primal = judge(q2, the_primal).message
    assert "on 10.2's f(x) = (x₀x₁, sin x₁ + x₂²) at x = [1, 2, 3] along v = [1, 0, 0]" in primal
    assert "f(x) = [2, 9.909]" in primal and "the cell's f" not in primal
    gradient = judge(q4, lambda f, x, v: grad(f)(x)).message
    assert "on 10.3's g(x) = Σ xᵢ² + x₀x₁x₂ at x = [1, 2, 3]" in gradient and "[8, 7, 8]" in gradient
    scaled = judge(q2, lambda f, x, v: 2 * jvp(f, (x,), (v,))[1]).message
    assert "returned [4, 0], but J v = [2, 0]" in scaled
    last = judge(q2, lambda f, x, v: jvp(f, (x,), (v,))[1] * (2 if x[0] == 0.5 else 1)).message  # wrong on h only
    assert "on the checker's h(x) = A · sin(x)" in last and "at x = [0.5, -1, 2]" in last


def test_q3_says_whether_the_answer_looped_or_called_the_loss_once():
    looped = judge(q3, a_loop)
    assert looped.correct and "once per example (5 calls for 5 examples)" in looped.message
    assert "in one call" not in looped.message
    batched = judge(q3, *solved(q3))
    assert batched.correct and "called the loss once, on the whole batch" in batched.message


def test_q3_names_the_gradient_with_respect_to_the_example():
    result = judge(q3, lambda loss, w, X, y: vmap(grad(loss, argnums=1), in_dims=(None, 0, 0))(w, X, y))
    assert result.cause == "differentiated-the-wrong-argument" and "with respect to x" in result.message


def test_q4_says_whether_the_answer_built_the_hessian():
    whole = judge(q4, lambda f, x, v: hessian(f)(x) @ v)
    assert whole.correct and "from the whole Hessian first" in whole.message and "6 × 6" in whole.message
    assert "without ever" not in whole.message
    for right in (solved(q4)[0], lambda f, x, v: vjp(grad(f), x)[1](v)[0]):
        result = judge(q4, right)
        assert result.correct and "without ever computing an n × n matrix" in result.message


def test_q4_names_a_jvp_of_f_where_grad_f_was_meant():
    result = judge(q4, lambda f, x, v: jvp(f, (x,), (v,))[1])
    assert result.cause == "jvp-of-f-not-of-its-gradient" and "derivative of f itself" in result.message


# --- the self-checks the exercise texts suggest work in the notebook, after every cell before them -------------

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "10_beyond_one_gradient.ipynb"
SELF_CHECKS = {  # question: (the call the exercise text suggests, what it says the call gives)
    "q2": ("jvp_forward(f, x, torch.tensor([1.0, 0.0, 0.0]))", "torch.tensor([2.0, 0.0])"),
    "q3": ("per_sample_grads(loss_one, w, X, y)", "looped"),
    "q4": ("hvp(g, x, torch.tensor([1.0, 0.0, 0.0]))", "hessian(g)(x)[:, 0]"),
}


def test_each_exercises_suggested_self_check_gives_what_it_says_after_the_lessons_cells():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    start = next(i for i, cell in enumerate(cells) if cell.source.startswith("## 10.7 Exercises"))
    namespace = {}
    for cell in cells[:start]:
        if cell.cell_type == "code" and "nbval-ignore-output" not in cell.metadata.get("tags", []):
            exec(cell.source, namespace)  # the lesson as the learner ran it, explorers aside
    plt.close("all")
    texts = "\n".join(cell.source for cell in cells[start:] if cell.cell_type == "markdown")
    for question in (q2, q3, q4):
        call, expected = SELF_CHECKS[question.name]
        assert f"`{call}`" in texts, call  # the text still suggests this very call
        exec(question.solution_code, namespace)
        assert torch.allclose(eval(call, namespace), eval(expected, namespace)), call


def test_every_figure_the_lesson_stores_has_alt_text_written_for_it():
    cells = nbformat.read(Path(__file__).resolve().parents[2] / "notebooks" / "10_beyond_one_gradient.ipynb", as_version=4).cells
    figures = [cell for cell in cells if cell.cell_type == "code"
               and any("image/png" in output.get("data", {}) for output in cell.outputs)]
    assert figures
    for cell in figures:
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt.split()) >= 12 and not alt.endswith(".png"), cell.source.splitlines()[0]
