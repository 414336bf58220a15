"""``brandvoice lsp``: a language server for editors (see docs/editors.md).

Needs the ``lsp`` extra (pygls and lsprotocol): ``pip install 'brandvoice[lsp]'``.
"""

from ..extras import require

require("lsp")

from .server import Server, create_server  # noqa: E402  (after the check of the extra)

__all__ = ["Server", "create_server"]
