"""nbgrader's settings for every learner's server on the hub: where the exchange is.

The hub puts this folder on JUPYTER_CONFIG_PATH (tools/hub/jupyterhub_config.py). A learner's Assignments tab and
`nbgrader fetch_assignment` / `submit` read it; the instructor's course directory has its own nbgrader_config.py.
nbgrader names the submitting student after the server's system user (or JUPYTERHUB_USER when that user is jovyan,
as in a Kubernetes image), so nothing here says who the learner is.
"""

import os

c = get_config()  # noqa: F821 (given by traitlets when it loads this file)
c.Exchange.root = os.environ.get("AUTOGRAD_LESSONS_EXCHANGE", "/srv/nbgrader/exchange")
