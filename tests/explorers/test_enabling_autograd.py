"""Lesson 1's tensor-state explorer, driven from Python as a learner would click it in JupyterLab."""

import itertools

import pytest

from autograd_lessons.explorers import tensor_state_explorer

NAMES = ("requires_grad", "no_grad", "detach", "backward")


def boxes(explorer):
    """The texts of the graph's boxes, as drawn."""
    return sorted(t.get_text() for t in explorer.artists["ax"].texts if (t.get_gid() or "").startswith("node-"))


def centres(explorer, names):
    """Pixel centres of the boxes whose label starts with one of names."""
    renderer = explorer.live.figure.canvas.get_renderer()
    found = {}
    for text in explorer.artists["ax"].texts:
        if (text.get_gid() or "").startswith("node-") and text.get_text()[0] in names:
            box = text.get_window_extent(renderer)
            found[text.get_text()[0]] = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    return found


def test_it_opens_fully_tracked_with_the_code_the_table_and_the_graph():
    explorer = tensor_state_explorer()
    assert [getattr(explorer, name).value for name in NAMES] == [True, False, False, False]
    assert "a = torch.tensor(2.0, requires_grad=True)" in explorer.code.value
    for text in ("MulBackward0", "PowBackward0", "AddBackward0", "None (no backward yet)", "None (not a leaf)"):
        assert text in explorer.table.value
    assert boxes(explorer) == ["a = 2.0\nleaf · AccumulateGrad", "b = 6.0\nMulBackward0",
                               "c = 36.0\nPowBackward0", "d = 38.0\nAddBackward0"]
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


@pytest.mark.parametrize("name", NAMES)
def test_every_switch_changes_the_picture_or_the_table(name):
    explorer = tensor_state_explorer()
    before = (explorer.image.value, explorer.table.value, explorer.code.value)
    control = getattr(explorer, name)
    control.value = not control.value
    after = (explorer.image.value, explorer.table.value, explorer.code.value)
    assert after[0] != before[0] and after[2] != before[2]
    assert "Something went wrong" not in explorer.message.value


def test_detach_and_no_grad_cut_the_graph_and_say_so():
    explorer = tensor_state_explorer(backward=True)
    assert "grad 37.0" in [t.get_text() for t in explorer.artists["ax"].texts]
    full = centres(explorer, "ad")
    explorer.detach.value = True
    assert boxes(explorer) == ["a = 2.0\nleaf · AccumulateGrad", "d = 38.0\nAddBackward0"]
    assert "c was computed from b.detach()" in explorer.artists["note"].get_text()
    assert "a.grad = 1 comes from + a alone" in explorer.message.value
    assert "grad 1.0" in [t.get_text() for t in explorer.artists["ax"].texts]
    for name, (x, y) in centres(explorer, "ad").items():  # a and d stay where they were: the middle vanished
        assert (x, y) == pytest.approx(full[name], abs=2)
    explorer.detach.value, explorer.no_grad.value = False, True
    assert "b = a * 3 ran inside no_grad()" in explorer.artists["note"].get_text()
    assert "with torch.no_grad():" in explorer.code.value


def test_backward_without_requires_grad_is_one_line_not_a_traceback():
    explorer = tensor_state_explorer(requires_grad=False)
    explorer.backward.value = True
    assert "d.backward() fails" in explorer.message.value and "Traceback" not in explorer.message.value
    assert boxes(explorer) == ["d = 38.0\n(no grad_fn)"]
    assert "nothing requires grad" in explorer.artists["note"].get_text()
    assert "# RuntimeError" in explorer.code.value
    explorer.requires_grad.value = True  # and the next valid state works
    assert "a.grad = 37" in explorer.message.value


def test_every_combination_works_and_repeated_pictures_are_not_redrawn():
    explorer = tensor_state_explorer()
    seen = {}
    for values in itertools.product([True, False], repeat=4):
        for name, value in zip(NAMES, values):
            getattr(explorer, name).value = value
        assert "Something went wrong" not in explorer.message.value and explorer.message.value
        seen[values] = explorer.image.value
    assert len(explorer.frames) == len(set(seen.values())) <= 8
    for name, value in zip(NAMES, (True, False, False, True)):
        getattr(explorer, name).value = value
    assert explorer.image.value == seen[(True, False, False, True)]
    assert len(boxes(explorer)) == 4 and "grad 37.0" in [t.get_text() for t in explorer.artists["ax"].texts]


def test_an_unexpected_failure_is_a_message_not_a_traceback(monkeypatch):
    explorer = tensor_state_explorer()
    import autograd_lessons.explorers.enabling_autograd as module

    monkeypatch.setattr(module, "tensor_state", lambda *args: 1 / 0)
    explorer.detach.value = True
    assert "not anything you did" in explorer.message.value and "Error" not in explorer.message.value
    assert isinstance(explorer.last_error, ZeroDivisionError)


def test_creating_it_displays_nothing(capsys):
    tensor_state_explorer()
    assert capsys.readouterr() == ("", "")
