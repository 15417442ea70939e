"""The stepped graph both steppers draw: drawn once per trace, restyled for step n through its artists' data.

The traces are Lesson 8's (PyTorch's real backward) and Lesson 7's (a learner's engine) for the same
z = x * y + y**2; the picture is checked through its artists (Agg backend) and its frames.
"""

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from autograd_lessons.compute.build_your_own_autograd.engine_steps import step_backward  # noqa: E402
from autograd_lessons.compute.inside_pytorch_backward import example_trace, trace_backward  # noqa: E402
from autograd_lessons.drawing.graph_arrows import box_extent  # noqa: E402
from autograd_lessons.drawing.stepped_graph import (ARROW_TEXT, MAX_INCHES, SCROLL_FROM, SteppedGraph,  # noqa: E402
                                                    arrow_text, column_inches)
from tests.micro_engine import make_value  # noqa: E402


def engine_trace():
    Value = make_value()
    x, y = Value(2.0), Value(3.0)
    m = x * y
    z = m + y ** 2
    return step_backward(z, names={"x": x, "y": y, "m": m, "z": z})


@pytest.fixture(scope="module", params=["replay", "engine"])
def stepped(request):
    trace = example_trace("z = x * y + y**2") if request.param == "replay" else engine_trace()
    drawn = SteppedGraph()
    drawn.draw(trace)
    return drawn


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_step_n_lights_the_node_just_run_and_veils_the_ones_still_to_run(stepped):
    trace, artists = stepped.trace, stepped.artists
    for n in range(len(trace.steps) + 1):
        stepped.show_step(n)
        lit = [key for key, ring in artists["rings"].items() if ring.get_visible()]
        veiled = {key for key, veil in artists["veils"].items() if veil.get_visible()}
        assert lit == ([] if n == 0 else [trace.steps[n - 1].key])
        assert veiled == {step.key for step in trace.steps[n:]}
        assert {key: label.get_text() for key, label in artists["grads"].items()} == trace.box_texts(n)


def test_the_arrows_carry_what_crossed_them_and_the_ones_just_crossed_stand_out(stepped):
    trace, arrows = stepped.trace, stepped.artists["arrows"]
    stepped.show_step(3)
    crossed, current = trace.sent_along(3), trace.steps[2].key
    for edge, label in arrows.items():
        expected = arrow_text(crossed[edge], trace.arrow_sign) if edge in crossed else ""
        assert label.get_text() == expected
        assert (label.get_fontweight() == "bold") == (edge[1] == current)
        assert label.get_color() == ARROW_TEXT["just sent" if edge[1] == current else "crossed"]
    stepped.show_step(len(trace.steps))
    assert sorted(label.get_text().replace("+", "") for label in arrows.values()) == [
        "← 1.0", "← 1.0", "← 2.0", "← 3.0", "← 6.0"]


def test_a_step_never_redraws_and_the_same_step_gives_the_same_frame(stepped):
    texts, redraws = len(stepped.artists["ax"].texts), stepped.redraws
    frames = {}
    for n in [0, 1, 2, 3, 2, 5, 0, 3]:
        stepped.show_step(n)
        frames.setdefault(n, []).append(stepped.live.render())
    assert stepped.redraws == redraws and len(stepped.artists["ax"].texts) == texts
    assert len({frames[n][0] for n in frames}) == len(frames)
    for n, shown in frames.items():
        assert all(np.array_equal(pixels(shown[0]), pixels(again)) for again in shown[1:])


def test_the_veils_lie_over_the_boxes_draw_graph_drew(stepped):
    renderer = stepped.live.figure.canvas.get_renderer()
    boxes = {text.get_gid(): text for text in stepped.artists["ax"].texts}
    for key, veil in stepped.artists["veils"].items():
        box = boxes[f"node-{key}"].get_bbox_patch().get_window_extent(renderer)
        cover = veil.get_window_extent(renderer)
        assert abs(box.x0 - cover.x0) < 1.5 and abs(box.y1 - cover.y1) < 1.5 and abs(box.width - cover.width) < 1.5


def test_a_new_trace_is_drawn_once_over_the_old_one():
    stepped = SteppedGraph()
    stepped.draw(example_trace("z = x * y + y**2"))
    stepped.draw(example_trace("out = (x * x).sigmoid()"))
    assert stepped.redraws == 2 and set(stepped.artists["rings"]) == set(stepped.trace.graph.nodes)
    stepped.show_step(3)
    assert {edge: label.get_text() for edge, label in stepped.artists["arrows"].items()} == {
        (2, 1): "← 0.1966 + 0.1966", (1, 0): "← 0.1966"}


def test_the_picture_grows_with_the_numbers_on_its_arrows():
    assert arrow_text([torch.tensor(3.0), torch.tensor(2.5)]) == "← 3.0 + 2.5"
    assert arrow_text([torch.tensor(3.0)], "+") == "← +3.0"
    assert column_inches(example_trace("out = s + m * e")) > column_inches(example_trace("z = x * y + y**2")) > 2.2


def test_a_graph_that_could_not_be_read_is_an_empty_picture():
    class Endless(make_value()):
        @property
        def _prev(self):
            while True:
                pass

        @_prev.setter
        def _prev(self, value):
            pass

    stepped = SteppedGraph()
    stepped.draw(step_backward(Endless(1.0), {}, seconds=0.1))
    stepped.show_step(0)
    assert stepped.redraws == 1 and stepped.artists["rings"] == {} and stepped.live.render()


def deep_trace(steps=40):
    """A learner's deep graph: sin(h * 1.1) forty times over, 81 nodes in a row."""
    x = torch.tensor(0.3, requires_grad=True)
    h = x
    for _ in range(steps):
        h = (h * 1.1).sin()
    return trace_backward(h)


@pytest.fixture(scope="module")
def deep():
    drawn = SteppedGraph()
    drawn.draw(deep_trace())
    drawn.show_step(len(drawn.trace.steps))  # every arrow labelled with what crossed it
    drawn.live.render()
    return drawn


def test_a_deep_graph_keeps_its_text_size_and_grows_downwards_in_bands(deep):
    width, height = deep.live.figure.get_size_inches()
    assert width <= MAX_INCHES[0] and width * deep.live.figure.dpi <= SCROLL_FROM and not deep.wide()
    assert height > 3 * width / 4  # band under band, not one long row
    ax = deep.artists["ax"]
    assert {t.get_fontsize() for t in ax.texts if (t.get_gid() or "").startswith("node-")} == {9}
    (arrows,) = [a for a in ax.artists if a.get_gid() == "arrows"]
    assert any(len(point) > 2 for _, route, _ in arrows.routes for point in route)  # arrows carried to the next band


def test_a_deep_graphs_boxes_and_labels_stay_apart_and_inside(deep):
    ax = deep.artists["ax"]
    renderer = deep.live.figure.canvas.get_renderer()
    shown = [t for t in ax.texts
             if t.get_text().strip() and (t.get_gid() or "").startswith(("node-", "grad-", "label-"))]
    extents = [box_extent(t, renderer) if t.get_gid().startswith("node-") else t.get_window_extent(renderer)
               for t in shown]
    assert len([t for t in shown if t.get_gid().startswith("label-")]) == len(deep.trace.graph.edges())
    for i, a in enumerate(extents):
        assert ax.bbox.x0 <= a.x0 and a.x1 <= ax.bbox.x1 and ax.bbox.y0 <= a.y0 and a.y1 <= ax.bbox.y1
        for j in range(i + 1, len(extents)):
            assert not a.overlaps(extents[j]), (shown[i].get_gid(), shown[j].get_gid())


def test_a_deep_graph_is_stepped_like_a_small_one(deep):
    trace, artists = deep.trace, deep.artists
    for n in [0, 1, len(trace.steps) // 2, len(trace.steps)]:
        deep.show_step(n)
        assert [key for key, ring in artists["rings"].items() if ring.get_visible()] == (
            [] if n == 0 else [trace.steps[n - 1].key])
        assert {key for key, veil in artists["veils"].items() if veil.get_visible()} == {s.key for s in trace.steps[n:]}
    assert deep.redraws == 1
