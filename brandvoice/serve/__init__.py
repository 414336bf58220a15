"""``brandvoice serve``: the linter as a local HTTP service and a web checker.

:class:`Service` holds the loaded project and answers checks, fixes and rule listings;
:func:`create_app` is the FastAPI app over it (see docs/serve.md). FastAPI and uvicorn
come with the ``serve`` extra (``pip install 'brandvoice[serve]'``): without them, importing
this package raises :class:`~brandvoice.extras.MissingExtra`, which says so.
"""

from ..extras import require

require("serve")

from .app import create_app  # noqa: E402  (after the check of the extra)
from .service import Service, TooLarge  # noqa: E402
from .workers import Busy, OverBudget  # noqa: E402

__all__ = ["Busy", "OverBudget", "Service", "TooLarge", "create_app"]
