"""Lesson 13's maths: the memory a step saves and what checkpointing trades for it (saved_memory.py, checkpointing.py),
and float16 gradients under a loss scale (loss_scale.py)."""
