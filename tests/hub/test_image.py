"""The image for Binder and for Zero to JupyterHub, as repo2docker would build it from binder/ (no Docker here).

``jupyter-repo2docker --no-build --debug`` prints the Dockerfile it would build, without a Docker daemon: the
environment (binder/environment.yml) must be installed in a layer that comes before the course's files are
copied in, so a commit that changes only lessons reuses that layer. The checks of order are first shown to fail
on the layout that PITFALLS warns about (an environment.yml with ``-e .``). Building and running the image needs
Docker, which neither this machine nor CI has.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.course.test_project import constraint_pins, name_of

ROOT = Path(__file__).resolve().parents[2]
REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"
HUB_PACKAGES = {"jupyterhub", "nbgitpuller", "nbgrader"}  # from the instructors' extra: what a hub's learners use
CPU_INDEX = "--extra-index-url https://download.pytorch.org/whl/cpu"


def dockerfile(repo):
    """The Dockerfile repo2docker would build for a folder, as a list of lines (built as a hub's user 1000)."""
    done = subprocess.run([str(REPO2DOCKER), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan",
                           str(repo)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    text = done.stdout + done.stderr
    return text[text.index("FROM "):].splitlines()


def first(lines, pattern):
    """The index of the first line that matches pattern (a regular expression), or None."""
    return next((i for i, line in enumerate(lines) if re.search(pattern, line)), None)


def environment_before_content(lines):
    """True when the environment is installed before the course's files are copied, and from binder/ alone."""
    content = first(lines, r"^COPY .*\bsrc/ \$\{REPO_DIR\}/$")
    install = first(lines, r"env update .*binder/environment\.yml")
    if content is None or install is None or install > content:
        return False
    copied_before = [line for line in lines[:install] if re.match(r"^COPY .*\bsrc/", line)]
    return all("src/binder/environment.yml" in line for line in copied_before)


def binder_pins():
    """{name: version} of binder/environment.yml's pip section, and its other pip lines."""
    pins, other = {}, []
    for line in (ROOT / "binder" / "environment.yml").read_text().splitlines():
        item = re.match(r"^\s{6}- (.+?)\s*(#.*)?$", line)
        if item and "==" in item.group(1):
            name, version = item.group(1).split("==")
            pins[name.lower().replace("_", "-")] = version
        elif item:
            other.append(item.group(1))
    return pins, other


def course_pins():
    """The exact releases (constraints.txt) of the course's package, its lab extra, and the hub's packages."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {name_of(r) for r in project["dependencies"] + project["optional-dependencies"]["lab"]} | HUB_PACKAGES
    return {name: version for name, version in constraint_pins().items() if name in wanted}


def test_the_environment_is_installed_before_the_course_is_copied():
    lines = dockerfile(ROOT)
    assert environment_before_content(lines), "\n".join(lines)
    content = first(lines, r"^COPY .*\bsrc/ \$\{REPO_DIR\}/$")
    assert first(lines, r"^RUN \./binder/postBuild$") > content, "postBuild installs the course after the copy"
    assert any(line == 'ENV R2D_ENTRYPOINT="${REPO_DIR}/binder/start"' for line in lines)


def test_the_check_fails_on_an_environment_that_installs_the_course(tmp_path):
    """The root environment.yml has -e .: repo2docker then copies everything before installing (PITFALLS)."""
    shutil.copy(ROOT / "environment.yml", tmp_path / "environment.yml")
    assert not environment_before_content(dockerfile(tmp_path))


def test_the_image_installs_the_course_pins_with_cpu_only_torch():
    pins, other = binder_pins()
    assert pins == course_pins()
    assert CPU_INDEX in other, "PyPI's torch is the CUDA build (several GB); the image needs PyTorch's CPU index"
    assert not [line for line in other if line.startswith(("-e", "."))], "the course is installed by postBuild"


def test_post_build_installs_the_course_without_touching_the_pinned_environment():
    script = (ROOT / "binder" / "postBuild").read_text()
    assert re.search(r"^python -m pip install --no-deps .*\.$", script, re.M)
    assert re.search(r"^python -m pip check$", script, re.M)
    assert "@jupyter/nbgrader:formgrader" in script and "nbgrader.server_extensions.formgrader" in script


@pytest.mark.parametrize("name", ["postBuild", "start"])
def test_the_build_and_start_scripts_are_executable_and_start_through_the_learners_hook(name):
    path = ROOT / "binder" / name
    assert path.stat().st_mode & 0o111
    if name == "start":
        assert 'tools/hub/learner_start.py" "$@"' in path.read_text()
