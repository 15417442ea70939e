"""Lesson 8: independent learner answers to q1-q4 (the engine's order, a hook's print, the raising line, an in-place
repair), each with its verdict and the cause its message must name.

Written from the exercise texts and from what people believe about PyTorch's engine when they ask about it:
- the order: "backward runs the code backwards" read literally (the order of `c + d.exp()`), the forward order,
  a leaf's `AccumulateGrad` run once per arriving gradient (Lesson 7's `+=` taken for a node that runs twice), the
  leaves all saved for the end;
- hooks: the order they run in and what a returned tensor does (pytorch/pytorch#85849 settled that hooks on one
  tensor run in registration order, each on what the one before returned, and `retain_grad` last);
- in place: an in-place change on a non-leaf believed to raise at once, as it does on a leaf; `.data` or
  `.detach()` or `torch.no_grad()` used to "get past" the version check (pytorch/pytorch#6990: `.data` changes
  "wouldn't be tracked by autograd, and the computed gradients would be incorrect").
The answers to q4 run the learner's cell with PyTorch and pass what it leaves behind, as the notebook does.

Run on main before Lesson 8's checkers named causes (commit ebbeca8): 26 answers (q1 7, q2 6, q3 6, q4 7),
16 misjudged (4 per question), every one a wrong answer whose verdict named no cause of its own ("other"); every
verdict and message was right. tests/course/test_learner_answers.py asserts that none is misjudged now.
"""

import torch

from .core import CORRECT, INCORRECT, answer

# --- q1: the order the engine runs the nodes of out = a.sin() + (a * b).exp() ---------------------------------


@answer("q1", "the names as PyTorch prints them, leaves as AccumulateGrad (a)", CORRECT, ["that is the order"])
def _():
    return (["AddBackward0", "ExpBackward0", "MulBackward0", "AccumulateGrad (b)", "SinBackward0",
             "AccumulateGrad (a)"],)


@answer("q1", "short names, leaves by their variables", CORRECT, ["that is the order"])
def _():
    return (["Add", "Exp", "Mul", "b", "Sin", "a"],)


@answer("q1", "one string with arrows, in lower case", CORRECT, ["that is the order"])
def _():
    return ("add -> exp -> mul -> b -> sin -> a",)


@answer("q1", "the forward pass's order: leaves first", INCORRECT, ["backward starts at the output"],
        ["recorded last"], named="started-at-the-inputs")
def _():
    return (["a", "b", "SinBackward0", "MulBackward0", "ExpBackward0", "AddBackward0"],)


@answer("q1", "after Add, the order the code reads: c, then d.exp()", INCORRECT, ["recorded last", "`ExpBackward0`"],
        ["backward starts at the output"], named="code-order-for-ready-nodes")
def _():
    return (["AddBackward0", "SinBackward0", "ExpBackward0", "MulBackward0", "b", "a"],)


@answer("q1", "the leaves kept for the end, as if they waited for every node", INCORRECT,
        ["as soon as it is ready"], ["recorded last"], named="leaf-waits-for-the-end")
def _():
    return (["AddBackward0", "ExpBackward0", "MulBackward0", "SinBackward0", "b", "a"],)


@answer("q1", "a's AccumulateGrad once per gradient that reaches a", INCORRECT, ["runs once", "List each leaf once"],
        ["recorded last"], named="leaf-runs-per-gradient")
def _():
    return (["AddBackward0", "ExpBackward0", "MulBackward0", "a", "b", "SinBackward0", "a"],)


# --- q2: what the print hook on h shows, and x.grad --------------------------------------------------------


def run_the_cell(hooks_first=("print", "clamp")):
    """Run the exercise's cell, with its two hooks in the given order; return (the printed number, x.grad)."""
    seen = []
    x = torch.tensor(3.0, requires_grad=True)
    h = x ** 2
    hooks = {"print": lambda grad: seen.append(grad.item()), "clamp": lambda grad: grad.clamp(max=1.0)}
    for name in hooks_first:
        h.register_hook(hooks[name])
    (5 * h).backward()
    return seen[0], x.grad


@answer("q2", "the two numbers, as floats", CORRECT, ["the hook prints 5"])
def _():
    return 5.0, 6.0


@answer("q2", "ran the cell and passed what it printed and x.grad itself", CORRECT, ["the hook prints 5"])
def _():
    printed, x_grad = run_the_cell()
    return printed, x_grad


@answer("q2", "the clamp believed to run first, since it changes the gradient", INCORRECT,
        ["registered first", "in the order they were registered"], ["with respect to x"],
        named="hooks-run-in-another-order")
def _():
    printed, _ = run_the_cell(hooks_first=("clamp", "print"))
    return printed, 6.0


@answer("q2", "the returned tensor ignored: a hook only looks", INCORRECT, ["without the second hook", "replaces"],
        ["registered first"], named="returned-tensor-ignored")
def _():
    return 5.0, 30.0


@answer("q2", "the clamp believed to act on x.grad", INCORRECT, ["not on `x.grad`"], ["registered first"],
        named="clamp-applied-to-x-grad")
def _():
    return 5.0, 1.0


@answer("q2", "the hook on h believed to see x's gradient", INCORRECT, ["with respect to x", "d out/dh"],
        ["registered first"], named="hook-sees-the-leaf-gradient")
def _():
    return 30.0, 6.0


# --- q3: which line raises, and why ---------------------------------------------------------------------------


@answer("q3", "6 and b", CORRECT, ["line 6 raises"])
def _():
    return 6, "b"


@answer("q3", "written as text: 'line 6', '(b)'", CORRECT, ["line 6 raises"])
def _():
    return "line 6", "(b)"


@answer("q3", "the in-place line believed to raise at once, as it does on a leaf", INCORRECT,
        ["runs without complaint", "not a leaf"], ["second time"], named="in-place-raises-at-once")
def _():
    return 4, "a"


@answer("q3", "the right line, but s taken for a leaf", INCORRECT, ["the reason is not", "not a leaf"],
        ["runs without complaint"], named="non-leaf-taken-for-a-leaf")
def _():
    return 6, "a"


@answer("q3", "autograd believed to cope with in-place changes", INCORRECT, ["one line does raise"],
        ["runs without complaint"], named="in-place-believed-safe")
def _():
    return None, "d"


@answer("q3", "the right line, the error read as a second backward", INCORRECT, ["only one backward"],
        ["runs without complaint"], named="error-read-as-second-backward")
def _():
    return 6, "c"


# --- q4: rewrite `e += 1` so that backward runs and x.grad is right -----------------------------------------


def cell(rewrite, backward=True):
    """Run the exercise's cell with `rewrite(x, e)` for the `e = ...` line; return (x, loss) as the check gets them."""
    x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
    e = x.exp()
    e = rewrite(x, e)
    loss = (e * e).sum()
    if backward:
        try:
            loss.backward()
        except RuntimeError:  # the cell stops here; the learner runs the check line in a cell of its own
            pass
    return x, loss


def in_place(e):
    e += 1
    return e


@answer("q4", "e = e + 1", CORRECT, ["was left alone"])
def _():
    return cell(lambda x, e: e + 1)


@answer("q4", "e = torch.add(x.exp(), 1), e rebuilt from x", CORRECT, ["was left alone"])
def _():
    return cell(lambda x, e: torch.add(x.exp(), 1))


@answer("q4", "a clone, then the += on the clone", CORRECT, ["was left alone"])
def _():
    return cell(lambda x, e: in_place(e.clone()))


@answer("q4", "e.data += 1, which runs", INCORRECT, ["exactly what `e.data += 1` gives", "no error"],
        ["in-place line still changes"], named="data-bypasses-the-version-counter")
def _():
    def through_data(x, e):
        e.data += 1
        return e
    return cell(through_data)


@answer("q4", "the += kept, under torch.no_grad()", INCORRECT, ["in-place line still changes", "`x.grad` is None"],
        ["`e.data += 1`"], named="in-place-still-changes-a-saved-tensor")
def _():
    def under_no_grad(x, e):
        with torch.no_grad():
            e += 1
        return e
    return cell(under_no_grad)


@answer("q4", "e = e.detach() + 1, to get past the check", INCORRECT, ["no grad_fn", "not connected to x"],
        ["`e.data += 1`"], named="loss-cut-from-x")
def _():
    return cell(lambda x, e: e.detach() + 1)


@answer("q4", "a clone, and the + 1 forgotten", INCORRECT, ["the + 1 is missing"], ["`e.data += 1`"],
        named="plus-one-dropped")
def _():
    return cell(lambda x, e: e.clone())
