"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning and many editors read.

One run; the rules that fired are listed in ``tool.driver.rules`` (id, description, help
text, link, default level, owner), each result points at its region in the source file
(columns in Unicode code points, as brandvoice counts them) and carries its fix, written
as it must appear in the file.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence, TextIO
from urllib.parse import quote

from ..result import Finding, Result

if TYPE_CHECKING:
    from . import Tally

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
#: The key of brandvoice's own fingerprint in ``partialFingerprints``.
FINGERPRINT = "brandvoiceFinding/v1"


def _uri(source: str) -> str:
    """A relative URI for a file shown as ``source`` (a path, '-' or '<text>')."""
    path = PurePath(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    region = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line >= line and (end_line, end_column) != (line, column):
        region.update(endLine=end_line, endColumn=end_column)
    return region


def _rule(rule_id: str, finding: Finding, described: Mapping[str, Any] | None) -> dict:
    """The rule as SARIF lists it: said of the rule (``described``), never of one finding;
    a rule nothing describes is named by its id."""
    described = described or {}
    text = described.get("description") or f"Findings of the rule {rule_id}."
    rule: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": text},
        "fullDescription": {"text": described.get("full") or text},
        "help": {"text": described.get("help") or text,
                 "markdown": described.get("markdown") or f"**{text}**"},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }
    link = described.get("link") or finding.link
    if link:
        rule["helpUri"] = link
    owner = finding.owner or described.get("owner")
    if owner:
        rule["properties"] = {"owner": owner}
    return rule


def fingerprint(rule: str, uri: str, draft: str, match: str, occurrence: int) -> str:
    """A finding's identity across runs: its rule, file, draft, matched text and which
    occurrence of that text it is; no line or column, so moving lines keeps it."""
    key = "\0".join((rule, uri, draft, match, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def information_uri() -> str | None:
    """The documentation link the installed package declares (Project-URL), if any."""
    from importlib import metadata

    try:
        urls = metadata.metadata("brandvoice").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    links = dict(url.split(", ", 1) for url in urls if ", " in url)
    return links.get("Documentation") or links.get("Homepage")


def _result(result: Result, finding: Finding, index: int, occurrence: int) -> dict[str, Any]:
    artifact = {"uri": _uri(result.source or result.id)}
    region = _region(finding.line, finding.column, finding.end_line, finding.end_column)
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint(
            finding.rule, artifact["uri"], result.id, finding.match, occurrence)},
        "properties": {"draft": result.id, "match": finding.match,
                       "suggestions": list(finding.suggestions)},
    }
    if finding.also:  # the other rules that found the same problem here
        out["properties"]["also"] = list(finding.also)
    if finding.category is not None:
        out["properties"]["category"] = finding.category
    fix = finding.fix
    if fix is not None and fix.where is not None and fix.written is not None:
        out["fixes"] = [{
            "description": {"text": f"Replace '{finding.match}' with '{fix.replacement}'."},
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [{"deletedRegion": _region(*fix.where),
                                  "insertedContent": {"text": fix.written}}],
            }],
        }]
    return out


def write(results: Iterable[Result], out: TextIO,
          rules: Mapping[str, Mapping[str, Any]] | None = None) -> "Tally":
    """Print the SARIF log; ``rules`` may describe rules by id (description, help). The
    results are spooled as they come; the rules that fired are listed at the end."""
    from .. import __version__
    from . import Tally, write_json

    tally = Tally()
    link = information_uri()
    index: dict[str, int] = {}
    driver_rules: list[dict[str, Any]] = []

    def sarif_results() -> Iterator[dict[str, Any]]:
        for result in tally.counted(results):
            seen: Counter = Counter()  # (rule, match) -> occurrences so far in this draft
            for finding in result.findings:
                if finding.rule not in index:
                    index[finding.rule] = len(driver_rules)
                    described = (rules or {}).get(finding.rule)
                    driver_rules.append(_rule(finding.rule, finding, described))
                occurrence = seen[finding.rule, finding.match]
                seen[finding.rule, finding.match] += 1
                yield _result(result, finding, index[finding.rule], occurrence)

    write_json(out, lambda: {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "brandvoice", "version": __version__,
                                "semanticVersion": __version__,
                                **({"informationUri": link} if link else {}),
                                "rules": list(driver_rules)}},
            "columnKind": "unicodeCodePoints",
            "results": None,
        }],
    }, "results", sarif_results())
    return tally


def render(results: Sequence[Result],
           rules: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The SARIF log as a string."""
    from . import rendered

    return rendered(write, results, rules)
