"""Optional parts of brandvoice and the pip extras that install them.

``pip install brandvoice`` installs what checking drafts needs (the library, ``check``,
``test``, ``audit`` in text, JSON and CSV, the pre-commit hook). Some commands need more:

- ``brandvoice serve`` (the HTTP API and the web checker): the ``serve`` extra,
  ``pip install 'brandvoice[serve]'`` (FastAPI and uvicorn);
- ``brandvoice audit --html`` (the report with charts): the ``html`` extra,
  ``pip install 'brandvoice[html]'`` (matplotlib);
- ``brandvoice lsp`` (the language server for editors): the ``lsp`` extra,
  ``pip install 'brandvoice[lsp]'`` (pygls and lsprotocol);
- ``brandvoice audit --engine spark``, and the audit of Parquet files or of exports whose
  columns are mapped (``--text-column`` ...): the ``spark`` extra,
  ``pip install 'brandvoice[spark]'`` (pyspark, pyarrow, pandas).

The README's install, ``pip install -e ".[dev]"``, installs them all.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import BrandvoiceError

#: Each extra: the command that needs it and the top-level modules it installs.
EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "serve": ("brandvoice serve", ("fastapi", "uvicorn")),
    "html": ("brandvoice audit --html", ("matplotlib",)),
    "lsp": ("brandvoice lsp", ("pygls", "lsprotocol")),
    "spark": ("brandvoice audit --engine spark (and a Parquet export, or mapped columns)",
              ("pyarrow", "pandas", "pyspark")),
}


class MissingExtra(BrandvoiceError, ImportError):
    """A command needs an extra that is not installed (exit code 2 on the command line)."""

    def __init__(self, extra: str, module: str):
        command = EXTRAS[extra][0]
        super().__init__(f"{command} needs the '{extra}' extra: "
                         f"pip install 'brandvoice[{extra}]'", name=module)
        self.extra = extra


def require(extra: str) -> list[ModuleType]:
    """Import the modules of ``extra``, or raise :class:`MissingExtra` when one of them is
    not installed. A module that is installed but fails to import (a missing dependency of
    its own, a broken install) raises its own error."""
    modules = []
    for module in EXTRAS[extra][1]:
        try:
            modules.append(importlib.import_module(module))
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            raise MissingExtra(extra, module) from None
    return modules
