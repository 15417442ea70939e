"""A class on the course: graded nbgrader assignments from the lessons' own exercises, and the class report.

Run from the project's root, in an environment with the instructors' extra (``pip install -e '.[class]'``):

    python -m tools.classroom lessons                        # which lessons have checked exercises, and their questions
    python -m tools.classroom assignments COURSE [--lesson 06] [--no-hints]
        # writes COURSE/source/<lesson>/<lesson>.ipynb for every lesson with exercises (or the one asked for),
        # and the course's settings into COURSE/nbgrader_config.py (between two marker lines; the rest is kept)
    python -m tools.classroom report COURSE_OR_AUTOGRADED [--out report.html] [--title "Autograd, week 3"]
        # reads autograded/<student>/<assignment>/*.ipynb and writes one self-contained HTML page

Then nbgrader does the rest, from COURSE: ``nbgrader generate_assignment 06_practice_exercises``,
``release_assignment``, learners ``fetch_assignment`` and ``submit``, then ``collect``, ``autograde``,
``export``, ``generate_feedback``; and ``python -m tools.classroom report COURSE`` for what the class got wrong.

The modules: lessons.py finds the lessons with checked exercises and their exercise cells in the notebooks
(never a second copy of a question); assignments.py writes an nbgrader source notebook from a lesson;
hidden_tests.py holds, per question, the hidden assert that checks an answer without the course's checker;
report.py reads autograded notebooks into counts, and report_page.py draws them as one HTML page.
"""
