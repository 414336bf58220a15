"""Import spaCy without its command line until something asks for it.

``import spacy`` imports ``spacy.cli`` (for the one function ``spacy.info``), and with it
``requests``, ``weasel``, ``typer``'s commands and the model downloader: about a fifth of
a second that no brandvoice command uses. :func:`install`, called before spaCy is first
imported, puts a stand-in for ``spacy.cli`` in its place: the real package is imported
the first time anything reads from the stand-in (``spacy.cli.download``, ``from spacy.cli
import ...``, ``spacy.info()``), so code that uses spaCy's command line in the same
process gets it as it is. Measured in benchmarks/bench.py (cold start).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

CLI = "spacy.cli"


class _StandIn(types.ModuleType):
    """``spacy.cli`` until something reads from it: then the real one."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(real(), name)


def real() -> types.ModuleType:
    """The real ``spacy.cli``, imported now if the stand-in is still in its place."""
    current = sys.modules.get(CLI)
    if current is not None and not isinstance(current, _StandIn):
        return current
    for name in (CLI, f"{CLI}.info"):
        if isinstance(sys.modules.get(name), (_StandIn, _Info)):
            del sys.modules[name]
    module = importlib.import_module(CLI)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = module
    return module


class _Info(types.ModuleType):
    """``spacy.cli.info`` until something reads from it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        real()
        return getattr(importlib.import_module(f"{CLI}.info"), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported when called."""
    return real().info(*args, **kwargs)


def install() -> None:
    """Put the stand-in in place, unless spaCy (or its command line) is imported already
    or cannot be found."""
    if "spacy" in sys.modules or CLI in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return
    stand_in = _StandIn(CLI, "spaCy's command line, imported when first used")
    stand_in.__path__ = [os.path.join(os.path.dirname(spec.origin), "cli")]
    stand_in.__package__ = CLI
    stand_in.info = _info  # the real package's `info` is the function
    info = _Info(f"{CLI}.info")
    info.info = _info
    sys.modules[CLI] = stand_in
    sys.modules[f"{CLI}.info"] = info
