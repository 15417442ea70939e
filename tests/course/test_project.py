"""The project's promises about itself: pins agree, imports are cheap, make has its targets."""

import inspect
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    # the instructors' extra (class: nbgrader) is never in a learner's environment, so not in environment.yml
    pins = project["dependencies"] + [p for name, group in project["optional-dependencies"].items()
                                      for p in group if name != "class"]
    return {re.split("==", pin)[0].lower().replace("_", "-"): pin.split("==")[1] for pin in pins}


def environment_pins():
    pins, in_pip = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        line = line.split("#")[0].rstrip()
        if line.strip() == "- pip:":
            in_pip = True
        elif in_pip and line.strip().startswith("- ") and "==" in line:
            name, version = line.strip()[2:].split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_pin_is_exact():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for pin in project["dependencies"] + project["optional-dependencies"]["test"] + \
            project["optional-dependencies"]["class"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", pin), pin
    assert "torch==2.13.0" in project["dependencies"]


def test_environment_yml_installs_what_pyproject_pins():
    assert environment_pins() == pyproject_pins()


def test_environment_yml_is_binder_ready():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- python=3\.11$", text, re.M)  # repo2docker reads an exact version only
    assert re.search(r"^\s+- -e \.", text, re.M)


def test_importing_the_package_loads_no_drawing_or_widget_library():
    code = "import sys, autograd_lessons; print(sorted(m for m in ('matplotlib', 'sympy', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_exported_name_resolves_even_after_every_module_is_loaded():
    import importlib
    import pkgutil

    import autograd_lessons

    for module in pkgutil.walk_packages(autograd_lessons.__path__, "autograd_lessons."):
        importlib.import_module(module.name)  # a submodule named like an export would shadow it
    for name in autograd_lessons.__all__:
        assert callable(getattr(autograd_lessons, name)) and not inspect.ismodule(getattr(autograd_lessons, name)), name


def test_makefile_offers_the_readme_commands():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("help", "lab", "test", "execute"):
        assert re.search(rf"^{target}:.*## ", makefile, re.M), target
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
