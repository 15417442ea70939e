"""Lesson 6's ten exercises, one module each: ``qN_<what it asks>.py`` holds the question ``qN``.

Each module has all a maintainer needs to know about its question: the title, the
hints, the solution and the checker, whose parameters are the answers the exercise
cell passes (``q5.check(w, b)``). The first four are the course's original
exercises (one variable, two variables, gradients that add up and a reset, three
variables); q5-q10 are built on mistakes learners really make, one from each of
Lessons 1-5: a ``.grad`` that stays None, a graph cut by ``torch.no_grad()``, a
second backward through a freed graph, backward from a vector, gradients that add
up across runs of a cell, and an update that turns a weight into a non-leaf.
"""
