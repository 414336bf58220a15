"""Report: results -> text for people; JSON, SARIF and GitHub annotations for programs.
Each format is one module with a ``render(results)`` function."""

from __future__ import annotations

from typing import Callable, Sequence

from ..kinds.base import SEVERITIES
from ..result import Result
from . import github as github_format
from . import json as json_format
from . import sarif as sarif_format
from . import text as text_format

Formatter = Callable[[Sequence[Result]], str]

FORMATS: dict[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "github": github_format.render,
}


def summarize(results: Sequence[Result]) -> dict[str, int]:
    """Counts of drafts, passes, failures and findings by severity."""
    summary = {"drafts": len(results), "passed": 0, "failed": 0}
    summary.update(dict.fromkeys(reversed(SEVERITIES), 0))
    for result in results:
        summary["passed" if result.passed else "failed"] += 1
        for finding in result.findings:
            summary[finding.severity] += 1
    return summary
