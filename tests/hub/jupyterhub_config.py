"""make test-hub's JupyterHub: the course's settings (tools/hub/jupyterhub_config.py), on loopback, for a test.

What the test adds to the course's settings: every address on 127.0.0.1 with the ports the test chose, the hub's
state (database, cookie secret, proxy pid) in the run's temporary folder, npm's configurable-http-proxy from
.venv/hub-proxy, the dummy authenticator (any password) for the run's users only, an admin service whose token
the test uses, JupyterLab's app exposed to the browser test, and a bound on every learner server's idle life.
The values come from the environment the test starts the hub with (tests/hub/hub.py).
"""

import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 (given by traitlets when it loads this file)
ROOT = Path(__file__).resolve().parents[2]
load_subconfig(str(ROOT / "tools" / "hub" / "jupyterhub_config.py"))  # noqa: F821 (given by traitlets)

env = os.environ
state = Path(env["AGL_HUB_STATE"])
users = json.loads(env["AGL_HUB_USERS"])

c.JupyterHub.bind_url = f"http://127.0.0.1:{env['AGL_HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env['AGL_HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['AGL_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [env["AGL_HUB_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server

c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set(users["learners"] + [users["instructor"]])
c.Authenticator.admin_users = {users["instructor"]}
c.JupyterHub.services = [{"name": "test-hub", "api_token": env["AGL_HUB_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "test-hub", "services": ["test-hub"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}]

c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 300  # a loaded 2-core machine
c.Spawner.http_timeout = 300
c.Spawner.args = ["--LabApp.expose_app_in_browser=True",  # lets the browser test read JupyterLab's state
                  "--ServerApp.shutdown_no_activity_timeout=1200"]  # a server the hub lost ends by itself
c.Spawner.environment.update({
    "AUTOGRAD_LESSONS_REPO": env["AUTOGRAD_LESSONS_REPO"],
    "AUTOGRAD_LESSONS_EXCHANGE": env["AUTOGRAD_LESSONS_EXCHANGE"],
})
