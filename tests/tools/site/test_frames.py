"""The frame recorder: what a site's explorer shows at each setting, recorded from the live explorer itself."""

import io

import ipywidgets as widgets
from PIL import Image

from autograd_lessons.explorers import kink_explorer, tangent_explorer
from tools.site.explorers import Choice, Spec
from tools.site.frames import html_widgets, key_of, quantised, record


def small_spec():
    return Spec([Choice("function", "function", "select", ["x**2 + 2*x + 1", "sin(x)"]),
                 Choice("x", "x", "range", [-1.0, 0.0, 3.0], lambda v: f"{v:g}")],
                adds="The live explorer adds more.", start={"function": "x**2 + 2*x + 1", "x": 3.0})


def test_every_setting_gets_the_frame_the_live_explorer_shows_there():
    explorer = tangent_explorer()
    recording = record("tangent_explorer", small_spec(), explorer)
    assert recording.complete() and len(recording.frames) == 6 and recording.start == "0,2"
    explorer.function.value, explorer.x.value = "sin(x)", 0.0  # the same setting, set again by hand
    frame = recording.frames["1,1"]
    assert recording.images[frame.image] == quantised(explorer.image.value)
    assert [recording.html[h] for h in frame.html] == [w.value for w in html_widgets(explorer)]
    assert "cos" in recording.html[frame.html[0]] or "1" in recording.html[frame.html[0]]
    assert frame.texts == {"function": "sin(x)", "x": "0"}


def test_the_readouts_go_with_their_frame_and_differ_between_frames():
    recording = record("tangent_explorer", small_spec(), tangent_explorer())
    at_3 = recording.html[recording.frames["0,2"].html[0]]
    at_minus_1 = recording.html[recording.frames["0,0"].html[0]]
    assert ">16<" in at_3 and ">8<" in at_3  # f(3) = 16, x.grad = 8
    assert at_3 != at_minus_1 and ">0<" in at_minus_1  # f(-1) = 0, x.grad = 0


def test_the_alt_text_names_the_picture_and_the_setting():
    recording = record("tangent_explorer", small_spec(), tangent_explorer())
    alt = recording.frames["1,0"].alt
    assert alt.startswith("Lesson 3's tangent explorer") and "function sin(x), x -1" in alt


def test_identical_pictures_and_words_are_kept_once():
    spec = Spec([Choice("x", "x", "range", [0.5, 0.5, 0.5])], adds="")
    recording = record("kink_explorer", spec, kink_explorer())
    assert len(recording.frames) == 3 and len(recording.images) == 1
    assert recording.size() == len(recording.images[0]) + sum(len(h.encode()) for h in recording.html)


def test_a_quantised_frame_keeps_its_size_and_gets_smaller():
    png = tangent_explorer().image.value
    small = quantised(png)
    assert Image.open(io.BytesIO(small)).size == Image.open(io.BytesIO(png)).size
    assert Image.open(io.BytesIO(small)).mode == "P" and len(small) < len(png) / 2
    assert quantised(png) == small  # deterministic


def test_html_widgets_are_found_in_layout_order():
    first, second = widgets.HTML("a"), widgets.HTML("b")
    tree = widgets.VBox([widgets.HBox([widgets.Button(description="x"), first]), second])
    assert html_widgets(tree) == [first, second]
    assert key_of((1, 0, 12)) == "1,0,12"
