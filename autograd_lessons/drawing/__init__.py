"""The drawing layer: pictures of what ``compute/`` computes, with matplotlib alone.

Modules here import matplotlib (and Pillow, which matplotlib brings, to encode frames),
torch and ``compute/``; never ipywidgets or ``explorers/``, so every picture can be
drawn, saved and tested without a widget (tests/course/test_layers.py keeps it so).
"""
