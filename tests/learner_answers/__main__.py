"""`python -m tests.learner_answers`: how many learner answers the checkers misjudge, and which."""

import sys
import warnings
from collections import Counter

from . import ANSWERS, misjudgement


def main():
    wrong = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for entry in ANSWERS:
            if problem := misjudgement(entry):
                wrong.append((entry, problem))
    for entry, problem in wrong:
        print(f"- {entry.id}: {problem}")
    counts = Counter(f"{entry.lesson} {entry.question}" for entry in ANSWERS)
    print(f"{len(ANSWERS)} answers ({dict(counts)}), {len(wrong)} misjudged")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
