"""Where each node of a Graph goes on the page: igraph's layered (Sugiyama) layout, no Graphviz needed.

Columns follow the forward pass: leaves on the left, the output on the right.
A node's column is set by its longest path to the output, so every arrow points
rightwards and a leaf sits just left of the first node that uses it. An arrow
that skips columns travels through waypoints ("dummy vertices"), one per column
it crosses, so it never runs through a box; every arrow leaving one node shares
that node's waypoints, so a weight used in each of 100 steps is one lane, not
100 parallel lines. igraph then orders each column to cut crossings and spaces
the rows (``Graph.layout_sugiyama``, implemented in C): ``layered``.

A graph deeper than the page is wide is cut into bands of columns, stacked downwards
like lines of text, each band laid out on its own, its rows set so that arrows run
level (``rows``): an arrow that leaves the last column of a band is carried round,
along a track of its own in the gap below the band, into the first column of the
next band (``bands``).

igraph is imported on the first layout, not with the package.
"""

from .bands import Bands, Turn, carried
from .layered import Layout, layered_layout

__all__ = ["Bands", "Layout", "Turn", "carried", "layered_layout"]
