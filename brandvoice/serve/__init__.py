"""``brandvoice serve``: the linter as a local HTTP service and a web checker.

:class:`Service` holds the loaded project and answers checks, fixes and rule listings;
:func:`create_app` is the FastAPI app over it (see docs/serve.md).
"""

from .app import create_app
from .service import Service, TooLarge
from .workers import Busy, OverBudget

__all__ = ["Busy", "OverBudget", "Service", "TooLarge", "create_app"]
