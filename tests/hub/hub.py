"""A JupyterHub on 127.0.0.1 for make test-hub: started with its own time bound, stopped by its own pid.

The hub runs from the project's .venv with tests/hub/jupyterhub_config.py; its proxy is npm's
configurable-http-proxy from .venv/hub-proxy. ``timeout`` bounds the hub's whole life, so a test run that dies
leaves nothing running for long; ``Hub.stop`` sends SIGTERM to the hub's own pid (the hub then stops every
learner's server and the proxy, as ``cleanup_servers`` asks), and ends whatever is left by pid.
"""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .machine import end_processes

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROXY = ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
LIFETIME = 45 * 60  # seconds: the hub is ended by `timeout` after this, whatever the test does


def free_port():
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Hub:
    """A running hub: its URL, an admin token for its REST API, and its log."""

    def __init__(self, state, users, environment):
        self.state = Path(state)
        self.state.mkdir(parents=True, exist_ok=True)
        self.port, self.token, self.log = free_port(), secrets.token_hex(16), self.state / "hub.log"
        env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", AGL_HUB_STATE=str(self.state),
                   AGL_HUB_PORT=str(self.port), AGL_HUB_API_PORT=str(free_port()), AGL_HUB_TOKEN=self.token,
                   AGL_HUB_PROXY_API_PORT=str(free_port()), AGL_HUB_PROXY=str(PROXY),
                   AGL_HUB_USERS=json.dumps(users), AUTOGRAD_LESSONS_PYTHON=sys.executable, **environment)
        command = ["timeout", "--kill-after=30", str(LIFETIME), str(BIN / "jupyterhub"),
                   "-f", str(ROOT / "tests" / "hub" / "jupyterhub_config.py")]
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(command, cwd=self.state, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        self._wait_until_up()

    @property
    def url(self):
        """The hub's public address (through the proxy)."""
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_up(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                self.api("GET", "/")
                return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"the hub did not answer within {timeout} s:\n{self.log_text()[-3000:]}")

    def log_text(self):
        """Everything the hub, its proxy and the learners' servers have printed so far."""
        return self.log.read_text(errors="replace")

    def request(self, method, url, body=None, token=None, timeout=120):
        """An HTTP request through the proxy with a token; returns the decoded JSON answer (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Authorization": f"token {token or self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read()
        return json.loads(text) if text.strip() else None

    def api(self, method, path, body=None):
        """The hub's REST API, as the test's admin service."""
        return self.request(method, f"{self.url}/hub/api{path}", body)

    def user_token(self, name):
        """A new API token for one user, to call their own server as they would."""
        return self.api("POST", f"/users/{name}/tokens", {"note": "make test-hub", "expires_in": 3600})["token"]

    def server_ready(self, name):
        """True when the user's server is up (the hub says ready)."""
        server = self.api("GET", f"/users/{name}").get("servers", {}).get("")
        return bool(server and server.get("ready"))

    def start_server(self, name, timeout=300):
        """Start a user's server through the REST API and wait until it is ready; return the seconds it took."""
        start = time.monotonic()
        try:
            self.api("POST", f"/users/{name}/server")
        except urllib.error.HTTPError as error:
            if error.code != 400:  # 400: already running
                raise
        while not self.server_ready(name):
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"{name}'s server did not start within {timeout} s:\n{self.log_text()[-3000:]}")
            time.sleep(0.5)
        return time.monotonic() - start

    def stop_server(self, name, timeout=120):
        """Stop a user's server through the REST API and wait until the hub says it is gone."""
        self.api("DELETE", f"/users/{name}/server")
        deadline = time.monotonic() + timeout
        while self.api("GET", f"/users/{name}").get("servers", {}).get(""):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name}'s server did not stop within {timeout} s")
            time.sleep(0.5)

    def spawn_times(self):
        """{user: [seconds, ...]}: every server start the hub logged ("User x took 5.123 seconds to start")."""
        times = {}
        for name, seconds in re.findall(r"User (\S+) took ([0-9.]+) seconds to start", self.log_text()):
            times.setdefault(name, []).append(float(seconds))
        return times

    def stop(self):
        """SIGTERM to the hub's own pid (it stops the servers and the proxy), then end what is left, by pid."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # `timeout` passes it on to the hub
            try:
                self.process.wait(90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group of the process this test started
                self.process.wait(30)
        proxy_pid = self.state / "proxy.pid"
        if proxy_pid.exists():
            pid = int(proxy_pid.read_text().strip() or 0)
            if pid and Path(f"/proc/{pid}/cmdline").exists() and b"configurable-http-proxy" in \
                    Path(f"/proc/{pid}/cmdline").read_bytes():
                end_processes([pid])
