"""Names a package loads from its submodules on first use (PEP 562), so importing it stays cheap."""

import sys
from importlib import import_module


def lazy_exports(package, exports):
    """Return the ``__getattr__`` and ``__dir__`` of a package whose names live in submodules.

    exports maps each public name to the submodule that defines it.
    """

    def __getattr__(name):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{exports[name]}"), name)
        setattr(sys.modules[package], name, value)  # the next lookup is an ordinary attribute
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
