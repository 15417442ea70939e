"""Where Lesson 1 imports ``tensor_state`` from; the module itself lives in compute/tensor_state.py."""

from .compute.tensor_state import TensorRow, TensorState, tensor_state

__all__ = ["TensorRow", "TensorState", "tensor_state"]
