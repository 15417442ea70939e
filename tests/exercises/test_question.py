"""What a learner can type at an exercise: hint, solution and check with odd arguments answer in a sentence."""

import pytest

from autograd_lessons.exercises import q1, q2

CALLS = {
    "q1.hint(1, 2)": lambda: q1.hint(1, 2).text,
    "q1.hint(n=1)": lambda: q1.hint(n=1).text,
    "q1.hint(9)": lambda: q1.hint(9).text,
    "q1.hint('one')": lambda: q1.hint("one").text,
    "q1.solution(1)": lambda: q1.solution(1).text,
    "q1.solution(show=True)": lambda: q1.solution(show=True).text,
    "q1.check()": lambda: q1.check().result.message,
    "q1.check(1, 2)": lambda: q1.check(1, 2).result.message,
    "q1.check(wrong=3)": lambda: q1.check(wrong=3).result.message,
    "q2.check(1)": lambda: q2.check(1).result.message,
}


@pytest.mark.parametrize("call", CALLS)
def test_an_odd_call_answers_with_a_sentence_saying_how_to_call_it(call):
    message = CALLS[call]()
    name = call.split(".")[0]
    assert f"`{name}." in message and message.endswith(".")
    assert "Error" not in message and "Traceback" not in message and "argument" not in message


def test_the_sentences_themselves(capsys):
    for call, message in CALLS.items():
        print(f"{call:24} -> {message()}")
    print(capsys.readouterr().out)


@pytest.fixture
def fresh_kernel(monkeypatch):
    """A kernel where no graded assignment has switched anything off yet (the switch is one-way)."""
    from autograd_lessons.exercises import question
    monkeypatch.setattr(question, "_GRADED", {"solutions": False, "hints": False})
    return question


def test_a_graded_assignment_hides_solutions_and_keeps_hints(fresh_kernel):
    from autograd_lessons.exercises import graded_assignment
    assert "9x² − 4" in repr(q1.solution())
    graded_assignment()
    assert "not available in a graded assignment" in repr(q1.solution()) and "q1.hint()" in repr(q1.solution())
    assert "9x²" not in repr(q1.solution()) + q1.solution()._repr_html_()
    assert "requires_grad=True" in repr(q1.hint())


def test_nothing_a_learner_calls_later_turns_solutions_or_hints_back_on(fresh_kernel):
    from importlib import import_module
    fresh_kernel.graded_assignment(hints=False)
    import_module("autograd_lessons.exercises").graded_assignment(hints=True)  # a later cell, by accident
    from autograd_lessons.exercises import q1 as again
    assert "turned off" in repr(again.hint(2)) and "not available" in repr(again.solution())
    assert fresh_kernel.in_graded_assignment() == {"solutions": True, "hints": True}


def test_grade_prints_the_lines_the_class_report_reads_and_raises_unless_right(capsys):
    import torch
    x = torch.tensor(2.0, requires_grad=True)
    (3 * x**3 - 4 * x).backward()
    assert q1.grade(x.grad).correct
    assert capsys.readouterr().out.splitlines()[1:] == ["question: practice_exercises.q1", "verdict: correct"]
    with pytest.raises(AssertionError, match="incorrect"):
        q1.grade(2 * x.grad)
    assert capsys.readouterr().out.splitlines()[1:] == ["question: practice_exercises.q1", "verdict: incorrect",
                                                         "cause: gradients-added-twice"]
    with pytest.raises(AssertionError, match="not attempted"):
        q2.grade(..., ...)


def test_grade_names_the_lesson_even_when_a_learner_replaced_the_checker(capsys, monkeypatch):
    from autograd_lessons.exercises.checking import correct
    monkeypatch.setattr(q1, "_checker", lambda *answers: correct("patched"))
    q1.grade(1.0)
    assert "question: practice_exercises.q1" in capsys.readouterr().out
