"""q1 · give your Value an ``exp`` and write its backward (Lesson 7): the exercise, its checker, hints, solution."""

from ..question import question
from .causes import causes_for
from .oracle import Op, check_engine

EXP = Op("exp", 1, lambda a: a.exp(), lambda a: f"{a}.exp()", method="exp", low=-2.0, high=2.0)


@question(
    title="exp and its backward (Lesson 7)",
    hints=["The derivative of eˣ is eˣ itself, the number the forward pass just computed: `out.data`.",
           "By the chain rule `self` gets (d out / d self) · out.grad, added to what it has: "
           "`self.grad += out.data * out.grad`."],
    solution="""
def exp(self):
    out = Value(math.exp(self.data), (self,), "exp")
    def _backward():
        self.grad += out.data * out.grad
    out._backward = _backward
    return out

Value.exp = exp
""",
    explanation="eˣ is its own derivative, so `_backward` multiplies the gradient that reached `out` by `out.data` "
                "and adds it into `self.grad`; `+=` keeps it right when x is used elsewhere too.",
    causes=causes_for(),
)
def q1(Value):
    """Return the Result of running the learner's class, with its `exp`, against torch."""
    return check_engine(Value, EXP, "your `exp` agrees with torch: on its own at 12 random inputs (6 of them "
                                    "followed by `* 3`, so the gradient reaching it is 3, not 1), in a diamond "
                                    "where one `exp` feeds two values, and inside 40 random expressions with + and "
                                    "* that use x and y more than once.", seed=1)
