"""What the linter gives back: findings, and one result per draft."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

#: Severities from lowest to highest (as in ``kinds.base.SEVERITIES``).
_RANK = {"suggestion": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace the draft's characters ``start``..``end`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    #: Where the fix is in the source file (line, column, end line, end column) and the
    #: replacement as written there (escaped or quoted in a collection; None when it cannot
    #: be written there safely). Filled in by the linter; used by SARIF output.
    where: tuple[int, int, int, int] | None = field(default=None, compare=False)
    written: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a draft.

    ``line`` and ``column`` are 1-based, counted in code points, in the source file
    the draft came from; ``start`` and ``end`` are 0-based offsets in the draft text.
    """

    rule: str
    severity: str
    message: str
    match: str
    line: int
    column: int
    start: int
    end: int
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    owner: str | None = None
    link: str | None = None
    #: What kind of problem it is (the rule's ``category``; None when it has none).
    category: str | None = None
    #: Where the match ends in the source file (1-based; the column just after it).
    end_line: int = 0
    end_column: int = 0
    #: The other rules that found the same problem at the same place (see :func:`merged`).
    also: list[str] = field(default_factory=list)
    #: The findings merged into this one, each as its own rule made it; empty when this
    #: finding is one rule's alone.
    parts: tuple["Finding", ...] = field(default=(), compare=False, repr=False)

    @property
    def rules(self) -> list[str]:
        """Every rule that reports this finding: ``rule``, then those in ``also``."""
        return [self.rule, *self.also]

    def split(self) -> list["Finding"]:
        """The findings of each rule, as they were before they were merged into this one."""
        return list(self.parts) or [self]

    def without(self, drop: Callable[["Finding"], bool]) -> "Finding | None":
        """This finding as the rules left report it when the parts ``drop`` picks are left
        out (a rule switched off, a baseline entry): None when no rule is left."""
        parts = self.split()
        kept = [part for part in parts if not drop(part)]
        if len(kept) == len(parts):
            return self
        return merged(kept) if kept else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "also": list(self.also),
            "severity": self.severity,
            "message": self.message,
            "match": self.match,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "owner": self.owner,
            "link": self.link,
            "category": self.category,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


def merged(findings: Sequence[Finding]) -> Finding:
    """One finding for the findings of several rules on the same problem at the same place.

    The highest severity wins (then a finding with a fix, then the lower rule id): its rule,
    message, owner and link are kept, the other rules are named in ``also``. Suggestions are
    pooled, each once, the winner's first. The fix is kept only when every rule that offers
    one offers the same (a rule with no fix does not object).
    """
    parts = [part for finding in findings for part in finding.split()]
    if len(parts) == 1:
        return parts[0]
    ranked = sorted(parts, key=lambda f: (-_RANK[f.severity], f.fix is None, f.rule))
    first = ranked[0]
    offered = {(f.fix.start, f.fix.end, f.fix.replacement) for f in ranked if f.fix}
    fix = next((f.fix for f in ranked if f.fix), None) if len(offered) == 1 else None
    return dataclasses.replace(
        first,
        suggestions=list(dict.fromkeys(s for f in ranked for s in f.suggestions)),
        fix=fix,
        also=sorted({f.rule for f in ranked} - {first.rule}),
        parts=tuple(ranked))


class Result:
    """The verdict on one draft: its findings, score and whether it passes.

    ``metrics`` is computed on first use: readability and sentiment cost time that a
    plain-text report never needs.
    """

    __slots__ = ("id", "source", "channel", "department", "context", "text", "findings",
                 "score", "passed", "_metrics", "_measure", "inferred", "tone")

    def __init__(self, *, id: str, source: str | None, channel: str | None,
                 department: str | None, context: str | None, text: str,
                 findings: list[Finding], score: int, passed: bool,
                 measure: Callable[[], dict[str, Any]], inferred: Any = None):
        self.id = id
        self.source = source
        self.channel = channel
        self.department = department
        self.context = context
        self.text = text
        self.findings = findings
        self.score = score
        self.passed = passed
        self._metrics: dict[str, Any] | None = None
        self._measure = measure
        #: How ``context`` was read from ``in_reply_to`` (a conversation.Inferred), if it was.
        self.inferred = inferred
        #: How polite the draft reads and why (a politeness.Reading), when asked for
        #: (``brandvoice check --explain-tone``, :meth:`explain_tone`).
        self.tone: Any = None

    @property
    def metrics(self) -> dict[str, Any]:
        if self._metrics is None:
            self._metrics = self._measure()
            self._measure = None
        return self._metrics

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "source": self.source,
            "channel": self.channel,
            "department": self.department,
            "context": self.context,
            "score": self.score,
            "passed": self.passed,
            "metrics": self.metrics,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.inferred is not None:  # only for a context read from in_reply_to
            data["context_inferred"] = self.inferred.to_dict()
        if self.tone is not None:  # only when asked for
            data["tone"] = self.tone.to_dict()
        return data

    def explain_tone(self) -> Any:
        """How polite the draft reads and which strategies made it so (a
        :class:`~brandvoice.politeness.Reading`, None for a draft without words); kept, so
        that ``to_dict`` gives it as ``tone``."""
        from .politeness import read_politeness
        from .social import read_social

        if self.tone is None:
            self.tone = read_politeness(read_social(self.text).prose)
        return self.tone

    def __repr__(self) -> str:
        return (f"Result(id={self.id!r}, score={self.score}, passed={self.passed}, "
                f"findings={[f.rule for f in self.findings]})")
