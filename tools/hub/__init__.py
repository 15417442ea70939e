"""The course on a JupyterHub: what a learner's server does when it starts, the links to share, the hub's settings.

    learner_start.py      every start of a learner's server: pull the course, sync ~/my-lessons, start the server
    links.py              the nbgitpuller link that opens a lesson: python -m tools.hub.links --hub URL --repo URL 03
    jupyterhub_config.py  the course's settings for a hub on one machine (load_subconfig from the hub's own config)
    learner_config/       nbgrader's settings for the learners' servers (the exchange; the Assignments tab only)
    package.json          npm's configurable-http-proxy at an exact version, for make test-hub (.venv/hub-proxy)

docs/instructors.md tells how to run a class with them, on one machine or on Kubernetes; make test-hub runs them
on a real hub on this machine (tests/hub/).
"""
