"""Lesson 5's explorers: the gradient arrow on a function's contours (gradient.py), and gradient descent (descent.py)."""
