"""The package's lazy door, and the old import paths a learner's kept lessons still use.

Before the lessons' code was named after the lessons, Lessons 1, 2 and 7–11 imported from
deeper paths (``autograd_lessons.tensor_state``, ``autograd_lessons.exercises.engine``, ...).
A lesson a learner changed keeps its old cells in ``my-lessons/``; those imports must still
give the same objects. Each check runs in a new interpreter that has imported torch, as a lesson's kernel has
(tests/fresh_python.py).
"""

import pytest

from tests import fresh_python

# (an import line from a lesson before the renames, the same names through today's doors)
OLD_LINES = [
    ("from autograd_lessons.tensor_state import tensor_state", "from autograd_lessons import tensor_state"),
    ("from autograd_lessons.dynamic_graph import dynamic_graph", "from autograd_lessons import dynamic_graph"),
    ("from autograd_lessons.compute.engine_graph import engine_graph", "from autograd_lessons import engine_graph"),
    ("from autograd_lessons.compute.engine_steps import step_backward", "from autograd_lessons import step_backward"),
    ("from autograd_lessons.exercises.engine import q1, q2, q3",
     "from autograd_lessons.exercises.build_your_own_autograd import q1, q2, q3"),
    ("from autograd_lessons.compute.backward_trace import trace_backward, example_trace",
     "from autograd_lessons import trace_backward, example_trace"),
    ("from autograd_lessons.exercises.inside_backward import q1, q2, q3, q4",
     "from autograd_lessons.exercises.inside_pytorch_backward import q1, q2, q3, q4"),
    ("from autograd_lessons.compute.kinks import kink_readout", "from autograd_lessons import kink_readout"),
    ("from autograd_lessons.exercises.gone_wrong import q1, q2, q3, q4",
     "from autograd_lessons.exercises.when_gradients_go_wrong import q1, q2, q3, q4"),
    ("from autograd_lessons.compute.jacobian_cost import jacobian_by_jvps, jacobian_by_vjps, network, pass_counts",
     "from autograd_lessons import jacobian_by_jvps, jacobian_by_vjps, network, pass_counts"),
    ("from autograd_lessons.compute.second_order import descend, second_order",
     "from autograd_lessons import descend, second_order"),
    ("from autograd_lessons.drawing.curvature import plot_paths, plot_second_order",
     "from autograd_lessons import plot_paths, plot_second_order"),
    ("from autograd_lessons.explorers.curvature import remark",
     "from autograd_lessons import curvature_remark as remark"),
    ("from autograd_lessons.compute.training import deep_mlp, graph_kept_alive, grid, two_moons, TrainingRun",
     "from autograd_lessons import deep_mlp, graph_kept_alive, grid, two_moons, TrainingRun"),
    ("from autograd_lessons.drawing.training_plots import plot_decision_boundary, plot_loss_history",
     "from autograd_lessons import plot_decision_boundary, plot_loss_history"),
    ("from autograd_lessons.explorers.gradient_flow import verdict",
     "from autograd_lessons import gradient_flow_verdict as verdict"),
    ("from autograd_lessons.exercises.training import q1, q2, q3, q4, q5",
     "from autograd_lessons.exercises.training_a_network import q1, q2, q3, q4, q5"),
    ("from autograd_lessons.exercises.training.loops import fresh",
     "from autograd_lessons import fresh_model_and_data as fresh"),
]


def run(code):
    return fresh_python.run(code, timeout=120)


def names(line):
    return [part.split(" as ")[-1].strip() for part in line.split(" import ", 1)[1].split(",")]


@pytest.mark.waits
def test_every_old_import_line_gives_todays_objects():
    checks = []
    for old, new in OLD_LINES:
        old_names, new_names = names(old), names(new)
        checks.append(f"{old}\nold = [{', '.join(old_names)}]\n{new}\n"
                      f"assert old == [{', '.join(new_names)}], {old!r}")
    result = run("\n".join(checks) + "\nprint('same')")
    assert result.stdout.strip() == "same", result.stderr


def test_an_old_path_does_not_hide_the_function_it_was_named_after():
    result = run("from autograd_lessons.tensor_state import tensor_state\nimport autograd_lessons\n"
                 "print(autograd_lessons.tensor_state is tensor_state, callable(autograd_lessons.tensor_state))")
    assert result.stdout.split() == ["True", "True"], result.stderr


@pytest.mark.parametrize("code, error", [
    ("from autograd_lessons.compute.no_such_module import x", "ModuleNotFoundError"),
    ("from autograd_lessons.compute.kinks import no_such_name", "ImportError"),
    ("import autograd_lessons.compute.kinks.inner", "ModuleNotFoundError"),
])
def test_a_path_that_never_existed_still_fails_as_python_says(code, error):
    result = run(code)
    assert result.returncode != 0 and error in result.stderr

