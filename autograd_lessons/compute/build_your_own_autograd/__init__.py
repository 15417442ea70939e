"""Lesson 7's maths: the learner's own ``Value`` engine read as a graph, and run backward one value at a time.

engine_graph.py reads a learner's object by its attributes only (``data``, ``grad``, ``_prev``,
``_op``, ``_backward``), never by its class; engine_steps.py calls each ``_backward`` once (all of them under one time
budget, through bounded.run_bounded) and records what it added to each parent.
"""
