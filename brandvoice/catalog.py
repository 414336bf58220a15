"""What is loaded: every rule with its effective severity, owner, status and origin.

Serves ``brandvoice rules`` and ``brandvoice explain``; the linter does not use it.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any

from .config import Project
from .errors import Location, UsageError
from .governance import out_of_effect, period, rationale, today
from .kinds.base import RuleBase

COMMON_KEYS = ("id", "kind", "severity", "message", "scope", "link", "owner", "enabled",
               "examples", "rationale", "effective", "expires")


@dataclass
class RuleEntry:
    rule: RuleBase
    rulebook: str
    severity: str
    owner: str | None
    status: str  # "on", or why it is off
    location: Location | None
    rationale: str | None = None
    effective: datetime.date | None = None
    expires: datetime.date | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def kind(self) -> str:
        return self.rule.kind

    def keys(self) -> dict[str, Any]:
        """The kind's own keys, as written (defaults filled in)."""
        data = self.rule.model_dump(mode="json")
        return {k: v for k, v in data.items() if k not in COMMON_KEYS}

    def to_dict(self) -> dict[str, Any]:
        rule = self.rule
        return {
            "id": rule.id,
            "kind": rule.kind,
            "severity": self.severity,
            "owner": self.owner,
            "status": self.status,
            "rulebook": self.rulebook,
            "source": str(self.location) if self.location else self.rulebook,
            "message": rule.message or rule.default_message,
            "scope": rule.scope.model_dump(exclude_none=True),
            "link": rule.link,
            "rationale": self.rationale,
            "effective": self.effective.isoformat() if self.effective else None,
            "expires": self.expires.isoformat() if self.expires else None,
            "keys": self.keys(),
            "examples": rule.examples.model_dump(exclude_none=True),
        }


def entries(project: Project) -> list[RuleEntry]:
    config = project.config
    day = today()
    found: list[RuleEntry] = []
    for book in project.rulebooks:
        for rule in book.rules:
            severity = config.severity_for(rule.id, rule.severity)
            dates = out_of_effect(rule, book, day)
            if not rule.enabled:
                status = "off (enabled: false)"
            elif config.disables(rule.id):
                status = "off (disabled in the config)"
            elif dates:
                status = f"off ({dates})"
            else:
                status = "on"
            effective, expires = period(rule, book)
            found.append(RuleEntry(rule=rule, rulebook=book.name, severity=severity,
                                   owner=rule.owner or book.book.owner, status=status,
                                   location=rule.location, rationale=rationale(rule, book),
                                   effective=effective, expires=expires))
    return found


def find(project: Project, rule_id: str) -> RuleEntry:
    """The entry of ``rule_id``; a UsageError naming the closest ids when there is none."""
    listed = entries(project)
    for entry in listed:
        if entry.id == rule_id:
            return entry
    close = difflib.get_close_matches(rule_id, [e.id for e in listed], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"no loaded rule has the id '{rule_id}'{hint}")


def _general(template: str) -> str:
    """A message template made general: "Avoid '{match}'." -> "Avoid this wording."."""
    import re

    text = re.sub(r"'\{match\}'|\{match\}", "this wording", template)
    text = re.sub(r"'\{suggestion\}'|\{suggestion\}", "the suggested wording", text)
    return re.sub(r"\{[a-z_]+\}", "…", text)


def descriptions(project: Project) -> dict[str, dict[str, str]]:
    """For each loaded rule and persona check: a description and a help text, for output
    formats that list rules (SARIF)."""
    from .persona import MESSAGES

    described: dict[str, dict[str, str]] = {}
    for entry in entries(project):
        rule = entry.rule
        text = _general(rule.message or rule.default_message)
        help_parts = [text, f"Rule kind: {rule.kind}, from {entry.rulebook}."]
        if entry.owner:
            help_parts.append(f"Owner: {entry.owner}.")
        if rule.link:
            help_parts.append(f"Why: {rule.link}")
        described[rule.id] = {"description": text, "help": " ".join(help_parts)}
    for rule_id, template in MESSAGES.items():
        described.setdefault(rule_id, {"description": _general(template),
                                       "help": f"{_general(template)} Set in the persona."})
    return described
