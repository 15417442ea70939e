"""The explorer a page shows without a kernel: labelled controls, the start frame, its data for the script."""

import json
import re

from tools.site.frames import Control, Frame, Recording
from tools.site.static_html import control_html, data_json, explorer_html


def recording():
    r = Recording("tangent_explorer", [Control("function", "function", "select", ["a", "b"]),
                                       Control("x", "x", "range", ["-1", "0", "1"])], "0,2", "It adds more.")
    for i in range(2):
        for j in range(3):
            r.frames[f"{i},{j}"] = Frame(image=r.keep("image", bytes([i, j])), html=[r.keep("html", f"<b>{i}{j}</b>")],
                                        texts={"function": "ab"[i], "x": str(j - 1)}, alt=f"picture {i} {j}")
    return r


def test_each_control_has_a_label_tied_to_it_and_a_slider_says_its_value():
    slider = control_html("ag-e", 1, Control("x", "x", "range", ["-1", "0", "1"]), 2, "1")
    assert '<label for="ag-e-c1">x</label>' in slider and 'id="ag-e-c1"' in slider
    assert 'type="range"' in slider and 'max="2"' in slider and 'aria-valuetext="1"' in slider
    select = control_html("ag-e", 0, Control("f", "f(x) =", "select", ["relu", "abs"]), 1, "abs")
    assert '<label for="ag-e-c0">f(x) =</label>' in select and '<option value="1" selected>abs</option>' in select
    box = control_html("ag-e", 2, Control("b", "run backward", "checkbox", ["off", "on"]), 1, "on")
    assert 'type="checkbox"' in box and " checked" in box


def test_the_page_opens_on_the_start_frame_with_its_alt_text_and_words():
    page = explorer_html(recording(), "ag-e", "../_static/explorers/e/", (560, 360), "note")
    assert 'src="../_static/explorers/e/2.png"' in page and 'alt="picture 0 2"' in page
    assert '<div class="ag-html" data-slot="0"><b>02</b></div>' in page
    data = json.loads(re.search(r'<script type="application/json" class="ag-data">(.*?)</script>', page, re.S)[1])
    assert data["start"] == "0,2" and len(data["frames"]) == 6 and data["controls"][1]["count"] == 3


def test_the_data_cannot_close_its_script_tag():
    r = recording()
    r.html[0] = "</script><script>alert(1)</script>"
    assert "</script>" not in data_json(r)
