"""Lesson 10's cost explorer, driven from Python with a fake clock (and once with the real one).

The fake timer makes jacfwd cost n and jacrev cost m (in ms), so every verdict is known in advance;
the real timer is only checked for showing numbers, never for their values.
"""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from autograd_lessons.compute.beyond_one_gradient.jacobian_cost import Timing  # noqa: E402
from autograd_lessons.explorers import jacobian_cost_explorer  # noqa: E402
from autograd_lessons.explorers.beyond_one_gradient.jacobian_cost import SIZES, JacobianCostExplorer  # noqa: E402

calls = []


def by_passes(inputs, outputs):
    """A clock that agrees with the pass counts exactly: 1 ms per pass, plus a little so that ties go to jacrev."""
    calls.append((inputs, outputs))
    return Timing(inputs, outputs, float(inputs), outputs - 0.01)


@pytest.fixture(scope="module")
def explorer():
    return JacobianCostExplorer(inputs=256, outputs=4, timer=by_passes)


def widths(bars):
    return [bar.get_width() for bar in bars]


def test_the_bars_show_the_counts_and_the_times_at_the_current_sizes(explorer):
    for n, m in [(256, 4), (1, 64), (32, 32)]:
        explorer.inputs.value, explorer.outputs.value = n, m
        assert widths(explorer.artists["pass_bars"]) == [n, m]
        assert widths(explorer.artists["time_bars"]) == pytest.approx([n, m - 0.01])
        assert [t.get_text() for t in explorer.artists["pass_bars_text"]] == [str(n), str(m)]
        assert f"{m} × {n}" in explorer.readout.value
        assert explorer.artists["here"].get_xdata()[0] == n


def test_the_message_says_which_mode_the_counts_favour_and_whether_the_clock_agrees(explorer):
    explorer.outputs.value, explorer.inputs.value = 4, 256
    assert "reverse mode needs 64× fewer passes" in explorer.message.value and "agrees" in explorer.message.value
    explorer.inputs.value = 1
    assert "forward mode needs 4× fewer" in explorer.message.value and "jacfwd should win" in explorer.message.value
    explorer.inputs.value = 4
    assert "both modes need 4 passes" in explorer.message.value


def test_a_clock_that_disagrees_is_named_as_overheads():
    slow_start = JacobianCostExplorer(inputs=1, outputs=8, timer=lambda n, m: Timing(n, m, 0.5, 0.4))
    assert "disagrees" in slow_start.message.value and "overheads" in slow_start.message.value


def test_the_sweep_times_every_size_and_marks_the_crossover(explorer):
    explorer.outputs.value, explorer.inputs.value = 16, 64
    calls.clear()
    before = explorer.image.value
    explorer.sweep.click()
    assert calls == [(n, 16) for n in SIZES]
    forward, reverse = explorer.artists["lines"]["forward"], explorer.artists["lines"]["reverse"]
    assert list(forward.get_xdata()) == SIZES and list(forward.get_ydata()) == SIZES
    assert list(reverse.get_ydata()) == pytest.approx([15.99] * len(SIZES))
    assert explorer.artists["cross"].get_visible() and explorer.artists["cross"].get_xdata()[0] == 16
    assert "jacrev was faster from n = 16" in explorer.sweep_message.value
    assert explorer.image.value != before


def test_changing_the_outputs_forgets_the_sweep(explorer):
    explorer.sweep.click()
    explorer.outputs.value = 2
    assert list(explorer.artists["lines"]["forward"].get_xdata()) == []
    assert not explorer.artists["cross"].get_visible() and explorer.sweep_message.value == ""


def test_every_move_sends_a_new_frame(explorer):
    frames = set()
    for n in (2, 8, 512):
        explorer.inputs.value = n
        frames.add(explorer.image.value)
    assert len(frames) == 3 and "Something went wrong" not in explorer.message.value


def test_the_real_clock_fills_the_readout():
    real = jacobian_cost_explorer(inputs=4, outputs=2)
    real.inputs.value = 8
    assert "jacfwd, ms" in real.readout.value and real.timing.jacfwd_ms > 0 and real.timing.jacrev_ms > 0
    assert "Something went wrong" not in real.message.value


# --- odd start sizes: each gets a sentence, and the explorer starts on its sliders ---------------------------------


@pytest.mark.parametrize("start, expected, says", [
    (dict(inputs=1000), (1024, 4), "inputs = 1000 is not on the slider, which takes powers of two from 1 to 1024: "
                                   "the explorer starts at inputs = 1024, the nearest."),
    (dict(outputs=3), (256, 4), "outputs = 3 is not on the slider"),
    (dict(inputs=10**9), (1024, 4), "inputs = 1e+09 is not on the slider"),
    (dict(inputs=0), (1, 4), "inputs = 0: a function has at least one input"),
    (dict(outputs=-2), (256, 1), "outputs = -2: a function has at least one output"),
    (dict(inputs="many"), (256, 4), "inputs = 'many' is not a number: the explorer starts at inputs = 256."),
    (dict(outputs=float("nan")), (256, 4), "outputs = nan is not a number"),
])
def test_a_start_size_off_the_sliders_gets_a_sentence_and_the_nearest_size(start, expected, says):
    explorer = JacobianCostExplorer(**start, timer=by_passes)
    assert (explorer.inputs.value, explorer.outputs.value) == expected
    assert says in explorer.note.value.replace("&#x27;", "'") and getattr(explorer, "last_error", None) is None
    assert f"{expected[1]} × {expected[0]}" in explorer.readout.value
    explorer.inputs.value = 8
    assert explorer.note.value == ""


def test_the_learners_call_with_a_size_off_the_slider_does_not_raise():
    explorer = jacobian_cost_explorer(inputs=1000)  # the real clock: only that it answers
    assert explorer.inputs.value == 1024 and "1024, the nearest" in explorer.note.value
    assert "ms" in explorer.readout.value and getattr(explorer, "last_error", None) is None


def test_a_start_size_on_the_sliders_gets_no_note():
    assert JacobianCostExplorer(inputs=64, outputs=8, timer=by_passes).note.value == ""
