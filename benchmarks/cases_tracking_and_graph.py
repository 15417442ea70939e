"""Benchmark cases for Lesson 1's tensor-state explorer and Lesson 2's live graph (see harness.py)."""

from harness import ExplorerCase, naive_png

SWITCHES = ("requires_grad", "no_grad", "detach", "backward")
MOVES = 50


def switches(i):
    """The checkboxes after the i-th click: the clicks go round requires_grad, no_grad, detach, backward."""
    state = [True, False, False, False]
    for j in range(i + 1):
        state[j % 4] = not state[j % 4]
    return dict(zip(SWITCHES, state))


def click(explorer, i):
    for name, value in switches(i).items():
        getattr(explorer, name).value = value  # only the one that changed fires


def naive_tensor_state(i):
    """The same picture as a plain interact callback would draw it: a new pyplot figure per click."""
    import matplotlib.pyplot as plt

    from autograd_lessons.explorers.enabling_autograd import NOTES, same_spots
    from autograd_lessons.drawing.graph_drawing import draw_graph
    from autograd_lessons.compute.enabling_autograd import tensor_state

    state = tensor_state(**switches(i))
    fig, ax = plt.subplots(figsize=(6.2, 2.0))
    draw_graph(state.graph, ax=ax)
    xlim, ylim = same_spots(len(state.graph.nodes))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_title("the graph that d.backward() walks", fontsize=9, color="#555555", loc="left")
    note = "untracked" if not state.graph.tracked else state.cut
    if note:
        ax.text(0.5 if note != "untracked" else -1.5, 0.3, NOTES[note], ha="center", va="bottom", fontsize=8.5,
                color="#777777", style="italic")
    return naive_png(fig)


def slide(i):
    """x for the i-th slider move: from 0.75 up to 12 and back, in steps of 0.23, through every change of shape."""
    step = i % (2 * MOVES)
    return round(0.75 + 0.23 * min(step, 2 * MOVES - 1 - step), 2)


def move_x(explorer, i):
    explorer.x.value = slide(i)


def naive_live_graph(i):
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.computational_graph import dynamic_graph
    from autograd_lessons.explorers.computational_graph import COLUMNS
    from autograd_lessons.drawing.graph_drawing import draw_graph

    run = dynamic_graph("loop", slide(i))
    fig, ax = plt.subplots(figsize=(8.6, 1.3))
    draw_graph(run.graph, ax=ax)
    middle = (max(len(run.graph.nodes), 1) - 1) / 2  # a chain: one box per column
    ax.set_xlim(middle - COLUMNS / 2, middle + COLUMNS / 2)
    ax.set_ylim(-0.55, 0.35)
    return naive_png(fig)


def cases():
    """Return the two explorers of Lessons 1 and 2 with their naive twins."""
    from autograd_lessons.explorers import live_graph_explorer, tensor_state_explorer

    return [
        ExplorerCase("lesson 1 · tensor state", tensor_state_explorer, click, naive_tensor_state),
        ExplorerCase("lesson 2 · live graph", lambda: live_graph_explorer("loop", 0.75), move_x, naive_live_graph),
    ]
