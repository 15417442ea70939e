"""A learner's code run by a checker: its value, its error or its timeout, and never a hang."""

import signal
import threading
import time

import pytest

from autograd_lessons.compute.bounded import Outcome, error_text, run_bounded


def forever():
    while True:
        pass


def forever_and_stubborn():
    while True:
        try:
            while True:
                pass
        except Exception:  # a learner's catch-all must not swallow the timeout
            pass


def recurse(n):
    return recurse(n + 1)


def test_a_value_comes_back():
    outcome = run_bounded(lambda a, b=0: a + b, 2, b=3)
    assert outcome.ok and outcome.value == 5 and outcome.describe() == ""


def test_an_error_is_an_outcome_with_a_readable_sentence():
    outcome = run_bounded(lambda: {}["missing"])
    assert not outcome.ok and isinstance(outcome.error, KeyError)
    assert outcome.describe("your backward()") == "your backward() raised KeyError: 'missing'."
    assert "RecursionError" in run_bounded(recurse, 0).describe()


@pytest.mark.parametrize("code", [forever, forever_and_stubborn])
def test_an_endless_loop_is_stopped_in_time(code):
    start = time.monotonic()
    outcome = run_bounded(code, seconds=0.3)
    assert outcome.timed_out and not outcome.ok and 0.25 < time.monotonic() - start < 2.0
    assert "still running after 0.3 s" in outcome.describe()


def test_outside_the_main_thread_a_trace_stops_the_loop():
    found = []
    thread = threading.Thread(target=lambda: found.append(run_bounded(forever_and_stubborn, seconds=0.3)))
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and found[0].timed_out


def test_the_previous_alarm_handler_and_a_quiet_timer_are_restored():
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        run_bounded(forever, seconds=0.1)
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_error_text_keeps_the_first_line_only():
    assert error_text(ValueError("first line\nsecond line")) == "ValueError: first line"
    assert error_text(StopIteration()) == "StopIteration"
    assert Outcome(timed_out=True, seconds=2).describe().startswith("your code was still running after 2 s")


def test_code_stopped_while_tracking_is_off_leaves_autograd_switched_on():
    import torch

    def switch_off_then_loop():  # as when the timer fires between no_grad's __enter__ and its try
        torch.set_grad_enabled(False)
        while True:
            pass

    outcome = run_bounded(switch_off_then_loop, seconds=0.2)
    assert outcome.timed_out and torch.is_grad_enabled()


def test_the_time_bound_never_stops_an_import_half_way(tmp_path, monkeypatch):
    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(0.5)\nLOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    def import_then_loop():
        import slow_to_import  # noqa: F401
        while True:
            pass

    outcome = run_bounded(import_then_loop, seconds=0.1)
    import slow_to_import
    assert outcome.timed_out and slow_to_import.LOADED
