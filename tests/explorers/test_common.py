"""Every explorer's picture and controls have names a screen reader can read (explorers/common.py)."""

import ast
from pathlib import Path

import ipywidgets as widgets
import pytest

from autograd_lessons.explorers import common
from autograd_lessons.explorers.common import PICTURE_NAMES, picture, picture_name
from autograd_lessons.drawing.live_figure import LiveFigure

EXPLORERS = Path(common.__file__).parent
CONTROLS = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider, widgets.SelectionSlider,
            widgets.Dropdown, widgets.Checkbox, widgets.Text, widgets.Button)


def modules_with_a_picture():
    """Every explorer module that calls picture(...), as PICTURE_NAMES keys it."""
    for path in sorted(EXPLORERS.rglob("*.py")):
        tree = ast.parse(path.read_text())
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "picture"]
        if calls and path.name != "common.py":
            yield ".".join(path.relative_to(EXPLORERS).with_suffix("").parts)


def test_every_explorer_module_with_a_picture_has_its_name_written():
    missing = [module for module in modules_with_a_picture() if module not in PICTURE_NAMES]
    assert missing == []
    assert len(list(modules_with_a_picture())) >= 13


def test_names_say_what_the_picture_shows_not_what_it_is_called():
    for module, name in PICTURE_NAMES.items():
        assert len(name.split()) >= 12 and name.endswith("."), module


def test_a_picture_takes_the_name_of_the_module_that_makes_it():
    live = LiveFigure(figsize=(1, 1))
    image = picture(live)  # called from a test module: the general name
    assert image.tooltip == picture_name("tests.explorers.test_common")
    assert picture(live, "a named picture").tooltip == "a named picture"


def explorer_controls(widget):
    if isinstance(widget, CONTROLS):
        return [widget]
    return [found for child in getattr(widget, "children", ()) for found in explorer_controls(child)]


@pytest.mark.parametrize("name", ["tangent_explorer", "kink_explorer", "gradient_explorer", "live_graph_explorer",
                                  "tensor_state_explorer", "gradient_flow_explorer"])
def test_a_built_explorer_names_its_picture_and_every_control(name):
    import autograd_lessons.explorers as explorers

    explorer = getattr(explorers, name)()
    assert explorer.image.tooltip and explorer.image.tooltip == picture_name(type(explorer).__module__)
    unnamed = [type(c).__name__ for c in explorer_controls(explorer) if not c.description.strip()]
    assert unnamed == []
