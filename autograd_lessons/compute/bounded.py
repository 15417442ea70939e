"""Run a learner's own code (their Value class, their training loop) under a time limit, never raising.

A checker that runs code the learner wrote must survive whatever that code does: raise,
return the wrong kind of thing, or loop forever. ``run_bounded(f, *args, seconds=2)``
calls ``f(*args)`` and returns an :class:`Outcome` holding its value, or the exception it
raised, or the fact that it ran out of time. The limit is enforced while the code runs,
not after: in the main thread (where a Jupyter kernel runs cells) a timer signal
interrupts it; elsewhere a trace function checks the clock at every line. Either way the
interruption is a ``BaseException``, so a learner's ``except Exception:`` cannot swallow it.

Whatever the code was doing, it leaves behind no half-done state of the session: grad mode is
put back as it was, and an import is never cut half-way (the timer waits for it to finish).
The first use of some torch features imports and sets up a lot (seconds on a busy machine),
time that would count against the learner: a caller names the features its learner's code is
about to use, ``run_bounded(f, x, warm=("func",))``, and that set-up is done once per session,
before the clock starts, for those features only (see :data:`WARM_UPS`).
"""

import signal
import sys
import threading
import time
from dataclasses import dataclass


class OutOfTime(BaseException):
    """Raised inside the learner's code when its time is up (not an Exception, so it is not caught by mistake)."""


@dataclass(frozen=True)
class Outcome:
    """What running the learner's code gave: a value, or the error it raised, or a timeout after `seconds`."""

    value: object = None
    error: BaseException = None
    timed_out: bool = False
    seconds: float = 0.0

    @property
    def ok(self):
        """True when the code returned normally, in time."""
        return self.error is None and not self.timed_out

    def describe(self, what="your code"):
        """One sentence on what went wrong, in the learner's terms ("" when nothing did)."""
        if self.timed_out:
            return (f"{what} was still running after {self.seconds:g} s, so it was stopped: "
                    "look for a loop that never ends, or a walk over the graph that visits nodes again and again.")
        if self.error is not None:
            return f"{what} raised {error_text(self.error)}."
        return ""


def error_text(error):
    """An exception as a learner reads it: its name and the first line of its message."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if len(message) > 200:
        message = message[:199] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def run_bounded(function, *args, seconds=2.0, warm=(), **kwargs):
    """Warm up `warm`, then call function(*args, **kwargs) for at most `seconds`; return its Outcome, never raising."""
    warm_up(*warm)
    runner = _with_alarm if _can_use_alarm() else _with_trace
    torch = sys.modules.get("torch")  # only if the learner's code can have touched it
    grad_mode = torch.is_grad_enabled() if torch else None
    try:
        return runner(function, args, kwargs, seconds)
    except OutOfTime:  # the timer fired just after the call returned
        return Outcome(timed_out=True, seconds=seconds)
    finally:
        # stopped inside `with torch.no_grad():`, the block never exits: put autograd back as it was
        if torch is not None:
            torch.set_grad_enabled(grad_mode)


def warm_up(*features):
    """Do, once per session and outside any time bound, what torch does the first time each feature is used."""
    unknown = [feature for feature in features if feature not in WARM_UPS]
    if unknown:
        raise ValueError(f"no warm-up for {unknown}: the features are {sorted(WARM_UPS)}")
    waiting = [feature for feature in dict.fromkeys(features) if feature not in _warmed]
    if not waiting:
        return
    import torch

    for feature in waiting:
        _warmed.add(feature)  # once, even if it fails: the learner's own use then meets torch's error, in time
        try:
            with torch.enable_grad():  # a check may be called inside the learner's `with torch.no_grad():`
                WARM_UPS[feature](torch)
        except Exception:
            pass


def _curve(t):
    return (t.sin() * t).sum()


def _forward_ad(torch):
    import torch.autograd.forward_ad as fwAD

    # forward_ad and torch.func.jvp share this set-up: the first dual op loads forward mode's rules (~0.2 s),
    # and the first with a plain number (2 * dual, dual + 1) imports torch._dynamo (~1 s)
    with fwAD.dual_level():
        fwAD.unpack_dual(_curve(2 * fwAD.make_dual(torch.ones(2), torch.ones(2)) + 1))


def _func(torch):
    from torch.func import grad, hessian, jacfwd, jacrev, jvp, vjp, vmap

    x = v = torch.ones(2)  # vmap's first call imports torch._dynamo (~1 s), then sets itself up
    vmap(grad(_curve))(torch.ones(3, 2)), jvp(grad(_curve), (x,), (v,)), vjp(grad(_curve), x)[1](v)
    jacfwd(torch.sin)(x), jacrev(torch.sin)(x), hessian(_curve)(x)


def _optim(torch):
    weight = torch.nn.Parameter(torch.zeros(1))  # an optimizer's first step imports torch._dynamo too
    weight.grad = torch.zeros(1)
    for kind in (torch.optim.SGD, torch.optim.Adam):
        kind([weight], lr=0.1).step()


def _backward_gradient(torch):
    x = torch.ones(2, requires_grad=True)  # checking the gradient's shape imports sympy: ~0.5 s
    (x * 2).backward(gradient=torch.ones(2))


def _gradcheck(torch):
    torch.autograd.gradcheck(torch.sigmoid, (torch.ones(2, dtype=torch.float64, requires_grad=True),))


# feature -> its warm-up, which uses it once on a tiny input (each costs nothing the second time)
WARM_UPS = {
    "forward_ad": _forward_ad,  # torch.autograd.forward_ad (make_dual, unpack_dual) and torch.func.jvp
    "func": _func,  # torch.func's vmap, grad, jvp, vjp, jacfwd, jacrev, hessian
    "optim": _optim,  # the first step of torch.optim's SGD and Adam
    "backward_gradient": _backward_gradient,  # backward(gradient=...), autograd.grad(grad_outputs=...)
    "gradcheck": _gradcheck,  # torch.autograd.gradcheck
}
_warmed = set()


# once the time is up during an import (torch loads sympy or torch._dynamo on first use), look again this
# often until the import is done: a module interrupted mid-import stays broken for the rest of the kernel
_IMPORT_GRACE = 0.05


def _importing(frame):
    """True when `frame` or one of its callers is running Python's import machinery."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _can_use_alarm():
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _with_alarm(function, args, kwargs, seconds):
    def time_is_up(signum, frame):
        if _importing(frame):  # stopping an import half-way would leave a half-loaded module behind
            signal.setitimer(signal.ITIMER_REAL, _IMPORT_GRACE)
            return
        raise OutOfTime

    outer, started = signal.getitimer(signal.ITIMER_REAL)[0], time.monotonic()  # a bound this call runs inside
    previous = signal.signal(signal.SIGALRM, time_is_up)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer) if outer else seconds)
    try:
        return Outcome(value=function(*args, **kwargs), seconds=seconds)
    except OutOfTime:
        return Outcome(timed_out=True, seconds=seconds)
    except Exception as error:  # the learner's code failed (RecursionError included): an answer, not a crash
        return Outcome(error=error, seconds=seconds)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # give the outer bound back what is left of it (at once, if it ran out meanwhile)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


def _with_trace(function, args, kwargs, seconds):
    deadline = time.monotonic() + seconds

    def tracer(frame, event, arg):
        if time.monotonic() > deadline and not _importing(frame):
            raise OutOfTime
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        return Outcome(value=function(*args, **kwargs), seconds=seconds)
    except OutOfTime:
        return Outcome(timed_out=True, seconds=seconds)
    except Exception as error:
        return Outcome(error=error, seconds=seconds)
    finally:
        sys.settrace(previous)
