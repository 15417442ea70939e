"""Lesson 13's explorers: memory against recomputation (checkpointing.py), float16 and a loss scale (loss_scale.py)."""
