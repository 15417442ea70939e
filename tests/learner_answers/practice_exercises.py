"""Lesson 6: independent learner answers to q1-q10, each with its verdict and the cause its message names.

Written from how people really get these exercises wrong, not from the checkers' code:
the mistakes and the alternative right forms come from PyTorch forum threads and GitHub
issues about these errors, for instance
- "`.grad` is None" for a non-leaf, and `retain_grad()` as the fix (discuss.pytorch.org/t/loss-grad-is-constant-1/130964);
- `loss.requires_grad = True` as a "fix" for "element 0 of tensors does not require grad"
  (github.com/ronghuaiyang/arcface-pytorch/issues/56, pytorch/pytorch#34535);
- `p.data.add_(-lr, p.grad)` as the fix of the leaf-in-place error (pytorch/examples#779), and
  `s = s - lr * s.grad` (BaiTheBest/SparseLLM#13), which makes a non-leaf;
- `param = param - lr * param.grad` inside `sgd` leaving `.grad` None (a CSDN post on d2l's `sgd`);
- `.backward(torch.ones_like(loss))` for "grad can be implicitly created only for scalar outputs"
  (WisconsinAIVision/MaskPoint#7), `torch.autograd.grad(activs.mean(), ...)` (Animadversio/GAN-Geometry#4);
- two losses over a shared graph and `retain_graph=True` (pytorch/xla#1961, ueoo/AGIS-Net#8);
- gradients "exactly twice as much" after running a cell twice (Godoy, Deep Learning with PyTorch Step-by-Step).

Run on main before the checkers were changed (commit 7d6d34a): 173 answers, 71 misjudged
(29 with a wrong verdict, 26 whose message states a false cause, 16 missing the cause);
per question q1 7, q2 9, q3 4, q4 14, q5 7, q6 3, q7 4, q8 7, q9 3, q10 13.
Each wrong answer now names the cause its verdict must carry (named=, for the class report): on main at b4f5e60,
before Lesson 6 listed causes, 69 of these 176 answers were misjudged (67 carried "other" for their cause, and
float16 leaves with the right f, issue 18's last Lesson 6 item, were told to compare their f).
tests/course/test_learner_answers.py
asserts that none is misjudged now.
"""

import fractions

import numpy as np
import torch

from .core import CORRECT, INCORRECT, NOT_ATTEMPTED, OTHER_VALUES, answer


def tracked(value, dtype=torch.float32):
    return torch.tensor(value, dtype=dtype, requires_grad=True)


# --- q1: y = 3x³ − 4x at x = 2, answer = x.grad (32) ----------------------------------------------


def q1_y(x):
    return 3 * x**3 - 4 * x


@answer("q1", "x in float64", CORRECT, ["32"])
def _():
    x = tracked(2.0, torch.float64)
    q1_y(x).backward()
    return (x.grad,)


@answer("q1", "torch.autograd.grad instead of backward", CORRECT, ["32"])
def _():
    x = tracked(2.0)
    return (torch.autograd.grad(q1_y(x), x)[0],)


@answer("q1", "torch.autograd.grad with create_graph=True", CORRECT, ["32", "create_graph"])
def _():
    x = tracked(2.0)
    return (torch.autograd.grad(q1_y(x), x, create_graph=True)[0],)


@answer("q1", "backward(create_graph=True), then x.grad", CORRECT, ["32", "create_graph"])
def _():
    x = tracked(2.0)
    q1_y(x).backward(create_graph=True)
    return (x.grad,)


@answer("q1", "x as an nn.Parameter", CORRECT, ["32"])
def _():
    x = torch.nn.Parameter(torch.tensor(2.0))
    q1_y(x).backward()
    return (x.grad,)


@answer("q1", "requires_grad_() after creating x", CORRECT, ["32"])
def _():
    x = torch.tensor(2.0).requires_grad_()
    q1_y(x).backward()
    return (x.grad,)


@answer("q1", "a copy of x.grad", CORRECT, ["32"])
def _():
    x = tracked(2.0)
    q1_y(x).backward()
    return (x.grad.detach().clone(),)


@answer("q1", "answer = y.backward()", INCORRECT, ["returns None"], named="none-gradient")
def _():
    x = tracked(2.0)
    return (q1_y(x).backward(),)


@answer("q1", "y.backward without brackets, then x.grad", INCORRECT, ["None", "brackets"], named="none-gradient")
def _():
    x = tracked(2.0)
    q1_y(x).backward  # noqa: B018 - the learner's mistake: the method is looked up, never called
    return (x.grad,)


@answer("q1", "answer = y, the function's value", INCORRECT, ["16", "y itself"], ["by hand"],
        named="value-not-derivative")
def _():
    x = tracked(2.0)
    return (q1_y(x),)


@answer("q1", "torch.autograd.grad without [0]: a tuple", INCORRECT, ["tuple", "[0]"], named="autograd-grad-tuple")
def _():
    x = tracked(2.0)
    return (torch.autograd.grad(q1_y(x), x),)


@answer("q1", "x*3 typed for x**3", INCORRECT, ["9x² − 4"], named="other")
def _():
    x = tracked(2.0)
    (3 * x * 3 - 4 * x).backward()
    return (x.grad,)


@answer("q1", "3x² typed for 3x³", INCORRECT, ["9x² − 4"], named="other")
def _():
    x = tracked(2.0)
    (3 * x**2 - 4 * x).backward()
    return (x.grad,)


@answer("q1", "x.grad read after zero_()", INCORRECT, ["0"], named="other")
def _():
    x = tracked(2.0)
    q1_y(x).backward()
    x.grad.zero_()
    return (x.grad,)


@answer("q1", "the 4x term computed from x.detach()", INCORRECT, ["36", "− 4x"], named="wrong-formula")
def _():
    x = tracked(2.0)
    (3 * x**3 - 4 * x.detach()).backward()
    return (x.grad,)


@answer("q1", "a NumPy copy of x.grad", INCORRECT, ["ndarray", "x.grad"], named="wrong-kind")
def _():
    x = tracked(2.0)
    q1_y(x).backward()
    return (x.grad.numpy(),)


@answer("q1", "the cell run twice with x created in an earlier cell", INCORRECT, ["64", "twice"],
        named="gradients-added-twice")
def _():
    x = tracked(2.0)
    for _ in range(2):
        q1_y(x).backward()
    return (x.grad,)


@answer("q1", "a non-leaf x (.double() after creating it)", INCORRECT, ["None", "not a leaf"], named="none-gradient")
def _():
    x = tracked(2.0).double()
    q1_y(x).backward()
    return (None,)  # x.grad of a non-leaf is None


# --- q2: z = x²y + 5y at (1, 2): dz_dx = 4, dz_dy = 6 ----------------------------------------------


def q2_leaves(make_x=lambda: tracked(1.0), make_y=lambda: tracked(2.0), formula=lambda x, y: x**2 * y + 5 * y):
    x, y = make_x(), make_y()
    z = formula(x, y)
    return x, y, z


@answer("q2", "torch.autograd.grad for both", CORRECT, ["4", "6"])
def _():
    x, y, z = q2_leaves()
    return torch.autograd.grad(z, (x, y))


@answer("q2", "float64 leaves", CORRECT, ["4", "6"])
def _():
    x, y, z = q2_leaves(lambda: tracked(1.0, torch.float64), lambda: tracked(2.0, torch.float64))
    z.backward()
    return x.grad, y.grad


@answer("q2", "nn.Parameter leaves", CORRECT, ["4", "6"])
def _():
    x, y, z = q2_leaves(lambda: torch.nn.Parameter(torch.tensor(1.0)), lambda: torch.nn.Parameter(torch.tensor(2.0)))
    z.backward()
    return x.grad, y.grad


@answer("q2", "x*x for x²", CORRECT, ["4", "6"])
def _():
    x, y, z = q2_leaves(formula=lambda x, y: x * x * y + 5 * y)
    z.backward()
    return x.grad, y.grad


@answer("q2", "backward(create_graph=True)", CORRECT, ["4", "6", "create_graph"])
def _():
    x, y, z = q2_leaves()
    z.backward(create_graph=True)
    return x.grad, y.grad


@answer("q2", "copies of the gradients", CORRECT, ["4", "6"])
def _():
    x, y, z = q2_leaves()
    z.backward()
    return x.grad.clone(), y.grad.clone()


@answer("q2", "y made by an operation (a non-leaf)", INCORRECT, ["`dz_dy` is None", "not a leaf"], ["was not tracked"],
        named="one-gradient-none")
def _():
    x, y, z = q2_leaves(make_y=lambda: tracked(1.0) * 2)
    z.backward()
    return x.grad, None  # y.grad of a non-leaf is None


@answer("q2", "x made by .double() (a non-leaf)", INCORRECT, ["`dz_dx` is None", "not a leaf"], ["was not tracked"],
        named="one-gradient-none")
def _():
    x, y, z = q2_leaves(make_x=lambda: tracked(1.0).double(), make_y=lambda: tracked(2.0, torch.float64))
    z.backward()
    return None, y.grad


@answer("q2", "x not tracked", INCORRECT, ["`dz_dx` is None", "requires_grad"], ["was not tracked"],
        named="one-gradient-none")
def _():
    x, y, z = q2_leaves(make_x=lambda: torch.tensor(1.0))
    z.backward()
    return x.grad, y.grad


@answer("q2", "dz_dx = z.backward()", INCORRECT, ["returns None"], named="one-gradient-none")
def _():
    x, y, z = q2_leaves()
    dz_dx = z.backward()
    return dz_dx, y.grad


@answer("q2", "x.grad passed twice", INCORRECT, ["same tensor", "y.grad"], named="same-gradient-twice")
def _():
    x, y, z = q2_leaves()
    z.backward()
    return x.grad, x.grad


@answer("q2", "torch.autograd.grad's tuple as dz_dx", INCORRECT, ["tuple"], named="autograd-grad-tuple")
def _():
    x, y, z = q2_leaves()
    grads = torch.autograd.grad(z, (x, y))
    return grads, grads[1]


@answer("q2", "z passed as dz_dy", INCORRECT, ["12"], ["by hand"], named="other")
def _():
    x, y, z = q2_leaves()
    grads = torch.autograd.grad(z, (x, y), retain_graph=True)
    return grads[0], z


@answer("q2", "z = x² + y + 5y", INCORRECT, ["2xy"], named="other")
def _():
    x, y, z = q2_leaves(formula=lambda x, y: x**2 + y + 5 * y)
    z.backward()
    return x.grad, y.grad


@answer("q2", "z = x²(y + 5)", INCORRECT, ["x²y + 5y"], named="other")
def _():
    x, y, z = q2_leaves(formula=lambda x, y: x**2 * (y + 5))
    z.backward()
    return x.grad, y.grad


@answer("q2", "both None: backward without brackets", INCORRECT, ["both are None", "brackets"], named="none-gradient")
def _():
    x, y, z = q2_leaves()
    z.backward  # noqa: B018
    return x.grad, y.grad


@answer("q2", "the leaves themselves", INCORRECT, ["itself", "x.grad"], named="tensor-not-its-grad")
def _():
    x, y, z = q2_leaves()
    z.backward()
    return x, y


# --- q3: after_two = 24, after_reset = 12 ---------------------------------------------------------


def q3_run(read=lambda x: x.grad.item(), reset=lambda x: x.grad.zero_(), dtype=torch.float32, rebuild=True):
    x = tracked(3.0, dtype)
    y = 2 * x**2
    y.backward(retain_graph=True)
    y.backward(retain_graph=not rebuild)
    after_two = read(x)
    reset(x)
    if rebuild:
        y = 2 * x**2
    y.backward()
    return after_two, read(x)


@answer("q3", "copies with clone()", CORRECT, ["24", "12"])
def _():
    return q3_run(read=lambda x: x.grad.clone())


@answer("q3", "float(x.grad)", CORRECT, ["24", "12"])
def _():
    return q3_run(read=lambda x: float(x.grad))


@answer("q3", "reset by x.grad = None", CORRECT, ["24", "12"])
def _():
    return q3_run(reset=lambda x: setattr(x, "grad", None))


@answer("q3", "float64", CORRECT, ["24", "12"])
def _():
    return q3_run(dtype=torch.float64)


@answer("q3", "y built again for each backward", CORRECT, ["24", "12"])
def _():
    x = tracked(3.0)
    (2 * x**2).backward()
    (2 * x**2).backward()
    after_two = x.grad.item()
    x.grad.zero_()
    (2 * x**2).backward()
    return after_two, x.grad.item()


@answer("q3", "the old graph kept and reused after the reset", CORRECT, ["24", "12"])
def _():
    return q3_run(rebuild=False)


@answer("q3", "numbers typed as ints", CORRECT, ["24", "12"])
def _():
    return 24, 12


@answer("q3", "after_reset kept as the tensor x.grad (nothing changes it later)", CORRECT, ["24", "12"])
def _():
    return q3_run(read=lambda x: x.grad if x.grad.item() == 12 else x.grad.item())


@answer("q3", "reset by x.grad.data.zero_()", CORRECT, ["24", "12"])
def _():
    return q3_run(reset=lambda x: x.grad.data.zero_())


@answer("q3", "two equal floats typed in one cell", INCORRECT, ["12", "single backward"], ["same tensor"],
        named="one-backward-only")
def _():
    after_two = 12.0
    after_reset = 12.0
    return after_two, after_reset


@answer("q3", "after_two = y.backward()", INCORRECT, ["returns None"], named="none-gradient")
def _():
    x = tracked(3.0)
    y = 2 * x**2
    y.backward(retain_graph=True)
    after_two = y.backward()
    x.grad.zero_()
    (2 * x**2).backward()
    return after_two, x.grad.item()


@answer("q3", "after_reset read after x.grad = None, before a new backward", INCORRECT,
        ["`after_reset` is None", "backward"], ["Create x with"], named="none-gradient")
def _():
    x = tracked(3.0)
    y = 2 * x**2
    y.backward(retain_graph=True)
    y.backward()
    after_two = x.grad.item()
    x.grad = None
    return after_two, x.grad


@answer("q3", "the two readings swapped", INCORRECT, ["12"], named="one-backward-only")
def _():
    after_two, after_reset = q3_run()
    return after_reset, after_two


@answer("q3", "y itself as after_two", INCORRECT, ["tracked"], named="tensor-not-its-grad")
def _():
    x = tracked(3.0)
    return 2 * x**2, 12.0


@answer("q3", "the gradient of 2x (x**2 typed x*2)", INCORRECT, ["8", "12 + 12"], named="other")
def _():
    x = tracked(3.0)
    y = 2 * x * 2
    y.backward(retain_graph=True)
    y.backward()
    after_two = x.grad.item()
    x.grad.zero_()
    (2 * x * 2).backward()
    return after_two, x.grad.item()


@answer("q3", "a NumPy number from .numpy()", CORRECT, ["24", "12"])
def _():
    return q3_run(read=lambda x: x.grad.numpy().copy())


# --- q4: f = xy + yz + xz, the learner picks the values --------------------------------------------


def q4_leaves(values=(1.0, 2.0, 3.0), make=tracked, formula=lambda x, y, z: x * y + y * z + x * z, backward=True):
    x, y, z = (make(v) for v in values)
    f = formula(x, y, z)
    if backward:
        f.backward()
    return x, y, z


@answer("q4", "float64 leaves", CORRECT, ["5", "4", "3"])
def _():
    return q4_leaves(make=lambda v: tracked(v, torch.float64))


@answer("q4", "float16 leaves 1.1, 2.2, 3.3 (issue 18: y.grad rounds to 4.398)", CORRECT, ["4.4", "float16"],
        ["Compare your f"])
def _():
    return q4_leaves(values=(1.1, 2.2, 3.3), make=lambda v: tracked(v, torch.float16))


@answer("q4", "float16 leaves 1.1, 2.2, 3.3, the xz term missing", INCORRECT, ["xz is missing"], named="term-missing")
def _():
    return q4_leaves(values=(1.1, 2.2, 3.3), make=lambda v: tracked(v, torch.float16),
                     formula=lambda x, y, z: x * y + y * z)


@answer("q4", "bfloat16 leaves, right f", CORRECT, ["bfloat16"], ["Compare your f"])
def _():
    return q4_leaves(values=(1.5, 2.5, 4.0), make=lambda v: tracked(v, torch.bfloat16))


@answer("q4", "nn.Parameter leaves", CORRECT, ["5", "4", "3"])
def _():
    return q4_leaves(make=lambda v: torch.nn.Parameter(torch.tensor(v)))


@answer("q4", "requires_grad_() leaves", CORRECT, ["5", "4", "3"])
def _():
    return q4_leaves(make=lambda v: torch.tensor(v).requires_grad_())


@answer("q4", "other informative values", CORRECT, ["2.5"])
def _():
    return q4_leaves(values=(2.0, -1.0, 0.5))


@answer("q4", "all three equal", OTHER_VALUES, ["other values"])
def _():
    return q4_leaves(values=(1.0, 1.0, 1.0))


@answer("q4", "all zero", OTHER_VALUES, ["other values"])
def _():
    return q4_leaves(values=(0.0, 0.0, 0.0))


@answer("q4", "values below the tolerance, and a wrong f", OTHER_VALUES, ["other values", "small"])
def _():
    return q4_leaves(values=(1e-7, 2e-7, 3e-7), formula=lambda x, y, z: x * y + y * z)


@answer("q4", "values below the tolerance, right f", OTHER_VALUES, ["other values", "small"])
def _():
    return q4_leaves(values=(1e-7, 2e-7, 3e-7))


@answer("q4", "an infinite value", OTHER_VALUES, ["other values", "finite"])
def _():
    return q4_leaves(values=(float("inf"), 2.0, 3.0))


@answer("q4", "a nan value", OTHER_VALUES, ["other values", "finite"])
def _():
    return q4_leaves(values=(float("nan"), 2.0, 3.0))


@answer("q4", "two equal values and a swapped term", OTHER_VALUES, ["other values", "different"])
def _():
    return q4_leaves(values=(2.0, 2.0, 3.0), formula=lambda x, y, z: x * y + x * z + y * x + y * z - x * y)


@answer("q4", "x + y = 0", OTHER_VALUES, ["other values"])
def _():
    return q4_leaves(values=(1.0, -1.0, 2.0))


@answer("q4", "one value a million times another", OTHER_VALUES, ["other values"])
def _():
    return q4_leaves(values=(1e6, 1.0, 2.0), formula=lambda x, y, z: x * y + x * z + y * 0 * z)


@answer("q4", "all equal and a term missing", OTHER_VALUES, ["other values"], ["missing"])
def _():
    return q4_leaves(values=(1.0, 1.0, 1.0), formula=lambda x, y, z: x * y + y * z)


@answer("q4", "xy typed twice, xz forgotten", INCORRECT, ["y + z"], named="other")
def _():
    return q4_leaves(formula=lambda x, y, z: x * y + y * z + x * y)


@answer("q4", "x, y, z unpacked from one tensor", INCORRECT, ["not a leaf", "UnbindBackward0"], named="not-a-leaf")
def _():
    v = tracked([1.0, 2.0, 3.0])
    x, y, z = v
    (x * y + y * z + x * z).backward()
    return x, y, z


@answer("q4", "torch.autograd.grad: .grad stays None", INCORRECT, ["autograd.grad", "f.backward()"],
        named="no-backward")
def _():
    x, y, z = q4_leaves(backward=False)
    torch.autograd.grad(x * y + y * z + x * z, (x, y, z))
    return x, y, z


@answer("q4", "the gradients passed instead of the leaves", INCORRECT, ["`x` itself"], ["never tracked"],
        named="not-tracked")
def _():
    x, y, z = q4_leaves()
    return x.grad, y.grad, z.grad


@answer("q4", "the gradients zeroed after backward", INCORRECT, ["0"], named="other")
def _():
    x, y, z = q4_leaves()
    for leaf in (x, y, z):
        leaf.grad.zero_()
    return x, y, z


@answer("q4", "an extra xyz term", INCORRECT, ["y + z"], named="other")
def _():
    return q4_leaves(formula=lambda x, y, z: x * y + y * z + x * z + x * y * z)


@answer("q4", "backward without brackets", INCORRECT, ["brackets"], named="no-backward")
def _():
    x, y, z = q4_leaves(backward=False)
    (x * y + y * z + x * z).backward  # noqa: B018
    return x, y, z


# --- q5: loss = (2w + b − 10)², w = 3, b = 2: w.grad = −8, b.grad = −4 ------------------------------


def q5_run(w, b, loss=lambda w, b: (2 * w + b - 10) ** 2, before=lambda w, b: None, after=lambda w, b: None):
    before(w, b)
    loss(w, b).backward()
    after(w, b)
    return w, b


@answer("q5", "b.retain_grad() on the non-leaf b", CORRECT, ["−4", "retain_grad"])
def _():
    return q5_run(tracked(3.0), tracked(1.0) * 2, before=lambda w, b: b.retain_grad())


@answer("q5", "float64", CORRECT, ["−8", "−4"])
def _():
    return q5_run(tracked(3.0, torch.float64), tracked(2.0, torch.float64))


@answer("q5", "nn.Parameter", CORRECT, ["−8", "−4"])
def _():
    return q5_run(torch.nn.Parameter(torch.tensor(3.0)), torch.nn.Parameter(torch.tensor(2.0)))


@answer("q5", "requires_grad_() on both", CORRECT, ["−8", "−4"])
def _():
    return q5_run(torch.tensor(3.0).requires_grad_(), (torch.tensor(1.0) * 2).requires_grad_())


@answer("q5", "b detached into a new leaf", CORRECT, ["−8", "−4"])
def _():
    return q5_run(tracked(3.0), (tracked(1.0) * 2).detach().requires_grad_())


@answer("q5", ".to('cpu') on a CPU tensor (returns the same leaf)", CORRECT, ["−8", "−4"])
def _():
    return q5_run(tracked(3.0).to("cpu"), tracked(2.0))


@answer("q5", "backward with retain_graph=True", CORRECT, ["−8", "−4"])
def _():
    w, b = tracked(3.0), tracked(2.0)
    ((2 * w + b - 10) ** 2).backward(retain_graph=True)
    return w, b


@answer("q5", "both made with requires_grad_() from int tensors' float()", CORRECT, ["−8", "−4"])
def _():
    return q5_run(torch.tensor(3).float().requires_grad_(), torch.tensor(2).float().requires_grad_())


@answer("q5", "retain_grad() called after backward", INCORRECT, ["retain_grad()", "before"],
        named="retain-grad-too-late")
def _():
    return q5_run(tracked(3.0), tracked(1.0) * 2, after=lambda w, b: b.retain_grad())


@answer("q5", "b.item() in the loss", INCORRECT, ["`b.grad` is None", "`w.grad`"], ["has not run"], named="graph-cut")
def _():
    return q5_run(tracked(3.0), tracked(2.0), loss=lambda w, b: (2 * w + b.item() - 10) ** 2)


@answer("q5", "b.detach() in the loss", INCORRECT, ["`b.grad` is None", "`w.grad`"], ["has not run"], named="graph-cut")
def _():
    return q5_run(tracked(3.0), tracked(2.0), loss=lambda w, b: (2 * w + b.detach() - 10) ** 2)


@answer("q5", "w and b swapped in the check", INCORRECT, ["holds 2"], named="wrong-start-value")
def _():
    w, b = q5_run(tracked(3.0), tracked(2.0))
    return b, w


@answer("q5", "loss.requires_grad = True on an untracked loss", INCORRECT, ["`w` does not require grad"],
        named="not-tracked")
def _():
    w, b = torch.tensor(3.0), torch.tensor(2.0)
    loss = (2 * w + b - 10) ** 2
    loss.requires_grad = True
    loss.backward()
    return w, b


@answer("q5", "the gradients passed", INCORRECT, ["`w` itself"], ["never tracked"], named="not-tracked")
def _():
    w, b = q5_run(tracked(3.0), tracked(2.0))
    return w.grad, b.grad


@answer("q5", "a mean over a one-element batch", CORRECT, ["−8", "−4"])
def _():
    return q5_run(tracked(3.0), tracked(2.0), loss=lambda w, b: ((2 * w + b - 10) ** 2).mean())


@answer("q5", "loss without the square, with b.retain_grad()", INCORRECT, ["without the square"], named="wrong-formula")
def _():
    return q5_run(tracked(3.0), tracked(1.0) * 2, loss=lambda w, b: 2 * w + b - 10, before=lambda w, b: b.retain_grad())


@answer("q5", "b.retain_grad() and two backward passes", INCORRECT, ["twice"], named="gradients-added-twice")
def _():
    w, b = tracked(3.0), tracked(1.0) * 2
    b.retain_grad()
    loss = (2 * w + b - 10) ** 2
    loss.backward(retain_graph=True)
    loss.backward()
    return w, b


# --- q6: predict x.grad when x² is computed under no_grad (4) --------------------------------------


@answer("q6", "a NumPy float32", CORRECT, ["4"])
def _():
    return (np.float32(4.0),)


@answer("q6", "a fraction", CORRECT, ["4"])
def _():
    return (fractions.Fraction(4, 1),)


@answer("q6", "x.grad from running the cell", CORRECT, ["4"])
def _():
    x = tracked(2.0)
    with torch.no_grad():
        square = x**2
    (square * x).backward()
    return (x.grad,)


@answer("q6", "a tracked tensor holding 4", CORRECT, ["4"])
def _():
    return (tracked(4.0),)


@answer("q6", "the text 'None'", INCORRECT, ["text 'None'"], named="wrong-kind")
def _():
    return ("None",)


@answer("q6", "a list with the number", INCORRECT, ["one number"], named="wrong-kind")
def _():
    return ([4.0],)


@answer("q6", "a complex number", INCORRECT, ["complex"], named="wrong-kind")
def _():
    return (4 + 0j,)


@answer("q6", "2, the value of x", INCORRECT, ["which factor"], named="other")
def _():
    return (2.0,)


@answer("q6", "16", INCORRECT, ["which factor"], named="other")
def _():
    return (16,)


@answer("q6", "the text 'RuntimeError'", INCORRECT, ["no error"], named="expects-error")
def _():
    return ("RuntimeError",)


@answer("q6", "4.01, not within rounding", INCORRECT, ["which factor"], named="other")
def _():
    return (4.01,)


@answer("q6", "4.00001, within rounding", CORRECT, ["4"])
def _():
    return (4.00001,)


# --- q7: two losses over h = x², x.grad = 19 --------------------------------------------------------


def q7_run(backward, x=None):
    x = tracked(3.0) if x is None else x
    h = x**2
    backward(2 * h, h + x, x)
    return (x,)


@answer("q7", "torch.autograd.backward on both losses", CORRECT, ["19"])
def _():
    return q7_run(lambda l1, l2, x: torch.autograd.backward([l1, l2]))


@answer("q7", "float64 x", CORRECT, ["19"])
def _():
    return q7_run(lambda l1, l2, x: (l1 + l2).backward(), x=tracked(3.0, torch.float64))


@answer("q7", "loss2 rebuilt from a new h after loss1.backward()", CORRECT, ["19"])
def _():
    return q7_run(lambda l1, l2, x: (l1.backward(), (x**2 + x).backward()))


@answer("q7", "loss2 first with retain_graph, then loss1", CORRECT, ["19"])
def _():
    return q7_run(lambda l1, l2, x: (l2.backward(retain_graph=True), l1.backward()))


@answer("q7", "the sum, with retain_graph=True", CORRECT, ["19"])
def _():
    return q7_run(lambda l1, l2, x: (l1 + l2).backward(retain_graph=True))


@answer("q7", "nn.Parameter x", CORRECT, ["19"])
def _():
    return q7_run(lambda l1, l2, x: (l1 + l2).backward(), x=torch.nn.Parameter(torch.tensor(3.0)))


@answer("q7", "torch.autograd.grad: x.grad stays None", NOT_ATTEMPTED, ["`x.grad` is still None", "autograd.grad"],
        ["replace the `...` with"])
def _():
    return q7_run(lambda l1, l2, x: torch.autograd.grad(l1 + l2, x))


@answer("q7", "backward without brackets", NOT_ATTEMPTED, ["`x.grad` is still None", "brackets"],
        ["replace the `...` with"])
def _():
    return q7_run(lambda l1, l2, x: (l1 + l2).backward)


@answer("q7", "x.grad zeroed between the two calls", INCORRECT, ["d loss2/dx alone"], named="one-loss-only")
def _():
    return q7_run(lambda l1, l2, x: (l1.backward(retain_graph=True), x.grad.zero_(), l2.backward()))


@answer("q7", "h detached in loss2", INCORRECT, ["6x + 1"], named="other")
def _():
    def backward(l1, l2, x):
        (l1 + (l1 / 2).detach() + x).backward()
    return q7_run(backward)


@answer("q7", "the mean of the two losses", INCORRECT, ["6x + 1"], named="other")
def _():
    return q7_run(lambda l1, l2, x: ((l1 + l2) / 2).backward())


@answer("q7", "x.grad passed instead of x", INCORRECT, ["`x` itself"], ["never tracked"], named="not-tracked")
def _():
    (x,) = q7_run(lambda l1, l2, x: (l1 + l2).backward())
    return (x.grad,)


@answer("q7", "loss2 with x.item()", INCORRECT, ["6x + 1"], named="other")
def _():
    def backward(l1, l2, x):
        (l1 + l1 / 2 + x.item()).backward()
    return q7_run(backward)


@answer("q7", "the sum's backward run twice", INCORRECT, ["38", "twice"], named="gradients-added-twice")
def _():
    def backward(l1, l2, x):
        total = l1 + l2
        total.backward(retain_graph=True)
        total.backward()
    return q7_run(backward)


@answer("q7", "loss1 twice, loss2 never", INCORRECT, ["24"], named="one-loss-only")
def _():
    return q7_run(lambda l1, l2, x: (l1.backward(retain_graph=True), l1.backward()))


# --- q8: y = x³ for x = [1, 2, 3], x.grad = [3, 12, 27] ---------------------------------------------


def q8_run(backward, x=None):
    x = tracked([1.0, 2.0, 3.0]) if x is None else x
    backward(x**3, x)
    return (x,)


@answer("q8", "y.backward(torch.ones(3)), positional", CORRECT, ["[3, 12, 27]"])
def _():
    return q8_run(lambda y, x: y.backward(torch.ones(3)))


@answer("q8", "torch.autograd.backward with grad_tensors", CORRECT, ["[3, 12, 27]"])
def _():
    return q8_run(lambda y, x: torch.autograd.backward(y, torch.ones_like(y)))


@answer("q8", "one backward per entry, keeping the graph", CORRECT, ["[3, 12, 27]"])
def _():
    def backward(y, x):
        for i in range(3):
            y[i].backward(retain_graph=True)
    return q8_run(backward)


@answer("q8", "float64 x", CORRECT, ["[3, 12, 27]"])
def _():
    return q8_run(lambda y, x: y.sum().backward(), x=tracked([1.0, 2.0, 3.0], torch.float64))


@answer("q8", "nn.Parameter x", CORRECT, ["[3, 12, 27]"])
def _():
    return q8_run(lambda y, x: y.sum().backward(), x=torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0])))


@answer("q8", "a dot product with ones", CORRECT, ["[3, 12, 27]"])
def _():
    return q8_run(lambda y, x: (y * torch.ones(3)).sum().backward())


@answer("q8", "torch.autograd.grad: x.grad stays None", NOT_ATTEMPTED, ["`x.grad` is still None", "autograd.grad"],
        ["replace the `...` with"])
def _():
    return q8_run(lambda y, x: torch.autograd.grad(y.sum(), x))


@answer("q8", "y.sum().backward without brackets", NOT_ATTEMPTED, ["`x.grad` is still None", "brackets"],
        ["replace the `...` with"])
def _():
    return q8_run(lambda y, x: y.sum().backward)


@answer("q8", "backward from the last entry only", INCORRECT, ["entries 0, 1", "part of y"], named="part-of-output")
def _():
    return q8_run(lambda y, x: y[-1].backward())


@answer("q8", "weights of 2 in gradient=", INCORRECT, ["twice", "gradient="], ["a second backward pass added"],
        named="gradient-scaled")
def _():
    return q8_run(lambda y, x: y.backward(gradient=2 * torch.ones(3)))


@answer("q8", "two backward passes, really", INCORRECT, ["twice", "backward"], named="gradient-scaled")
def _():
    return q8_run(lambda y, x: (y.backward(torch.ones(3), retain_graph=True), y.sum().backward()))


@answer("q8", "y.norm().backward()", INCORRECT, ["different factor"], ["were not all 1"], named="not-plain-sum")
def _():
    return q8_run(lambda y, x: y.norm().backward())


@answer("q8", "(y**2).sum().backward()", INCORRECT, ["different factor"], ["were not all 1"], named="not-plain-sum")
def _():
    return q8_run(lambda y, x: (y**2).sum().backward())


@answer("q8", "x.grad zeroed after backward", INCORRECT, ["[0, 0, 0]"], named="gradient-zeroed")
def _():
    return q8_run(lambda y, x: (y.sum().backward(), x.grad.zero_()))


@answer("q8", "x.grad passed instead of x", INCORRECT, ["`x` itself"], ["never tracked"], named="not-tracked")
def _():
    (x,) = q8_run(lambda y, x: y.sum().backward())
    return (x.grad,)


@answer("q8", "y.sum().backward() in float64, with weights from ones_like", CORRECT, ["[3, 12, 27]"])
def _():
    return q8_run(lambda y, x: y.backward(torch.ones_like(y)), x=tracked([1.0, 2.0, 3.0], torch.float64))


# --- q9: predict x.grad after the cell ran twice (10) ----------------------------------------------


@answer("q9", "a NumPy int64", CORRECT, ["10"])
def _():
    return (np.int64(10),)


@answer("q9", "a one-number NumPy array", CORRECT, ["10"])
def _():
    return (np.array([10.0]),)


@answer("q9", "x.grad after the two runs", CORRECT, ["10"])
def _():
    x = tracked(1.0)
    for _ in range(2):
        (x**2 + 3 * x).backward()
    return (x.grad,)


@answer("q9", "5 + 5 written as a sum", CORRECT, ["10"])
def _():
    return (5 + 5,)


@answer("q9", "15, three runs", INCORRECT, ["first run prints 5"], named="other")
def _():
    return (15.0,)


@answer("q9", "the text 'tensor(10.)'", INCORRECT, ["without quotes"], named="wrong-kind")
def _():
    return ("tensor(10.)",)


@answer("q9", "both readings in a list", INCORRECT, ["list of 2 items"], named="wrong-kind")
def _():
    return ([5.0, 10.0],)


@answer("q9", "20", INCORRECT, ["first run prints 5"], named="other")
def _():
    return (20.0,)


@answer("q9", "the text 'RuntimeError'", INCORRECT, ["no error"], named="expects-error")
def _():
    return ("RuntimeError: Trying to backward through the graph a second time",)


@answer("q9", "a float64 tensor holding 10", CORRECT, ["10"])
def _():
    return (torch.tensor(10.0, dtype=torch.float64),)


# --- q10: one step of gradient descent, w: 1 -> 1.4 --------------------------------------------------


def q10_weight(step, make=lambda: tracked(1.0), backward_calls=1):
    w = make()
    loss = (w - 3) ** 2
    for call in range(backward_calls):
        loss.backward(retain_graph=call < backward_calls - 1)
    result = step(w)
    return (w if result is None else result,)


def no_grad(update):
    def step(w):
        with torch.no_grad():
            update(w)
    return step


@answer("q10", "torch.optim.SGD's step()", CORRECT, ["1.4", "step()"], ["Under `torch.no_grad()`"])
def _():
    return q10_weight(lambda w: torch.optim.SGD([w], lr=0.1).step())


@answer("q10", "SGD with momentum, one step", CORRECT, ["1.4"])
def _():
    return q10_weight(lambda w: torch.optim.SGD([w], lr=0.1, momentum=0.9).step())


@answer("q10", "copy_ under no_grad", CORRECT, ["1.4"])
def _():
    return q10_weight(no_grad(lambda w: w.copy_(w - 0.1 * w.grad)))


@answer("q10", "an in-place step on w.detach()", CORRECT, ["1.4"])
def _():
    def step(w):
        w.detach().sub_(0.1 * w.grad)
    return q10_weight(step)


@answer("q10", "float64 w", CORRECT, ["1.4"])
def _():
    return q10_weight(no_grad(lambda w: w.sub_(0.1 * w.grad)), make=lambda: tracked(1.0, torch.float64))


@answer("q10", "nn.Parameter and SGD, then zero_grad()", CORRECT, ["1.4"])
def _():
    def step(w):
        optimizer = torch.optim.SGD([w], lr=0.1)
        optimizer.step()
        optimizer.zero_grad()
    return q10_weight(step, make=lambda: torch.nn.Parameter(torch.tensor(1.0)))


@answer("q10", "add_ with alpha under no_grad", CORRECT, ["1.4"])
def _():
    return q10_weight(no_grad(lambda w: w.add_(w.grad, alpha=-0.1)))


@answer("q10", "w.data -= 0.1 * w.grad", INCORRECT, ["`.data`", "`.detach()`"], ["✓", "Under `torch.no_grad()`"],
        named="step-through-data")
def _():
    def step(w):
        w.data -= 0.1 * w.grad
    return q10_weight(step)


@answer("q10", "w.data.sub_(0.1 * w.grad)", INCORRECT, ["`.data`"], named="step-through-data")
def _():
    def step(w):
        w.data.sub_(0.1 * w.grad)
    return q10_weight(step)


@answer("q10", "w.data = w.data - 0.1 * w.grad", INCORRECT, ["`.data`"], named="step-through-data")
def _():
    def step(w):
        w.data = w.data - 0.1 * w.grad
    return q10_weight(step)


@answer("q10", "a brand-new leaf: (w - 0.1 * w.grad).detach().requires_grad_()", INCORRECT,
        ["new tensor", "in place"], named="new-weight-not-stepped")
def _():
    return q10_weight(lambda w: (w - 0.1 * w.grad).detach().requires_grad_())


@answer("q10", "the step run twice after one backward", INCORRECT, ["twice", "−4"], ["two backward passes' worth"],
        named="step-twice")
def _():
    def step(w):
        with torch.no_grad():
            w -= 0.1 * w.grad
            w -= 0.1 * w.grad
    return q10_weight(step)


@answer("q10", "SGD step() called twice", INCORRECT, ["twice", "−4"], ["two backward passes' worth"],
        named="step-twice")
def _():
    def step(w):
        optimizer = torch.optim.SGD([w], lr=0.1)
        optimizer.step()
        optimizer.step()
    return q10_weight(step)


@answer("q10", "two backward passes, then one step", INCORRECT, ["−8", "once"], named="gradients-added-twice")
def _():
    return q10_weight(no_grad(lambda w: w.sub_(0.1 * w.grad)), backward_calls=2)


@answer("q10", "w.grad zeroed before the step", INCORRECT, ["`w.grad`", "0"], ["replace the `...`"],
        named="reset-before-step")
def _():
    def step(w):
        w.grad.zero_()
        with torch.no_grad():
            w -= 0.1 * w.grad
    return q10_weight(step)


@answer("q10", "a learning rate of 0.01", INCORRECT, ["0.1"], named="other")
def _():
    return q10_weight(no_grad(lambda w: w.sub_(0.01 * w.grad)))


@answer("q10", "Adam instead of plain gradient descent", INCORRECT, ["1.1", "0.1"], named="other")
def _():
    return q10_weight(lambda w: torch.optim.Adam([w], lr=0.1).step())


@answer("q10", "SGD with lr=1", INCORRECT, ["learning rate"], named="learning-rate-missing")
def _():
    return q10_weight(lambda w: torch.optim.SGD([w], lr=1.0).step())


@answer("q10", "w = w - lr * grad, then retain_grad()", INCORRECT, ["no longer a leaf"], named="weight-became-non-leaf")
def _():
    def step(w):
        w = w - 0.1 * w.grad
        w.retain_grad()
        return w
    return q10_weight(step)


@answer("q10", "w.data = w - 0.1 * w.grad", INCORRECT, ["`.data`"], named="step-through-data")
def _():
    def step(w):
        w.data = w - 0.1 * w.grad
    return q10_weight(step)


@answer("q10", "the step written as an expression, never assigned", NOT_ATTEMPTED, ["did not change w"])
def _():
    def step(w):
        with torch.no_grad():
            w - 0.1 * w.grad  # noqa: B018 - computes a new tensor and drops it
    return q10_weight(step)


@answer("q10", "optimizer.zero_grad() before optimizer.step()", INCORRECT, ["zero_grad()", "step()"],
        named="reset-before-step")
def _():
    def step(w):
        optimizer = torch.optim.SGD([w], lr=0.1)
        optimizer.zero_grad()
        optimizer.step()
    return q10_weight(step)


@answer("q10", "zero_grad(set_to_none=False) before step()", INCORRECT, ["moved it by 0", "`w.grad`"],
        named="reset-before-step")
def _():
    def step(w):
        optimizer = torch.optim.SGD([w], lr=0.1)
        optimizer.zero_grad(set_to_none=False)
        optimizer.step()
    return q10_weight(step)


@answer("q9", "a NumPy float32", CORRECT, ["10"])
def _():
    return (np.float32(10.0),)


@answer("q9", "the number in a tuple", INCORRECT, ["tuple of 1 item"], named="wrong-kind")
def _():
    return ((10.0,),)


@answer("q6", "a zero-dimensional NumPy array", CORRECT, ["4"])
def _():
    return (np.array(4.0),)


# --- odd calls of check -----------------------------------------------------------------------------


@answer("q2", "both answers in one tuple", INCORRECT, ["one tuple", "q2.check(dz_dx, dz_dy)"], named="not-checkable")
def _():
    x, y, z = q2_leaves()
    z.backward()
    return ((x.grad, y.grad),)


@answer("q4", "the three leaves in one list", INCORRECT, ["one list", "q4.check(x, y, z)"], named="not-checkable")
def _():
    return (list(q4_leaves()),)


@answer("q1", "nothing passed", INCORRECT, ["q1.check(answer)"], named="not-checkable")
def _():
    return ()


@answer("q1", "the question itself passed", INCORRECT, ["Question"], named="wrong-kind")
def _():
    from autograd_lessons.exercises import q1
    return (q1,)


@answer("q5", "three answers for two", INCORRECT, ["q5.check(w, b)", "2 answers"], named="not-checkable")
def _():
    w, b = q5_run(tracked(3.0), tracked(2.0))
    return w, b, None
