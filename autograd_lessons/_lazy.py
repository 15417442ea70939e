"""How the package stays cheap to import, and how a learner's older notebook keeps working.

``lazy_exports``: names a package loads from its submodules on first use (PEP 562).
``keep_old_paths``: import paths the lessons used before the package was reorganised
still answer, so a lesson a learner changed and kept (``my-lessons/``) runs as it did.
"""

import importlib.abc
import importlib.util
import sys
import types
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


class _OldModule(types.ModuleType):
    """A module at an old import path: each name is looked up, under its new name, where it lives now."""

    def __init__(self, name, target, renamed):
        super().__init__(name, f"Old import path; its names now live in {target}.")
        self.__path__ = []  # a package with no folder: an old submodule path is found here too, never on disk
        self._target, self._renamed = target, renamed

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(import_module(self._target), self._renamed.get(name, name))


class _Package(types.ModuleType):
    """The package itself: importing ``autograd_lessons.tensor_state`` must not hide the function of that name."""

    def __setattr__(self, name, value):
        if isinstance(value, _OldModule) and name in getattr(self, "_EXPORTS", {}):
            return
        super().__setattr__(name, value)


class _OldPaths(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers only for the old module names in its table, and only when no real module has that name."""

    def __init__(self, table):
        self.table = table  # old dotted name -> (module that now has its names, {old name: new name})

    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name in self.table else None

    def create_module(self, spec):
        return _OldModule(spec.name, *self.table[spec.name])

    def exec_module(self, module):
        pass


def keep_old_paths(package, table):
    """Let ``from <old path> import name`` keep working for every old path in table (once per process).

    The finder is consulted after Python's own: a module that really exists always wins.
    """
    sys.modules[package].__class__ = _Package
    if not any(isinstance(finder, _OldPaths) for finder in sys.meta_path):
        sys.meta_path.append(_OldPaths(table))
