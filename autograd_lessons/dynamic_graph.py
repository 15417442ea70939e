"""Where Lesson 2 imports ``dynamic_graph`` from; the module itself lives in compute/dynamic_graph.py."""

from .compute.dynamic_graph import FUNCTIONS, DynamicGraph, dynamic_graph, shape

__all__ = ["FUNCTIONS", "DynamicGraph", "dynamic_graph", "shape"]
