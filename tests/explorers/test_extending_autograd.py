"""Lesson 12's gradcheck explorer, driven from Python: set its controls, read its tables, curve and sentences."""

import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from autograd_lessons.compute.extending_autograd.jacobians import BUGS, NAMES, step_error  # noqa: E402
from autograd_lessons.compute.extending_autograd.readout import jacobian_readout  # noqa: E402
from autograd_lessons.explorers import gradcheck_explorer  # noqa: E402
from autograd_lessons.explorers.common import UNEXPECTED  # noqa: E402


@pytest.fixture(scope="module")
def explorer():
    return gradcheck_explorer()


def red_cells(table_html):
    return table_html.count("background:#f4c2bd")


def numbers(table_html):
    return [float(v) for v in re.findall(r">(-?[\d.e+-]+)</td>", table_html)]


def test_it_opens_on_the_transposed_backward_of_cumsum(explorer):
    assert (explorer.function.value, explorer.bug.value) == ("cumsum(x) * exp(w)", "transposed Jacobian")
    readout = jacobian_readout("cumsum(x) * exp(w)", "transposed Jacobian")
    assert red_cells(explorer.analytical.value) == red_cells(explorer.numerical.value) == 6
    assert numbers(explorer.analytical.value) == pytest.approx(readout.analytical.reshape(-1).tolist(), rel=1e-3)
    assert numbers(explorer.numerical.value) == pytest.approx(readout.numerical.reshape(-1).tolist(), rel=1e-3)
    assert "mirrored" in explorer.message.value and "6 of 18" in explorer.readout.value
    assert "grad_output.cumsum(0)" in explorer.code.value


def test_a_step_move_moves_the_dots_and_rewrites_the_numerical_table_without_redrawing(explorer):
    redraws, frames = explorer.redraws, set()
    for eps in [1e-9, 1e-5, 1e-2]:
        explorer.eps.value = eps
        name = explorer.function.value
        for precision in ("float64", "float32"):
            assert explorer.curve["dots"][precision].get_data() == ([eps], [step_error(name, eps, precision)])
        assert list(explorer.curve["step"].get_xdata()) == [eps, eps]
        assert f"ε = {eps:g}" in explorer.numerical.value
        frames.add(bytes(explorer.image.value))
    assert explorer.redraws == redraws and len(frames) == 3
    explorer.eps.value = 1e-6


def test_float32_marks_even_the_right_backward_and_says_why(explorer):
    explorer.bug.value = "right backward"
    assert red_cells(explorer.analytical.value) == 0 and "passes" in explorer.readout.value
    explorer.float32.value = True
    assert red_cells(explorer.analytical.value) > 0 and "float32" in explorer.numerical.value
    assert "in float32 the finite differences are off too" in explorer.message.value
    explorer.float32.value = False


def test_next_backward_goes_through_every_backward_and_back(explorer):
    seen = []
    for _ in BUGS:
        explorer.next_bug.click()
        seen.append(explorer.bug.value)
        assert explorer.last.bug == explorer.bug.value
    assert sorted(seen) == sorted(BUGS)


def test_a_new_function_redraws_its_curve(explorer):
    before = list(explorer.curve["lines"]["float64"].get_data()[1])
    redraws = explorer.redraws
    explorer.function.value = "x / w"
    after = list(explorer.curve["lines"]["float64"].get_data()[1])
    assert explorer.redraws == redraws + 1 and after != before
    assert "x / w" in explorer.axes.get_title() and explorer.last.name == "x / w"


@pytest.mark.parametrize("name", NAMES)
def test_the_transposed_backward_passes_exactly_where_the_jacobian_is_diagonal(explorer, name):
    explorer.function.value = name
    explorer.bug.value = "transposed Jacobian"
    assert ("its own transpose" in explorer.message.value) == (name != "cumsum(x) * exp(w)")


def test_a_failure_inside_becomes_a_sentence_not_a_traceback(monkeypatch):
    explorer = gradcheck_explorer()
    monkeypatch.setattr("autograd_lessons.explorers.extending_autograd.jacobian_readout",
                        lambda *args: 1 / 0)
    explorer.eps.value = 1e-3
    assert "could not update" in explorer.message.value and UNEXPECTED[:40] in explorer.message.value
    assert isinstance(explorer.last_error, ZeroDivisionError)


def test_odd_control_values_are_clamped_to_the_slider(explorer):
    explorer.eps.value = 1e-30                     # below the slider's range: clamped, never an error
    assert explorer.eps.value == pytest.approx(1e-12) and "could not update" not in explorer.message.value
    explorer.eps.value = 1e-6
