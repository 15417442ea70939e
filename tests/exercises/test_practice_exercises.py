"""Every exercise of Lesson 6, fed its solution, its untouched placeholder, and the mistakes learners make.

PyTorch is the oracle: each wrong answer below is produced by running the mistaken code
itself (two backward passes, a forgotten requires_grad, ``y.mean()`` ...), and the test
asserts that the checker names that mistake. Whatever the input, ``check`` must answer
and never raise.
"""

import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lessons.exercises import q1, q2, q3, q4, q5, q6, q7, q8, q9, q10
from autograd_lessons.exercises.feedback import Feedback

QUESTIONS = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10]
UNCHECKED = "could not be checked"  # the safety net's words: no foreseen input may end up there


def tracked(value):
    return torch.tensor(value, requires_grad=True)


def solved(question):
    """Run the question's solution code and return the answers its check line would pass."""
    namespace = {"torch": torch}
    exec(question.solution_code, namespace)
    return [namespace[name] for name in question.arguments]


def judge(question, *answers):
    result = question.judge(*answers)
    assert result.status in {"correct", "incorrect", "not attempted", "pick other values"}
    assert result.message and UNCHECKED not in result.message, result.message
    return result


# --- the pattern every question follows ------------------------------------------------------------


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes(question):
    result = judge(question, *solved(question))
    assert result.correct, result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_untouched_placeholder_is_not_attempted(question):
    result = judge(question, *[...] * len(question.arguments))
    assert result.status == "not attempted"
    assert "`...`" in result.message


@pytest.mark.parametrize("question", [q for q in QUESTIONS if len(q.arguments) > 1], ids=lambda q: q.name)
def test_a_half_finished_cell_is_not_attempted_and_names_what_is_left(question):
    answers = solved(question)
    answers[-1] = ...
    result = judge(question, *answers)
    assert result.status == "not attempted"
    assert f"`{question.arguments[-1]}`" in result.message


WRONG_TYPES = {
    "a float": 1.5,
    "a list": [1.0, 2.0],
    "a string": "my answer",
    "a tensor of the wrong shape": torch.ones(2, 2),
    "an integer tensor": torch.tensor([4, 5]),
    "a dict": {"x": 1.0},
    "None": None,
}


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
@pytest.mark.parametrize("kind", WRONG_TYPES)
def test_a_wrong_type_in_any_position_gets_a_clear_message(question, kind):
    for position in range(len(question.arguments)):
        answers = solved(question)
        answers[position] = WRONG_TYPES[kind]
        result = judge(question, *answers)
        assert result.status == "incorrect", (position, result)
        assert len(result.message) > 30


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_wrong_number_of_answers_shows_the_check_line(question):
    for answers in ([], [...] * (len(question.arguments) + 1)):
        result = question.judge(*answers)
        assert result.status == "incorrect"
        assert question.call in result.message


def test_answers_can_also_be_passed_by_name():
    x, y = solved(q2)
    assert q2.judge(dz_dx=x, dz_dy=y).correct
    assert q2.judge(x, dz_dy=y).correct
    assert q2.judge(x, dz_dx=x).status == "incorrect"
    assert q2.judge(x, dz_dz=y).status == "incorrect"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_hints_and_solution_are_there_and_never_raise(question):
    assert len(question.hints) >= 2
    for number in range(1, len(question.hints) + 1):
        assert question.hints[number - 1] in repr(question.hint(number))
    assert f"{question.name}.hint(2)" in repr(question.hint())
    for odd in (0, 99, "2", True, None, 1.5):
        assert f"{question.name}.hint(1)" in repr(question.hint(odd))
    shown = question.solution()
    assert question.solution_code.splitlines()[0] in repr(shown) and question.explanation in repr(shown)


@pytest.mark.parametrize("call, says", [
    (lambda q: q.hint(1, 2), "takes one hint number"),
    (lambda q: q.hint(n=1), "takes one hint number"),
    (lambda q: q.hint(number=1), "takes one hint number"),
    (lambda q: q.hint("2"), "hints:"),
    (lambda q: q.solution(1), "takes nothing between its brackets"),
    (lambda q: q.solution(show=True), "takes nothing between its brackets"),
])
@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_odd_calls_of_hint_and_solution_say_how_to_call_them(question, call, says):
    shown = repr(call(question))
    assert says in shown and f"{question.name}." in shown


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_check_returns_a_box_and_reads_without_changing(question):
    answers = solved(question)
    leaves = [a for a in answers if isinstance(a, torch.Tensor) and a.grad is not None]
    before = [leaf.grad.clone() for leaf in leaves]
    shown = question.check(*answers)
    assert isinstance(shown, Feedback) and shown.correct
    assert repr(shown).startswith("✓ Correct: ") and "✓ Correct:" in shown._repr_html_()
    assert all(torch.equal(leaf.grad, grad) for leaf, grad in zip(leaves, before))


def test_a_checker_that_breaks_still_answers(monkeypatch):
    monkeypatch.setattr(q1, "_checker", lambda answer: 1 / 0)
    result = q1.judge(torch.tensor(32.0))
    assert result.status == "incorrect"
    assert "ZeroDivisionError" in result.message and "q1.check(answer)" in result.message


# --- known-wrong answers, each produced by the mistaken code --------------------------------------


def q1_answer(x=2.0, backward_calls=1, formula=lambda x: 3 * x**3 - 4 * x, track=True):
    x = torch.tensor(x, requires_grad=track)
    y = formula(x)
    for call in range(backward_calls):
        y.backward(retain_graph=call < backward_calls - 1)
    return x, y


Q1_WRONG = {
    "doubled by two backward passes": (lambda: q1_answer(backward_calls=2)[0].grad, ["64", "twice", "once"]),
    "None: no backward": (lambda: q1_answer(backward_calls=0)[0].grad, ["None", "requires_grad=True", "backward"]),
    "a Python float": (lambda: q1_answer()[0].grad.item(), ["Python float 32.0", "x.grad", ".item()"]),
    "y instead of its derivative": (lambda: q1_answer()[1].detach(), ["16 is y itself"]),
    "x itself": (lambda: q1_answer()[0], ["`x` itself?"]),
    "the -4x term forgotten": (lambda: q1_answer(formula=lambda x: 3 * x**3)[0].grad, ["− 4x term"]),
    "x created from a list": (lambda: q1_answer(x=[2.0], formula=lambda x: (3 * x**3 - 4 * x).sum())[0].grad,
                              ["shape (1,)", "not a list"]),
    "an integer tensor": (lambda: torch.tensor(32), ["int64"]),
    "the text '32'": (lambda: "32", ["text '32'"]),
    "a list": (lambda: [32.0], ["list of 1 item"]),
}


def test_q1_judges_a_tracked_answer_by_its_value():
    result = judge(q1, 9 * q1_answer()[0] ** 2 - 4)  # 32 from a formula: tracked, like a create_graph=True gradient
    assert result.correct and "itself tracked" in result.message and "SubBackward0" in result.message


@pytest.mark.parametrize("case", Q1_WRONG)
def test_q1_names_the_mistake(case):
    make, words = Q1_WRONG[case]
    result = judge(q1, make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def q2_answers(x=1.0, y=2.0, backward_calls=1, track_y=True, formula=lambda x, y: x**2 * y + 5 * y):
    x, y = torch.tensor(x, requires_grad=True), torch.tensor(y, requires_grad=track_y)
    z = formula(x, y)
    for call in range(backward_calls):
        z.backward(retain_graph=call < backward_calls - 1)
    return x.grad, y.grad


Q2_WRONG = {
    "doubled": (lambda: q2_answers(backward_calls=2), ["twice", "once"]),
    "both None: no backward": (lambda: q2_answers(backward_calls=0), ["both are None"]),
    "y not tracked": (lambda: q2_answers(track_y=False), ["`dz_dy` is None", "without `requires_grad=True`"]),
    "swapped": (lambda: q2_answers()[::-1], ["swapped"]),
    "x and y swapped at creation": (lambda: q2_answers(x=2.0, y=1.0), ["x = 1.0 and y = 2.0"]),
    "x*2 for x**2": (lambda: q2_answers(formula=lambda x, y: x * 2 * y + 5 * y), ["`x*2`", "`x**2`"]),
    "5 for 5y": (lambda: q2_answers(formula=lambda x, y: x**2 * y + 5), ["`5*y`"]),
    "floats": (lambda: tuple(g.item() for g in q2_answers()), ["Python float 4.0"]),
    "a string": (lambda: ("4", q2_answers()[1]), ["text '4'"]),
    "a tensor of the wrong shape": (lambda: (torch.ones(3), q2_answers()[1]), ["shape (3,)"]),
}


@pytest.mark.parametrize("case", Q2_WRONG)
def test_q2_names_the_mistake(case):
    make, words = Q2_WRONG[case]
    result = judge(q2, *make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def q3_answers(backward_calls=2, reset=True, read=lambda x: x.grad.item(), read_before_backward=False,
               formula=lambda x: 2 * x**2):
    x = tracked(3.0)
    y = formula(x)
    for call in range(backward_calls):
        y.backward(retain_graph=call < backward_calls - 1)
    after_two = read(x)
    if reset:
        x.grad.zero_()
    if read_before_backward:
        return after_two, read(x)
    formula(x).backward()
    return after_two, read(x)


def stored_then_read():
    after_two, after_reset = q3_answers(read=lambda x: x.grad)
    return after_two, after_reset.item()


Q3_WRONG = {
    "x.grad stored twice: the same tensor": (lambda: q3_answers(read=lambda x: x.grad), ["same tensor", ".item()"]),
    "x.grad stored, then changed by zero_": (stored_then_read, ["same number", "`after_two = x.grad.item()`"]),
    "one backward only": (lambda: q3_answers(backward_calls=1), ["single backward", "another 12"]),
    "three backward calls": (lambda: q3_answers(backward_calls=3), ["36 is three passes"]),
    "no reset": (lambda: q3_answers(reset=False), ["36 = 24 + 12", "zero_()"]),
    "read right after zero_": (lambda: q3_answers(read_before_backward=True), ["right after `zero_()`"]),
    "(2x)² for 2x²": (lambda: q3_answers(formula=lambda x: (2 * x) ** 2), ["`(2*x)**2`"]),
    "None": (lambda: (None, 12.0), ["`after_two` is None"]),
    "x itself": (lambda: (tracked(3.0), 12.0), ["tracked tensor", "x.grad.item()"]),
    "the text '24'": (lambda: ("24", 12.0), ["without quotes"]),
    "a list": (lambda: ([24.0], 12.0), ["list of 1 item"]),
    "a tensor of the wrong shape": (lambda: (torch.ones(3), 12.0), ["shape (3,)"]),
}


@pytest.mark.parametrize("case", Q3_WRONG)
def test_q3_names_the_mistake(case):
    make, words = Q3_WRONG[case]
    result = judge(q3, *make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def q4_leaves(values=(1.0, 2.0, 3.0), backward_calls=1, formula=lambda x, y, z: x * y + y * z + x * z, track=(1, 1, 1)):
    x, y, z = (torch.tensor(v, requires_grad=bool(t)) for v, t in zip(values, track))
    f = formula(x, y, z)
    for call in range(backward_calls):
        f.backward(retain_graph=call < backward_calls - 1)
    return x, y, z


def test_q4_accepts_any_values_the_learner_picks():
    assert judge(q4, *q4_leaves(values=(-1.5, 0.25, 4.0))).correct


Q4_WRONG = {
    "doubled": (lambda: q4_leaves(backward_calls=2), ["twice"]),
    "the xz term forgotten": (lambda: q4_leaves(formula=lambda x, y, z: x * y + y * z),
                              ["f = xy + yz", "xz is missing"]),
    "only xy": (lambda: q4_leaves(formula=lambda x, y, z: x * y + 0 * z), ["yz and xz are missing"]),
    "z not tracked": (lambda: q4_leaves(track=(1, 1, 0)), ["`z` does not require grad", "requires_grad=True"]),
    "no backward": (lambda: q4_leaves(backward_calls=0), ["`x.grad` is None", "f.backward()"]),
    "a non-leaf x": (lambda: (tracked(1.0) * 1, tracked(2.0), tracked(3.0)), ["`x` is not a leaf", "MulBackward0"]),
    "the same tensor thrice": (lambda: (lambda x: (x, x, x))(q4_leaves()[0]), ["same tensor"]),
    "floats": (lambda: (1.0, 2.0, 3.0), ["Python float 1.0", "not a tensor"]),
    "a string": (lambda: ("x", *q4_leaves()[1:]), ["text 'x'"]),
    "a list": (lambda: ([1.0], *q4_leaves()[1:]), ["list of 1 item"]),
    "a tensor of the wrong shape": (lambda: (tracked([1.0, 2.0]), *q4_leaves()[1:]), ["shape (2,)"]),
    "a wrong derivative": (lambda: q4_leaves(formula=lambda x, y, z: x * y + y * z + x * z + x**2),
                           ["∂f/∂x should be y + z = 5"]),
}


@pytest.mark.parametrize("case", Q4_WRONG)
def test_q4_names_the_mistake(case):
    make, words = Q4_WRONG[case]
    result = judge(q4, *make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def q5_leaves(w=None, b=None, backward_calls=1, squared=True):
    w = tracked(3.0) if w is None else w
    b = tracked(2.0) if b is None else b
    loss = (2 * w + b - 10) ** (2 if squared else 1)
    for call in range(backward_calls):
        loss.backward(retain_graph=call < backward_calls - 1)
    return w, b


Q5_WRONG = {
    "the broken code as given": (lambda: q5_leaves(w=torch.tensor(3.0), b=tracked(1.0) * 2),
                                 ["`w` does not require grad", "w = torch.tensor(3.0, requires_grad=True)"]),
    "b made by an operation": (lambda: q5_leaves(b=tracked(1.0) * 2), ["`b` is not a leaf", "MulBackward0"]),
    "b made by .to()": (lambda: q5_leaves(b=tracked(2.0).to(torch.float64)), ["`b` is not a leaf", "ToCopyBackward0"]),
    "no backward": (lambda: q5_leaves(backward_calls=0), ["backward pass has not run", "loss.backward()"]),
    "doubled": (lambda: q5_leaves(backward_calls=2), ["twice"]),
    "a wrong start value": (lambda: q5_leaves(w=tracked(2.0)), ["`w` holds 2", "3.0"]),
    "no square": (lambda: q5_leaves(squared=False), ["without the square"]),
    "an integer w": (lambda: (torch.tensor(3), q5_leaves()[1]), ["int64", "floating-point"]),
    "floats": (lambda: (3.0, 2.0), ["Python float 3.0", "not a tensor"]),
    "a string": (lambda: ("w", q5_leaves()[1]), ["text 'w'"]),
    "a list": (lambda: ([3.0], q5_leaves()[1]), ["list of 1 item"]),
    "a tensor of the wrong shape": (lambda: (tracked([3.0]), q5_leaves()[1]), ["shape (1,)"]),
}


@pytest.mark.parametrize("case", Q5_WRONG)
def test_q5_names_the_mistake(case):
    make, words = Q5_WRONG[case]
    result = judge(q5, *make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def test_q6_and_q9_take_the_prediction_as_any_kind_of_number():
    for prediction in (4, 4.0, torch.tensor(4.0), torch.tensor([4.0]), torch.tensor(4.0, dtype=torch.float64)):
        assert judge(q6, prediction).correct
    assert judge(q9, 10).correct and judge(q9, torch.tensor(10.0)).correct


def what_the_q6_cell_stores():
    x = tracked(2.0)
    with torch.no_grad():
        square = x**2
    (square * x).backward()
    return x.grad


def test_q6_expects_what_autograd_really_does():
    assert judge(q6, what_the_q6_cell_stores().item()).correct


PREDICTIONS_WRONG = {
    q6: {
        12.0: ["3x²", "recorded"],
        8.0: ["other way round"],
        0.0: ["does not depend on x"],
        None: ["not None"],
        "an error": ["no error"],
        "4": ["without quotes", "`prediction = 4`"],
        "four": ["text 'four'"],
        (4.0,): ["tuple of 1 item"],
        float("nan"): ["nan"],
        True: ["yes/no"],
        7.0: ["which factor"],
    },
    q9: {
        5.0: ["after one run", "adds another 5"],
        25.0: ["do not multiply"],
        0.0: ["nothing resets"],
        None: ["not None"],
        "error": ["no error", "fresh graph"],
        "10": ["without quotes"],
        11.0: ["first run prints 5"],
        float("inf"): ["infinite"],
    },
}


@pytest.mark.parametrize("question", [q6, q9], ids=lambda q: q.name)
def test_predictions_name_the_misconception(question):
    for prediction, words in PREDICTIONS_WRONG[question].items():
        result = judge(question, prediction)
        assert result.status == "incorrect", prediction
        for word in words:
            assert word in result.message, (prediction, result.message)
    result = judge(question, torch.ones(3))
    assert result.status == "incorrect" and "shape (3,)" in result.message


def q7_leaf(backward=lambda loss1, loss2: (loss1 + loss2).backward(), x=3.0):
    x = tracked(x)
    h = x**2
    backward(2 * h, h + x)
    return x


def test_q7_accepts_both_fixes():
    assert judge(q7, q7_leaf(lambda l1, l2: (l1.backward(retain_graph=True), l2.backward()))).correct


def test_q7_really_needs_a_fix():
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        q7_leaf(lambda l1, l2: (l1.backward(), l2.backward()))


def both_fixes(loss1, loss2):
    (loss1 + loss2).backward(retain_graph=True)
    loss1.backward(retain_graph=True)
    loss2.backward()


Q7_WRONG = {
    "only loss1": (lambda: q7_leaf(lambda l1, l2: l1.backward()), ["d loss1/dx alone", "retain_graph=True"]),
    "only loss2": (lambda: q7_leaf(lambda l1, l2: l2.backward()), ["d loss2/dx alone"]),
    "both fixes at once": (lambda: q7_leaf(both_fixes), ["twice", "not both"]),
    "a loss instead of x": (lambda: 2 * tracked(3.0) ** 2, ["`x` is not a leaf"]),
    "another x": (lambda: q7_leaf(x=2.0), ["`x` holds 2", "3.0"]),
    "a float": (lambda: 19.0, ["Python float 19.0"]),
    "a string": (lambda: "19", ["text '19'"]),
    "a list": (lambda: [19.0], ["list of 1 item"]),
    "a tensor of the wrong shape": (lambda: tracked([3.0, 3.0]), ["shape (2,)"]),
}


@pytest.mark.parametrize("case", Q7_WRONG)
def test_q7_names_the_mistake(case):
    make, words = Q7_WRONG[case]
    result = judge(q7, make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def test_q7_untouched_cell_is_not_attempted():
    result = judge(q7, q7_leaf(lambda l1, l2: None))
    assert result.status == "not attempted" and "`...`" in result.message


def q8_leaf(backward=lambda y: y.sum().backward()):
    x = tracked([1.0, 2.0, 3.0])
    backward(x**3)
    return x


def test_q8_accepts_ones_as_the_gradient_argument():
    assert judge(q8, q8_leaf(lambda y: y.backward(gradient=torch.ones_like(y)))).correct


def test_q8_really_needs_a_fix():
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        q8_leaf(lambda y: y.backward())


Q8_WRONG = {
    "mean instead of sum": (lambda: q8_leaf(lambda y: y.mean().backward()), ["`y.mean()`", "divides every entry by 3"]),
    "doubled": (lambda: q8_leaf(lambda y: (y.sum().backward(retain_graph=True), y.sum().backward())), ["twice"]),
    "backward from y[0]": (lambda: q8_leaf(lambda y: y[0].backward()), ["entries 1, 2", "part of y"]),
    "uneven weights": (lambda: q8_leaf(lambda y: y.backward(gradient=torch.tensor([1.0, 2.0, 3.0]))),
                       ["different factor", "torch.ones_like(y)"]),
    "a scaled sum": (lambda: q8_leaf(lambda y: (5 * y.sum()).backward()), ["5 times 3x²"]),
    "a float": (lambda: 3.0, ["Python float 3.0"]),
    "a string": (lambda: "x", ["text 'x'"]),
    "a list": (lambda: [1.0, 2.0, 3.0], ["list of 3 items"]),
    "a tensor of the wrong shape": (lambda: q1_answer()[0], ["shape ()", "(3,)"]),
    "y instead of x": (lambda: tracked([1.0, 2.0, 3.0]) ** 3, ["`x` is not a leaf", "PowBackward0"]),
}


@pytest.mark.parametrize("case", Q8_WRONG)
def test_q8_names_the_mistake(case):
    make, words = Q8_WRONG[case]
    result = judge(q8, make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def test_q8_untouched_cell_is_not_attempted():
    result = judge(q8, q8_leaf(lambda y: None))
    assert result.status == "not attempted" and "`...`" in result.message


def what_the_q9_cells_store(runs):
    x = tracked(1.0)
    for _ in range(runs):
        (x**2 + 3 * x).backward()
    return x.grad


def test_q9_expects_what_two_runs_really_store():
    assert what_the_q9_cells_store(1).item() == 5.0
    assert judge(q9, what_the_q9_cells_store(2).item()).correct


def q10_weight(update, backward_calls=1):
    w = tracked(1.0)
    loss = (w - 3) ** 2
    for call in range(backward_calls):
        loss.backward(retain_graph=call < backward_calls - 1)
    return update(w)


def in_place(step):
    def update(w):
        with torch.no_grad():
            w -= step(w)
        return w
    return update


def test_q10_accepts_other_correct_updates():
    def sub_then_zero(w):
        with torch.no_grad():
            w.sub_(0.1 * w.grad)
        w.grad = None
        return w

    assert judge(q10, q10_weight(sub_then_zero)).correct


def test_q10_really_needs_no_grad():
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        def update(w):
            w -= 0.1 * w.grad
        q10_weight(update)


def no_grad_copy(w):
    with torch.no_grad():
        return w - 0.1 * w.grad


Q10_WRONG = {
    "w = w - lr * grad": (lambda: q10_weight(lambda w: w - 0.1 * w.grad), ["no longer a leaf", "SubBackward0"]),
    "w = w - lr * grad under no_grad": (lambda: q10_weight(no_grad_copy), ["no longer requires grad", "in place"]),
    "uphill": (lambda: q10_weight(in_place(lambda w: -0.1 * w.grad)), ["uphill"]),
    "no learning rate": (lambda: q10_weight(in_place(lambda w: w.grad)), ["learning rate"]),
    "doubled gradient": (lambda: q10_weight(in_place(lambda w: 0.1 * w.grad), backward_calls=2),
                         ["twice the step", "once"]),
    "w.item()": (lambda: q10_weight(lambda w: w.item() - 0.1 * w.grad.item()), ["Python float 1.4", "in place"]),
    "a string": (lambda: "w", ["text 'w'"]),
    "a list": (lambda: [1.4], ["list of 1 item"]),
    "a tensor of the wrong shape": (lambda: tracked([1.4]), ["shape (1,)"]),
}


@pytest.mark.parametrize("case", Q10_WRONG)
def test_q10_names_the_mistake(case):
    make, words = Q10_WRONG[case]
    result = judge(q10, make())
    assert result.status == "incorrect"
    for word in words:
        assert word in result.message, result.message


def test_q10_untouched_cell_is_not_attempted():
    result = judge(q10, q10_weight(lambda w: w))
    assert result.status == "not attempted" and "`...`" in result.message


# --- anything at all: check answers and never raises ------------------------------------------------

scalars = st.one_of(st.none(), st.just(...), st.booleans(), st.integers(), st.floats(), st.complex_numbers(),
                    st.text(max_size=20), st.binary(max_size=5))
tensor_dtypes = st.sampled_from([torch.float32, torch.float64, torch.int64, torch.bool, torch.complex64])


@st.composite
def tensors(draw):
    dtype = draw(tensor_dtypes)
    shape = draw(st.sampled_from([(), (1,), (3,), (2, 2), (0,)]))
    t = torch.zeros(shape, dtype=dtype)
    if dtype != torch.bool:
        t = t + draw(st.integers(-3, 3))
    if dtype in (torch.float32, torch.float64) and draw(st.booleans()):
        t = t.clone().requires_grad_(True)
        if draw(st.booleans()):
            t = t * 2  # a non-leaf
        elif draw(st.booleans()) and t.numel():
            t.sum().backward()
    return t


anything = st.recursive(scalars | tensors(), lambda inner: st.lists(inner, max_size=3) | st.tuples(inner)
                        | st.dictionaries(st.text(max_size=3), inner, max_size=2), max_leaves=5)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(QUESTIONS), st.lists(anything, max_size=4))
def test_check_answers_anything_without_raising_or_warning(question, answers):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would print on stderr under the learner's cell
        shown = question.check(*answers)
        text, page = repr(shown), shown._repr_html_()
    assert shown.status in {"correct", "incorrect", "not attempted", "pick other values"}
    assert text and page and shown.message
    if len(answers) == len(question.arguments):
        assert UNCHECKED not in shown.message, shown.message
