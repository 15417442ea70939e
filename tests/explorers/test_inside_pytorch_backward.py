"""Lesson 8's backward replay, driven from Python: step, and check the lit box, the labels and the frame."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402

from autograd_lessons.compute.inside_pytorch_backward import EXAMPLES, trace_backward  # noqa: E402
from autograd_lessons.compute.graph import format_tensor  # noqa: E402
from autograd_lessons.explorers import backward_replay_explorer  # noqa: E402
from tests.stepper_screen import count_on_screen  # noqa: E402


@pytest.fixture(scope="module")
def explorer():
    return backward_replay_explorer("z = x * y + y**2")


def state(explorer):
    """What the picture shows: the lit box, the veiled boxes, the texts under boxes and on arrows."""
    artists = explorer.artists
    lit = [key for key, ring in artists["rings"].items() if ring.get_visible()]
    veiled = {key for key, veil in artists["veils"].items() if veil.get_visible()}
    grads = {key: label.get_text() for key, label in artists["grads"].items()}
    arrows = {edge: label.get_text() for edge, label in artists["arrows"].items()}
    return lit, veiled, grads, arrows


def test_before_backward_every_box_waits_and_nothing_is_written(explorer):
    explorer.step.value = 0
    lit, veiled, grads, arrows = state(explorer)
    assert lit == [] and veiled == set(explorer.trace.graph.nodes)
    assert set(grads.values()) == {""} and set(arrows.values()) == {""}
    assert "Before backward" in explorer.message.value


def test_each_step_lights_the_node_the_engine_ran_and_writes_what_it_received_and_sent(explorer):
    trace = explorer.trace
    assert explorer.step.max == len(trace.steps) == 5
    for n, step in enumerate(trace.steps, start=1):
        explorer.step.value = n
        lit, veiled, grads, arrows = state(explorer)
        assert lit == [step.key]
        assert veiled == {s.key for s in trace.steps[n:]}
        assert grads[step.key] == f"grad {format_tensor(step.received[0])}"
        for target, grad in step.sent:
            assert arrows[(target, step.key)].startswith("←")
        assert f"Step {n} of 5" in explorer.message.value
        assert "background:#fff3c4" in explorer.lines.value
    lit, veiled, grads, arrows = state(explorer)
    assert grads == {0: "grad 1.0", 1: "grad 1.0", 2: "grad 1.0", 3: "grad 3.0", 4: "grad 8.0"}
    assert sorted(arrows.values()) == ["← 1.0", "← 1.0", "← 2.0", "← 3.0", "← 6.0"]
    assert "y.grad" in explorer.readout.value and "8.0" in explorer.readout.value


def test_the_arrows_just_crossed_stand_out(explorer):
    explorer.step.value = 3  # MulBackward0 sends 3.0 to x and 2.0 to y
    mul = explorer.trace.steps[2].key
    for (source, target), label in explorer.artists["arrows"].items():
        if label.get_text():
            assert (label.get_fontweight() == "bold") == (target == mul)


def test_next_step_walks_on_and_starts_again_after_the_last(explorer):
    explorer.step.value = 4
    explorer.next_step.click()
    assert explorer.step.value == 5
    explorer.next_step.click()
    assert explorer.step.value == 0


def test_a_step_never_redraws_the_graph_but_changes_the_frame(explorer):
    redraws, texts, frames = explorer.redraws, len(explorer.artists["ax"].texts), set()
    for n in [1, 2, 3, 2, 5, 0]:
        explorer.step.value = n
        frames.add(bytes(explorer.image.value))
    assert explorer.redraws == redraws and len(explorer.artists["ax"].texts) == texts
    assert len(frames) == 5


def test_slider_readout_message_and_lit_step_show_one_count(explorer):
    explorer.step.value = 0
    seen = [count_on_screen(explorer)]
    for _ in range(explorer.step.max + 1):  # next step to the end, and round to before backward again
        explorer.next_step.click()
        seen.append(count_on_screen(explorer))
    for n in [4, 2, 5, 0]:  # and the slider, moved by hand
        explorer.step.value = n
        seen.append(count_on_screen(explorer))
    assert [s["slider"] for s in seen] == [0, 1, 2, 3, 4, 5, 0, 4, 2, 5, 0]
    for s in seen:
        assert s["slider"] == s["readout"] == s["message"] == s["lit line"] == s["lit box"], s
        assert s["of"] == {5}


def test_another_graph_keeps_one_count():
    replay = backward_replay_explorer()
    replay.step.value = 6
    assert count_on_screen(replay)["of"] == {7} and count_on_screen(replay)["readout"] == 6
    replay.example.value = "out = (x * x).sigmoid()"
    replay.next_step.click()
    s = count_on_screen(replay)
    assert s["slider"] == s["readout"] == s["message"] == s["lit line"] == s["lit box"] == 1 and s["of"] == {3}


def test_it_replays_a_learners_own_trace():
    w = torch.tensor(0.5, requires_grad=True)
    loss = (3 * w).tanh()
    replay = backward_replay_explorer(trace_backward(loss))
    assert replay.example.value == "your trace" and list(replay.example.options)[1:] == list(EXAMPLES)
    assert replay.image.layout.max_width == "100%"
    replay.step.value = replay.step.max
    assert state(replay)[0] == [replay.trace.steps[-1].key]
    assert "w.grad" in replay.readout.value


def test_it_opens_on_the_graph_the_lesson_has_just_traced():
    replay = backward_replay_explorer()
    assert replay.example.value == "out = s + m * e" and replay.step.max == 7
    assert "section 8.3" in replay.caption.value
    replay.step.value = 5
    assert "AccumulateGrad (v)" in replay.message.value and "SinBackward0 (s)" in replay.lines.value


def test_a_long_graph_keeps_its_text_size_and_grows_downwards():
    x = torch.tensor(0.3, requires_grad=True)
    h = x
    for _ in range(40):
        h = (h * 1.1).sin()
    replay = backward_replay_explorer(trace_backward(h))
    width, height = replay.live.figure.get_size_inches()
    assert width * replay.live.figure.dpi <= 1200 and height > 8  # no sideways scroll: bands go down the picture
    assert replay.image.layout.max_width == "100%"
    boxes = [t for t in replay.artists["ax"].texts if (t.get_gid() or "").startswith("node-")]
    assert len(boxes) == 81 and {t.get_fontsize() for t in boxes} == {9}
    replay.step.value = replay.step.max
    assert state(replay)[0] == [replay.trace.steps[-1].key]


def test_an_unknown_example_is_refused_in_words():
    with pytest.raises(ValueError, match="unknown example"):
        backward_replay_explorer("x ** 3")


# last: it leaves the module's explorer on another graph
def test_another_example_is_drawn_once_and_starts_at_step_0(explorer):
    redraws = explorer.redraws
    explorer.step.value = 3
    explorer.example.value = "out = (x * x).sigmoid()"
    assert explorer.redraws == redraws + 1
    assert explorer.step.value == 0 and explorer.step.max == 3
    explorer.step.value = 3
    assert state(explorer)[3] == {(2, 1): "← 0.1966 + 0.1966", (1, 0): "← 0.1966"}
