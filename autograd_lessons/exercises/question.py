"""One exercise: its answer checked at once, hints and a solution on demand.

A :class:`Question` ties a checker (a function in the torch-only layer that returns a
checking Result) to the display layer. ``check`` never raises on a learner's mistake:
a wrong number of answers, an answer the checker did not foresee, even a bug in the
checker itself, all come back as an "incorrect" box that says what to pass instead.

In a graded assignment (issue 20's class tools write its setup cell), ``graded_assignment()``
turns every ``solution()`` into a sentence saying it is not available, and, if the instructor
asks, every ``hint()`` too. It only ever tightens: nothing a learner's later cell calls turns
solutions back on, not even ``graded_assignment(hints=True)`` after ``hints=False``. (A learner
who reads the package's source can still find the solutions: it is on their disk.) In a test
cell, ``qN.grade(...)`` prints the verdict and its cause on lines the class report reads, and
raises AssertionError unless the answer is right.
"""

import inspect
import warnings

from .checking import GENERAL_CAUSES, INCORRECT, Result, incorrect
from .feedback import Feedback, Hint, Solution

# what a graded assignment has switched off in this kernel: set by graded_assignment(), never switched back on
_GRADED = {"solutions": False, "hints": False}


def graded_assignment(hints=True):
    """Turn this kernel's course into a graded assignment: no ``solution()``, and no ``hint()`` if hints=False.

    Called by the locked setup cell of an assignment that tools/classroom wrote. Calling it again
    can only switch more off: solutions stay off, and hints once switched off stay off.
    """
    _GRADED["solutions"] = True
    _GRADED["hints"] = _GRADED["hints"] or not hints


def in_graded_assignment():
    """Return which helps a graded assignment has switched off in this kernel: {"solutions": ..., "hints": ...}."""
    return dict(_GRADED)


class Question:
    """An exercise: ``q.check(...)`` judges the answer, ``q.hint()`` nudges, ``q.solution()`` shows one way."""

    def __init__(self, name, title, arguments, checker, hints, solution, explanation, causes=None):
        self.name = name
        self.title = title
        self.arguments = tuple(arguments)
        self.hints = tuple(hints)
        self.solution_code = solution.strip("\n")
        self.explanation = explanation
        self.causes = dict(causes or {})  # the misconceptions its wrong verdicts name: cause -> the course's words
        self._checker = checker
        self._module = getattr(checker, "__module__", "") or ""  # kept: a learner may replace the checker later

    @property
    def all_causes(self):
        """Every cause a wrong verdict of this question can carry: its own, then the general ones."""
        return {**self.causes, **GENERAL_CAUSES}

    @property
    def call(self):
        """The check as the exercise cell writes it, e.g. ``q2.check(dz_dx, dz_dy)``."""
        return f"{self.name}.check({', '.join(self.arguments)})"

    def judge(self, *answers, **named):
        """Return the checking Result for the answers (positional, or by the names the cell uses)."""
        positional = set(self.arguments[:len(answers)])
        if len(answers) + len(named) != len(self.arguments) or not set(named) <= set(self.arguments) - positional:
            count = len(self.arguments)
            if (len(answers) == 1 and not named and count > 1 and isinstance(answers[0], (tuple, list))
                    and len(answers[0]) == count):
                kind = type(answers[0]).__name__
                return incorrect(f"you passed one {kind} of {count} items, and `{self.name}.check` takes its "
                                 f"{count} answers one by one, without brackets around them: `{self.call}`.",
                                 "not-checkable")
            return incorrect(f"`{self.name}.check` takes {count} answer{'' if count == 1 else 's'}, "
                             f"as the last line of the cell has it: `{self.call}`.", "not-checkable")
        answers += tuple(named[key] for key in self.arguments[len(answers):])
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a warning would land under the learner's cell, on stderr
                result = self._checker(*answers)
        except Exception as error:  # a case the checker did not foresee must not become the learner's traceback
            result = incorrect(f"this answer could not be checked ({type(error).__name__}). Make sure the cell "
                               f"ran without an error, and pass what the exercise asks for: `{self.call}`.",
                               "not-checkable")
        if not isinstance(result, Result):
            result = incorrect(f"this answer could not be checked. Pass what the exercise asks for: `{self.call}`.",
                               "not-checkable")
        return result

    def check(self, *answers, **named):
        """Judge the answer and show the verdict as a green, red or grey box; never raises."""
        return Feedback(self.judge(*answers, **named))

    def hint(self, *numbers, **named):
        """Show hint number n, ``hint(n)`` (1 by default); each hint says whether there is a next one."""
        if _GRADED["hints"]:
            return Hint(f"hints are turned off in this graded assignment: `{self.name}.hint()` shows none.")
        total = len(self.hints)
        calls = " or ".join(f"`{self.name}.hint({n})`" for n in range(1, total + 1))
        if named or len(numbers) > 1:
            return Hint(f"`{self.name}.hint` takes one hint number, written without a name: {calls}.")
        number = numbers[0] if numbers else 1
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= total:
            return Hint(f"{self.name} has {total} hints: {calls}.")
        more = f"`{self.name}.hint({number + 1})` gives another" if number < total else ""
        return Hint(self.hints[number - 1], heading=f"Hint {number} of {total}" if total > 1 else "Hint", more=more)

    def solution(self, *args, **named):
        """Show one solution, with a sentence on why it works."""
        if args or named:
            return Hint(f"`{self.name}.solution()` takes nothing between its brackets: write `{self.name}.solution()`.")
        if _GRADED["solutions"]:
            more = f" `{self.name}.hint()` still helps." if not _GRADED["hints"] else ""
            return Hint(f"the solution is not available in a graded assignment.{more} Run `{self.call}` "
                        "to see what the checker says about your answer.", heading="Solution")
        return Solution(self.solution_code, self.explanation)

    @property
    def lesson(self):
        """The stem of the lesson this question belongs to (``practice_exercises``), from its checker's module."""
        parts = self._module.split(".")
        return parts[2] if len(parts) > 3 and parts[:2] == ["autograd_lessons", "exercises"] else ""

    def grade(self, *answers, **named):
        """Judge the answer in a graded test cell: print the verdict and the lines the class report reads.

        Prints the verdict as text, then ``question: <lesson>.<name>``, ``verdict: <status>`` and, for a
        wrong answer, ``cause: <name>``; raises AssertionError unless the answer is right, so the test
        cell earns its points only then. Returns the Result.
        """
        result = self.judge(*answers, **named)
        print(repr(Feedback(result)))
        print(f"question: {self.lesson}.{self.name}")
        print(f"verdict: {result.status}")
        if result.status == INCORRECT:
            print(f"cause: {result.cause or 'other'}")
        if not result.correct:
            raise AssertionError(f"{self.name}: the checker's verdict is {result.status!r}")
        return result

    def __repr__(self):
        return (f"{self.name} · {self.title}: run `{self.call}` at the end of its cell; "
                f"`{self.name}.hint()` and `{self.name}.solution()` help.")


def question(title, hints, solution, explanation, causes=None):
    """Decorate a checker to make it a Question named like it, whose answers are the checker's parameters.

    causes maps each misconception its wrong verdicts name (``incorrect(message, "assigned-not-added")``)
    to the course's explanation of it, which the class report shows beside the count.

    >>> @question(title="one variable", hints=["..."], solution="answer = x.grad", explanation="...")
    ... def q1(answer):
    ...     return verdict(number(answer), 32.0, right="...")
    """

    def make(checker):
        arguments = list(inspect.signature(checker).parameters)
        return Question(checker.__name__, title, arguments, checker, hints, solution, explanation, causes)

    return make
