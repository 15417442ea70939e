"""checking.py: a verdict names the mistake behind a wrong value, and the general causes explain themselves."""

from autograd_lessons.exercises.checking import GENERAL_CAUSES, incorrect, verdict


def test_a_known_wrong_value_carries_its_cause_and_any_other_value_the_otherwise_cause():
    wrong = [(64.0, "twice", "gradients-added-twice"), (16.0, "the value itself")]
    assert verdict(64.0, 32.0, right="ok", wrong=wrong).cause == "gradients-added-twice"
    assert verdict(16.0, 32.0, right="ok", wrong=wrong).cause == "other"  # a pair without its cause
    assert verdict(5.0, 32.0, right="ok", wrong=wrong, otherwise_cause="wrong-formula").cause == "wrong-formula"
    assert verdict(32.0, 32.0, right="ok", wrong=wrong).cause == ""


def test_an_incorrect_verdict_says_other_unless_told():
    assert incorrect("no").cause == "other" and incorrect("no", "not-a-leaf").cause == "not-a-leaf"
    assert {"not-tracked", "not-a-leaf", "no-backward", "wrong-start-value"} <= set(GENERAL_CAUSES)
