"""make test's warm kernels (tests/warm_kernels.py) behave as ordinary ones, and start, stop and fall back as promised.

The same cells run in an ordinary ``python -m ipykernel_launcher`` kernel and in one forked from the warm parent,
and must print the same: where the kernel runs, what its namespace holds, how it shows a figure, which signals it
handles, what a seeded torch draws. Only what the warm parent is for may differ, and is asserted to: torch is
already imported.
"""

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager

from tests import warm_kernels

pytestmark = pytest.mark.waits  # each test waits for processes it starts (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[2]
ORDINARY = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
CELLS = [
    "import os, signal, sys\nprint(os.getcwd() == CWD, sys.path[0] == '', os.path.basename(sys.argv[0]), __name__)",
    "print(sorted(name for name in globals() if not name.startswith('_')))",
    "try:\n    torch\nexcept NameError as error:\n    print(error)",
    "print(signal.getsignal(signal.SIGCHLD) == signal.SIG_DFL, signal.getsignal(signal.SIGINT).__name__)",
    "print(os.environ['MPLBACKEND'], os.environ.get('JPY_PARENT_PID') == str(PARENT), os.getsid(0) != PARENT_SID)",
    "from ipykernel.kernelapp import IPKernelApp\nprint(IPKernelApp.instance().parent_handle == PARENT)",
    "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.show()",
    "import torch\ntorch.manual_seed(0)\nprint(torch.rand(3), torch.get_num_threads())",
    "import subprocess\nprint(subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True, text=True).stdout)",
    "import gc, weakref\nclass Node: pass\nnode = Node(); node.me = node; alive = weakref.ref(node); del node\n"
    "gc.collect()\nprint(alive() is None)",  # the warm parent froze its own objects, not a notebook's
]


class Specs(KernelSpecManager):
    """One kernel spec, "python", whose argv is given."""

    def __init__(self, argv, **kwargs):
        super().__init__(**kwargs)
        self.argv = argv

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=self.argv, display_name="Python 3", language="python")


@pytest.fixture(scope="module")
def warm_parent():
    """The warm parent make test started, or one of this module's own when the test runs alone."""
    if os.environ.get(warm_kernels.ENV):
        yield os.environ[warm_kernels.ENV]
        return
    parent = warm_kernels.WarmParent()
    os.environ[warm_kernels.ENV] = parent.path
    try:
        yield parent.path
    finally:
        os.environ.pop(warm_kernels.ENV, None)
        parent.stop()


def start(argv, cwd, **env):
    manager = KernelManager(kernel_name="python", kernel_spec_manager=Specs(argv))
    manager.start_kernel(cwd=str(cwd), env={**os.environ, **env})
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return manager, client


def stop(manager, client):
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def run(client, code):
    """Return what a cell shows: its stdout, its error's name, the kinds of data it displays."""
    shown = []

    def keep(message):
        content, kind = message["content"], message["msg_type"]
        if kind == "stream" and shown and shown[-1][0] == "stream":
            shown[-1] = ("stream", shown[-1][1] + content["text"])  # how a stream is cut in messages varies by run
        elif kind == "stream":
            shown.append(("stream", content["text"]))
        elif kind == "error":
            shown.append(("error", content["ename"]))
        elif kind in ("display_data", "execute_result"):
            shown.append((kind, sorted(content["data"])))

    reply = client.execute_interactive(code, output_hook=keep, timeout=60)
    return reply["content"]["status"], shown


def session(argv, cwd, **env):
    manager, client = start(argv, cwd, **env)
    try:
        setup = f"CWD = {str(cwd)!r}; PARENT = {os.getpid()}; PARENT_SID = {os.getsid(0)}"
        assert run(client, setup)[0] == "ok"
        preloaded = run(client, "import sys; print('torch' in sys.modules)")[1]
        return preloaded, [run(client, cell) for cell in CELLS]
    finally:
        stop(manager, client)


def test_a_warm_kernel_shows_what_an_ordinary_one_shows(warm_parent, tmp_path):
    ordinary_preloaded, ordinary = session(ORDINARY, tmp_path)
    warm_preloaded, warm = session(warm_kernels.spec_argv(ORDINARY), tmp_path)
    assert ordinary == warm
    assert ordinary[2] == ("ok", [("stream", "name 'torch' is not defined\n")])  # the comparison can fail
    assert ordinary[5][1] == [("stream", "True\n")]  # ipykernel read the parent's id from the environment
    assert ordinary[6][1] == [("display_data", ["image/png", "text/plain"])]
    assert ordinary[9][1] == [("stream", "True\n")]  # a cycle the notebook made is collected
    assert ordinary_preloaded == [("stream", "False\n")] and warm_preloaded == [("stream", "True\n")]


def test_an_environment_the_warm_imports_would_read_differently_gets_an_ordinary_kernel(warm_parent, tmp_path):
    other = "3" if os.environ.get("OMP_NUM_THREADS") != "3" else "4"
    manager, client = start(warm_kernels.spec_argv(ORDINARY), tmp_path, OMP_NUM_THREADS=other)
    try:
        assert run(client, "import sys; print('torch' in sys.modules)")[1] == [("stream", "False\n")]
    finally:
        stop(manager, client)


def kernel_pid(client):
    return int(run(client, "import os; print(os.getpid())")[1][0][1])


def gone(pid, within=10.0):
    """Whether process pid ends within the time given: it no longer runs, though its parent may not have reaped it.

    A process orphaned here is reaped by the machine's first process, which can take seconds to do so.
    """
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):  # a zombie: it has ended, and waits to be reaped
            return True
        time.sleep(0.05)
    return False


def test_a_warm_kernel_is_interrupted_and_ends_with_its_stand_in(warm_parent, tmp_path):
    manager, client = start(warm_kernels.spec_argv(ORDINARY), tmp_path)
    try:
        pid = kernel_pid(client)
        assert pid != manager.provisioner.process.pid  # a forked kernel, not the stand-in itself
        sleeping = client.execute("import time; time.sleep(60)", stop_on_error=False)  # no aborting what follows
        while (message := client.get_iopub_msg(timeout=20))["msg_type"] != "execute_input" or \
                message["parent_header"]["msg_id"] != sleeping:
            pass  # until the kernel has begun the cell
        time.sleep(0.2)
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=20)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
        after = run(client, "6 * 7")
        assert after == ("ok", [("execute_result", ["text/plain"])]), after  # it lives on after the interrupt
    finally:
        stop(manager, client)  # kills the stand-in, as nbval does
    assert gone(pid)


def test_the_warm_parent_ends_when_the_process_that_started_it_ends():
    import subprocess

    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tests.warm_kernels import WarmParent; "
            "print(WarmParent(preload=()).process.pid, flush=True)")  # nothing to import: it is ready at once
    starter = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60)
    assert gone(int(starter.stdout)), "the warm parent outlived the process that started it"


def fake_warm_parent(path, answer):
    """A warm parent at path that answers each stand-in with answer(connection), then hangs up; return its socket."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(4)

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                answer(connection)

    threading.Thread(target=serve, daemon=True).start()
    return server


@pytest.mark.parametrize("parent", ["none", "one that hangs up at once"])
def test_a_stand_in_with_no_warm_parent_to_fork_its_kernel_starts_an_ordinary_one(parent, tmp_path, monkeypatch):
    server = fake_warm_parent(tmp_path / "socket", answer=lambda connection: None) if parent != "none" else None
    monkeypatch.setenv(warm_kernels.ENV, str(tmp_path / "socket"))
    manager, client = start(warm_kernels.spec_argv(ORDINARY), tmp_path)
    try:
        assert kernel_pid(client) == manager.provisioner.process.pid  # the stand-in became the kernel
    finally:
        stop(manager, client)
        if server is not None:
            server.close()


def test_a_warm_kernel_that_dies_before_it_answers_is_replaced_by_an_ordinary_one(tmp_path, monkeypatch):
    import subprocess

    from nbval import kernel as nbval_kernel

    stand_in_for_a_kernel = subprocess.Popen(["sleep", "60"])  # ours: the stand-ins may relay a signal to it

    def made_a_kernel_that_died(connection):
        socket.recv_fds(connection, 1 << 16, 3)
        connection.sendall(f"{stand_in_for_a_kernel.pid}\n".encode())  # then hang up: the kernel has ended

    server = fake_warm_parent(tmp_path / "dies", made_a_kernel_that_died)
    monkeypatch.setenv(warm_kernels.ENV, str(tmp_path / "dies"))
    for owner, name in ((nbval_kernel.NbvalKernelspecManager, "get_kernel_spec"), (nbval_kernel, "start_new_kernel")):
        monkeypatch.setattr(owner, name, getattr(owner, name))  # put back as they were after the test
    warm_kernels.use_warm_kernels()
    with pytest.warns(UserWarning, match="this notebook ran in an ordinary kernel"):
        manager, client = nbval_kernel.start_new_kernel(kernel_name=nbval_kernel.CURRENT_ENV_KERNEL_NAME,
                                                        cwd=str(tmp_path))
    try:
        assert kernel_pid(client) == manager.provisioner.process.pid  # not a stand-in: an ordinary kernel
        assert run(client, "6 * 7") == ("ok", [("execute_result", ["text/plain"])])
    finally:
        stop(manager, client)
        server.close()
        stand_in_for_a_kernel.kill()
        stand_in_for_a_kernel.wait()


def test_a_warm_kernel_that_answers_late_is_waited_for(tmp_path, monkeypatch):
    """A kernel forked while the warm parent still imports answers several kernel_info requests at once."""
    from nbval import kernel as nbval_kernel

    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(0.8)\n")  # 3 requests before an answer
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # the warm parent's and the stand-in's alike
    parent = warm_kernels.WarmParent(preload=("slow_to_import",))
    monkeypatch.setenv(warm_kernels.ENV, parent.path)
    for owner, name in ((nbval_kernel.NbvalKernelspecManager, "get_kernel_spec"), (nbval_kernel, "start_new_kernel")):
        monkeypatch.setattr(owner, name, getattr(owner, name))  # put back as they were after the test
    warm_kernels.use_warm_kernels()
    try:
        manager, client = warm_kernels.start_without_the_quiet_wait(
            kernel_name=nbval_kernel.CURRENT_ENV_KERNEL_NAME, cwd=str(tmp_path), startup_timeout=20)
        try:
            assert kernel_pid(client) != manager.provisioner.process.pid  # a forked kernel, after several requests
            assert run(client, "import slow_to_import, sys; print('torch' in sys.modules)")[1] == [
                ("stream", "False\n")]  # the warm parent imported only what it was given
        finally:
            stop(manager, client)
    finally:
        parent.stop()
