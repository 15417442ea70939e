"""Six exercises built on mistakes learners really make, q5-q10, checked (one each from Lessons 1-5).

A ``.grad`` that stays None (q5), a graph cut by ``torch.no_grad()`` (q6), a second
backward through a freed graph (q7), backward from a vector (q8), gradients that add
up across runs of a cell (q9), and an update that turns a weight into a non-leaf
(q10). Each checker reads only what it is given, never changes it, and returns a
checking Result with a message for each likely mistake.
"""

import torch

from .answers import describe, grad_of, leaf_problem, number, number_problem, value_problem, values
from .checking import close, correct, doubled, fmt, incorrect, not_attempted, placeholders, verdict
from .question import Question


def _none_gradients(w, b):
    if problem := placeholders(w=w, b=b):
        return problem
    for name, leaf, start in (("w", w, 3.0), ("b", b, 2.0)):
        example = f"torch.tensor({start}, requires_grad=True)"
        missing = (f"`{name}.grad` is None although `{name}` is a tracked leaf: the backward pass has not run. "
                   "Call `loss.backward()` after computing the loss.")
        if problem := (leaf_problem(leaf, name, example=example, missing_grad=missing)
                       or value_problem(leaf, name, start, example)):
            return problem
    return verdict(
        [values(grad_of(w)), values(grad_of(b))], [-8.0, -4.0],
        right="`w.grad` is −8 and `b.grad` is −4: both are tracked leaves now, so backward filled both. A `.grad` "
              "that stays None means one of three things: the tensor is not tracked (`requires_grad=True` missing), "
              "it is not a leaf (an operation such as `* 2` or `.to(...)` came after creating it), "
              "or backward has not run yet.",
        wrong=[
            ([-16.0, -8.0], doubled("`w.grad` is −16 and `b.grad` is −8, exactly twice the right values",
                                    "Zero the gradients between backward calls, or create w and b again and call "
                                    "`loss.backward()` once")),
            ([2.0, 1.0], "these are the gradients of 2w + b − 10 without the square: write `(2*w + b - 10)**2`."),
        ],
        otherwise="with w = 3 and b = 2, ∂loss/∂w = 4(2w + b − 10) and ∂loss/∂b = 2(2w + b − 10). "
                  "Compare your loss with (2w + b − 10)².",
    )


def _graph_cut(prediction):
    if problem := placeholders(prediction=prediction):
        return problem
    if prediction is None:
        return incorrect("not None: y still uses x through its second factor, so backward does reach x and "
                         "`x.grad` gets a number. Which number?")
    if isinstance(prediction, str) and "error" in prediction.lower():
        return incorrect("no error: y requires grad because its factor x does, so `y.backward()` runs. "
                         "The question is what it finds on its way back to x.")
    if problem := number_problem(prediction, "prediction"):
        return problem
    return verdict(
        number(prediction), 4.0,
        right="`x.grad` is 4, not 12. Nothing is recorded under `torch.no_grad()`, so to autograd `square` is a "
              "constant 4 and y = 4 · x, whose derivative is 4. The true derivative of x³, 3x² = 12, needs x² "
              "computed outside `no_grad`. `.detach()` and `.item()` cut the graph in the same way "
              "(Lesson 1, sections 1.6 and 1.7).",
        wrong=[
            (12.0, "12 = 3x² is the derivative of x³, the value y holds. But autograd differentiates only what it "
                   "recorded, and `square` was computed under `torch.no_grad()`. Run the cell and print `x.grad`."),
            (8.0, "8 = 2x · x would be right if only `square` were tracked. It is the other way round: `square` was "
                  "computed under `torch.no_grad()`, and the tracked factor is x."),
            (0.0, "0 would mean that y does not depend on x at all, as far as autograd knows. But the second "
                  "factor of y is x itself, tracked."),
        ],
        otherwise="run the cell and print `x.grad`. Autograd differentiates only the operations it recorded: "
                  "which factor of `square * x` was recorded?",
    )


def _two_losses(x):
    missing = not_attempted("`x.grad` is still None: replace the `...` with a backward pass from both losses.")
    if problem := (placeholders(x=x) or leaf_problem(x, "x", example="torch.tensor(3.0, requires_grad=True)",
                                                     missing_grad=missing)
                   or value_problem(x, "x", 3.0, "torch.tensor(3.0, requires_grad=True)")):
        return problem
    return verdict(
        values(grad_of(x)), 19.0,
        right="`x.grad` = d(loss1 + loss2)/dx = 4x + (2x + 1) = 19 at x = 3. `(loss1 + loss2).backward()` walks "
              "the shared part once; with two backward calls, the first needs `retain_graph=True` so that the second "
              "still finds the values saved for h = x² (Lesson 2, section 2.7).",
        wrong=[
            (12.0, "`x.grad` is 12 = d loss1/dx alone: loss2's share, 2x + 1 = 7, is missing. Its backward must "
                   "run too; as a second call, it needs the first one to keep the graph: `retain_graph=True`."),
            (7.0, "`x.grad` is 7 = d loss2/dx alone: loss1's share, 4x = 12, is missing. Run backward from both "
                  "losses, or once from their sum."),
            (38.0, doubled("`x.grad` is 38, exactly twice the right value",
                           "Go backward from both losses once: either from the sum or with two calls, not both")),
        ],
        otherwise="by hand, loss1 + loss2 = 2x² + x² + x, whose derivative is 6x + 1 at x = 3: compare it with "
                  "`x.grad`.",
    )


def _vector_output(x):
    example = "torch.tensor([1.0, 2.0, 3.0], requires_grad=True)"
    missing = not_attempted("`x.grad` is still None: replace the `...` with a backward pass that works when y "
                            "holds three numbers.")
    if problem := (placeholders(x=x) or leaf_problem(x, "x", example=example, shape=(3,), missing_grad=missing)
                   or value_problem(x, "x", [1.0, 2.0, 3.0], example)):
        return problem
    grads, expected = values(grad_of(x)), [3.0, 12.0, 27.0]
    if close(grads, expected):
        return correct("`x.grad` = 3x² = [3, 12, 27], one derivative per entry. `y.sum().backward()` and "
                       "`y.backward(gradient=torch.ones_like(y))` compute the same thing: a vector-Jacobian product "
                       "with v all ones (Lesson 3, sections 3.6 and 3.7).")
    zero = [str(i) for i, g in enumerate(grads) if close(g, 0.0)]
    if 0 < len(zero) < 3:
        return incorrect(f"entr{'y' if len(zero) == 1 else 'ies'} {', '.join(zero)} of `x.grad` "
                         f"{'is' if len(zero) == 1 else 'are'} 0: backward started from part of y only (like "
                         "`y[0]`). Reduce the whole of y: `y.sum().backward()`.")
    ratios = [g / e for g, e in zip(grads, expected)]
    if all(close(r, ratios[0]) for r in ratios):
        if close(ratios[0], 2.0):
            return incorrect(doubled("`x.grad` is [6, 24, 54], exactly twice the right values",
                                     "Create x again and run one backward"))
        if close(ratios[0], 1 / 3):
            return incorrect("`x.grad` is [1, 4, 9], a third of 3x²: `y.mean()` divides every entry by 3. "
                             "For each entry's own derivative, use `y.sum()`, or `gradient=torch.ones_like(y)`.")
        return incorrect(f"every entry of `x.grad` is {fmt(ratios[0])} times 3x²: backward started from "
                         f"{fmt(ratios[0])} × the sum of y. Use `y.sum()` itself, or `gradient=torch.ones_like(y)`.")
    return incorrect(f"`x.grad` is {fmt(grads)}: each entry is 3x² times a different factor, so the weights in "
                     "`gradient=` were not all 1. Pass `gradient=torch.ones_like(y)`, or use `y.sum().backward()`.")


def _run_twice(prediction):
    if problem := placeholders(prediction=prediction):
        return problem
    if isinstance(prediction, str) and "error" in prediction.lower():
        return incorrect("no error: each run of the cell computes y again, so backward always has a fresh graph. "
                         "What carries over from one run to the next is `x.grad`, because x is not created again.")
    if prediction is None:
        return incorrect("not None: the first run already filled `x.grad` (it printed 5), and nothing empties it.")
    if problem := number_problem(prediction, "prediction"):
        return problem
    return verdict(
        number(prediction), 10.0,
        right="after two runs `x.grad` is 5 + 5 = 10: each run builds a fresh y, and its backward adds dy/dx = "
              "2x + 3 = 5 into the same `x.grad`. A third run gives 15. This is why a training loop resets the "
              "gradients every step: `optimizer.zero_grad()` or `x.grad.zero_()` (Lesson 4, section 4.6).",
        wrong=[
            (5.0, "5 is `x.grad` after one run. The second run's backward does not overwrite it; it adds another 5 "
                  "(Lesson 4, section 4.2)."),
            (25.0, "gradients add up, they do not multiply: the second run adds its 5 to the 5 already there."),
            (0.0, "nothing resets `x.grad` between the runs: the cell has no `zero_()`, and x is not created again."),
        ],
        otherwise="the first run prints 5. The second run computes the same 5 again: what does backward do with "
                  "it, given that `x.grad` already holds 5?",
    )


def _update_step(w):
    if problem := placeholders(w=w):
        return problem
    in_place = "Change w in place, inside `torch.no_grad()`: `w -= 0.1 * w.grad` (Lesson 5, section 5.8)."
    if isinstance(w, (int, float)) and not isinstance(w, bool):
        return incorrect(f"`w` is {describe(w)}, no longer a tensor, so autograd cannot track the next step. "
                         + in_place)
    if isinstance(w, torch.Tensor) and w.dim() == 0 and w.is_floating_point():
        if w.grad_fn is not None:
            return incorrect(f"`w` holds {fmt(values(w))}, but it is no longer a leaf: `w = w - 0.1 * w.grad` made "
                             f"a new tensor with a grad_fn (`{type(w.grad_fn).__name__}`), which never collects a "
                             "`.grad`, so the next step would have nothing to use. " + in_place)
        if not w.requires_grad:
            return incorrect(f"`w` holds {fmt(values(w))} but no longer requires grad: `w = w - 0.1 * w.grad` under "
                             "`torch.no_grad()` (or a `.detach()`) made a brand-new plain tensor, so the next loss "
                             "will not be tracked. Change w in place, `w -= 0.1 * w.grad`, so that it stays the same "
                             "tracked leaf.")
    if problem := leaf_problem(w, "w", example="torch.tensor(1.0, requires_grad=True)", need_grad=False):
        return problem
    if close(values(w), 1.0):
        return not_attempted("`w` still holds 1, its value before the step: replace the `...` with the update.")
    return verdict(
        values(w), 1.4,
        right="w = 1 − 0.1 · (−4) = 1.4, and w is still the same tracked leaf, ready for the next step. Under "
              "`torch.no_grad()` the in-place update is not recorded; without it, PyTorch refuses (\"a leaf Variable "
              "that requires grad is being used in an in-place operation\"). Before the next backward, reset "
              "`w.grad` (Lesson 4).",
        wrong=[
            (0.6, "`w` went from 1 to 0.6, uphill: you added the gradient (−4). Step against it: "
                  "`w -= 0.1 * w.grad`."),
            (1.8, "`w` moved by 0.8, twice the step: `w.grad` held −8, two backward passes' worth. "
                  "Run `loss.backward()` once before the update."),
            (5.0, "`w` moved by 4, the whole gradient: multiply it by the learning rate 0.1 first."),
        ],
        otherwise="after one step, w should be 1 − 0.1 · `w.grad`, with `w.grad` = 2(w − 3) = −4 from backward.",
    )


q5 = Question(
    "q5", "a .grad that stays None (Lesson 1)", ["w", "b"], _none_gradients,
    hints=["Autograd fills `.grad` only on tensors that are both tracked (`requires_grad=True`) and leaves (created "
           "directly, with no operation after). In the broken code, each tensor fails one of the two tests "
           "(Lesson 1, sections 1.3 and 1.5).",
           "`torch.tensor(1.0, requires_grad=True) * 2` is the result of a multiplication, not a leaf. "
           "Create the value you want directly: `torch.tensor(2.0, requires_grad=True)`."],
    solution="""
w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
loss = (2 * w + b - 10) ** 2
loss.backward()
""",
    explanation="Both are tracked leaves, so backward fills both: `w.grad` = 4(2w + b − 10) = −8 and "
                "`b.grad` = 2(2w + b − 10) = −4.",
)

q6 = Question(
    "q6", "predict: a graph cut by torch.no_grad() (Lesson 1)", ["prediction"], _graph_cut,
    hints=["Autograd differentiates the operations it recorded, not the formula you have in mind. Which of the two "
           "factors of `square * x` was recorded? (Lesson 1, section 1.6)",
           "`square` was computed inside `torch.no_grad()`: print `square.requires_grad`. To autograd, a tensor "
           "that is not tracked is a constant."],
    solution="""
x = torch.tensor(2.0, requires_grad=True)
with torch.no_grad():
    square = x**2
y = square * x
y.backward()
prediction = 4.0
""",
    explanation="`square` is a constant 4 to autograd, so y = 4 · x and `x.grad` is 4. Compute x² outside "
                "`torch.no_grad()` to get the true derivative of x³, 12.",
)

q7 = Question(
    "q7", "two losses, one graph (Lesson 2)", ["x"], _two_losses,
    hints=["The first backward frees the values that `h = x**2` saved for the backward pass, so a second backward "
           "through h fails. Lesson 2, section 2.7 shows two ways out.",
           "Either `loss1.backward(retain_graph=True)` and then `loss2.backward()`, or one pass over the sum: "
           "`(loss1 + loss2).backward()`."],
    solution="""
x = torch.tensor(3.0, requires_grad=True)
h = x**2
loss1 = 2 * h
loss2 = h + x
(loss1 + loss2).backward()
""",
    explanation="One backward from the sum walks the shared h once: `x.grad` = 4x + 2x + 1 = 19. "
                "`loss1.backward(retain_graph=True)` followed by `loss2.backward()` gives the same 19.",
)

q8 = Question(
    "q8", "backward from a vector (Lesson 3)", ["x"], _vector_output,
    hints=["`.backward()` with no argument needs a single number, and y holds three (Lesson 3, section 3.6).",
           "Reduce y to one number first, `y.sum().backward()`, or give one weight per entry, "
           "`y.backward(gradient=torch.ones_like(y))`. Avoid `y.mean()`: it divides by 3."],
    solution="""
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x**3
y.sum().backward()
""",
    explanation="The sum weighs every entry by 1, so `x.grad` holds each entry's own derivative 3x² = [3, 12, 27].",
)

q9 = Question(
    "q9", "predict, then run: the same cell twice (Lesson 4)", ["prediction"], _run_twice,
    hints=["The cell builds a new y each time it runs, so its graph is fresh; x, created in the cell before, is not "
           "created again. What does backward do when `x.grad` already holds a number? (Lesson 4, section 4.2)",
           "The first run prints 5, dy/dx = 2x + 3 at x = 1. Backward adds; it does not overwrite."],
    solution="""
prediction = 10.0
""",
    explanation="Each run's backward adds 5 into the same `x.grad`: 5 after one run, 10 after two.",
)

q10 = Question(
    "q10", "one step of gradient descent (Lesson 5)", ["w"], _update_step,
    hints=["PyTorch refuses `w -= ...` on a leaf that requires grad while it is recording, and `w = w - ...` makes a "
           "new tensor that is not a leaf. Do the in-place update where nothing is recorded (Lesson 5, section 5.8).",
           "`with torch.no_grad():` and, indented under it, `w -= 0.1 * w.grad`."],
    solution="""
w = torch.tensor(1.0, requires_grad=True)
loss = (w - 3)**2
loss.backward()
with torch.no_grad():
    w -= 0.1 * w.grad
""",
    explanation="Under `torch.no_grad()` the in-place step is not recorded, so w stays the same tracked leaf, "
                "now 1 − 0.1 · (−4) = 1.4.",
)
