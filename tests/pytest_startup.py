"""Loaded first by make test (``-p tests.pytest_startup``), before pytest's other plugins: start-up only, no tests.

nbval reads notebooks with nbformat, which imports jsonschema, which imports the optional ``rfc3987_syntax`` if it is
installed (jupyter_server's jupyter-events pulls it in) and builds its IRI grammar with lark: 1.2 s in every pytest
process (the controller, before any worker starts, then each worker). Only its "iri" string format needs it; nbformat
validates without formats and no test checks an IRI, so pytest's processes go without it. Kernels and the learner's
JupyterLab are untouched.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: `import rfc3987_syntax` raises ImportError
