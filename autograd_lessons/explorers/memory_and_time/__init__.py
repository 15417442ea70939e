"""Lesson 13's explorers: memory against recomputation (checkpointing.py), and float16 under a loss scale (loss_scale.py)."""
