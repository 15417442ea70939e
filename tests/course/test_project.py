"""The project's promises about itself: pins agree, imports are cheap, make has its targets."""

import inspect
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def name_of(requirement):
    return re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def constraint_pins():
    """{package: version} of constraints.txt, the exact releases make, nbval and Binder install."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line), line
            pins[name_of(line)] = line.split("==")[1]
    return pins


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["dependencies"] + [p for group in project["optional-dependencies"].values() for p in group]


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


def test_every_requirement_is_pinned_in_the_constraints_and_admits_the_pin():
    from packaging.requirements import Requirement

    pins = constraint_pins()
    assert pins["torch"] == "2.13.0"
    for text in pyproject_requirements():
        requirement = Requirement(text)
        name = name_of(text)
        assert name in pins, f"{name} has no exact release in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (text, pins[name])


def test_the_test_site_and_class_extras_pin_exactly_what_the_constraints_pin():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for pin in extras["test"] + extras["site"] + extras["class"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", pin), pin
        assert constraint_pins()[name_of(pin)] == pin.split("==")[1], pin


def test_environment_yml_installs_what_the_constraints_pin():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    # the site's builder and the instructors' extra (nbgrader) are never in a learner's environment
    apart = {name_of(p) for p in extras["site"] + extras["class"]} | {"pydata-sphinx-theme"}
    wanted = {name: version for name, version in constraint_pins().items() if name not in apart}
    assert environment_pins() == wanted


def test_every_install_make_does_passes_the_constraints():
    installs = [line for line in (ROOT / "Makefile").read_text().splitlines() if "pip install" in line]
    assert installs and all("-c $(CONSTRAINTS)" in line for line in installs), installs
    assert re.search(r"^CONSTRAINTS := constraints\.txt$", (ROOT / "Makefile").read_text(), re.M)


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
