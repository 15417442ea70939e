"""Lesson 12's maths: a custom Function's two Jacobians and the step-size curve (jacobians.py), and what
they say (readout.py)."""
