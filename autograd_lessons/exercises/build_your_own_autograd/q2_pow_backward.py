"""q2 · ``**`` with a Value exponent, both gradients (Lesson 7): the exercise, its checker, hints and solution.

A number exponent stays with section 7.6's rule, k·xᵏ⁻¹, which holds at a negative base; only a Value
exponent gets the log rule, xʸ·ln x, which exists for x > 0 only. The check runs both, and the lesson's
own later uses of ``**`` (a division by a negative number, a negative error squared), so an answer that
sends a number exponent through ``math.log`` is told where it breaks the lesson.
"""

from ..question import question
from .causes import POWER_CAUSES, causes_for
from .oracle import ADD, MUL, Case, Op, check_engine

NUMBER, LESSON = "number exponent", "lesson use"


def power_of(k):
    """The op `x ** k` for a number k, for running the learner's number power on its own when a case disagrees."""
    return Op("**", 1, lambda a: a ** k, lambda a: f"{a} ** {k}")


def number_case(k, draws):
    """`x ** k` at the draws (a positive x first, so one that breaks only at a negative x can be told)."""
    return Case(lambda x, y: x ** k, f"x ** {k}", draws, NUMBER, suspects=(power_of(k),), base=lambda x, y: x)


CASES = (
    number_case(3, ((1.5,), (-1.5,), (0.5,), (-0.7,))),
    number_case(-1, ((1.25,), (-0.8,))),
    number_case(2, ((0.9,), (-1.2,))),
    number_case(0.5, ((0.64,), (2.0,))),
    # 7.7's division, x / y = x * y ** -1, by a negative number; 7.10's squared error, negative
    Case(lambda x, y: x * y ** -1, "x * y ** -1", ((1.5, 2.0), (1.5, -0.5)), LESSON,
         suspects=(power_of(-1), MUL), base=lambda x, y: y),
    Case(lambda x, y: (x + y * -1) ** 2, "(x + y * -1) ** 2", ((2.0, 0.5), (0.5, 1.5)), LESSON,
         suspects=(power_of(2), ADD, MUL), base=lambda x, y: x - y),
)
NUMBER_RULE = "hand a number exponent to 7.6's `number_power`, as the exercise's cell does"


def explain(cls, error, case, inputs, phase):
    """Return (sentence, cause) for an error of the learner's `**` that this question knows, or None."""
    if case.kind in (NUMBER, LESSON) and phase == "backward" and isinstance(error, ValueError):
        base = case.base(*inputs, *([None] * (2 - len(inputs))))
        if base < 0 and tuple(inputs) != case.draws[0]:
            first = ", ".join(f"{n} = {v:g}" for n, v in zip("xy", case.draws[0]))
            return (f" It ran at {first}; here the base is {base:g}. A number exponent needs no gradient, and the "
                    "base's share, k·xᵏ⁻¹ (section 7.6), needs no logarithm; ln x, the exponent's share, does not "
                    f"exist for x < 0, and `math.log` of a negative number raises this error. So {NUMBER_RULE}, and "
                    "keep ln x for a Value exponent.", "log-of-a-negative-base")
    if isinstance(error, NameError) and "number_power" in str(error):
        return " Section 7.6's cell defines `number_power`: run it, then this cell again.", "code-raised"
    if case.kind == NUMBER and phase == "forward":
        return (f" `x ** y` with a Value y works, but a number exponent must keep working too: the lesson divides "
                f"with `** -1` and squares errors with `** 2`. So {NUMBER_RULE}.", "number-exponent-refused")
    if not case.kind and phase == "forward" and _takes_a_number(cls):
        return (" Your `**` takes a number exponent but raises with a Value one: run the exercise's cell, which "
                "attaches the new `**` with `Value.__pow__ = power`.", "value-exponent-refused")
    return None


def _takes_a_number(cls):
    try:
        return float((cls(1.5) ** 2).data) == 2.25
    except Exception:
        return False


POW = Op("**", 2, lambda a, b: a ** b, lambda a, b: f"{a} ** {b}", low=0.5, high=2.0, cases=CASES, explain=explain)


@question(
    title="x ** y with both a Value, and its backward (Lesson 7)",
    hints=["Two parents, two lines: the base gets d(xʸ)/dx = y·xʸ⁻¹ times out.grad, the exponent gets "
           "d(xʸ)/dy = xʸ·ln x times out.grad.",
           "`self.grad += other.data * self.data ** (other.data - 1) * out.grad` and "
           "`other.grad += out.data * math.log(self.data) * out.grad`. A number exponent never reaches these "
           "lines: the cell hands it to 7.6's `number_power`, whose k·xᵏ⁻¹ needs no ln x, so `x ** 3` and a "
           "division keep working at a negative x."],
    solution="""
def power(self, other):
    if not isinstance(other, Value):  # a number exponent: 7.6's rule, k·xᵏ⁻¹, no ln x
        return number_power(self, other)
    out = Value(self.data ** other.data, (self, other), "**")
    def _backward():
        self.grad += other.data * self.data ** (other.data - 1) * out.grad
        other.grad += out.data * math.log(self.data) * out.grad
    out._backward = _backward
    return out

Value.__pow__ = power
""",
    explanation="xʸ changes with the base as y·xʸ⁻¹ and with the exponent as xʸ·ln x; each parent adds its share "
                "of out.grad, the two gradients torch's `x ** y` sends back. ln x exists only for x > 0, so a "
                "number exponent, which needs no gradient, keeps 7.6's k·xᵏ⁻¹: division and squares of negative "
                "numbers keep working.",
    causes=causes_for(POWER_CAUSES),
)
def q2(Value):
    """Return the Result of running the learner's class, with its `**`, against torch."""
    return check_engine(Value, POW, "your `**` agrees with torch: x ** y at 12 random inputs (both gradients, 6 "
                                    "of them followed by `* 3`), x ** 3, x ** -1 and x ** 2 at negative x too, "
                                    "x ** 0.5, the lesson's own division by a negative number and negative error "
                                    "squared, a diamond, and 40 random expressions with + and *.", seed=2)
