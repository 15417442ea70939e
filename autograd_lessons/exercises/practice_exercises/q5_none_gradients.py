"""q5 · a .grad that stays None (Lesson 1): the exercise, its checker, hints, solution and causes, in one place."""

from ..answers import grad_of, leaf_problem, value_problem, values
from ..checking import doubled, incorrect, placeholders, verdict
from ..question import question
from .causes import shared


@question(
    title="a .grad that stays None (Lesson 1)",
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
    causes=shared("gradients-added-twice", "wrong-formula", "graph-cut"),
)
def q5(w, b):
    if problem := placeholders(w=w, b=b):
        return problem
    for name, leaf, start in (("w", w, 3.0), ("b", b, 2.0)):
        example = f"torch.tensor({start}, requires_grad=True)"
        if problem := (leaf_problem(leaf, name, example=example, need_grad=False)
                       or value_problem(leaf, name, start, example)):
            return problem
    filled = {name: grad_of(leaf) is not None for name, leaf in (("w", w), ("b", b))}
    if not any(filled.values()):
        return incorrect("`w.grad` and `b.grad` are None although both are tracked leaves: the backward pass has not "
                         "run. Call `loss.backward()` (with brackets) after computing the loss.", "no-backward")
    for name, other in (("w", "b"), ("b", "w")):
        if not filled[name]:
            return incorrect(f"`{name}.grad` is None although `{name}` is a tracked leaf, and `{other}.grad` is "
                             f"filled: the backward pass ran but did not reach `{name}`. The loss was computed from "
                             f"something autograd does not track back to `{name}`: `{name}.item()`, "
                             f"`{name}.detach()`, or code under `torch.no_grad()`. Use `{name}` itself in the loss "
                             "(Lesson 1, sections 1.6 and 1.7).", "graph-cut")
    kept = [name for name, leaf in (("w", w), ("b", b)) if leaf.grad_fn is not None]
    how = (f"`{kept[0]}` is not a leaf, but `{kept[0]}.retain_grad()` before the backward pass made autograd keep "
           "its gradient, so backward filled both" if kept else "both are tracked leaves now, so backward filled both")
    return verdict(
        [values(grad_of(w)), values(grad_of(b))], [-8.0, -4.0],
        right=f"`w.grad` is −8 and `b.grad` is −4: {how}. A `.grad` "
              "that stays None means one of three things: the tensor is not tracked (`requires_grad=True` missing), "
              "it is not a leaf (an operation such as `* 2` or `.to(...)` came after creating it), "
              "or backward has not run yet.",
        wrong=[
            ([-16.0, -8.0], doubled("`w.grad` is −16 and `b.grad` is −8, exactly twice the right values",
                                    "Zero the gradients between backward calls, or create w and b again and call "
                                    "`loss.backward()` once"), "gradients-added-twice"),
            ([2.0, 1.0], "these are the gradients of 2w + b − 10 without the square: write `(2*w + b - 10)**2`.",
             "wrong-formula"),
        ],
        otherwise="with w = 3 and b = 2, ∂loss/∂w = 4(2w + b − 10) and ∂loss/∂b = 2(2w + b − 10). "
                  "Compare your loss with (2w + b − 10)².",
    )
