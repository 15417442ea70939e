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
