"""q2 · ``**`` with a Value exponent, both gradients (Lesson 7): the exercise, its checker, hints and solution."""

from ..question import question
from .oracle import Op, check_engine

POW = Op("**", 2, lambda a, b: a ** b, lambda a, b: f"{a} ** {b}", low=0.5, high=2.0,
         fixed=((lambda x, y: x ** 3, "x ** 3"), (lambda x, y: x ** -1, "x ** -1"), (lambda x, y: x ** 0.5, "x ** 0.5")))


@question(
    title="x ** y with both a Value, and its backward (Lesson 7)",
    hints=["Two parents, two lines: the base gets d(xʸ)/dx = y·xʸ⁻¹ times out.grad, the exponent gets "
           "d(xʸ)/dy = xʸ·ln x times out.grad.",
           "`self.grad += other.data * self.data ** (other.data - 1) * out.grad` and "
           "`other.grad += out.data * math.log(self.data) * out.grad`. A number exponent is wrapped in a Value "
           "first, so `x ** 3` and division keep working."],
    solution="""
def power(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data ** other.data, (self, other), "**")
    def _backward():
        self.grad += other.data * self.data ** (other.data - 1) * out.grad
        other.grad += out.data * math.log(self.data) * out.grad
    out._backward = _backward
    return out

Value.__pow__ = power
""",
    explanation="xʸ changes with the base as y·xʸ⁻¹ and with the exponent as xʸ·ln x; each parent adds its "
                "share of out.grad. Torch's `x ** y` sends exactly these two gradients back.",
)
def q2(Value):
    return check_engine(Value, POW, "your `**` agrees with torch: x ** y at 12 random inputs (both gradients), "
                                    "x ** 3, x ** -1 and x ** 0.5, and 40 random expressions with + and *.", seed=2)
