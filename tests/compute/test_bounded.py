"""A learner's code run by a checker: its value, its error or its timeout, and never a hang."""

import signal
import threading
import time

import pytest

from autograd_lessons.compute import bounded
from autograd_lessons.compute.bounded import WARM_UPS, Outcome, error_text, run_bounded, warm_up
from tests import fresh_python


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
    outcome = run_bounded(code, seconds=0.1)
    assert outcome.timed_out and not outcome.ok and 0.08 < time.monotonic() - start < 2.0
    assert "still running after 0.1 s" in outcome.describe()


def test_outside_the_main_thread_a_trace_stops_the_loop():
    found = []
    thread = threading.Thread(target=lambda: found.append(run_bounded(forever_and_stubborn, seconds=0.1)))
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

    outcome = run_bounded(switch_off_then_loop, seconds=0.1)
    assert outcome.timed_out and torch.is_grad_enabled()


@pytest.mark.waits
def test_the_time_bound_never_stops_an_import_half_way(tmp_path, monkeypatch):
    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(0.3)\nLOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    def import_then_loop():
        import slow_to_import  # noqa: F401
        while True:
            pass

    outcome = run_bounded(import_then_loop, seconds=0.1)
    import slow_to_import
    assert outcome.timed_out and slow_to_import.LOADED


@pytest.mark.waits
def test_outside_the_main_thread_an_import_is_not_stopped_half_way_either(tmp_path, monkeypatch):
    (tmp_path / "slow_to_import_in_a_thread.py").write_text("import time\ntime.sleep(0.3)\nLOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    def import_then_loop():
        import slow_to_import_in_a_thread  # noqa: F401
        while True:
            pass

    found = []
    thread = threading.Thread(target=lambda: found.append(run_bounded(import_then_loop, seconds=0.1)))
    thread.start()
    thread.join(10)
    import slow_to_import_in_a_thread
    assert not thread.is_alive() and found[0].timed_out and slow_to_import_in_a_thread.LOADED


def test_grad_mode_comes_back_as_it_was_when_the_bound_is_called_inside_no_grad():
    import torch

    def switch_on_then_loop():
        torch.set_grad_enabled(True)
        while True:
            pass

    with torch.no_grad():
        outcome = run_bounded(switch_on_then_loop, seconds=0.1)
        assert outcome.timed_out and not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_a_loop_stopped_inside_no_grad_leaves_autograd_on():
    import torch

    def loop_without_tracking():
        with torch.no_grad():
            while True:
                pass

    assert run_bounded(loop_without_tracking, seconds=0.1).timed_out and torch.is_grad_enabled()


@pytest.fixture
def counted(monkeypatch):
    """A feature whose warm-up takes 0.3 s and counts its runs; the session forgets which features are warm."""
    runs = []

    def slow(torch):
        time.sleep(0.3)
        runs.append(torch.is_grad_enabled())

    monkeypatch.setitem(WARM_UPS, "slow", slow)
    monkeypatch.setattr(bounded, "_warmed", set())
    return runs


@pytest.mark.waits
def test_the_warm_up_is_done_once_per_feature_and_before_the_clock_starts(counted):
    first = run_bounded(lambda: len(counted), seconds=0.05, warm=("slow", "slow"))  # 0.3 s of warm-up: not timed
    again = run_bounded(lambda: len(counted), seconds=0.05, warm=("slow",))
    warm_up("slow")
    assert first.ok and again.ok and (first.value, again.value, len(counted)) == (1, 1, 1)


@pytest.mark.waits
def test_the_warm_up_runs_with_autograd_on_even_when_the_check_is_inside_no_grad(counted):
    import torch

    with torch.no_grad():
        run_bounded(lambda: None, warm=("slow",))
        assert not torch.is_grad_enabled()
    assert counted == [True]


def test_a_warm_up_that_fails_is_not_the_learners_problem(monkeypatch):
    def broken(torch):
        raise RuntimeError("torch changed")

    monkeypatch.setitem(WARM_UPS, "broken", broken)
    monkeypatch.setattr(bounded, "_warmed", set())
    assert run_bounded(lambda: 1, warm=("broken",)).value == 1


def test_a_feature_with_no_warm_up_is_the_callers_mistake():
    with pytest.raises(ValueError, match="no warm-up for \\['vmap'\\]"):
        run_bounded(lambda: 1, warm=("vmap",))


@pytest.mark.parametrize("feature", sorted(WARM_UPS))
def test_every_warm_up_runs_on_this_torch(feature):
    import torch

    WARM_UPS[feature](torch)  # warm_up() would swallow an error: here it must show


# run in a fresh interpreter, where nothing is warm yet: the learner's first use of a feature, under a tiny bound
FIRST_USE = """
import sys, torch
from autograd_lessons.compute.bounded import run_bounded
import torch.autograd.forward_ad as fwAD
from torch.func import grad, jvp, vmap

def forward_ad():
    with fwAD.dual_level():
        return fwAD.unpack_dual(torch.sin(fwAD.make_dual(torch.zeros(3), torch.ones(3)) / 2)).tangent.sum()

def func():
    return vmap(grad(lambda t: (t * t).sum()))(torch.ones(2, 3)).sum()

def optim():
    w = torch.nn.Parameter(torch.ones(3))
    w.grad = torch.ones(3)
    torch.optim.Adam([w], lr=0.5).step()
    return w.detach().sum()

def gradcheck():
    return torch.autograd.gradcheck(torch.sin, (torch.ones(2, dtype=torch.float64, requires_grad=True),))

def backward_gradient():
    x = torch.ones(3, requires_grad=True)
    (x * 2).backward(gradient=torch.ones(3))
    return x.grad.sum()

def first_use(feature):
    before = set(sys.modules)
    value = globals()[feature]()
    return round(float(value), 4), sorted(set(sys.modules) - before)

for feature in sys.argv[1:]:
    outcome = run_bounded(first_use, feature, seconds=0.05, warm=(feature,))
    assert outcome.ok, f"{feature}: {outcome.describe()}"
    value, imported = outcome.value
    assert imported == [], f"{feature} imported under the bound: {imported[:5]}"
    assert jvp(torch.sin, (torch.zeros(2),), (torch.ones(2),))[1].tolist() == [1.0, 1.0]  # torch is whole
    print(feature, value, "torch._dynamo" in sys.modules)
"""


@pytest.mark.waits
def test_a_first_use_after_its_warm_up_imports_nothing_and_fits_a_tiny_bound():
    features = ["gradcheck", "backward_gradient", "forward_ad", "func", "optim"]  # the cheap ones first
    ran = fresh_python.run(FIRST_USE, *features, timeout=300)  # a new interpreter, torch imported
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.splitlines() == [
        "gradcheck 1.0 False",  # Lesson 9's gradcheck does not pay for torch._dynamo, which only the next three need
        "backward_gradient 6.0 False",
        "forward_ad 1.5 True",
        "func 12.0 True",
        "optim 1.5 True",
    ]


def loop_for(seconds=20.0):
    """A loop that ends by itself: if the bound under test fails, the test fails instead of hanging."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_bound_inside_another_gives_the_outer_one_back():
    """compute/backward.py runs sympy under run_bounded, and a checker or a test may already be timing its caller."""
    def inner_then_loop():
        assert run_bounded(lambda: 1, seconds=5.0).value == 1  # a quick inner call ...
        loop_for()  # ... after which the outer bound must still stop this

    start = time.monotonic()
    outcome = run_bounded(inner_then_loop, seconds=0.2)
    assert outcome.timed_out and time.monotonic() - start < 20


def test_an_inner_bound_longer_than_the_outer_one_stops_at_the_outer_deadline():
    def inner_loops():
        run_bounded(loop_for, seconds=30.0)  # the inner call would wait 20 s; the outer one allows 0.2 s
        loop_for()

    start = time.monotonic()
    assert run_bounded(inner_loops, seconds=0.2).timed_out and time.monotonic() - start < 20
