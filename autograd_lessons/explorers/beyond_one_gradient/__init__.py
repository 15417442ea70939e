"""Lesson 10's explorers: the cost of a Jacobian in each mode (jacobian_cost.py), the curvature of a valley
(curvature.py)."""
