"""Where a page's "run it" links go: the repository, Binder and Colab, and the cell that installs the course on Colab.

One place for the repository's address: the site's launch buttons, the run box on every page and
the Colab install cell all read it. Set ``SITE_REPOSITORY`` (``https://github.com/OWNER/NAME``)
to build the site for another copy of the course.
"""

import os

REPOSITORY = os.environ.get("SITE_REPOSITORY", "https://github.com/autograd-lessons/autograd-lessons")
BRANCH = os.environ.get("SITE_BRANCH", "main")
BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"


def github_parts(repository=REPOSITORY):
    """(owner, name) of a GitHub repository address."""
    owner, name = repository.rstrip("/").removesuffix(".git").split("/")[-2:]
    return owner, name


def binder_url(path, repository=REPOSITORY, branch=BRANCH):
    """Binder's address that opens the notebook at path (relative to the repository) in JupyterLab."""
    owner, name = github_parts(repository)
    return f"{BINDER}/v2/gh/{owner}/{name}/{branch}?urlpath=lab/tree/{path}"


def colab_url(path, repository=REPOSITORY, branch=BRANCH):
    """Colab's address that opens the notebook at path from GitHub."""
    owner, name = github_parts(repository)
    return f"{COLAB}/github/{owner}/{name}/blob/{branch}/{path}"


def colab_install_cell(repository=REPOSITORY, branch=BRANCH):
    """The first cell of a lesson on Colab: install the course beside Colab's torch and kernel, turn on widgets.

    The course's dependencies are ranges (pyproject.toml), which Colab's torch, sympy and
    matplotlib already meet, so pip adds only what is missing (igraph, ipywidgets 8) and replaces
    neither torch nor ipykernel. Elsewhere the cell does nothing.
    """
    return (
        "# extra code – on Colab only: installs the course beside Colab's own torch, and turns on its widgets\n"
        "import sys\n"
        "if \"google.colab\" in sys.modules:\n"
        "    import subprocess\n"
        f"    subprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"--quiet\",\n"
        f"                    \"autograd-lessons @ git+{repository}@{branch}\"], check=True)\n"
        "    from google.colab import output\n"
        "    output.enable_custom_widget_manager()\n"
    )
