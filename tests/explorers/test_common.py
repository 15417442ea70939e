"""Every explorer's picture and controls have names a screen reader can read, and its first picture is drawn once
(explorers/common.py)."""

import ast
from pathlib import Path

import ipywidgets as widgets
import pytest

from autograd_lessons import explorers
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


def built(name):
    """An explorer with its constructor's defaults (Lesson 7's stepper is given Lesson 7's own graph)."""
    if name == "engine_stepper_explorer":
        from autograd_lessons.compute.build_your_own_autograd.engine_steps import step_backward
        from tests.micro_engine import make_value

        Value = make_value()
        x, y = Value(2.0), Value(3.0)
        m = x * y
        z = m + y ** 2
        return explorers.engine_stepper_explorer(step_backward(z, {"x": x, "y": y, "m": m, "z": z}))
    return getattr(explorers, name)()


def counted_draws(monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    draws, draw = [], FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda canvas, *a, **k: draws.append(canvas) or draw(canvas, *a, **k))
    return draws


@pytest.mark.parametrize("name", explorers.__all__)
def test_an_opened_explorer_names_its_picture_and_every_control_and_drew_its_figure_once(name, monkeypatch):
    """A whole-figure draw (layout, ticks, every artist) is most of the wait before an explorer appears."""
    draws = counted_draws(monkeypatch)
    explorer = built(name)
    assert len(draws) == 1, f"{name} drew its whole figure {len(draws)} times as it opened"
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert explorer.image.tooltip and explorer.image.tooltip == picture_name(type(explorer).__module__)
    unnamed = [type(c).__name__ for c in explorer_controls(explorer) if not c.description.strip()]
    assert unnamed == []


def test_an_explorer_whose_first_update_stops_early_still_shows_its_figure(monkeypatch):
    from autograd_lessons.explorers import tangent_explorer

    draws = counted_draws(monkeypatch)
    explorer = tangent_explorer("x +* 2")  # the text box cannot be read: the first update draws nothing
    assert "syntax error" in explorer.message.value
    assert len(draws) == 1 and bytes(explorer.image.value).startswith(b"\x89PNG")  # the empty axes, not a blank picture
