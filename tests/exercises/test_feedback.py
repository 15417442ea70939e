"""What a learner sees under a check, a hint or a solution: deterministic text and HTML, cheap imports.

nbval compares both the text/plain and the text/html of every stored output, so both
must come out byte for byte the same on every run, with nothing in them that changes
(no ids, no addresses, no timestamps).
"""

import subprocess
import sys

import pytest

from autograd_lessons.exercises.checking import correct, incorrect, not_attempted, other_values
from autograd_lessons.exercises.feedback import STYLES, Feedback, Hint, Solution, inline_html


@pytest.mark.parametrize("result, text", [
    (correct("32, as `x.grad` says."), "✓ Correct: 32, as `x.grad` says."),
    (incorrect("got None: create `x` with `requires_grad=True`."),
     "✗ Incorrect: got None: create `x` with `requires_grad=True`."),
    (not_attempted(), "… Not attempted: replace each `...` in the cell with your code, then run the cell again."),
    (other_values("pick 1, 2 and 3."), "↻ Pick other values: pick 1, 2 and 3."),
])
def test_the_plain_text_says_the_status_then_the_message(result, text):
    assert repr(Feedback(result)) == text


MAKERS = {"correct": correct, "incorrect": incorrect, "not attempted": not_attempted,
          "pick other values": other_values}


@pytest.mark.parametrize("status", MAKERS)
def test_the_html_is_a_box_with_explicit_colours_and_the_same_words(status):
    symbol, title, background, border, colour, code_background = STYLES[status]
    page = Feedback(MAKERS[status]("x"))._repr_html_()
    assert page.startswith("<div ") and page.endswith("</div>")
    for part in (f"background-color:{background}", f"color:{colour}", f"border-left:5px solid {border}",
                 f"<strong>{symbol} {title}:</strong>"):
        assert part in page


def test_the_boxes_are_readable_in_light_and_dark_themes():
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for kind, (_, _, background, _, colour, code_background) in STYLES.items():
        for behind in (background, code_background):
            light, dark = sorted([luminance(behind), luminance(colour)], reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 7, kind  # WCAG AAA for body text


def test_backticks_become_code_and_everything_else_is_escaped():
    page = inline_html("use `x.grad` & not <script>`a<b`", "#eeeeee")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp;" in page
    assert page.count("<code ") == 2 and ">x.grad</code>" in page and ">a&lt;b</code>" in page


def test_the_same_verdict_renders_to_the_same_bytes():
    one, two = Feedback(incorrect("`x` is 2")), Feedback(incorrect("`x` is 2"))
    assert one._repr_html_() == two._repr_html_() and repr(one) == repr(two)
    assert "0x" not in one._repr_html_() and " id=" not in one._repr_html_()


def test_hints_and_solutions_have_boxes_too():
    hint = Hint("call `y.backward()`", heading="Hint 1 of 2", more="`q1.hint(2)` gives another")
    assert repr(hint) == "? Hint 1 of 2: call `y.backward()` (`q1.hint(2)` gives another)"
    assert "#e8f0fe" in hint._repr_html_() and "<em>" in hint._repr_html_()
    solution = Solution("x = torch.tensor(2.0, requires_grad=True)\nif x < 3:\n    y = x", "because <3")
    assert repr(solution) == ("» Solution:\n    x = torch.tensor(2.0, requires_grad=True)\n    if x &lt; 3:\n"
                              "        y = x\nbecause <3").replace("&lt;", "<")
    page = solution._repr_html_()
    assert "<pre " in page and "if x &lt; 3:\n    y = x" in page and "because &lt;3" in page


def imported_after(statement):
    code = (f"import sys; {statement}; "
            "print(sorted(m for m in ('torch', 'IPython', 'ipywidgets', 'matplotlib', 'sympy') if m in sys.modules))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_exercises_package_loads_nothing_heavy():
    assert imported_after("import autograd_lessons.exercises") == "[]"


def test_the_display_layer_needs_only_the_standard_library():
    assert imported_after("import autograd_lessons.exercises.feedback") == "[]"


@pytest.mark.waits
def test_the_questions_need_torch_and_nothing_that_draws():
    assert imported_after("from autograd_lessons.exercises import q1, q10") == "['torch']"
