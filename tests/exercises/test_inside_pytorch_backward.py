"""Lesson 8's exercises, fed their solution, their placeholder, mistakes produced by running them, and junk.

PyTorch is the oracle: the order comes from trace_backward, the hook's print from running the
cell, the raising line from running the lines; each wrong answer below is what the mistaken
belief or the mistaken code really gives. Whatever comes in, a checker answers and never raises.
"""

from pathlib import Path

import nbformat
import pytest
import torch

from autograd_lessons.compute.inside_pytorch_backward import trace_backward
from autograd_lessons.exercises.inside_pytorch_backward import q1, q2, q3, q4
from autograd_lessons.exercises.inside_pytorch_backward.q1_engine_order import CODE as Q1_CODE
from autograd_lessons.exercises.inside_pytorch_backward.q2_hook_prints import CODE as Q2_CODE
from autograd_lessons.exercises.inside_pytorch_backward.q3_which_line_raises import LINES

QUESTIONS = [q1, q2, q3, q4]
UNCHECKED = "could not be checked"  # the safety net's words: no foreseen input may end up there
JUNK = [None, 1.5, "my answer", [1.0, 2.0], torch.ones(2, 2), torch.tensor([4, 5]), {"x": 1.0}, object(), -7]


def judge(question, *answers):
    result = question.judge(*answers)
    assert result.status in {"correct", "incorrect", "not attempted"}
    assert result.message and UNCHECKED not in result.message, result.message
    return result


def solved(question):
    namespace = {"torch": torch}
    exec(question.solution_code, namespace)
    return [namespace[name] for name in question.arguments]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes_and_the_placeholder_is_not_attempted(question):
    assert judge(question, *solved(question)).correct
    result = judge(question, *[...] * len(question.arguments))
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


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_hints_and_solution_are_there(question):
    assert len(question.hints) >= 2 and question.explanation
    assert question.solution_code.splitlines()[0] in repr(question.solution())


# --- q1: the order the engine runs the nodes ---------------------------------------------------------


def real_order():
    """The exercise's graph, traced: the oracle the checker must agree with."""
    namespace = {"torch": torch}
    exec(Q1_CODE, namespace)
    trace = trace_backward(namespace["out"], names={k: v for k, v in namespace.items() if k != "torch"})
    return trace, [f"{s.op} ({trace.graph.nodes[s.key].name})" if s.op == "AccumulateGrad" else s.op
                   for s in trace.steps]


@pytest.mark.parametrize("form", [
    lambda order: order,
    lambda order: [name.replace("Backward0", "") for name in order],
    lambda order: [name.replace("Backward0", "").lower() for name in order],
    lambda order: [name.replace("Backward0", "Backward") for name in order],
    lambda order: ["AccumulateGrad" if name.startswith("Accumulate") else name for name in order],
    lambda order: [name.split("(")[-1].rstrip(")") if name.startswith("Accumulate") else name for name in order],
    lambda order: ", ".join(order),
    lambda order: " → ".join(name.replace("Backward0", "") for name in order),
    lambda order: tuple(order),
], ids=["as traced", "no Backward0", "lower case", "Backward", "generic leaves", "leaf names", "one string",
        "arrows", "tuple"])
def test_q1_accepts_every_way_of_naming_the_nodes(form):
    _, order = real_order()
    result = judge(q1, form(order))
    assert result.correct, result.message


def test_q1_the_oracle_is_the_engine():
    trace, order = real_order()
    assert order == ["AddBackward0", "ExpBackward0", "MulBackward0", "AccumulateGrad (b)", "SinBackward0",
                     "AccumulateGrad (a)"]
    assert trace.graph.nodes[trace.steps[3].key].name == "b"


def forward_order():
    """What a learner gets by listing the nodes in the order the forward pass recorded them."""
    namespace = {"torch": torch}
    exec(Q1_CODE, namespace)
    out = namespace["out"]
    nodes, stack = [], [out.grad_fn]
    while stack:  # every node once
        fn = stack.pop()
        if fn is not None and fn not in nodes:
            nodes.append(fn)
            stack.extend(child for child, _ in fn.next_functions)
    ops = [fn for fn in nodes if type(fn).__name__ != "AccumulateGrad"]
    return ["a", "b"] + [type(fn).__name__ for fn in sorted(ops, key=lambda fn: fn._sequence_nr())]


@pytest.mark.parametrize("mistake, says", [
    (lambda order: forward_order(), "backward starts at the output"),
    (lambda order: list(reversed(order)), "backward starts at the output"),
    (lambda order: ["AddBackward0", "SinBackward0", "ExpBackward0", "MulBackward0", "b", "a"], "recorded last"),
    (lambda order: ["AddBackward0", "SinBackward0", "ExpBackward0", "MulBackward0", "a", "b"], "recorded last"),
    (lambda order: order[:3] + ["SinBackward0", "b", "a"], "as soon as it is ready"),
    (lambda order: order[:3] + ["SinBackward0", "AccumulateGrad", "AccumulateGrad"], "as soon as it is ready"),
    (lambda order: order[:3] + ["a", "b", "SinBackward0", "a"], "List each leaf once"),
    (lambda order: order[:-1], "has 6 nodes"),
    (lambda order: [name for name in order if not name.startswith("Accumulate")], "has 6 nodes"),
    (lambda order: order[:2] + ["SinBackward0", "MulBackward0"] + order[3:4] + order[5:], "not the order"),
])
def test_q1_names_the_belief_behind_a_wrong_order(mistake, says):
    _, order = real_order()
    result = judge(q1, mistake(order))
    assert result.status == "incorrect" and says in result.message, result.message


def test_q1_refuses_entries_that_are_not_names():
    assert "in quotes" in judge(q1, ["AddBackward0", 3]).message
    assert "None" in judge(q1, None).message


# --- q2: what a tensor hook prints -------------------------------------------------------------------


def run_q2(source=Q2_CODE):
    """Run the exercise's cell (or a mistaken reading of it) and return (printed, x.grad)."""
    seen = []
    namespace = {"torch": torch, "print": lambda *args: seen.append(args[-1])}
    exec(source, namespace)
    return seen[0], namespace["x"].grad.item()


def test_q2_right_as_numbers_or_tensors():
    printed, grad = run_q2()
    assert (printed, grad) == (5.0, 6.0)
    assert judge(q2, printed, grad).correct
    assert judge(q2, torch.tensor(printed), torch.tensor(grad)).correct
    assert judge(q2, int(printed), int(grad)).correct


@pytest.mark.parametrize("source, says", [
    # the clamp registered first: the print would see the clipped value
    (Q2_CODE.replace('h.register_hook(lambda grad: print("the hook on h sees", grad.item()))\n', "")
     .replace("out = 5 * h", 'h.register_hook(lambda grad: print("sees", grad.item()))\nout = 5 * h'),
     "registered first"),
    # a hook on x rather than h
    (Q2_CODE.replace('h.register_hook(lambda grad: print(', 'x.register_hook(lambda grad: print('), "with respect to x"),
])
def test_q2_a_printed_value_from_a_mistaken_reading(source, says):
    printed, _ = run_q2(source)
    result = judge(q2, printed, run_q2()[1])
    assert result.status == "incorrect" and says in result.message, result.message


@pytest.mark.parametrize("source, says", [
    (Q2_CODE.replace("h.register_hook(lambda grad: grad.clamp(max=1.0))\n", ""), "without the second hook"),
    (Q2_CODE.replace("out.backward()", "out.backward()\nx.grad.clamp_(max=1.0)"), "not on `x.grad`"),
    (Q2_CODE.replace("h = x ** 2", "h = x * 1.0").replace("grad.clamp(max=1.0)", "grad"), "5 is the gradient at h"),
    (Q2_CODE.replace("out.backward()", "out.backward(retain_graph=True)\nout.backward()"), "`printed` is right"),
])
def test_q2_an_x_grad_from_mistaken_code(source, says):
    _, grad = run_q2(source)
    result = judge(q2, 5.0, grad)
    assert result.status == "incorrect" and says in result.message, result.message


# --- q3: which line raises, and why ------------------------------------------------------------------


def raising_line(lines):
    namespace = {"torch": torch}
    for number, line in enumerate(lines, start=1):
        try:
            exec(line, namespace)
        except RuntimeError as error:
            return number, str(error)
    return None, ""


def test_q3_the_oracle_is_pytorch():
    line, message = raising_line(LINES)
    assert line == 6 and "modified by an inplace operation" in message


@pytest.mark.parametrize("line", [6, 6.0, "6", "line 6", " 6 "])
@pytest.mark.parametrize("reason", ["b", "B", "(b)", "b)", " b "])
def test_q3_accepts_every_way_of_writing_the_answer(line, reason):
    assert judge(q3, line, reason).correct


def test_q3_what_a_learner_who_believes_each_error_happens_at_once_answers():
    # "mul_ raises at once": true only for a leaf; running the same line on x shows the error they expect
    line, message = raising_line(LINES[:3] + ("x.mul_(2)",) + LINES[4:])
    assert line == 4 and "leaf Variable" in message
    result = judge(q3, line, "a")
    assert result.status == "incorrect" and "runs without complaint" in result.message


@pytest.mark.parametrize("answer, says", [
    ((6, "a"), "the reason is not"),
    ((6, "c"), "only one backward"),
    ((None, "d"), "one line does raise"),
    ((6, "d"), "one line does raise"),
    ((3, "b"), "computing never checks versions"),
    ((5, "b"), "computing never checks versions"),
    ((2, "b"), "runs without error"),
    ((7, "b"), "lines 1 to 6"),
    ((0, "b"), "lines 1 to 6"),
    (("six", "b"), "the line's number"),
    ((6, "the saved tensor changed"), "one letter"),
    ((True, "b"), "the line's number"),
])
def test_q3_wrong_answers_get_the_reason(answer, says):
    result = judge(q3, *answer)
    assert result.status == "incorrect" and says in result.message, result.message


# --- q4: repair an in-place operation ----------------------------------------------------------------


def cell(repair, backward_twice=False, start=(-1.0, 0.5, 2.0)):
    """Run q4's cell with the learner's repair of the line ``e += 1``; return (x, loss) or (x, the error)."""
    x = torch.tensor(list(start), requires_grad=True)
    e = repair(x.exp())
    loss = (e * e).sum()
    try:
        loss.backward(retain_graph=backward_twice)
        if backward_twice:
            loss.backward()
    except RuntimeError as error:
        return x, loss, error
    return x, loss, None


def add_in_place(e):
    e += 1
    return e


def under_no_grad(e):
    with torch.no_grad():
        e += 1
    return e


def through_data(e):
    e.data += 1
    return e


def through_detach(e):
    e.detach().add_(1)
    return e


@pytest.mark.parametrize("repair", [lambda e: e + 1, lambda e: torch.add(e, 1), lambda e: add_in_place(e.clone()),
                                    lambda e: e.add(1)], ids=["e + 1", "torch.add", "clone then +=", "add"])
def test_q4_every_out_of_place_repair_passes(repair):
    x, loss, error = cell(repair)
    assert error is None
    assert judge(q4, x, loss).correct


def test_q4_the_broken_line_raises_and_is_told_what_to_change():
    x, loss, error = cell(add_in_place)
    assert "modified by an inplace operation" in str(error)
    result = judge(q4, x, loss)
    assert result.status == "incorrect" and "in-place line still changes" in result.message


@pytest.mark.parametrize("repair, says", [
    (under_no_grad, "in-place line still changes"),  # no_grad does not stop the version counter
    (through_detach, "in-place line still changes"),  # detach shares the version counter
    (through_data, "exactly what `e.data += 1` gives"),  # silently wrong
    (lambda e: e, "the + 1 is missing"),
    (lambda e: e * 2, "compute `loss = (e * e).sum()`"),
])
def test_q4_mistaken_repairs_are_named(repair, says):
    x, loss, error = cell(repair)
    result = judge(q4, x, loss)
    assert result.status == "incorrect" and says in result.message, result.message


def test_q4_a_detached_loss_two_backwards_and_another_start():
    x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
    e = x.exp().detach() + 1
    assert "no grad_fn" in judge(q4, x, (e * e).sum()).message
    x, loss, _ = cell(lambda e: e + 1, backward_twice=True)
    assert "exactly twice" in judge(q4, x, loss).message
    x, loss, _ = cell(lambda e: e + 1, start=(1.0, 2.0, 3.0))
    assert "the exercise starts from" in judge(q4, x, loss).message
    x, loss, _ = cell(lambda e: e + 1)
    assert "pass the tensor" in judge(q4, x, loss.item()).message
    assert "shape" in judge(q4, x, loss.reshape(1).repeat(2)).message
    assert "not a leaf" in judge(q4, x * 1, loss).message


def test_every_figure_the_lesson_stores_has_alt_text_written_for_it():
    cells = nbformat.read(Path(__file__).resolve().parents[2] / "notebooks" / "08_inside_pytorch_backward.ipynb", as_version=4).cells
    figures = [cell for cell in cells if cell.cell_type == "code"
               and any("image/png" in output.get("data", {}) for output in cell.outputs)]
    assert figures
    for cell in figures:
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt.split()) >= 12 and not alt.endswith(".png"), cell.source.splitlines()[0]
