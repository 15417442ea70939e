"""``python -c code`` for the tests that need a new interpreter, without paying for ``import torch`` each time.

Some tests run code in a new interpreter because what they check happens first in a session: an old import path
met before the package is loaded, the first check of a session, what a first use imports. Each paid 1.3-1.5 s to
import torch again. Under make test the warm parent (``tests/warm_kernels.py``) forks a *fresh server* as soon as it
has imported torch, before anything else; the server forks a *runner* for each ``run``. A runner runs the code as
``python -c code args`` would: an empty ``__main__``, ``sys.argv == ['-c', *args]``, ``sys.path[0] == ''``, the
caller's environment, working directory and streams, and the exit status of ``sys.exit`` (1 after a traceback), with
atexit handlers and unfinished threads seen to before it ends. What differs is that torch is already imported, as
it is in a lesson's kernel after its setup cell.

``run`` starts a real ``python -c`` when there is no fresh server, or when the caller's environment differs in a
variable that importing torch reads. A test whose point is that torch is *not* imported must start one itself.
``tests/course/test_fresh_python.py`` runs the same code both ways and compares.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

ENV = "AUTOGRAD_LESSONS_FRESH_PYTHON"  # the fresh server's socket; unset: a real python -c
STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)  # a runner's are set as python -c's
TORCH_READS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "PYTHONHASHSEED", "PYTHONPATH", "PYTHONWARNINGS",
               "PYTHONSAFEPATH")


def torch_reads(env):
    """Return what of env importing torch, or starting this interpreter, read.

    ``TORCHINDUCTOR_*`` is left out: torch._inductor reads it when it is imported, which in a runner happens after
    the runner has taken the caller's environment (and torch._dynamo's import sets ``TORCHINDUCTOR_CACHE_DIR`` in
    the caller's own).
    """
    picked = {name: env.get(name) for name in TORCH_READS}
    picked.update({name: value for name, value in env.items()
                   if name.startswith(("TORCH", "PYTORCH")) and not name.startswith("TORCHINDUCTOR_")})
    return picked


# --- the caller's side -----------------------------------------------------------------------------------------------

def run(code, *args, timeout=120):
    """Run ``python -c code *args`` and return its ``subprocess.CompletedProcess`` (text stdout and stderr)."""
    forked = _run_forked(code, args, timeout) if os.environ.get(ENV) else None
    if forked is not None:
        return forked
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _run_forked(code, args, timeout):
    """Run the code in a runner from the fresh server; None when the server cannot take it."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(os.environ[ENV])
    except OSError:
        connection.close()
        return None
    with connection:
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        nothing = os.open(os.devnull, os.O_RDONLY)
        ignored = [signum for signum in STOPPING if signal.getsignal(signum) == signal.SIG_IGN]  # kept by exec
        request = json.dumps({"code": code, "args": list(args), "env": dict(os.environ), "cwd": os.getcwd(),
                              "ignored": ignored})
        try:
            socket.send_fds(connection, [request.encode() + b"\n"], [nothing, out_write, err_write])
        except OSError:
            return None
        finally:
            for fd in (nothing, out_write, err_write):
                os.close(fd)  # the runner holds them now: the pipes end when it does
        reader = connection.makefile("rb")
        pid = reader.readline()
        if not pid.strip().isdigit():  # "ordinary", or the server hung up: a real python -c
            os.close(out_read)
            os.close(err_read)
            return None
        stdout, stderr = _read_both(out_read, err_read, int(pid), code, timeout)
        status = reader.readline()
    command = [sys.executable, "-c", code, *args]
    return subprocess.CompletedProcess(command, int(status) if status.strip() else -signal.SIGKILL,
                                       stdout.decode(errors="replace"), stderr.decode(errors="replace"))


def _read_both(out_read, err_read, pid, code, timeout):
    """Read the runner's stdout and stderr to their ends; kill it and raise TimeoutExpired after timeout seconds."""
    chunks = {out_read: [], err_read: []}

    def drain(fd):
        with open(fd, "rb", buffering=0) as stream:
            while data := stream.read(1 << 16):
                chunks[fd].append(data)

    readers = [threading.Thread(target=drain, args=(fd,), daemon=True) for fd in chunks]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    for reader in readers:
        reader.join(max(0.0, deadline - time.monotonic()))
    if any(reader.is_alive() for reader in readers):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for reader in readers:
            reader.join(5.0)  # the pipes end with the runner, unless something it started still holds them
        raise subprocess.TimeoutExpired([sys.executable, "-c", code], timeout, b"".join(chunks[out_read]),
                                        b"".join(chunks[err_read]))
    return b"".join(chunks[out_read]), b"".join(chunks[err_read])


# --- the fresh server, forked from the warm parent once it has imported torch ----------------------------------------

def serve(listener, parent, reads):
    """Fork a runner for each request on listener (a bound, listening socket); end when the process parent ends.

    reads is what of its environment the interpreter and torch read when they started (``torch_reads``).
    """
    fork_for_each(listener, parent, lambda connection: _answer(connection, reads))


def fork_for_each(listener, parent, handle):
    """Fork a child that calls handle(connection) for each connection to listener, until the process parent ends.

    The children are reaped by the system, and a child ends when handle returns or raises (the warm parent's kernels
    and the fresh server's runners are served this way).
    """
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    listener.settimeout(0.5)
    while os.getppid() == parent:  # whoever started this server is gone: so is it
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        connection.settimeout(None)
        if os.fork() == 0:
            listener.close()
            try:
                handle(connection)
            finally:
                os._exit(0)  # a child never falls back into this loop
        connection.close()


def _answer(connection, reads):
    """Start a runner for the request on connection, send its process id, wait for it, and send its exit status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
    while not data.endswith(b"\n"):
        chunk = connection.recv(1 << 16)
        if not chunk:
            return
        data += chunk
    request = json.loads(data)
    if torch_reads(request["env"]) != reads:
        connection.sendall(b"ordinary\n")
        return
    pid = os.fork()
    if pid == 0:
        connection.close()
        _become_python_c(request, fds)
    for fd in fds:
        os.close(fd)
    connection.sendall(f"{pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


def _become_python_c(request, fds):
    """Run the request's code as ``python -c`` would, in this process, and end it with the code's exit status."""
    status = 1
    try:
        import atexit
        import builtins
        import importlib.machinery
        import types

        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        for signum in STOPPING:  # as exec leaves them: ignored where the caller ignores them, else the default
            default = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL  # Python's own
            signal.signal(signum, signal.SIG_IGN if signum in request["ignored"] else default)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = ["-c", *request["args"]]
        sys.path[0] = ""  # python -c puts the working directory first; the server had this file's folder
        main = types.ModuleType("__main__")
        main.__builtins__, main.__annotations__, main.__loader__ = builtins, {}, importlib.machinery.BuiltinImporter
        sys.modules["__main__"] = main
        try:
            exec(compile(request["code"], "<string>", "exec"), main.__dict__)  # noqa: S102 - python -c, in a fork
            status = 0
        except SystemExit as stop:
            status = _exit_status(stop.code)
        except BaseException:  # noqa: BLE001 - printed as python prints an uncaught exception
            kind, error, where = sys.exc_info()
            error.__traceback__ = where.tb_next  # from the code's own frame on: this function's is not python's
            sys.excepthook(kind, error, where.tb_next)
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()  # python waits for its threads before it exits
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)


def _exit_status(code):
    """The exit status python gives ``sys.exit(code)``: None is 0, an int is itself, anything else is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
