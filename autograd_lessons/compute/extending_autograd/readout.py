"""What the explorer says about two Jacobians: which entries disagree, the bug's story, gradcheck's verdict.

Introduced with Lesson 12's gradcheck explorer. ``jacobian_readout(name, bug, eps, dtype)``
builds both Jacobians with jacobians.py and returns a :class:`JacobianReadout`: the tables, the
entries gradcheck's rule rejects, the readout's rows, one or two sentences on what the picture
shows, and the tables as printed text for a notebook cell that nbval checks.
"""

from dataclasses import dataclass

import torch

from ..numbers import number
from .jacobians import (BUGS, ELEMENTWISE, EPS, FUNCTIONS, INPUTS, NAMES, OUTPUTS, PRECISIONS,
                        analytical_jacobian, make_function, mismatches, numerical_jacobian, right_jacobian)

BUG_STORIES = {
    "dropped grad_output": "Every row of the analytical Jacobian is the same. gradcheck builds it one row per output, "
                           "sending a grad_output of 1 for that output and 0 for the others; a backward that never "
                           "multiplies by grad_output answers the same to all of them. With `loss.sum().backward()` "
                           "(all ones arriving) it would have looked right.",
    "wrong sign": "The marked entries are the true ones with the opposite sign: a minus lost (or added) in "
                  "backward's formula.",
    "transposed Jacobian": "The x block of the analytical Jacobian is the numerical one mirrored across its diagonal: "
                           "backward multiplied grad_output by J where a vector-Jacobian product needs Jᵀ.",
    "missing w's gradient": "The w columns of the analytical Jacobian are all 0: backward returned None for w, which "
                            "tells autograd that w gets no gradient, and gradcheck reads as zeros.",
}


@dataclass(frozen=True)
class JacobianReadout:
    """Both Jacobians of one function and backward, at one step ε and precision, and where they disagree."""

    name: str
    bug: str
    eps: float
    dtype: str  # "float64" or "float32": the precision of the finite differences (and of the backward)
    analytical: torch.Tensor  # 3 × 6, one row per output
    numerical: torch.Tensor
    wrong: torch.Tensor  # bool, 3 × 6: gradcheck's rule says these entries disagree
    noisy: bool  # even the right backward would disagree here: the finite differences are off

    @property
    def code(self):
        """The return line of the backward that ran."""
        return "return " + FUNCTIONS[self.name][1][self.bug]

    @property
    def passes(self):
        """True when every entry agrees, as gradcheck requires."""
        return not bool(self.wrong.any())

    @property
    def largest(self):
        """The largest |analytical − numerical| entry."""
        return (self.analytical.double() - self.numerical.double()).abs().max().item()

    def rows(self):
        """(label, value) pairs for the explorer's readout table."""
        return [("ε, precision", f"{number(self.eps, 3)}, {self.dtype}"),
                ("entries that disagree", f"{int(self.wrong.sum())} of {self.wrong.numel()}"),
                ("largest difference", number(self.largest, 3)),
                ("gradcheck's verdict", "passes" if self.passes else "fails")]

    def verdict(self):
        """One or two sentences on what the picture shows, and its kind (ok, error, warning) for the colour."""
        story = BUG_STORIES.get(self.bug, "")
        if self.bug == "transposed Jacobian" and self.name in ELEMENTWISE:
            story = (f"{self.name} works entry by entry, so each 3 × 3 block of its Jacobian is diagonal, its own "
                     "transpose: here the transposed backward is the right one. Pick cumsum(x) * exp(w) to see "
                     "this bug.")
        if self.bug == "right backward" or not story:
            story = "The right backward: its Jacobian is the true one."
        if self.noisy:
            where = "in float32" if self.dtype == "float32" else f"at ε = {number(self.eps, 3)}"
            return (f"{story} But {where} the finite differences are off too: even the right backward has "
                    "entries marked. The curve shows why gradcheck wants float64, with its step of 1e-6.", "warning")
        if self.passes:
            return f"{story} gradcheck passes.", "ok"
        return f"{story} gradcheck fails.", "error"

    def text(self):
        """Both Jacobians as printed text, one row per output, disagreeing entries marked with *."""
        header = "     " + "".join(f"{name:>8}" for name in INPUTS)
        lines = [f"{self.name}, backward: {self.code}"]
        for title, table in (("analytical (from backward)", self.analytical),
                             (f"numerical (ε = {number(self.eps, 3)}, {self.dtype})", self.numerical)):
            lines += [title, header]
            for i, row in enumerate(table.double().tolist()):
                cells = "".join(f"{v + 0.0:7.3f}" + ("*" if self.wrong[i, j] else " ") for j, v in enumerate(row))
                lines.append(f"{OUTPUTS[i]:>4} {cells}")
        lines.append(f"{int(self.wrong.sum())} of {self.wrong.numel()} entries disagree (*): "
                     f"gradcheck {'passes' if self.passes else 'fails'}.")
        return "\n".join(lines)


def jacobian_readout(name, bug="right backward", eps=EPS, dtype="float64"):
    """Return both Jacobians of `name` with backward `bug`, at step eps in dtype ("float64" or "float32")."""
    if name not in FUNCTIONS or bug not in BUGS or dtype not in PRECISIONS:
        raise ValueError(f"pick a function of {NAMES}, a backward of {BUGS} and float32 or float64")
    kind = getattr(torch, dtype)
    analytical = analytical_jacobian(make_function(name, bug), kind)
    numerical = numerical_jacobian(name, eps, kind)
    truth = right_jacobian(name, dtype)
    return JacobianReadout(name, bug, float(eps), dtype, analytical, numerical, mismatches(analytical, numerical),
                           bool(mismatches(truth, numerical).any()))
