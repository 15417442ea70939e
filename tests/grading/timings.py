"""``python -m tests.grading.timings [RUNS]``: the median wall time of each nbgrader step, over a few fresh cycles.

Each run hands Lesson 6 to three learners (solved, untouched, one with wrong answers) in a fresh temporary course
directory and exchange, and times every command as an instructor or a learner would run it; autograde and
feedback are also given per notebook. For the closing note of a change to the class tools, never for a test:
timings depend on the machine and its load.
"""

import statistics
import sys
import tempfile

from tests.grading.cycle import Cycle, edit_answers, learner_answer_cell, learner_answer_prelude, solved_answers
from tests.learner_answers import practice_exercises as practice_answers
from tools.classroom.lessons import lessons

LESSON6 = "06_practice_exercises"
PER_NOTEBOOK = ("autograde", "generate_feedback")


def one_cycle(lesson, folder):
    """Run the cycle once on three learners; return the Cycle with its times."""
    from tests.grading.test_cycle import wrong_answers
    cycle = Cycle(folder)
    cycle.write_assignments("06")
    cycle.release(LESSON6)
    for student in ("solved", "untouched", "wrong"):
        path = cycle.fetch(LESSON6, student)
        if student == "solved":
            edit_answers(path, solved_answers(lesson))
        if student == "wrong":
            edit_answers(path, {f"{ex.question.name}_answer":
                                learner_answer_cell(wrong_answers(ex.question.name, 0), ex.question, ex.check)
                                for ex in lesson.exercises},
                         extra_cells=[(1, learner_answer_prelude(practice_answers))])
        cycle.submit(LESSON6, student)
    cycle.grade(LESSON6)
    cycle.fetch_feedback(LESSON6, "wrong")
    cycle.report(cycle.folder / "report.html")
    return cycle


def main(runs=3):
    """Print each step's median time over the runs (per call; autograde and feedback also per notebook)."""
    lesson = lessons()[0]
    times = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="grading-timings-") as folder:
            for step, seconds in one_cycle(lesson, folder).times.items():
                times.setdefault(step, []).extend(seconds)
    print(f"median seconds over {runs} runs of Lesson 6 with 3 learners (per call):")
    for step, seconds in times.items():
        per_notebook = f"  ({statistics.median(seconds) / 3:.1f} per notebook)" if step in PER_NOTEBOOK else ""
        print(f"  {step:22} {statistics.median(seconds):6.1f}{per_notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
