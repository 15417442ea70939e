"""Lesson 12's readout of two Jacobians: gradcheck's verdict (gradcheck itself is the oracle), the stories, the text."""

import pytest
import torch

from autograd_lessons.compute.extending_autograd.jacobians import BUGS, NAMES, inputs, make_function
from autograd_lessons.compute.extending_autograd.readout import jacobian_readout

PAIRS = [(name, bug) for name in NAMES for bug in BUGS]


@pytest.mark.parametrize("name, bug", PAIRS)
def test_the_verdict_is_gradchecks_own(name, bug):
    function = make_function(name, bug)
    expected = torch.autograd.gradcheck(function.apply, inputs(), raise_exception=False)
    assert jacobian_readout(name, bug).passes == expected


def test_the_messages_tell_each_story():
    dropped = jacobian_readout(NAMES[0], "dropped grad_output")
    assert "Every row of the analytical Jacobian is the same" in dropped.verdict()[0]
    assert dropped.rows()[-1] == ("gradcheck's verdict", "fails")
    assert "mirrored" in jacobian_readout("cumsum(x) * exp(w)", "transposed Jacobian").verdict()[0]
    message, kind = jacobian_readout("cos(x) * w", "transposed Jacobian").verdict()
    assert "its own transpose" in message and "gradcheck passes" in message and kind == "ok"
    message, kind = jacobian_readout("x / w", "missing w's gradient").verdict()
    assert "returned None for w" in message and kind == "error"


def test_in_float32_at_gradchecks_step_even_the_right_backward_is_marked():
    readout = jacobian_readout("cos(x) * w", "right backward", 1e-6, "float32")
    assert readout.noisy and not readout.passes and readout.verdict()[1] == "warning"
    assert "in float32" in readout.verdict()[0]
    assert jacobian_readout("cos(x) * w", "right backward", 1e-3, "float32").passes  # its narrow window


def test_the_printed_text_marks_exactly_the_wrong_entries():
    readout = jacobian_readout("cumsum(x) * exp(w)", "transposed Jacobian")
    text = readout.text()
    rows = [line for line in text.splitlines() if line.lstrip().startswith("y")]
    assert len(rows) == 6 and sum(row.count("*") for row in rows) == 2 * int(readout.wrong.sum()) == 12
    assert "6 of 18 entries disagree (*): gradcheck fails." in text
    assert text.splitlines()[0].endswith(readout.code)


def test_an_unknown_name_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="pick a function"):
        jacobian_readout("tan(x)")
    with pytest.raises(ValueError):
        jacobian_readout(NAMES[0], dtype="float16")



@pytest.mark.parametrize("name", NAMES)
def test_the_right_backward_passes_in_float64_and_says_so(name):
    readout = jacobian_readout(name)
    assert readout.passes and not readout.noisy and readout.largest < 1e-8
    message, kind = readout.verdict()
    assert kind == "ok" and message.startswith("The right backward") and message.endswith("gradcheck passes.")
    assert readout.code.startswith("return ") and "grad_output" in readout.code
