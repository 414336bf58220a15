"""What is loaded: every rule with its effective severity, owner, status and origin, and
every built-in check (persona, conversation and brandvoice's own findings, listed in
:mod:`brandvoice.registry`) with the same.

Serves ``brandvoice rules``, ``brandvoice explain`` and the server's ``/v1/rules``; the
linter does not use it.
"""

from __future__ import annotations

import datetime
import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Project
from .errors import Location, UsageError
from .governance import out_of_effect, period, rationale, today
from .kinds.base import RuleBase
from .registry import CHECKS, BuiltinCheck

COMMON_KEYS = ("id", "kind", "severity", "message", "scope", "link", "owner", "enabled",
               "examples", "rationale", "effective", "expires", "category")


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
    #: The rule's category, else its rulebook's.
    category: str | None = None

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
            "category": self.category,
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
            "builtin": False,
        }


@dataclass
class BuiltinEntry:
    """A built-in check as it stands in a project: on, or why it is off."""

    check: BuiltinCheck
    severity: str
    owner: str | None
    status: str
    location: Location | None = None

    @property
    def id(self) -> str:
        return self.check.id

    @property
    def kind(self) -> str:
        return self.check.kind

    @property
    def rulebook(self) -> str:
        """Where it comes from, in the place of a rulebook: its persona key, or built in."""
        check = self.check
        if check.kind == "persona" and check.needs_persona:
            return f"persona: {check.key}"
        return "built in"

    def to_dict(self) -> dict[str, Any]:
        check = self.check
        examples: dict[str, list[dict[str, Any]]] = {}
        for number, (kind, text) in enumerate((("bad", check.bad), ("good", check.good))):
            if text is not None:
                example: dict[str, Any] = {"text": text}
                if check.departments:
                    example["department"] = check.departments[number]
                if check.context:
                    example["context"] = check.context
                if check.in_reply_to:
                    example["in_reply_to"] = check.in_reply_to
                examples[kind] = [example]
        return {
            "id": check.id,
            "kind": check.kind,
            "severity": self.severity,
            "owner": self.owner,
            "category": check.category,
            "status": self.status,
            "rulebook": self.rulebook,
            "source": self.rulebook,
            "message": check.message,
            "scope": {},
            "link": None,
            "rationale": None,
            "effective": None,
            "expires": None,
            "keys": {},
            "examples": examples,
            "builtin": True,
            "checks": check.checks,
            "setting": check.setting,
            "example_setting": check.example_setting,
            "messages": dict(check.messages),
            "fixable": check.fixable,
            "switch_off": check.switch_off(),
            "docs": check.docs,
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
                                   effective=effective, expires=expires,
                                   category=rule.category or book.book.category))
    return found


def builtin_entries(project: Project) -> list[BuiltinEntry]:
    """Every built-in check, on or off in this project."""
    from .config.models import PERSONA_OWNER

    config, persona = project.config, project.persona
    # the persona's checks answer to the persona's owner; brandvoice's own to nobody
    owner = persona.owner if persona is not None else PERSONA_OWNER
    found: list[BuiltinEntry] = []
    for check in CHECKS:
        if config.disables(check.id):
            status = "off (disabled in the config)"
        elif check.needs_persona and persona is None:
            status = "off (no persona)"
        elif check.needs_persona and not check.active(persona):
            status = "off (not set in the persona)"
        elif check.config_key and not getattr(config, check.config_key):
            status = f"off (no {check.config_key} in the config)"
        else:
            status = "on"
        found.append(BuiltinEntry(check, config.severity_for(check.id, check.severity),
                                  owner=owner if check.kind == "persona" else None,
                                  status=status))
    return found


def listed(project: Project) -> list[RuleEntry | BuiltinEntry]:
    """What ``brandvoice rules`` lists: the rulebooks' rules, then the built-in checks."""
    return [*entries(project), *builtin_entries(project)]


def find(project: Project, rule_id: str) -> RuleEntry | BuiltinEntry:
    """The entry of ``rule_id``, a rule or a built-in check; a UsageError naming the
    closest ids when there is none."""
    listed_ = listed(project)
    for entry in listed_:
        if entry.id == rule_id:
            return entry
    close = difflib.get_close_matches(rule_id, [e.id for e in listed_], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"no loaded rule has the id '{rule_id}'{hint}")


def _general(template: str) -> str:
    """A message template made general: "Avoid '{match}'." -> "Avoid this wording."."""
    import re

    text = re.sub(r"'\{match\}'|\{match\}", "this wording", template)
    text = re.sub(r"'\{suggestion\}'|\{suggestion\}", "the suggested wording", text)
    return re.sub(r"\{[a-z_]+\}", "…", text)


def shown_path(name: str, root: Path | None = None) -> str:
    """A rulebook or persona file as a report shows it: relative to ``root`` (the working
    folder), never the absolute path of the machine that ran it; ``builtin:NAME`` as is."""
    path = Path(name)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return Path(os.path.relpath(path, root or Path.cwd())).as_posix()
    except ValueError:  # another drive (Windows): the file name alone
        return path.name


def _markdown_quote(text: str) -> str:
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def descriptions(project: Project, root: Path | None = None) -> dict[str, dict[str, Any]]:
    """For each loaded rule, persona check and brandvoice's own checks: a short and a full
    description, a help text and its Markdown (rationale, examples, link), the owner and
    the link, for output formats that list rules (SARIF). Paths are shown relative to
    ``root`` (the working folder)."""
    from .config.models import PERSONA_OWNER

    described: dict[str, dict[str, Any]] = {}
    for entry in entries(project):
        rule = entry.rule
        text = _general(rule.message or rule.default_message)
        where = shown_path(entry.rulebook, root)
        facts = [f"Rule kind: {rule.kind}, from {where}."]
        if entry.owner:
            facts.append(f"Owner: {entry.owner}.")
        why = entry.rationale
        full = f"{text} {why}" if why else text
        help_parts = [text, *([f"Why: {why}"] if why else []), *facts]
        markdown = [f"**{text}**", *([why] if why else [])]
        markdown.append(f"Rule kind `{rule.kind}`, from `{where}`"
                        + (f"; owner: {entry.owner}." if entry.owner else "."))
        for label, drafts in (("Flagged", rule.examples.bad), ("Fine", rule.examples.good)):
            if drafts:
                help_parts.append(f"{label}: " + "; ".join(f'"{d.text}"' for d in drafts))
                markdown.append(f"{label}:\n\n" + "\n".join(f"- {_markdown_quote(d.text)}"
                                                             for d in drafts))
        if rule.link:
            help_parts.append(f"More: {rule.link}")
            markdown.append(f"[More about this rule]({rule.link})")
        described[rule.id] = {"description": text, "full": full,
                              "help": " ".join(help_parts), "markdown": "\n\n".join(markdown),
                              "owner": entry.owner, "link": rule.link}
    persona = project.persona
    owner = persona.owner if persona is not None else PERSONA_OWNER
    persona_file = shown_path(project.config.persona, root) if project.config.persona \
        else "the persona"
    for check in CHECKS:
        text = check.summary
        if check.kind == "brandvoice":
            described.setdefault(check.id, {
                "description": text, "full": f"{text} Reported by brandvoice itself.",
                "help": text, "markdown": f"**{text}**\n\nReported by brandvoice itself.",
                "owner": None, "link": None})
            continue
        setting = (f"Always on (a draft with in_reply_to); owner: {owner}."
                   if not check.needs_persona else
                   f"Set by `{check.setting}` in {persona_file}; owner: {owner}.")
        described.setdefault(check.id, {
            "description": text, "full": f"{text} A persona check.",
            "help": f"{text} {setting.replace('`', '')}",
            "markdown": f"**{text}**\n\n{setting}", "owner": owner, "link": None})
    return described
