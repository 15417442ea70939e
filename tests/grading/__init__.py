"""make test-grading: the whole nbgrader cycle on fake learners (not run by make test; see test_cycle.py)."""
