"""``brandvoice serve``: the linter as a local HTTP service and a web checker.

:class:`Service` holds the loaded project and answers checks, fixes and rule listings;
:func:`create_app` is the FastAPI app over it (see docs/serve.md).
"""

from .app import create_app
from .service import Service, TooLarge

__all__ = ["Service", "TooLarge", "create_app"]
