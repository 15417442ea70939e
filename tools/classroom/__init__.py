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

What a graded assignment does and does not protect. ``qN.solution()`` answers with a sentence, and hints stay
unless ``--no-hints``; the setup cell that sets this is locked, and the switch only ever tightens, so a learner's
later cell cannot turn solutions back on by accident. A learner who opens the installed package's source can
still read every solution: it is on their disk (nbgrader has the same limit with any importable helper). Every
test cell pairs the checker's verdict with a hidden assert computed without the checker (hidden_tests.py), so
replacing or patching the checker earns nothing; a learner determined to patch torch or Python's builtins in
their own kernel is beyond any in-kernel test, and the report lists each answer the checker passed and the hidden
test refused. A question with no hidden test yet (a new lesson's) is named when the assignment is written.

nbgrader's own settings are the instructor's: ``c.CourseDirectory.course_id`` and ``c.Exchange.root`` (a folder
every learner can write, or an exchange plugin on Kubernetes) in COURSE/nbgrader_config.py. Learners are told
apart by their user, as nbgrader's exchange does on a hub; tests/grading/ plays several learners from one account
with ``nbgrader submit --student=<id>`` and ``collect --CollectApp.check_owner=False``.

The modules: lessons.py finds the lessons with checked exercises and their exercise cells in the notebooks
(never a second copy of a question); assignments.py writes an nbgrader source notebook from a lesson;
hidden_tests.py holds, per question, the hidden assert that checks an answer without the course's checker;
report.py reads autograded notebooks into counts, and report_page.py draws them as one HTML page.
"""
