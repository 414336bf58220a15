"""Audit: scorecards of a history of posted replies, per department, channel or month.

The export is read and checked as a stream (the batched linter, ``--jobs`` for several
cores); each group keeps only counters and the numbers its distributions need, so an
audit of 100,000 replies holds no reply in memory.

Per group: replies, pass rate, mean and median score, findings per 100 replies by rule
and by rule owner, the mean and spread of sentiment, formality and readability, and the
most frequent rules with two example replies each (by id; the text too with
``show_text``). Rows that cannot be audited as they should (no text, a date that cannot
be read, a channel the persona does not know) are counted and listed, never fatal.

Consistency (see docs/audit.md): for each department, how far its mean sentiment,
formality and readability grade sit outside the persona's targets, and how far from the
mean of all replies.
"""

from __future__ import annotations

import statistics
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Mapping

from .config import INPUT_RULE
from .drafts import Draft
from .config.names import KINDS
from .lint import Linter
from .result import Result

#: What replies can be grouped by.
GROUPS = ("department", "channel", "month", "author", "context")
#: Dates as exports write them, besides ISO 8601 (tried first).
DATE_FORMATS = (
    "%a %b %d %H:%M:%S %z %Y",  # Twitter: Tue Oct 31 22:10:47 +0000 2017
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%d %b %Y %H:%M",
    "%d %b %Y",
    "%b %d, %Y %I:%M %p",  # Oct 31, 2017 10:10 PM
    "%b %d, %Y",
)
#: The group of replies whose export does not give the field grouped on (department,
#: channel, context): the audit does not put them under the config's default.
NOT_GIVEN = "not given"
#: Group values that say a value is missing; they sort after the named groups.
MISSING = ("unknown", NOT_GIVEN)
#: Examples kept per rule and group.
EXAMPLES = 2
#: Rules listed per group.
TOP_RULES = 10


def parse_date(value: Any) -> datetime | None:
    """A timestamp from an export: ISO 8601, the Twitter API's format, a few common ones,
    or seconds since 1970. None when it cannot be read."""
    if isinstance(value, datetime):
        return value
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    # Unix seconds or milliseconds: ASCII digits only (isdigit is true for "²" or "٣" too)
    if text.isascii() and text.isdigit() and len(text) in (10, 13):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def group_order(key: tuple[str, ...]) -> tuple:
    """How groups are listed: by name without regard to case ("billing" next to
    "Billing"), then as written; "unknown" and "not given" after the named groups."""
    return tuple((value in MISSING, value.casefold(), value) for value in key)


def sorted_groups(groups: Mapping[tuple[str, ...], "Scorecard"]
                  ) -> list[tuple[tuple[str, ...], "Scorecard"]]:
    return sorted(groups.items(), key=lambda item: group_order(item[0]))


@dataclass
class Measure:
    """A running distribution: count, mean, spread and the values for the median (8 bytes
    a value)."""

    values: array = field(default_factory=lambda: array("d"))

    def add(self, value: float | None) -> None:
        if value is not None:
            self.values.append(float(value))

    def summary(self) -> dict[str, float | int | None]:
        values = self.values
        if not values:
            return {"n": 0, "mean": None, "median": None, "stdev": None, "min": None,
                    "max": None}
        return {"n": len(values), "mean": round(statistics.fmean(values), 3),
                "median": round(statistics.median(values), 3),
                "stdev": round(statistics.pstdev(values), 3),
                "min": round(min(values), 3), "max": round(max(values), 3)}


@dataclass
class Scorecard:
    """One group's numbers."""

    key: dict[str, str]
    replies: int = 0
    passed: int = 0
    scores: Measure = field(default_factory=Measure)
    sentiment: Measure = field(default_factory=Measure)
    politeness: Measure = field(default_factory=Measure)
    formality: Measure = field(default_factory=Measure)
    grade: Measure = field(default_factory=Measure)
    rules: Counter = field(default_factory=Counter)
    owners: Counter = field(default_factory=Counter)
    examples: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    #: Replies whose department and context a responsibility names (who answers what),
    #: and of those, the ones a department that answers that context wrote.
    routed: int = 0
    routed_right: int = 0

    def add(self, result: Result, show_text: bool, judged: Any = None) -> None:
        if judged is not None:
            self.routed += 1
            self.routed_right += judged[1]
        self.replies += 1
        self.passed += result.passed
        self.scores.add(result.score)
        metrics = result.metrics
        self.sentiment.add(metrics.get("sentiment"))
        self.politeness.add(metrics.get("politeness"))
        self.formality.add(metrics.get("formality"))
        self.grade.add(metrics.get("flesch_kincaid_grade"))
        for finding in result.findings:
            self.rules.update(finding.rules)  # each rule that found it (its also too)
            self.owners[finding.owner or "unowned"] += 1
        for rule in dict.fromkeys(r for f in result.findings for r in f.rules):  # once per rule
            kept = self.examples.setdefault(rule, [])
            if len(kept) < EXAMPLES:
                kept.append({"id": result.id, **({"text": result.text} if show_text else {})})

    def merge(self, other: Scorecard) -> None:
        """Add ``other``'s replies to this card (examples up to two per rule)."""
        self.replies += other.replies
        self.passed += other.passed
        self.routed += other.routed
        self.routed_right += other.routed_right
        for name in ("scores", "sentiment", "politeness", "formality", "grade"):
            getattr(self, name).values.extend(getattr(other, name).values)
        self.rules.update(other.rules)
        self.owners.update(other.owners)
        for rule, examples in other.examples.items():
            kept = self.examples.setdefault(rule, [])
            kept.extend(examples[:EXAMPLES - len(kept)])

    def per_100(self, count: int) -> float:
        return round(100 * count / self.replies, 1) if self.replies else 0.0

    @property
    def findings(self) -> int:
        return sum(self.rules.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.key,
            "replies": self.replies,
            "passed": self.passed,
            "pass_rate": round(self.passed / self.replies, 3) if self.replies else None,
            "score": self.scores.summary(),
            "findings_per_100": self.per_100(self.findings),
            "findings_by_rule_per_100": {rule: self.per_100(n) for rule, n in
                                         self.rules.most_common()},
            "findings_by_owner_per_100": {owner: self.per_100(n) for owner, n in
                                          sorted(self.owners.items())},
            "sentiment": self.sentiment.summary(),
            "politeness": self.politeness.summary(),
            "formality": self.formality.summary(),
            "flesch_kincaid_grade": self.grade.summary(),
            "top_rules": [{"rule": rule, "findings": n, "examples": self.examples[rule]}
                          for rule, n in self.rules.most_common(TOP_RULES)],
            "responsibility": {"replies": self.routed, "by_responsible": self.routed_right,
                               "share": self.share},
        }

    @property
    def share(self) -> float | None:
        """Of the replies a responsibility names, the share a responsible department
        wrote (None: no such reply)."""
        return round(self.routed_right / self.routed, 3) if self.routed else None


@dataclass
class Routing:
    """Who answered what (the config's ``responsibilities``), over replies whose export
    gives their department: per department, the contexts it answered and how many of its
    replies it is responsible for; per context a responsibility names, who answered it
    and the share answered by a department that answers it."""

    contexts: dict[str, Counter] = field(default_factory=dict)
    checked: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    answered_by: dict[str, Counter] = field(default_factory=dict)
    responsible: dict[str, list[str]] = field(default_factory=dict)

    def add(self, department: str, context: str | None, judged: Any) -> None:
        self.contexts.setdefault(department, Counter())[context or "unknown"] += 1
        if judged is None:
            return
        duty, right = judged
        self.checked[department] += 1
        self.right[department] += right
        self.answered_by.setdefault(duty.context, Counter())[department] += 1
        self.responsible.setdefault(duty.context, list(duty.answered_by))

    def merge(self, other: "Routing") -> None:
        for department, counts in other.contexts.items():
            self.contexts.setdefault(department, Counter()).update(counts)
        self.checked.update(other.checked)
        self.right.update(other.right)
        for context, counts in other.answered_by.items():
            self.answered_by.setdefault(context, Counter()).update(counts)
        for context, names in other.responsible.items():
            self.responsible.setdefault(context, names)

    def departments(self) -> list[dict[str, Any]]:
        rows = []
        for department in sorted(self.contexts, key=str.casefold):
            checked, right = self.checked[department], self.right[department]
            rows.append({"department": department,
                         "replies": sum(self.contexts[department].values()),
                         "contexts": dict(self.contexts[department].most_common()),
                         "checked": checked, "by_responsible": right,
                         "share": round(right / checked, 3) if checked else None})
        return rows

    def by_context(self) -> list[dict[str, Any]]:
        rows = []
        for context in sorted(self.answered_by, key=str.casefold):
            counts = self.answered_by[context]
            keys = {name.casefold() for name in self.responsible[context]}
            right = sum(n for name, n in counts.items() if name.casefold() in keys)
            total = sum(counts.values())
            rows.append({"context": context, "answered_by_responsible":
                         self.responsible[context], "replies": total,
                         "by_responsible": right, "share": round(right / total, 3),
                         "answered_by": dict(counts.most_common())})
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {"departments": self.departments(), "contexts": self.by_context()}


@dataclass
class BadRow:
    id: str
    source: str | None
    problem: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "problem": self.problem}


@dataclass
class Audit:
    """The scorecards of an audit, overall and per group, with the rows it had trouble
    with and how consistent the departments sound."""

    by: tuple[str, ...]
    overall: Scorecard
    groups: dict[tuple[str, ...], Scorecard]
    bad_rows: list[BadRow]
    problems: Counter
    consistency: list[dict[str, Any]]
    #: All replies per month (``YYYY-MM``, ``unknown`` without a date), whatever ``by`` is:
    #: the trend of the HTML report.
    months: dict[str, Scorecard] = field(default_factory=dict)
    #: The persona's target range of sentiment, formality and flesch_kincaid_grade.
    targets: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    #: Per field grouped on (department, channel, context): how many replies the export
    #: gives no value for (grouped as "not given"), and the config's default they were
    #: checked with.
    not_given: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Who answered what, when the config has ``responsibilities`` (None otherwise).
    routing: Routing | None = None

    def merged(self, name: str) -> dict[str, Scorecard]:
        """The groups merged on one of ``by`` (say, per department when grouped by
        department and month), sorted by value."""
        index = self.by.index(name)
        cards: dict[str, Scorecard] = {}
        for key, card in sorted_groups(self.groups):
            value = key[index]
            if value not in cards:
                cards[value] = Scorecard(key={name: value})
            cards[value].merge(card)
        return cards

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": list(self.by),
            "overall": self.overall.to_dict(),
            "groups": [card.to_dict() for _, card in sorted_groups(self.groups)],
            "not_given": self.not_given,
            "consistency": self.consistency,
            "responsibilities": self.routing.to_dict() if self.routing is not None else None,
            "bad_rows": {"count": len(self.bad_rows), "by_problem": dict(self.problems),
                         "rows": [row.to_dict() for row in self.bad_rows]},
        }


#: Fields the config's ``defaults`` fill in for checking, which the audit groups on only
#: as the export gives them.
DEFAULTED = ("channel", "department", "context")


def _given(item: Any) -> dict[str, bool]:
    """Which of :data:`DEFAULTED` an export row gives itself (before any default)."""
    if isinstance(item, Draft):
        return {name: bool(getattr(item, name)) for name in DEFAULTED}
    if isinstance(item, Mapping):
        return {name: isinstance(item.get(name), str) and bool(item.get(name))
                for name in DEFAULTED}
    return dict.fromkeys(DEFAULTED, False)


def _key_value(name: str, draft: Draft, result: Result, when: datetime | None,
               given: Mapping[str, bool]) -> str:
    if name == "month":
        return f"{when.year:04d}-{when.month:02d}" if when else "unknown"
    if name in DEFAULTED:  # as checked, when the export gives it (a context may be read
        if given[name] or (name == "context" and draft.in_reply_to):  # from in_reply_to)
            return getattr(result, name) or "unknown"
        return NOT_GIVEN
    return getattr(draft, name, None) or "unknown"


def run_audit(linter: Linter, drafts: Iterable[str | Draft | Mapping[str, Any]], *,
              by: Iterable[str] = ("department",),
              jobs: int = 1, show_text: bool = False, max_listed: int = 1000) -> Audit:
    """Check ``drafts`` (a stream) and add each result to its group's scorecard."""
    by = tuple(by)
    unknown = [name for name in by if name not in GROUPS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)}: use {', '.join(GROUPS)}")
    seen: deque[tuple[Draft, dict[str, bool]]] = deque()

    def remembered() -> Iterator[Draft]:
        """The drafts as the linter prepares them (text, a Draft or a mapping), each kept
        until its result comes back with the fields its row gave."""
        flags = dict.fromkeys(DEFAULTED)
        for number, item in enumerate(drafts, start=1):
            given = _given(item)
            draft = linter._prepare(item, number, flags)
            seen.append((draft, given))
            yield draft

    overall = Scorecard(key={})
    groups: dict[tuple[str, ...], Scorecard] = {}
    months: dict[str, Scorecard] = {}
    bad: list[BadRow] = []
    problems: Counter = Counter()
    missing: Counter = Counter()
    duties = linter.responsibilities
    routing = Routing() if duties else None

    def trouble(draft: Draft, result: Result, problem: str) -> None:
        problems[problem.split(":")[0]] += 1
        if len(bad) < max_listed:
            bad.append(BadRow(result.id, result.source, problem))

    for result in linter.iter_check(remembered(), jobs=jobs, metrics=True):
        draft, given = seen.popleft()
        if draft.notes:  # names the project does not know: bad rows below, not findings
            result = linter.rescored(result, [
                f for f in result.findings if f.rule != INPUT_RULE or f.message not in draft.notes])
        if any(f.rule == INPUT_RULE and f.severity == "error" for f in result.findings) or (
                draft.problem and not draft.text.strip()):
            trouble(draft, result, draft.problem or "cannot be read")
            continue
        when = parse_date(draft.created_at)
        if draft.created_at is not None and when is None:
            trouble(draft, result, f"date not understood: '{draft.created_at}'")
        for kind in KINDS:
            name = getattr(draft, kind)
            if name and linter.names.canonical(kind, name) is None:
                trouble(draft, result, f"unknown {kind}: '{name}'")
        # who answered what: only replies whose export says which department wrote them
        judged = duties.judge(result.department, result.context, result.inferred) \
            if routing is not None and given["department"] else None
        if routing is not None and given["department"] and result.department:
            routing.add(result.department, result.context, judged)
        overall.add(result, show_text, judged)
        key = tuple(_key_value(name, draft, result, when, given) for name in by)
        for name in by:
            if name in DEFAULTED and not given[name] and not (
                    name == "context" and draft.in_reply_to):
                missing[name] += 1
        card = groups.get(key)
        if card is None:
            card = groups[key] = Scorecard(key=dict(zip(by, key)))
        card.add(result, show_text, judged)
        month = _key_value("month", draft, result, when, given)
        if month not in months:
            months[month] = Scorecard(key={"month": month})
        months[month].add(result, show_text, judged)
    defaults = linter.config.defaults
    audit = Audit(by, overall, groups, bad, problems, [], dict(sorted(months.items())),
                  _targets(linter),
                  {name: {"replies": n, "checked_with": getattr(defaults, name)}
                   for name, n in missing.items()}, routing)
    audit.consistency = _consistency(audit)
    return audit


def _outside(value: float | None, low: float | None, high: float | None) -> float | None:
    """How far ``value`` is outside [low, high] (0 inside; None without value or target)."""
    if value is None or (low is None and high is None):
        return None
    if low is not None and value < low:
        return round(low - value, 3)
    if high is not None and value > high:
        return round(value - high, 3)
    return 0.0


def _targets(linter: Linter) -> dict[str, tuple[float | None, float | None]]:
    """The persona's target range of each measure ((None, None) where it sets none)."""
    persona = linter.persona
    tone = persona.tone if persona else None
    readability = persona.readability if persona else None
    return {
        "sentiment": (tone.sentiment.min, tone.sentiment.max)
        if tone and tone.sentiment else (None, None),
        "politeness": (tone.politeness.min, tone.politeness.max)
        if tone and tone.politeness else (None, None),
        "formality": (tone.formality.min, tone.formality.max)
        if tone and tone.formality else (None, None),
        "flesch_kincaid_grade": (None, readability.max_grade)
        if readability and readability.max_grade is not None else (None, None),
    }


def _consistency(audit: Audit) -> list[dict[str, Any]]:
    """Per department (when grouping by department): each measure's mean, its distance
    outside the persona's target and its distance from the mean of all replies."""
    if "department" not in audit.by:
        return []
    targets, overall = audit.targets, audit.overall
    rows = []
    for name, card in audit.merged("department").items():
        row: dict[str, Any] = {"department": name, "replies": card.replies}
        for measure, attr in (("sentiment", "sentiment"), ("politeness", "politeness"),
                              ("formality", "formality"), ("flesch_kincaid_grade", "grade")):
            mean = getattr(card, attr).summary()["mean"]
            everyone = getattr(overall, attr).summary()["mean"]
            low, high = targets[measure]
            row[measure] = {
                "mean": mean,
                "outside_target": _outside(mean, low, high),
                "from_all_replies": None if mean is None or everyone is None
                else round(mean - everyone, 3),
            }
        rows.append(row)
    return rows
