"""Governance of rules: when each rule is in effect, which rules work against each other,
and the handbook of each department's rules.

A rule runs from its ``effective`` date (included) until its ``expires`` date (excluded:
on that day it no longer runs); a rule without its own dates takes its rulebook's. The
day is today, or ``BRANDVOICE_TODAY`` (``YYYY-MM-DD``) to see what runs on another day.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from .errors import UsageError

if TYPE_CHECKING:
    from .config import Project
    from .config.load import LoadedRulebook
    from .kinds.base import RuleBase

TODAY_VARIABLE = "BRANDVOICE_TODAY"


def today() -> datetime.date:
    """Today, or the day ``BRANDVOICE_TODAY`` names."""
    given = os.environ.get(TODAY_VARIABLE)
    if not given:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(given.strip())
    except ValueError:
        raise UsageError(f"{TODAY_VARIABLE}='{given}' is not a date: write it as YYYY-MM-DD, "
                         "for example 2027-01-31") from None


def period(rule: "RuleBase", book: "LoadedRulebook | None"
           ) -> tuple[datetime.date | None, datetime.date | None]:
    """The rule's first day and the day it stops (its own, else its rulebook's)."""
    effective = rule.effective or (book.book.effective if book else None)
    expires = rule.expires or (book.book.expires if book else None)
    return effective, expires


def rationale(rule: "RuleBase", book: "LoadedRulebook | None") -> str | None:
    return rule.rationale or (book.book.rationale if book else None)


def out_of_effect(rule: "RuleBase", book: "LoadedRulebook | None",
                  day: datetime.date) -> str | None:
    """Why the rule does not run on ``day`` (None: it runs)."""
    effective, expires = period(rule, book)
    if effective is not None and day < effective:
        return f"not in effect until {effective.isoformat()}"
    if expires is not None and day >= expires:
        return f"expired on {expires.isoformat()}"
    return None


# --- conflicts ---------------------------------------------------------------------------

@dataclass
class Conflict:
    """Rule ``rule`` puts ``text`` in a reply (how says ``action``) and ``other`` flags it."""

    rule: str
    owner: str | None
    action: str  # "replaces ... with", "suggests", "requires"
    text: str
    other: str
    other_owner: str | None
    message: str

    def describe(self) -> str:
        def who(rule: str, owner: str | None) -> str:
            return f"{rule} ({owner})" if owner else rule

        return (f"{who(self.rule, self.owner)} {self.action} '{self.text}', which "
                f"{who(self.other, self.other_owner)} flags: {self.message}")

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "owner": self.owner, "action": self.action,
                "text": self.text, "other": self.other, "other_owner": self.other_owner,
                "message": self.message}


def _offered(rule: "RuleBase") -> Iterable[tuple[str, str]]:
    """The wording a rule puts into replies: (how, text)."""
    kind = rule.kind
    if kind == "replace":
        for wrong, right in rule.replace.items():
            for text in right if isinstance(right, list) else [right]:
                yield f"replaces '{wrong}' with", text
    elif kind == "forbid":
        for text in rule.suggest:
            yield "suggests", text
    elif kind == "require":
        for text in rule.require:
            yield "requires", text


def conflicts(project: "Project") -> list[Conflict]:
    """Rules that flag the wording another rule asks for: a replacement, a suggestion or
    a required phrase that some other rule in effect finds a problem with. Each offered
    wording is checked, on its own, by every rule in effect (the persona aside: a phrase
    alone has no tone or readability).

    Only findings that say the words are wrong count. A ``require`` rule woken by the
    offered words, a ``metric`` or a ``limit`` with ``min`` asks for something more in
    the draft, which can be written alongside: a phrase alone lacks every required
    phrase and has no meaningful word count, so they would make every offer a conflict."""
    from .config import Project as ProjectModel
    from .lint import Linter

    rules_only = ProjectModel(config=project.config, persona=None,
                              rulebooks=project.rulebooks, path=project.path)
    linter = Linter(project=rules_only)
    owners = {check.rule.id: check.owner for check in linter.checks
              if getattr(check, "rule", None) is not None}
    wording = {check.rule.id for check in linter.checks
               if getattr(check, "rule", None) is not None and check.flags_wording}
    asked: list[tuple[str, str, str]] = []
    for book in project.rulebooks:
        for rule in book.rules:
            if rule.id in owners:
                asked.extend((rule.id, how, text) for how, text in _offered(rule))
    found: list[Conflict] = []
    results = linter.check_many([text for _, _, text in asked])
    for (rule_id, how, text), result in zip(asked, results):
        # each rule of a finding that several rules report (merged: f.also)
        for finding in (part for merged in result.findings for part in merged.split()):
            if finding.rule == rule_id or finding.rule not in wording:
                continue
            found.append(Conflict(rule_id, owners[rule_id], how, text, finding.rule,
                                  finding.owner, finding.message))
    return found
