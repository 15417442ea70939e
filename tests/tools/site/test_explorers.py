"""The site's choice of controls for each explorer, and the generic one for an explorer it does not know."""

import ipywidgets as widgets
import pytest

import autograd_lessons.explorers as explorers
from tools.site.explorer_specs import SPECS
from tools.site.explorers import Choice, Spec, generic_spec, spec_for, steps


def test_every_explorer_of_the_course_has_a_spec_with_a_line_on_what_the_live_one_adds():
    assert [name for name in explorers.__all__ if name not in SPECS] == []
    for name in explorers.__all__:
        assert len(SPECS[name].adds.split()) >= 8, name


def test_the_page_opens_on_the_lessons_own_setting():
    explorer = explorers.tangent_explorer()
    assert SPECS["tangent_explorer"].start_key(explorer) == "0,14"  # x**2 + 2*x + 1 at x = 3
    explorer = explorers.gradient_explorer()
    assert SPECS["gradient_explorer"].start_key(explorer) == "5,6"  # (2, 3)


def test_a_spec_walks_every_combination_with_the_first_choice_outermost():
    class Fake:
        def __init__(self):
            self.a, self.b = widgets.IntSlider(), widgets.Dropdown(options=["p", "q"])

    spec = Spec([Choice("b", "b", "select", ["p", "q"]), Choice("a", "a", "range", [1, 2, 3])], adds="")
    fake = Fake()
    seen = [(positions, texts, (fake.b.value, fake.a.value)) for positions, texts in spec.walk(fake)]
    assert [s[0] for s in seen] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert seen[4][1] == {"b": "q", "a": "2"} and seen[4][2] == ("q", 2)


def test_an_unknown_explorer_moves_on_its_first_named_slider():
    class NewLessonExplorer(widgets.VBox):
        def __init__(self):
            self.depth = widgets.IntSlider(value=3, min=1, max=40, description="depth")
            super().__init__([self.depth])

    explorer = NewLessonExplorer()
    spec = spec_for("new_lesson_explorer", explorer)
    values = spec.choices[0].values_for(explorer)
    assert spec.choices[0].name == "depth" and len(values) == 12 and values[0] == 1 and values[-1] == 40
    assert generic_spec(widgets.VBox([])) is None


@pytest.mark.parametrize("low,high,step,expected", [(-1.0, 1.0, 0.5, [-1.0, -0.5, 0.0, 0.5, 1.0]), (0, 1, 1, [0, 1])])
def test_steps(low, high, step, expected):
    assert steps(low, high, step) == expected
