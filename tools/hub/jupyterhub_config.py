"""The course's settings for a JupyterHub on one machine (The Littlest JupyterHub, or any hub with local users).

Load it from the hub's own configuration, with the course cloned on the hub machine (docs/instructors.md):

    load_subconfig("/srv/autograd-lessons/tools/hub/jupyterhub_config.py")   # e.g. in TLJH's jupyterhub_config.d/

and set, in the hub's environment or before that line, where the course comes from and the learners' Python:

    AUTOGRAD_LESSONS_REPO     the course's git repository, pulled into each learner's ~/autograd-lessons
    AUTOGRAD_LESSONS_BRANCH   its branch (default main)
    AUTOGRAD_LESSONS_PYTHON   the learners' environment's python (default: /opt/tljh/user/bin/python3, TLJH's)
    AUTOGRAD_LESSONS_EXCHANGE nbgrader's exchange, a folder every learner can write (default /srv/nbgrader/exchange)

What it sets: every server starts through tools/hub/learner_start.py (pull the course, sync ~/my-lessons, then
jupyterhub-singleuser), opens on ~/my-lessons, and finds nbgrader's learner settings (the exchange; the
Assignments tab on, the instructors' formgrader off).
Authentication, users, ports and the proxy are the hub's own business (make test-hub sets them in
tests/hub/jupyterhub_config.py).
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (given by traitlets when it loads this file)
HERE = Path(__file__).resolve().parent
PYTHON = os.environ.get("AUTOGRAD_LESSONS_PYTHON", "/opt/tljh/user/bin/python3")

# Every server start pulls the course and brings the learner's lessons up to date before the server runs.
c.Spawner.cmd = [PYTHON, str(HERE / "learner_start.py"), "jupyterhub-singleuser"]
c.Spawner.default_url = "/lab/tree/my-lessons"
c.Spawner.environment.update({  # added to what the hub's own settings give, never in place of it
    "AUTOGRAD_LESSONS_REPO": os.environ.get("AUTOGRAD_LESSONS_REPO", ""),
    "AUTOGRAD_LESSONS_BRANCH": os.environ.get("AUTOGRAD_LESSONS_BRANCH", "main"),
    "AUTOGRAD_LESSONS_EXCHANGE": os.environ.get("AUTOGRAD_LESSONS_EXCHANGE", "/srv/nbgrader/exchange"),
    # nbgrader's learner settings; JupyterLab also reads its other settings from here
    "JUPYTER_CONFIG_PATH": str(HERE / "learner_config"),
})
# Memory and CPU limits are the hub's: on TLJH `sudo tljh-config set limits.memory 1.5G` (docs/instructors.md has
# what make test-hub measured a learner to need). Setting them here would override tljh-config's.
