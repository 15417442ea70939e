"""make test's notebook kernels, forked from one parent that has already imported torch (``-p tests.warm_kernels``).

Every notebook nbval checks gets a kernel of its own, as it would in JupyterLab. Starting one cost about 2.5 s of
CPU before its first cell ran: the interpreter, ipykernel, matplotlib, torch (1.3 s) and, in every lesson that makes
an optimizer, ``torch._dynamo`` (another 1.4 s, which torch imports the first time an optimizer is made). Fifteen
kernels a run paid that again and again on a 2-core machine.

Here one *warm parent* imports those once. A kernel is then a ``fork`` of it: nbval's kernel spec runs this file as a
small *stand-in* (``client``) that asks the warm parent for a kernel, hands over its stdin/stdout/stderr, relays
signals, and lives exactly as long as the kernel does, so jupyter_client starts, interrupts and kills it as it
would a kernel. The forked kernel takes the stand-in's environment, working directory and argv, starts a session of
its own as jupyter_client's kernels do, and ends when the stand-in ends. Its namespace is IPython's own and empty: a
notebook that forgets an import still fails. Where a warm kernel could differ from a fresh one, the stand-in starts
an ordinary ``python -m ipykernel_launcher`` instead:

- there is no warm parent (the plugin is not loaded, or this file runs outside pytest);
- the warm parent hangs up before it has made a kernel;
- the kernel's environment differs from the warm parent's in a variable those imports read (``SENSITIVE``).

And should a warm kernel die before it answers, the plugin (``use_warm_kernels``) starts an ordinary one for that
notebook and says so in a warning.

The warm parent calls ``gc.freeze()`` before it forks, as Python's documentation advises for a process that forks
without exec: the objects its imports made stay out of the kernels' garbage collections. A full collection in a
kernel had to walk all of torch's, sympy's and matplotlib's objects; run cell by cell, the garbage collector took
0.18-0.63 s of Lessons 5 and 10-13 and takes 0.02-0.23 s with them frozen. It changes nothing a notebook sees:
only objects that existed before the kernel are frozen, and ``gc.collect()`` still frees a notebook's own.

``tests/course/test_warm_kernels.py`` runs the same cells in an ordinary and a warm kernel and compares what they
show. A fresh kernel per notebook is still what ``make execute``, ``make test-browser`` (JupyterLab in Chromium) and
the learner's play-through use.
"""

import gc
import json
import os
import signal
import socket
import sys
import time

ENV = "AUTOGRAD_LESSONS_WARM_KERNELS"  # the warm parent's socket; unset: ordinary kernels
FRESH_ENV = "AUTOGRAD_LESSONS_FRESH_PYTHON"  # its fresh server's socket (tests/fresh_python.py's ENV)
PRELOAD = ("torch", "torch._dynamo", "numpy", "sympy", "matplotlib", "matplotlib.figure",
           "matplotlib.backends.backend_agg", "ipywidgets", "ipykernel.kernelapp", "ipykernel.ipkernel")
INLINE = "module://matplotlib_inline.backend_inline"  # what ipykernel sets MPLBACKEND to when it is unset
SENSITIVE = ("MPLBACKEND", "MPLCONFIGDIR", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "PYTHONHASHSEED", "PYTHONPATH",
             "PYTHONWARNINGS", "PYTHONSAFEPATH")
HERE = os.path.dirname(os.path.abspath(__file__))


def sensitive(env):
    """Return what of env the warm parent's imports read, with ipykernel's own MPLBACKEND default applied."""
    picked = {name: env.get(name) for name in SENSITIVE}
    picked["MPLBACKEND"] = picked["MPLBACKEND"] or INLINE
    picked.update({name: value for name, value in env.items() if name.startswith(("TORCH", "PYTORCH"))})
    return picked


def ordinary_kernel(argv):
    """Replace this process with ``python -m ipykernel_launcher argv``: a kernel started the usual way."""
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


# --- the warm parent -------------------------------------------------------------------------------------------------

def serve(path, parent, preload=PRELOAD, fresh=None):
    """Import `preload` once, then fork a kernel for each stand-in that connects to path; end when `parent` ends.

    With `fresh` (a socket path), fork tests/fresh_python.py's server there as soon as torch is imported.
    """
    os.environ.setdefault("MPLBACKEND", INLINE)  # as ipykernel would, before matplotlib reads it
    before = dict(os.environ)
    listener, fresh_listener = (socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(2))
    listener.bind(path)  # bound before the imports, so stand-ins that come early wait in the backlog
    listener.listen(64)
    if fresh:
        fresh_listener.bind(fresh)  # likewise for fresh interpreters
        fresh_listener.listen(64)
    import importlib

    for name in ("torch", *preload) if fresh else preload:
        importlib.import_module(name)
        if fresh and name == "torch":
            fork_the_fresh_server(fresh_listener, listener, before)
            fresh = None
    fresh_listener.close()
    added = {name: value for name, value in os.environ.items() if name not in before}  # torch sets a cache folder
    warm = sensitive({**before, **added}), added
    gc.freeze()  # what the imports made is never garbage: a kernel's full collections skip it (see below)
    from fresh_python import fork_for_each  # this file's folder is first on sys.path

    fork_for_each(listener, parent, lambda connection: kernel(connection, warm))


def fork_the_fresh_server(fresh_listener, listener, before):
    """Fork tests/fresh_python.py's server, on fresh_listener, from this process: it has imported torch and no more."""
    import fresh_python  # this file's folder is first on sys.path

    reads = fresh_python.torch_reads({**before, **{k: v for k, v in os.environ.items() if k not in before}})
    me = os.getpid()
    if os.fork() == 0:
        listener.close()
        gc.freeze()
        try:
            fresh_python.serve(fresh_listener, me, reads)
        finally:
            os._exit(0)


def receive(connection):
    """Return (the stand-in's request, its stdin/stdout/stderr file descriptors)."""
    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
    while not data.endswith(b"\n"):
        chunk = connection.recv(1 << 16)
        if not chunk:
            raise EOFError("the stand-in left before its request was complete")
        data += chunk
    return json.loads(data), fds


def kernel(connection, warm):
    """Become the stand-in's kernel: its streams, environment, directory and argv, then ipykernel's main.

    warm is (what of its environment the warm parent's imports read, with what they set; the variables they set).
    A stand-in whose environment another value of one of those would give a different kernel gets an ordinary one.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel's own subprocesses are waited for as usual
    request, fds = receive(connection)
    read, added = warm
    env = {**added, **request["env"]}  # as if the imports had run in this kernel
    if sensitive(env) != read:
        connection.sendall(b"ordinary\n")  # the stand-in starts an ordinary kernel itself
        return
    import importlib.util

    launcher = importlib.util.find_spec("ipykernel_launcher").origin
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.setsid()  # a session of its own, as jupyter_client starts kernels: a Ctrl-C in the terminal is not for it
    os.environ.clear()
    os.environ.update(env)
    os.chdir(request["cwd"])
    sys.argv = [launcher, *request["argv"]]
    if sys.path and sys.path[0] == HERE:
        del sys.path[0]  # this file's folder; ipykernel_launcher likewise starts without its working directory
    connection.sendall(f"{os.getpid()}\n".encode())
    import threading

    def leave_with_the_stand_in():
        while connection.recv(64):
            pass
        os._exit(1)  # the stand-in was stopped or killed: so is its kernel

    threading.Thread(target=leave_with_the_stand_in, daemon=True).start()
    from ipykernel import kernelapp

    # two settings whose defaults ipykernel read from the environment when it was imported, here from the stand-in's
    kernelapp.IPKernelApp.launch_instance(parent_handle=int(os.environ.get("JPY_PARENT_PID") or 0),
                                          interrupt=int(os.environ.get("JPY_INTERRUPT_EVENT") or 0))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


# --- the stand-in that jupyter_client starts -------------------------------------------------------------------------

def client(argv):
    """Ask the warm parent for a kernel, pass it our streams, relay signals to it, and end when it ends."""
    path = os.environ.get(ENV)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path or "")
    except OSError:
        ordinary_kernel(argv)
    request = json.dumps({"env": dict(os.environ), "cwd": os.getcwd(), "argv": argv}).encode() + b"\n"
    reply = b""
    try:
        socket.send_fds(connection, [request], [0, 1, 2])
        while not reply.endswith(b"\n"):
            chunk = connection.recv(64)
            if not chunk:
                break  # the warm parent hung up before it had made a kernel
            reply += chunk
    except OSError:
        reply = b""  # likewise, noticed while sending
    if reply == b"ordinary\n" or not reply.endswith(b"\n"):
        connection.close()
        ordinary_kernel(argv)
    pid = int(reply)

    def relay(signum, frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, relay)
    parent = os.getppid()
    connection.settimeout(1.0)
    while True:
        try:
            if not connection.recv(64):
                break  # the kernel has ended
        except TimeoutError:
            if os.getppid() != parent:  # whoever started us is gone (a kernel's own parent poller does the same)
                relay(signal.SIGKILL, None)
                break
        except InterruptedError:
            continue
    sys.exit(0)


def spec_argv(argv):
    """Return a kernel spec's argv with ``python -m ipykernel_launcher`` replaced by this file's stand-in."""
    if argv[1:3] != ["-m", "ipykernel_launcher"]:
        return argv
    return [argv[0], os.path.abspath(__file__), "client", *argv[3:]]


# --- the warm parent's life, and the pytest plugin -------------------------------------------------------------------

class WarmParent:
    """A running warm parent: ``path`` is its socket (the value of ENV), ``stop()`` ends it and removes its folder."""

    def __init__(self, preload=PRELOAD, fresh=False):
        import subprocess
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="warm-kernels-")
        self.path = os.path.join(self.folder, "socket")
        self.fresh_path = os.path.join(self.folder, "python") if fresh else None  # tests/fresh_python.py's server
        self.process = subprocess.Popen([sys.executable, os.path.abspath(__file__), "serve", self.path,
                                         str(os.getpid()), self.fresh_path or "-", *preload],
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 10  # the socket is bound before the imports: this takes milliseconds
        while not os.path.exists(self.path) and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)

    def stop(self):
        import shutil
        import subprocess

        self.process.terminate()  # its own process id; the kernels it forked end with their stand-ins
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def pytest_configure(config):
    """Start the warm parent (in the pytest process that spawns the workers) and point nbval's kernels at it."""
    if not getattr(config.option, "nbval", False):
        return
    if not hasattr(config, "workerinput") and ENV not in os.environ:
        config._warm_parent = WarmParent(fresh=True)
        os.environ[ENV] = config._warm_parent.path  # the xdist workers start after this hook, with this environment
        os.environ[FRESH_ENV] = config._warm_parent.fresh_path
    if os.environ.get(ENV):
        use_warm_kernels()


def use_warm_kernels():
    """Give nbval's kernels this file's stand-in; a warm kernel that does not start is replaced by an ordinary one.

    A warm kernel is waited for by ``start_without_the_quiet_wait``; an ordinary one by nbval's own code.

    A kernel can die before it answers (a port another process took between jupyter_client choosing it and the
    kernel binding it is a known race when processes start kernels side by side). The notebook then runs in an
    ordinary kernel, and a warning in make test's summary says so.
    """
    import warnings

    from nbval import kernel as nbval_kernel

    get = getattr(nbval_kernel.NbvalKernelspecManager.get_kernel_spec, "original", None) or \
        nbval_kernel.NbvalKernelspecManager.get_kernel_spec  # nbval's own, should this be called twice
    start = getattr(nbval_kernel.start_new_kernel, "original", None) or nbval_kernel.start_new_kernel
    warm = [True]

    def get_kernel_spec(self, kernel_name):
        spec = get(self, kernel_name)
        if kernel_name == nbval_kernel.CURRENT_ENV_KERNEL_NAME and warm[0]:
            spec.argv = spec_argv(spec.argv)
        return spec

    def start_new_kernel(*args, **kwargs):
        try:
            return start_without_the_quiet_wait(*args, **kwargs)
        except RuntimeError as error:
            warnings.warn(f"a warm kernel did not start ({error}): this notebook ran in an ordinary kernel",
                          stacklevel=2)
            warm[0] = False
            try:
                return start(*args, **kwargs)
            finally:
                warm[0] = True

    get_kernel_spec.original, start_new_kernel.original = get, start
    nbval_kernel.NbvalKernelspecManager.get_kernel_spec = get_kernel_spec
    nbval_kernel.start_new_kernel = start_new_kernel


def start_without_the_quiet_wait(startup_timeout=60, kernel_name="python", **kwargs):
    """nbval's ``start_new_kernel``, less the 0.2 s at the end of jupyter_client's ``wait_for_ready``.

    ``wait_for_ready`` asks for kernel_info until a reply comes and an IOPub message shows that channel is
    connected, as this does, then reads IOPub until nothing has come for 0.2 s and throws what it read away. nbval
    reads only the messages whose parent is the cell it runs, so that last wait bought nothing here. This also asks
    again, and looks whether the kernel still lives, every 0.25 s rather than every second: the replies to earlier
    requests that then come late are skipped by nbval as well.
    """
    from queue import Empty

    from jupyter_client.manager import KernelManager
    from nbval import kernel as nbval_kernel

    manager = KernelManager(kernel_name=kernel_name, kernel_spec_manager=nbval_kernel.NbvalKernelspecManager())
    manager.start_kernel(**kwargs)
    client = manager.client()
    client.start_channels(hb=False)  # nbval asks the manager if the kernel lives; a heartbeat took 1 s to stop
    deadline = time.monotonic() + startup_timeout
    try:
        while True:
            client.kernel_info()
            try:
                reply = client.get_shell_msg(timeout=0.25)
            except Empty:
                reply = None
            if reply and reply["msg_type"] == "kernel_info_reply":  # to this request or an earlier one
                try:
                    client.get_iopub_msg(timeout=0.2)  # IOPub is connected: the kernel's first answer arrived
                except Empty:
                    continue  # it is not yet: ask again, as wait_for_ready does
                client._handle_kernel_info_reply(reply)
                return manager, client
            if not client.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {startup_timeout} seconds")
    except RuntimeError:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        raise


def pytest_unconfigure(config):
    parent = getattr(config, "_warm_parent", None)
    if parent is not None:
        parent.stop()
        os.environ.pop(ENV, None)
        os.environ.pop(FRESH_ENV, None)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]), tuple(sys.argv[5:]), None if sys.argv[4] == "-" else sys.argv[4])
    elif sys.argv[1] == "client":
        client(sys.argv[2:])
