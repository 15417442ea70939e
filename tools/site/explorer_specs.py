"""Each lesson's explorer on the site: what a reader moves, over which values, and what the live one adds.

Values are few enough for an explorer's frames to stay near 1.5 MB (``make bench`` measures them).
Presses that build on each other (Lesson 4's buttons, Lesson 5's steps, Lesson 11's training)
become one slider over a fixed sequence of presses, recorded in order.
"""

from tools.site.explorers import Choice, Spec, number, steps

ON_OFF = [False, True]


def on_off(value):
    """A checkbox's state in words."""
    return "on" if value else "off"


# Lesson 4: first on y = x**2, whose graph is freed after a backward, then on x + 1, which saves no tensor
PRESSES = [("start", None), ("backward()", "backward()"), ("backward() again", "backward() again"),
           ("grad.zero_()", "grad.zero_()"), ("backward()", "backward()"),
           ("y = x + 1, then backward()", ("x + 1", "backward()")), ("backward() again", "backward() again"),
           ("grad = None", "grad = None"), ("backward()", "backward()")]
PRESS_TEXTS = [f"{i}: {text}" for i, (text, _) in enumerate(PRESSES)]


def accumulation_presses(explorer):
    """Lesson 4: one slider over a fixed sequence of presses, each pressed on the live explorer in order."""
    for i, (_, press) in enumerate(PRESSES):
        if isinstance(press, tuple):
            explorer.function.value, press = press
        if press is not None:
            explorer.buttons[press].click()
        yield (i,), {"press": PRESS_TEXTS[i]}


DESCENT_RATES = [0.05, 0.3, 0.9]
DESCENT_STEPS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30]


def descent_steps(explorer):
    """Lesson 5's descent: for each learning rate, reset, then the path after 0, 1, 2, … 30 presses of step."""
    for i, lr in enumerate(DESCENT_RATES):
        explorer.lr.value = lr
        explorer.reset.click()
        done = 0
        for j, count in enumerate(DESCENT_STEPS):
            for _ in range(count - done):
                explorer.step.click()
            done = count
            yield (i, j), {"lr": number(lr), "steps": str(count)}


TRAINING_ACTIVATIONS = ["relu", "tanh"]
TRAINING_STEPS = list(range(0, 1001, 100))


def training_steps(explorer):
    """Lesson 11: for each activation, the network after 0, 100, … 1000 steps of training, 5 per frame as live."""
    explorer.schedule = lambda delay, callback: True  # frames are driven here, by tick(), as the kernel would
    for i, activation in enumerate(TRAINING_ACTIVATIONS):
        explorer.activation.value = activation  # a new network from the same initial weights
        for j, count in enumerate(TRAINING_STEPS):
            if len(explorer.run.losses) < count:
                explorer.train.click()  # resumes the paused run
            while len(explorer.run.losses) < count:
                explorer.tick()
            explorer.pause.click()  # a still frame says "paused after n steps", as the live one would
            yield (i, j), {"activation": activation, "steps": str(count)}


def graph_x(explorer):
    """Lesson 2's x values: 16 across the chosen function's range, on the slider's 0.05 grid."""
    low, high = explorer.x.min, explorer.x.max
    return [round(round((low + (high - low) * i / 15) / 0.05) * 0.05, 2) for i in range(16)]


def replay_steps(explorer):
    """Lesson 8's step positions: as many as the longest example has (a shorter one stays on its last step)."""
    from autograd_lessons.compute.inside_pytorch_backward import EXAMPLES, example_trace

    return list(range(max(len(example_trace(name).steps) for name in EXAMPLES) + 1))


class ReplayStep(Choice):
    """Lesson 8's step slider, held at the example's last step past its end (the live slider's maximum)."""

    def apply(self, explorer, value):
        """Move the live step slider, no further than the example's last step."""
        explorer.step.value = min(value, explorer.step.max)


def stepper_steps(explorer):
    """Lesson 7's steps: every step of the learner's backward, 0 (before it) to the last."""
    return list(range(explorer.step.max + 1))


def specs():
    """{explorer function name: Spec}, one per explorer of the course."""
    return {**part_one_specs(), **later_specs(), **part_five_specs()}


def part_one_specs():
    """The explorers of Lessons 1 to 5."""
    from autograd_lessons.explorers.computational_graph import LABELS
    from autograd_lessons.explorers.enabling_autograd import CHECKBOXES

    return {
        "tensor_state_explorer": Spec(
            [Choice(name, label, "checkbox", ON_OFF, on_off) for name, label in CHECKBOXES.items()],
            adds="The live explorer runs these lines for real in your kernel, so the tensors it shows are yours to "
                 "inspect in the next cell.",
            start={"requires_grad": True, "no_grad": False, "detach": False, "backward": False}),
        "live_graph_explorer": Spec(
            [Choice("function", "function", "select", list(LABELS.values()), {v: k for k, v in LABELS.items()}.get),
             Choice("x", "x", "range", graph_x, number)],
            adds="The live explorer takes every x on a 0.05 grid and can record the graph without out.backward().",
            start={"function": "loop", "x": 3.0}),
        "tangent_explorer": Spec(
            [Choice("function", "function", "select", ["x**2 + 2*x + 1", "3*x**3 - 4*x", "sin(x)", "log(x)",
                                                      "abs(x)"]),
             Choice("x", "x", "range", steps(-4.0, 4.0, 0.5), number)],
            adds="The live explorer takes every x on a 0.05 grid, the other preset functions, and any formula "
                 "you type in its f(x) box.",
            start={"function": "x**2 + 2*x + 1", "x": 3.0}),
        "accumulation_explorer": Spec(
            [Choice("press", "buttons pressed", "range", PRESS_TEXTS)],
            adds="The live explorer has a button for each call, in any order, other functions and values of x, "
                 "and retain_graph=True.",
            custom=accumulation_presses),
        "gradient_explorer": Spec(
            [Choice("x", "x", "range", steps(-3.0, 3.0, 1.0), number),
             Choice("y", "y", "range", steps(-3.0, 3.0, 1.0), number)],
            adds="The live explorer takes every point on a 0.1 grid, and shows the code it ran for each.",
            start={"x": 2.0, "y": 3.0}),
        "descent_explorer": Spec(
            [Choice("lr", "learning rate", "select", DESCENT_RATES, number),
             Choice("steps", "steps taken", "range", DESCENT_STEPS)],
            adds="The live explorer takes any learning rate from 0.01 to 1, and steps one or ten at a time for as "
                 "long as you like.",
            custom=descent_steps),
    }


def later_specs():
    """The explorers of Lessons 7 to 11."""
    from autograd_lessons.compute.inside_pytorch_backward import EXAMPLES
    from autograd_lessons.compute.training_a_network import ACTIVATIONS
    from autograd_lessons.compute.when_gradients_go_wrong import NAMES

    return {
        "engine_stepper_explorer": Spec(
            [Choice("step", "step", "range", stepper_steps)],
            adds="The live explorer steps through the backward of your own engine, on any expression you build "
                 "with it."),
        "backward_replay_explorer": Spec(
            [Choice("example", "graph", "select", list(EXAMPLES)),
             ReplayStep("step", "step", "range", replay_steps)],
            adds="The live explorer also replays any backward you record yourself with trace_backward(...)."),
        "kink_explorer": Spec(
            [Choice("function", "f(x) =", "select", list(NAMES)),
             Choice("x", "x", "range", steps(-2.0, 2.0, 0.25), number)],
            adds="The live explorer takes every x on a 0.05 grid, and jumps to the nearest kink at a press.",
            start={"function": NAMES[0], "x": 0.0}),
        "jacobian_cost_explorer": Spec(
            [Choice("outputs", "outputs m", "select", [1, 16, 256]),
             Choice("inputs", "inputs n", "range", [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024])],
            adds="These times were measured on the machine that built this page; the live explorer times jacfwd "
                 "and jacrev on yours, for every m, and finds the crossover.",
            start={"outputs": 16, "inputs": 256}),
        "curvature_explorer": Spec(
            [Choice("x", "x", "range", steps(-1.5, 1.5, 0.5), number),
             Choice("y", "y", "range", steps(-0.5, 2.5, 0.5), number)],
            adds="The live explorer takes every point on a 0.05 grid and any learning rate for the gradient step.",
            start={"x": -1.0, "y": 0.5}),
        "training_explorer": Spec(
            [Choice("activation", "activation", "select", TRAINING_ACTIVATIONS),
             Choice("steps", "training steps", "range", TRAINING_STEPS)],
            adds="The live explorer trains in front of you, several frames a second, with any width, activation "
                 "and learning rate, and pauses or steps when you ask.",
            custom=training_steps),
        "gradient_flow_explorer": Spec(
            [Choice("activation", "activation", "select", list(ACTIVATIONS)),
             Choice("depth", "hidden layers", "range", list(range(1, 13)))],
            adds="The live explorer also compares PyTorch's default initialisation with Kaiming's.",
            start={"activation": "sigmoid", "depth": 8}),
    }


def part_five_specs():
    """The explorers of Lessons 12 and 13."""
    from autograd_lessons.compute.extending_autograd.jacobians import BUGS, NAMES
    from autograd_lessons.compute.memory_and_time.loss_scale import STAGES

    return {
        "gradcheck_explorer": Spec(
            [Choice("function", "function", "select", list(NAMES)),
             Choice("bug", "backward", "select", list(BUGS)),
             Choice("eps", "step ε", "range", [10.0 ** k for k in range(-12, 0, 2)], lambda eps: f"{eps:.0e}")],
            adds="The live explorer slides ε four steps a decade, and draws the float32 finite differences beside "
                 "float64's at a tick.",
            start={"function": NAMES[0], "bug": "transposed Jacobian", "eps": 1e-6}),
        "checkpoint_explorer": Spec(
            [Choice("batch", "batch", "select", [32, 128]),
             Choice("segments", "segments", "range", list(range(0, 9)))],
            adds="These times were measured on the machine that built this page; the live explorer measures the "
                 "step on yours, for any depth, width and batch.",
            start={"batch": 128, "segments": 2}),
        "loss_scale_explorer": Spec(
            [Choice("stage", "gradients of a", "select", list(STAGES)),
             Choice("log2_scale", "scale 2^k, k", "range", list(range(0, 41, 4)))],
            adds="The live explorer takes every k from 0 to 40.",
            start={"stage": STAGES[1], "log2_scale": 0}),
    }


class _Specs(dict):
    """SPECS, built on first use (it reads the package's lists of functions and examples)."""

    def _load(self):
        if not dict.__len__(self):
            self.update(specs())

    def __contains__(self, name):
        self._load()
        return dict.__contains__(self, name)

    def __getitem__(self, name):
        self._load()
        return dict.__getitem__(self, name)


SPECS = _Specs()
