"""Lesson 11's explorers: a training run to start, pause and step (training.py), and each layer's gradient (gradient_flow.py)."""
