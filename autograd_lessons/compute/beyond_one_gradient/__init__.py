"""Lesson 10's maths: what a whole Jacobian costs in each mode (jacobian_cost.py), and second order (curvature.py)."""
