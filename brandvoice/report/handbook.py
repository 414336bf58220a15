"""``brandvoice rules --format markdown``: the rules as a handbook, a page per department,
for the training sessions where staff learn what is and is not appropriate to post."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

from ..catalog import RuleEntry, _general

if TYPE_CHECKING:
    from ..responsibility import Duty

SEVERITY_WORDS = {"error": "must not be posted", "warning": "should be changed",
                  "suggestion": "could be better"}


def _quote(text: str) -> str:
    return text.replace("\n", " ").strip()


def _listed(phrases: Iterable[str], most: int = 8) -> str:
    phrases = list(phrases)
    shown = ", ".join(f"“{p}”" for p in phrases[:most])
    return shown + (f" and {len(phrases) - most} more" if len(phrases) > most else "")


def headline(rule) -> str:
    """What the rule asks, in a line: its own message made general, or its phrases."""
    if rule.message:
        return _general(rule.message)
    if rule.kind == "forbid":
        return f"Avoid {_listed(rule.phrases)}"
    if rule.kind == "replace":
        return f"Instead of {_listed(rule.replace)}, write the suggested wording"
    if rule.kind == "require":
        when = f"With {_listed(rule.when)}, write" if rule.when else "Write"
        if not rule.require:
            return f"{when} what its pattern asks for"
        return f"{when} one of {_listed(rule.require)}"
    return _general(rule.default_message)


def _rule(entry: RuleEntry) -> list[str]:
    rule = entry.rule
    lines = [f"### {headline(rule)}", "",
             f"`{rule.id}` · {rule.kind} · {entry.severity}: a reply that breaks it "
             f"{SEVERITY_WORDS.get(entry.severity, entry.severity)}."]
    if entry.status != "on":
        lines[-1] += f" **Not running: {entry.status.removeprefix('off (').rstrip(')')}.**"
    lines.append("")
    if entry.rationale:
        lines += [f"**Why:** {_quote(entry.rationale)}", ""]
    if entry.effective or entry.expires:
        since = f"from {entry.effective.isoformat()}" if entry.effective else ""
        until = f"until {entry.expires.isoformat()}" if entry.expires else ""
        lines += [f"**In effect:** {' '.join(p for p in (since, until) if p)}.", ""]
    scope = rule.scope.model_dump(exclude_none=True)
    if scope:
        parts = [f"{key} {', '.join(value) if isinstance(value, list) else value}"
                 for key, value in scope.items() if value]
        if parts:
            lines += [f"**Applies to:** {'; '.join(parts)}.", ""]
    suggestions = getattr(rule, "suggest", None) or []
    if rule.kind == "replace":
        pairs = [f"'{wrong}' → '{right if isinstance(right, str) else ' or '.join(right)}'"
                 for wrong, right in rule.replace.items()]
        lines += [f"**Write instead:** {', '.join(pairs)}.", ""]
    elif suggestions:
        lines += [f"**Try instead:** {', '.join(suggestions)}.", ""]
    if rule.examples.bad:
        lines += ["Not like this:", ""]
        lines += [f"- ✗ {_quote(example.text)}" for example in rule.examples.bad] + [""]
    if rule.examples.good:
        lines += ["Like this:", ""]
        lines += [f"- ✓ {_quote(example.text)}" for example in rule.examples.good] + [""]
    if rule.link:
        lines += [f"More: <{rule.link}>", ""]
    return lines


def who_answers_what(duties: Iterable["Duty"]) -> list[str]:
    """The page "Who answers what": the config's ``responsibilities``, a line per context."""
    from ..responsibility import PLURAL, either

    duties = list(duties)
    if not duties:
        return []
    lines = ["## Who answers what", "",
             "Each kind of message belongs to the people trained for it. A reply from "
             "another department is flagged, and handed over:", ""]
    for duty in duties:
        plural = PLURAL.get(duty.context, f"'{duty.context}' messages")
        lines.append(f"- **{plural[0].upper() + plural[1:]}** (`{duty.context}`): answered "
                     f"by {either(duty.answered_by)}. A reply from anyone else "
                     f"{SEVERITY_WORDS.get(duty.severity, duty.severity)}: hand it to "
                     f"{duty.handler}.")
    return lines + [""]


def render(listed: Iterable[RuleEntry], *, title: str = "Our rules for public replies",
           day: datetime.date | None = None,
           responsibilities: Iterable["Duty"] = ()) -> str:
    """A page per department (the rules' owner; rules without one last, as "Everyone"),
    after a page "Who answers what" when the config has ``responsibilities``."""
    pages: dict[str, list[RuleEntry]] = defaultdict(list)
    for entry in listed:
        pages[entry.owner or ""].append(entry)
    order = sorted(pages, key=lambda owner: (owner == "", owner))
    when = (day or datetime.date.today()).isoformat()
    lines = [f"# {title}", "",
             f"What each department asks of every reply we post, as checked by brandvoice "
             f"on {when}. Errors must be fixed before posting; warnings and suggestions "
             "should be.", ""]
    lines += who_answers_what(responsibilities)
    for owner in order:
        entries = sorted(pages[owner], key=lambda e: (e.status != "on", e.id))
        running = sum(e.status == "on" for e in entries)
        name = owner or "Everyone (rules without an owner)"
        lines += [f"## {name}", "",
                  f"{running} rule{'s' if running != 1 else ''} in effect"
                  + (f", {len(entries) - running} not running" if running < len(entries)
                     else "") + ".", ""]
        for entry in entries:
            lines += _rule(entry)
    return "\n".join(lines).rstrip() + "\n"
