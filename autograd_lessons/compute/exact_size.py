"""How large the exact numbers in a learner's formula get, worked out before sympy builds them (no torch, no sympy).

Introduced with Lesson 3's formula box. sympy computes with exact integers and fractions,
without limit: ``(9**99)**99`` is a 9,353-digit integer, and four such powers keep a kernel
busy for minutes. ``refuse_huge_numbers(tree, text)`` walks the parsed formula bottom-up,
estimates the number of digits of every exact number sympy would make (from logarithms,
never by computing the number), and raises ``TooLarge`` naming the learner's own part that
is too large. The estimate is an upper bound that is tight for powers and products.
"""

import ast
import math
from dataclasses import dataclass
from fractions import Fraction

MAX_DIGITS = 400  # a float64 stops at about 1.8e308: a longer exact number can only overflow or underflow
MAX_ROOT_DIGITS = 100  # sympy looks for perfect powers under a root: about 0.01 s at 100 digits, seconds at 1,000
# 14**1e-300 is a 10**300-th root: sympy took a worker to 22 GB on it (seen with a 10**200-th root too, while a
# 10**100-th root took 0.35 s); a root of degree up to 10**40 stays as fast as a square root
MAX_ROOT_DEGREE_DIGITS = 40
LOG2 = math.log10(2)


class TooLarge(ValueError):
    """A part of the formula would make too large an exact number; str(error) names it, in one line."""


@dataclass(frozen=True)
class Size:
    """How large a part's exact numbers get, as log10: its coefficient (num/den) and the largest number inside it.

    The coefficient is what an outer power raises: sympy writes (9**99*x)**2 as 9**198*x**2.
    Numbers inside a sum or a function stay where they are: (x + 9**99)**2 keeps 9**99.
    """

    top: float = 0.0
    bottom: float = 0.0
    inside: float = 0.0
    constant: bool = True  # the part has no x in it

    @property
    def coefficient(self):
        return self.top + self.bottom

    @property
    def digits(self):
        return max(self.coefficient, self.inside)


def refuse_huge_numbers(tree, text, value_of):
    """Raise TooLarge naming the first part of the formula that would make too large an exact number.

    ``value_of(node)`` returns the float value of a part without x (used for exponents).
    """
    _size(tree.body, text, value_of)


def _size(node, text, value_of):
    if isinstance(node, ast.Constant):
        return _checked(_literal(node.value), node, text)
    if isinstance(node, ast.Name):
        return Size(constant=node.id != "x")
    if isinstance(node, ast.UnaryOp):
        return _size(node.operand, text, value_of)
    if isinstance(node, ast.Call):
        return _checked(_call(node, _size(node.args[0], text, value_of), text), node, text)
    left, right = _size(node.left, text, value_of), _size(node.right, text, value_of)
    both = left.constant and right.constant
    if isinstance(node.op, ast.Pow):
        size = _power(node, left, right, text, value_of)
    elif isinstance(node.op, (ast.Mult, ast.Div)):
        if isinstance(node.op, ast.Div):
            right = Size(right.bottom, right.top, right.inside, right.constant)
        # 3*(x + 9**99) becomes 3*x + 3*9**99: a factor multiplies the numbers inside a sum
        inside = max(left.inside + right.coefficient, right.inside + left.coefficient)
        size = Size(left.top + right.top, left.bottom + right.bottom, inside, both)
    else:  # + and -: a/b + c/d = (ad + bc) / bd; sympy also adds the coefficients of like terms (2*x + 3*x)
        top = max(left.top + right.bottom, right.top + left.bottom) + LOG2
        size = Size(top, left.bottom + right.bottom, max(left.inside, right.inside), both)
        if not both:  # a sum with x in it: an outer power leaves it whole, (x + 1)**100
            size = Size(inside=size.digits, constant=False)
    return _checked(size, node, text)


def _literal(value):
    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)  # as sympy.Rational(repr(v)) does
    return Size(_log10(exact.numerator), _log10(exact.denominator))


def _power(node, base, exponent, text, value_of):
    if not exponent.constant:  # 3**x stays a power; its derivative 3**x*log(3) adds no large number
        return Size(inside=max(base.digits, exponent.digits), constant=False)
    power = value_of(node.right)
    if power != int(power):
        _root_checked(base, node, text)
        if base.constant and exponent.bottom > MAX_ROOT_DEGREE_DIGITS:
            raise TooLarge(f"{_part(node, text)} takes a root of degree about 10**{math.ceil(exponent.bottom):,} "
                           "of a number, too hard to work out exactly: write the exponent with fewer "
                           "decimals, like 0.5 or 1/3")
    top, bottom = base.top * abs(power), base.bottom * abs(power)
    if power < 0:
        top, bottom = bottom, top
    return Size(top, bottom, max(base.inside, exponent.digits), base.constant)


def _call(node, argument, text):
    name = node.func.id
    if name == "sqrt":
        _root_checked(argument, node, text)
        return Size(argument.top / 2, argument.bottom / 2, argument.inside, argument.constant)
    if name == "abs":
        return argument  # abs(-3*x) is 3*abs(x): the coefficient comes out
    return Size(inside=argument.digits, constant=argument.constant)  # sin(9**99) stays sin(9**99)


def _checked(size, node, text):
    if size.digits > MAX_DIGITS:
        raise TooLarge(f"{_part(node, text)} makes a number with about {_digits(size)} digits, too large to work "
                         f"out exactly: keep every number under {MAX_DIGITS} digits (a float64 stops at 1.8e308)")
    return size


def _root_checked(size, node, text):
    if size.coefficient > MAX_ROOT_DIGITS:
        raise TooLarge(f"{_part(node, text)} takes a root of a number with about {math.ceil(size.coefficient):,} digits, too large "
                         f"to work out exactly: keep numbers under a root under {MAX_ROOT_DIGITS} digits")


def _part(node, text):
    part = ast.get_source_segment(text, node) or ast.unparse(node)
    return part if len(part) <= 40 else part[:37] + "..."


def _digits(size):
    return f"{math.ceil(size.digits):,}"


def _log10(integer):
    integer = abs(integer)
    return 0.0 if integer <= 1 else math.log10(integer)
