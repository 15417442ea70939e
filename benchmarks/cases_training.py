"""Benchmark cases for Lesson 11's explorers (see harness.py).

Training: a move is one frame while "train" is on, five optimizer steps and a new picture,
exactly what the kernel does per tick of the event loop (the scheduler here only drops
the request for the next frame, which the benchmark makes itself). Its naive twin trains
the same five steps and draws the frame from scratch in a new pyplot figure. run.py turns
the frame's median into frames per second. Gradient flow: a move is a depth change.
"""

from harness import ExplorerCase, naive_png


def make_training():
    from autograd_lessons.explorers.training_a_network.training import TrainingExplorer

    explorer = TrainingExplorer(schedule=lambda delay, callback: True)
    explorer.train.click()
    return explorer


def frame(explorer, i):
    if not explorer.playing:  # the run reached its last step: start again, as the train button does
        explorer.reset.click()
        explorer.train.click()
    explorer.tick()


def naive_training():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.training_a_network import TrainingRun, two_moons
    from autograd_lessons.drawing.training_a_network import plot_decision_boundary, plot_loss_history
    from autograd_lessons.explorers.training_a_network.training import MAX_STEPS, STEPS_PER_FRAME

    X, y = two_moons()
    run = TrainingRun(X, y)

    def naive(i):
        run.step(STEPS_PER_FRAME)
        fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.4), dpi=80)
        plot_decision_boundary(left, run.probabilities(), run.extent, X, y)
        plot_loss_history(right, run.losses, MAX_STEPS)
        right.set_title(f"step {len(run.losses)} · loss {run.losses[-1]:.4f}", fontsize=10, loc="left")
        return naive_png(fig)

    return naive


def depth_of(i):
    return 1 + (i * 5) % 12


def naive_gradient_flow():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from autograd_lessons.compute.training_a_network import deep_mlp, layer_grad_norms, two_moons
    from autograd_lessons.drawing.training_a_network import plot_grad_norms

    X, y = two_moons()

    def naive(i):
        norms = layer_grad_norms(deep_mlp(depth_of(i), "sigmoid"), X, y)
        fig, ax = plt.subplots(figsize=(7, 3), dpi=90)
        plot_grad_norms(ax, norms)
        return naive_png(fig)

    return naive


def cases():
    """Return Lesson 11's training and gradient-flow explorers with their naive twins."""
    from autograd_lessons.explorers import gradient_flow_explorer

    return [
        ExplorerCase("lesson 11 · training (one frame)", make_training, frame, naive_training()),
        ExplorerCase("lesson 11 · gradient flow", gradient_flow_explorer,
                     lambda explorer, i: setattr(explorer.depth, "value", depth_of(i)), naive_gradient_flow()),
    ]
