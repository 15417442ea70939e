"""Lesson 9's exercises, fed their solution, their placeholder, the buggy code they start from, usual repairs, junk.

Each checker runs what it is given; each wrong answer below is real code a learner could
write, and the test checks that the verdict names the fix that code needs. Whatever comes
in, a checker answers and never raises, and a function that never returns is stopped.
"""

import pytest
import torch

from autograd_lessons.exercises import when_gradients_go_wrong
from autograd_lessons.exercises.when_gradients_go_wrong import q1, q2, q3

QUESTIONS = [q1, q2, q3]
UNCHECKED = "could not be checked"  # the safety net's words: no foreseen input may end up there
JUNK = [None, 1.5, "my answer", [1.0, 2.0], torch.ones(2, 2), {"x": 1.0}, object(), -7, print]


def judge(question, *answers):
    result = question.judge(*answers)
    assert result.status in {"correct", "incorrect", "not attempted"}
    assert result.message and UNCHECKED not in result.message, result.message
    return result


def solved(question):
    namespace = {"torch": torch}
    exec(question.solution_code, namespace)
    return [namespace[name] for name in question.arguments]


def forever(*args):
    while True:
        pass


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_the_solution_passes_and_the_placeholder_is_not_attempted(question):
    assert judge(question, *solved(question)).correct
    assert judge(question, ...).status == "not attempted"


def test_a_function_that_still_returns_the_placeholder_is_not_attempted():
    assert judge(q1, lambda x: ...).status == "not attempted"
    assert judge(q2, lambda w, x, y: ...).status == "not attempted"
    assert judge(q3, lambda totals, counts: ...).status == "not attempted"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_junk_gets_a_clear_message(question):
    for junk in JUNK:
        result = judge(question, junk)
        assert result.status == "incorrect" and len(result.message) > 30, (junk, result)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_code_that_raises_is_an_answer_not_a_crash(question):
    assert "raised ZeroDivisionError" in judge(question, lambda *args: 1 / 0).message


def test_code_that_never_returns_is_stopped(monkeypatch):
    monkeypatch.setattr("autograd_lessons.exercises.when_gradients_go_wrong.trial.SECONDS", 0.2)  # the checker gives 2 s
    assert "still running" in judge(q1, forever).message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_hints_and_solution_are_there(question):
    assert len(question.hints) >= 2 and question.explanation
    assert question.solution_code.splitlines()[0] in repr(question.solution())


# --- q1: the torch.where trap ------------------------------------------------------------------------

@pytest.mark.parametrize("repair", [
    lambda x: torch.where(x > 0, torch.where(x > 0, x, 1.0).sqrt(), 0.0),
    lambda x: torch.where(x > 0, x.clamp(min=1e-12).sqrt(), 0.0),
    lambda x: x.relu().sqrt(),  # relu's backward masks the inf away instead of multiplying it
], ids=["mask first", "clamp to eps", "relu then sqrt"])
def test_q1_accepts_every_repair_whose_gradient_is_right(repair):
    assert judge(q1, repair).correct


@pytest.mark.parametrize("code, says", [
    (lambda x: torch.where(x > 0, x.sqrt(), 0.0), "the sqrt still receives a number ≤ 0"),
    (lambda x: torch.where(x > 0, x.sqrt(), 0.0).nan_to_num(), "the sqrt still receives a number ≤ 0"),
    (lambda x: (x * (x > 0)).sqrt(), "the sqrt still receives a number ≤ 0"),  # -0.0 at x = -1: slope -inf
    (lambda x: torch.where(x > 0, x.clamp(min=0).sqrt(), 0.0), "0 still reaches the sqrt"),
    (lambda x: torch.where(x > 0, (x + 1e-12).sqrt(), 0.0), "a negative number still reaches the sqrt"),
    (lambda x: torch.where(x >= 0, torch.where(x >= 0, x, 1.0).sqrt(), 0.0), "still comes from the sqrt"),
    (lambda x: torch.where(x > 0, x, 1.0).sqrt(), "pick 0 for x ≤ 0"),
    (lambda x: x.sqrt(), "a nan in the value"),
    (lambda x: torch.where(x > 0, x.sqrt(), 0.0).detach(), "no grad_fn"),
    (lambda x: torch.where(x > 0, torch.where(x > 0, x, 1.0).sqrt().detach() + 0 * x, 0.0), "the derivative is"),
    (lambda x: x[:2], "shape (2,)"),
    (lambda x: x.sum().item(), "not a tensor"),
], ids=["the bug", "nan_to_num after", "times a mask", "clamp at 0", "plus eps", "x >= 0", "no outer where", "no where",
        "detached", "another function", "wrong shape", "a number"])
def test_q1_names_the_fix_each_wrong_repair_needs(code, says):
    result = judge(q1, code)
    assert result.status == "incorrect" and says in result.message, result.message


@pytest.mark.parametrize("code", [
    lambda x: x.clamp(min=0).sqrt(),             # no mask, no where: 0 goes through the sqrt
    lambda x: torch.sqrt(x.clamp(min=0)),
    lambda x: torch.where(x >= 0, x, 0.0).sqrt(),  # a where on the input only, letting 0 through
], ids=["clamp then sqrt", "sqrt of clamp", "a where on the input"])
def test_q1_tells_a_function_without_masks_only_what_its_gradient_shows(code):
    result = judge(q1, code)
    assert result.status == "incorrect" and result.cause == "zero-reaches-sqrt", result
    assert "inf at x = 0" in result.message and "comes from the sqrt" in result.message, result.message
    for claim in ("both masks", "`x >= 0`", "torch.where` sends", "outer"):  # none has two masks or an outer where
        assert claim not in result.message, result.message


def test_q1_asks_for_the_function_not_its_result():
    x = torch.tensor([1.0, 4.0], requires_grad=True)
    assert "without brackets" in judge(q1, x.sqrt()).message


# --- q2: element 0 of tensors does not require grad -----------------------------------------------------

def from_item(w, x, y):
    error = (w * x - y).pow(2).mean().item()
    return torch.tensor(error)


def under_no_grad(w, x, y):
    with torch.no_grad():
        return (w * x - y).pow(2).mean()


@pytest.mark.parametrize("code, says", [
    (from_item, "no grad_fn"),
    (lambda w, x, y: (w * x - y).pow(2).mean().item(), "what `.item()` gives"),
    (under_no_grad, "torch.no_grad()"),
    (lambda w, x, y: (w.detach() * x - y).pow(2).mean(), "w.detach()"),
    (lambda w, x, y: torch.tensor((w * x - y).pow(2).mean().item(), requires_grad=True), "new leaf"),
    (lambda w, x, y: (w * x - y).pow(2).sum(), "the mean of"),
    (lambda w, x, y: (w * x - y).pow(2), "one number"),
    (lambda w, x, y: "10.5", "return the loss tensor"),
], ids=["the bug", "item only", "no_grad", "detach", "requires_grad leaf", "sum", "no mean", "text"])
def test_q2_names_the_fix_each_wrong_repair_needs(code, says):
    result = judge(q2, code)
    assert result.status == "incorrect" and says in result.message, result.message


def test_q2_the_buggy_cell_raises_the_lessons_error():
    w = torch.tensor(0.5, requires_grad=True)
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        from_item(w, torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 6.0])).backward()


def test_q2_the_right_loss_gives_the_right_gradient():
    result = judge(q2, lambda w, x, y: ((w * x - y) ** 2).mean())
    assert result.correct and "-14" in result.message


# --- q3: a division by a masked zero -------------------------------------------------------------------------

def test_q3_the_buggy_function_gives_the_lessons_nan_and_is_named():
    def buggy(totals, counts):
        return torch.where(counts > 0, totals / counts, 0.0)

    totals = torch.tensor([6.0, 0.0, 3.0], requires_grad=True)
    buggy(totals, torch.tensor([3.0, 0.0, 2.0])).sum().backward()
    assert torch.isnan(totals.grad[1]) and not torch.isnan(totals.grad[[0, 2]]).any()
    assert "0 / 0 = nan" in judge(q3, buggy).message


@pytest.mark.parametrize("code, says", [
    (lambda t, c: (t / c).nan_to_num(), "Divide by a safe count"),
    (lambda t, c: t / c.clamp(min=1), "still moves with its total"),
    (lambda t, c: t / (c + 1e-8), "still moves with its total"),
    (lambda t, c: t / c, "nan in the value"),
    (lambda t, c: torch.where(c > 0, t * c, 0.0), "but totals / counts"),
    (lambda t, c: torch.where(c > 0, t / torch.where(c > 0, c, 1.0), 0.0).detach(), "no grad_fn"),
    (lambda t, c: (t / c.clamp(min=1)).sum(), "shape ()"),
], ids=["nan_to_num", "clamp the count", "plus eps", "no where", "product", "detached", "summed"])
def test_q3_names_the_fix_each_wrong_repair_needs(code, says):
    result = judge(q3, code)
    assert result.status == "incorrect" and says in result.message, result.message


# --- the exercises as numbered before the custom Function moved to Lesson 12 -------------------------------------

def test_a_kept_copy_that_calls_q4_gets_the_masked_division():
    from autograd_lessons.exercises.when_gradients_go_wrong import q4

    assert q4 is q3 and when_gradients_go_wrong.q4 is q3
    assert when_gradients_go_wrong.__all__ == ["q1", "q2", "q3"]  # a new lesson imports and lists three
    assert "q4" in dir(when_gradients_go_wrong)
    assert judge(q4, *solved(q3)).correct


def test_an_old_custom_function_passed_to_q3_is_told_where_its_exercise_went():
    class Sigmoid(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            s = 1 / (1 + torch.exp(-x))
            ctx.save_for_backward(s)
            return s

        @staticmethod
        def backward(ctx, grad_output):
            s, = ctx.saved_tensors
            return grad_output * s * (1 - s)

    result = judge(q3, Sigmoid)
    assert result.status == "incorrect" and "moved to Lesson 12" in result.message, result.message
