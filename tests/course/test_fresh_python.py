"""tests/fresh_python.py's ``run`` behaves as ``python -c`` does, and falls back to it as promised.

The same code runs in a real ``python -c`` and in a runner forked from the fresh server, and must print the same and
end with the same status. Only what the server is for differs, and is asserted to: torch is already imported.
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests import fresh_python, warm_kernels
from tests.course.test_warm_kernels import gone

pytestmark = pytest.mark.waits  # each test waits for processes it starts (tests/conftest.py)

CASES = {
    "argv and path": "import sys\nprint(sys.argv, sys.path[0] == '', sys.flags.optimize)",
    "main's namespace": "print(__name__, sorted(globals()), __loader__.__name__, __spec__)",
    "working directory and environment": "import os\nprint(os.getcwd() == CWD, os.environ.get('AGL_PROBE'))",
    "exit status": "import sys\nprint('leaving')\nsys.exit(3)",
    "exit with a message": "import sys\nsys.exit('no more')",
    "an uncaught exception": "print('before')\n1 / 0",
    "stdout and stderr apart": "import sys\nprint('out')\nprint('err', file=sys.stderr)",
    "stdin is empty": "import sys\nprint(repr(sys.stdin.read()))",
    "a thread finishes first": ("import threading, time\n"
                                "threading.Thread(target=lambda: (time.sleep(0.2), print('thread'))).start()"),
    "atexit": "import atexit\natexit.register(print, 'at exit')",
    "a subprocess": ("import subprocess, sys\n"
                     "print(subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True).stdout)"),
    "signals": "import signal\nprint(signal.getsignal(signal.SIGINT).__name__, signal.getsignal(signal.SIGCHLD))",
}


@pytest.fixture(scope="module")
def server():
    """make test's fresh server, or one of this module's own when the test runs alone."""
    if os.environ.get(fresh_python.ENV):
        yield os.environ[fresh_python.ENV]
        return
    parent = warm_kernels.WarmParent(preload=(), fresh=True)
    os.environ[fresh_python.ENV] = parent.fresh_path
    try:
        yield parent.fresh_path
    finally:
        os.environ.pop(fresh_python.ENV, None)
        parent.stop()


def shown(result):
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES)
def test_a_runner_shows_what_python_c_shows(case, server, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AGL_PROBE", case)
    code = f"CWD = {str(tmp_path)!r}\n{CASES[case]}"
    real = subprocess.run([sys.executable, "-c", code, "one", "two"], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    forked = fresh_python.run(code, "one", "two")
    assert shown(forked) == shown(real)
    assert forked.args == real.args


@pytest.mark.parametrize("ignored", [(signal.SIGINT,), (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)])
def test_a_signal_the_caller_ignores_is_ignored_in_the_runner_as_in_python_c(ignored, server):
    """A process started in the background by a shell ignores SIGINT, and so does every python -c it starts."""
    code = ("import signal\nprint([signal.getsignal(s) for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, "
            "signal.SIGQUIT)])")
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in ignored}
    try:
        real = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL, check=False)
        forked = fresh_python.run(code)
        ignored_here = [signum for signum in fresh_python.STOPPING if signal.getsignal(signum) == signal.SIG_IGN]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert shown(forked) == shown(real)
    assert real.stdout.count("Handlers.SIG_IGN") == len(ignored_here) >= len(ignored)  # nohup make test: SIGHUP too


def test_a_runner_is_a_fork_with_torch_imported_and_nothing_else_of_the_course(server):
    probe = "import sys\nprint('torch' in sys.modules, any(m.startswith('autograd_lessons') for m in sys.modules))"
    assert fresh_python.run(probe).stdout.split() == ["True", "False"]  # so the comparison above compared a fork
    real = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert real.stdout.split() == ["False", "False"]


def test_an_environment_torch_would_read_differently_gets_a_real_python(server, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "3" if os.environ.get("OMP_NUM_THREADS") != "3" else "4")
    assert fresh_python.run("import sys\nprint('torch' in sys.modules)").stdout.strip() == "False"


def test_no_server_gives_a_real_python(monkeypatch, tmp_path):
    monkeypatch.setenv(fresh_python.ENV, str(tmp_path / "no-such-socket"))
    assert fresh_python.run("import sys\nprint('torch' in sys.modules)").stdout.strip() == "False"


def test_code_that_outlives_its_time_is_stopped(server):
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired) as stopped:
        fresh_python.run("import os, time\nprint(os.getpid(), flush=True)\ntime.sleep(60)", timeout=1.0)
    assert time.monotonic() - started < 30
    pid = int(stopped.value.output)  # what it printed before it was stopped, as subprocess.run gives it
    assert gone(pid), "the runner lives on after its time ran out"
