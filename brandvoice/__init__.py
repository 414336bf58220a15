"""brandvoice: brand-voice guidelines as code.

The data flows load -> compile -> lint -> report::

    from brandvoice import Linter
    linter = Linter.from_config("brandvoice.yaml")
    result = linter.check("We guarantee a refund!", channel="twitter", context="complaint")
    result.passed, result.score, [f.rule for f in result.findings]
"""

from .lazyspacy import install as _spacy_without_its_cli

_spacy_without_its_cli()  # before anything imports spaCy: see brandvoice/lazyspacy.py

from .drafts import Draft  # noqa: E402
from .drafts import read_file as read_drafts  # noqa: E402
from .errors import (  # noqa: E402
    BrandvoiceError,
    ConfigError,
    LabelsError,
    Location,
    Problem,
    UnknownName,
    UsageError,
)
from .lint import Linter  # noqa: E402
from .result import Finding, Fix, Result  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "BrandvoiceError", "ConfigError", "Draft", "Finding", "Fix", "LabelsError", "Linter",
    "Location", "Problem", "Result", "UnknownName", "UsageError", "__version__",
    "read_drafts",
]
