"""q3 · give your Value a ``sigmoid`` and write its backward (Lesson 7): the exercise, its checker, hints, solution."""

from ..question import question
from .causes import causes_for
from .oracle import Op, check_engine

SIGMOID = Op("sigmoid", 1, lambda a: a.sigmoid(), lambda a: f"{a}.sigmoid()", method="sigmoid", low=-3.0, high=3.0)


@question(
    title="sigmoid and its backward (Lesson 7)",
    hints=["σ(x) = 1 / (1 + e⁻ˣ), and its derivative has a short form in terms of σ itself: σ(x)·(1 − σ(x)).",
           "With s = out.data: `self.grad += s * (1 - s) * out.grad`."],
    solution="""
def sigmoid(self):
    s = 1 / (1 + math.exp(-self.data))
    out = Value(s, (self,), "sigmoid")
    def _backward():
        self.grad += s * (1 - s) * out.grad
    out._backward = _backward
    return out

Value.sigmoid = sigmoid
""",
    explanation="σ′(x) = σ(x)(1 − σ(x)), so `_backward` needs only the number the forward pass computed; "
                "like tanh in the lesson, it adds (σ′ · out.grad) into `self.grad`.",
    causes=causes_for(),
)
def q3(Value):
    """Return the Result of running the learner's class, with its `sigmoid`, against torch."""
    return check_engine(Value, SIGMOID, "your `sigmoid` agrees with torch: on its own at 12 random inputs (6 of "
                                        "them followed by `* 3`, so the gradient reaching it is 3, not 1), in a "
                                        "diamond where one `sigmoid` feeds two values, and inside 40 random "
                                        "expressions with + and *.", seed=3)
