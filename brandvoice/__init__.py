"""brandvoice: brand-voice guidelines as code.

The data flows load -> compile -> lint -> report::

    from brandvoice import Linter
    linter = Linter.from_config("brandvoice.yaml")
    result = linter.check("We guarantee a refund!", channel="twitter", context="complaint")
    result.passed, result.score, [f.rule for f in result.findings]
"""

from .drafts import Draft
from .drafts import read_file as read_drafts
from .errors import (
    BrandvoiceError,
    ConfigError,
    LabelsError,
    Location,
    Problem,
    UnknownName,
    UsageError,
)
from .lint import Linter
from .result import Finding, Fix, Result

__version__ = "0.1.0"

__all__ = [
    "BrandvoiceError", "ConfigError", "Draft", "Finding", "Fix", "LabelsError", "Linter",
    "Location", "Problem", "Result", "UnknownName", "UsageError", "__version__",
    "read_drafts",
]
