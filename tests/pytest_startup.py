"""Loaded first by make test (``-p tests.pytest_startup``), before pytest's other plugins: set-up only, no tests.

nbval reads notebooks with nbformat, which imports jsonschema, which imports the optional ``rfc3987_syntax`` if it is
installed (jupyter_server's jupyter-events pulls it in) and builds its IRI grammar with lark: 1.2 s in every pytest
process (the controller, before any worker starts, then each worker). Only its "iri" string format needs it; nbformat
validates without formats and no test checks an IRI, so pytest's processes go without it. Kernels and the learner's
JupyterLab are untouched.
"""

import gc
import sys

sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: `import rfc3987_syntax` raises ImportError

# The cyclic garbage collector runs less often in pytest's processes. The explorer tests make and drop thousands of
# widgets, figures and graphs; with Python's default first threshold (700 allocations) the collector ran about 3,700
# times in tests/explorers + tests/exercises and took 4.6-5.7 s of their 60 s; at 20,000 it ran about 730 times and
# took 1.6 s. Nothing here relies on when garbage is collected, and memory stays far below the machine's. Kernels keep
# Python's default.
gc.set_threshold(20_000, 20, 100)
