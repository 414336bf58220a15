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

import hashlib
import heapq
import math
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from fractions import Fraction
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Mapping

from .config import INPUT_RULE
from .config.names import KINDS
from .drafts import Draft
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
#: Steps per unit of the measures' histograms (they are given with three decimals).
GRID = 1000
#: The ratio of two neighbouring buckets of a response-time sketch (see :class:`Sketch`).
SKETCH_GAMMA = 1.01
_LOG_GAMMA = math.log(SKETCH_GAMMA)


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
    """A running distribution kept as an exact histogram on a fixed grid: ``scale``
    steps per unit (1 for scores, whole numbers 0-100; 1000 for the measures, given with
    three decimals). Memory is bounded by the number of distinct values on the grid (at
    most 101 for scores, 2,001 for sentiment), never by the number of replies; count,
    mean, spread, median, min and max are exact for values on the grid, whatever the
    order the values came in or the partial histograms were merged in."""

    scale: int = GRID
    counts: Counter = field(default_factory=Counter)

    def add(self, value: float | None) -> None:
        if value is not None:
            self.counts[round(float(value) * self.scale)] += 1

    def merge(self, other: "Measure") -> None:
        self.counts.update(other.counts)

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def values(self) -> list[float]:
        """Every value, in order (for a chart's box: as many numbers as replies)."""
        return [key / self.scale for key in sorted(self.counts) for _ in range(self.counts[key])]

    def quantile(self, q: float) -> float | None:
        """The value at rank ``q`` (0..1), as ``statistics.median`` takes the middle: the
        mean of the two middle values when the rank falls between them."""
        n = self.n
        if not n:
            return None
        position = q * (n - 1)
        low, high = int(position), min(int(position) + (position % 1 > 0), n - 1)
        found: dict[int, float] = {}
        seen = 0
        for key in sorted(self.counts):
            seen += self.counts[key]
            for rank in (low, high):
                if rank not in found and rank < seen:
                    found[rank] = key / self.scale
            if high in found:
                break
        if low == high:
            return found[low]
        return found[low] + (found[high] - found[low]) * (position - low)

    def summary(self) -> dict[str, float | int | None]:
        counts, scale = self.counts, self.scale
        n = sum(counts.values())
        if not n:
            return {"n": 0, "mean": None, "median": None, "stdev": None, "min": None,
                    "max": None}
        total = sum(key * count for key, count in counts.items())  # exact: whole numbers
        squares = sum(key * key * count for key, count in counts.items())
        variance = Fraction(n * squares - total * total, n * n)
        return {"n": n, "mean": round(total / n / scale, 3),
                "median": round(self.quantile(0.5), 3),
                "stdev": round(math.sqrt(variance) / scale, 3),
                "min": round(min(counts) / scale, 3), "max": round(max(counts) / scale, 3)}


@dataclass
class Sketch:
    """A distribution of values with no upper bound (response times in seconds) in
    logarithmic buckets: each value is counted in the bucket ``ceil(log(v) / log(1.01))``
    and read back as the bucket's middle, so every quantile is within 0.5 % of a value
    of the data; memory is bounded by the span of the values (about 2,300 buckets from a
    second to ten years), not by their number."""

    counts: Counter = field(default_factory=Counter)

    def add(self, value: float) -> None:
        self.counts[0 if value <= 0 else math.ceil(math.log(value) / _LOG_GAMMA)] += 1

    def merge(self, other: "Sketch") -> None:
        self.counts.update(other.counts)

    @staticmethod
    def _value(bucket: int) -> float:
        return 0.0 if bucket == 0 else 2 * SKETCH_GAMMA ** bucket / (SKETCH_GAMMA + 1)

    def quantile(self, q: float) -> float | None:
        """The value below which a share ``q`` of the values lie (nearest rank)."""
        n = sum(self.counts.values())
        if not n:
            return None
        rank = max(1, math.ceil(q * n))
        seen = 0
        for bucket in sorted(self.counts):
            seen += self.counts[bucket]
            if seen >= rank:
                return self._value(bucket)
        return None  # not reached

    def summary(self) -> dict[str, float | int | None]:
        n = sum(self.counts.values())
        median, p90 = self.quantile(0.5), self.quantile(0.9)
        return {"n": n, "median_seconds": None if median is None else round(median),
                "p90_seconds": None if p90 is None else round(p90)}


def natural(value: str) -> tuple:
    """A sort key that orders numbers in text by value ("r2" before "r10")."""
    return tuple(int(part) if i % 2 else part for i, part in
                 enumerate(re.split(r"([0-9]+)", value)))


@dataclass
class Audited:
    """One row of an export as the audit counts it: what every engine (one process,
    ``--jobs``, Spark) computes per row, and all a scorecard adds up. Plain values only,
    so it travels between processes and machines."""

    id: str
    source: str | None
    #: The row's value for each of :data:`GROUPS` (``not given``, ``unknown``...).
    groups: dict[str, str]
    #: The fields of :data:`DEFAULTED` the row does not give.
    missing: tuple[str, ...] = ()
    #: What is wrong with the row (listed as bad rows); ``skipped``: left out of the cards.
    problems: tuple[str, ...] = ()
    skipped: bool = False
    #: A customer's message with no reply (a row with ``in_reply_to`` and no text).
    unanswered: bool = False
    score: int = 0
    passed: bool = False
    #: Each finding's rules (its also too), and each finding's owner.
    rules: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    sentiment: float | None = None
    politeness: float | None = None
    formality: float | None = None
    grade: float | None = None
    text: str | None = None
    #: Who answered what: (department, context, (duty's context, answered by, right)).
    routed: tuple | None = None
    #: Whether the row answers a customer's message (``in_reply_to`` given).
    answers: bool = False
    #: Seconds from the customer's message to the reply (None: a time is missing).
    response_seconds: float | None = None
    #: Who the reply was sent to, and its text's fingerprint (canned replies).
    customer: str | None = None
    fingerprint: int | None = None

    @property
    def order(self) -> tuple:
        return (natural(self.id), self.source or "")


@dataclass
class Scorecard:
    """One group's numbers: counts, sums and bounded histograms, so that two cards of
    parts of an export merge into the card of the whole (:meth:`merge`), in any order."""

    key: dict[str, str]
    replies: int = 0
    passed: int = 0
    scores: Measure = field(default_factory=lambda: Measure(scale=1))
    sentiment: Measure = field(default_factory=Measure)
    politeness: Measure = field(default_factory=Measure)
    formality: Measure = field(default_factory=Measure)
    grade: Measure = field(default_factory=Measure)
    rules: Counter = field(default_factory=Counter)
    owners: Counter = field(default_factory=Counter)
    #: Per rule, the first two replies it found in (by id, in natural order), with the
    #: key that orders them.
    kept: dict[str, list[tuple[tuple, dict[str, str]]]] = field(default_factory=dict)
    #: Replies whose department and context a responsibility names (who answers what),
    #: and of those, the ones a department that answers that context wrote.
    routed: int = 0
    routed_right: int = 0
    #: Customers' messages: answered (replies with ``in_reply_to``) and not answered.
    answered: int = 0
    unanswered: int = 0
    #: Response times in seconds.
    response: Sketch = field(default_factory=Sketch)
    #: Per fingerprint of a reply's text: its replies, and the customer they went to
    #: (None once two customers got it). None when the engine counts them itself (Spark).
    texts: dict[int, list] | None = field(default_factory=dict)
    #: Canned replies counted by the engine (Spark) when ``texts`` is None.
    canned_counted: int = 0

    def add(self, row: Audited) -> None:
        if row.unanswered:
            self.unanswered += 1
            return
        if row.routed is not None and row.routed[2] is not None:
            self.routed += 1
            self.routed_right += row.routed[2][2]
        self.replies += 1
        self.passed += row.passed
        self.answered += row.answers
        self.scores.add(row.score)
        self.sentiment.add(row.sentiment)
        self.politeness.add(row.politeness)
        self.formality.add(row.formality)
        self.grade.add(row.grade)
        self.rules.update(row.rules)
        self.owners.update(row.owners)
        if row.response_seconds is not None:
            self.response.add(row.response_seconds)
        if self.texts is not None and row.fingerprint is not None:
            seen = self.texts.get(row.fingerprint)
            if seen is None:
                self.texts[row.fingerprint] = [1, row.customer]
            else:
                seen[0] += 1
                if seen[1] is not None and seen[1] != row.customer:
                    seen[1] = None
        example = {"id": row.id, **({"text": row.text} if row.text is not None else {})}
        for rule in dict.fromkeys(row.rules):  # once per rule
            self._keep(rule, [(row.order, example)])

    def _keep(self, rule: str, examples: list) -> None:
        kept = self.kept.get(rule, [])
        self.kept[rule] = heapq.nsmallest(EXAMPLES, [*kept, *examples], key=lambda e: e[0])

    def merge(self, other: Scorecard) -> None:
        """Add ``other``'s replies to this card: the card of both parts' replies."""
        self.replies += other.replies
        self.passed += other.passed
        self.routed += other.routed
        self.routed_right += other.routed_right
        self.answered += other.answered
        self.unanswered += other.unanswered
        for name in ("scores", "sentiment", "politeness", "formality", "grade", "response"):
            getattr(self, name).merge(getattr(other, name))
        self.rules.update(other.rules)
        self.owners.update(other.owners)
        for rule, examples in other.kept.items():
            self._keep(rule, examples)
        self.canned_counted += other.canned_counted
        if self.texts is None or other.texts is None:
            self.texts = None
            return
        for fingerprint, (count, customer) in other.texts.items():
            seen = self.texts.get(fingerprint)
            if seen is None:
                self.texts[fingerprint] = [count, customer]
            else:
                seen[0] += count
                if seen[1] != customer:
                    seen[1] = None

    @property
    def examples(self) -> dict[str, list[dict[str, str]]]:
        return {rule: [example for _, example in kept] for rule, kept in self.kept.items()}

    @property
    def canned(self) -> int:
        """Replies whose text (told apart from others' only by handles, numbers, links
        and signatures) was also sent to another customer."""
        if self.texts is None:
            return self.canned_counted
        return sum(count for count, customer in self.texts.values()
                   if customer is None and count > 1)

    def per_100(self, count: int) -> float:
        return round(100 * count / self.replies, 1) if self.replies else 0.0

    @property
    def findings(self) -> int:
        return sum(self.rules.values())

    def to_dict(self, unanswered_known: bool = True) -> dict[str, Any]:
        examples = self.examples
        messages = self.answered + self.unanswered
        return {
            **self.key,
            "replies": self.replies,
            "passed": self.passed,
            "pass_rate": round(self.passed / self.replies, 3) if self.replies else None,
            "score": self.scores.summary(),
            "findings_per_100": self.per_100(self.findings),
            "findings_by_rule_per_100": {rule: self.per_100(n) for rule, n in
                                         _most_common(self.rules)},
            "findings_by_owner_per_100": {owner: self.per_100(n) for owner, n in
                                          sorted(self.owners.items())},
            "sentiment": self.sentiment.summary(),
            "politeness": self.politeness.summary(),
            "formality": self.formality.summary(),
            "flesch_kincaid_grade": self.grade.summary(),
            "top_rules": [{"rule": rule, "findings": n, "examples": examples[rule]}
                          for rule, n in _most_common(self.rules)[:TOP_RULES]],
            "responsibility": {"replies": self.routed, "by_responsible": self.routed_right,
                               "share": self.share},
            "response_time": self.response.summary(),
            "unanswered": {"messages": messages, "unanswered": self.unanswered,
                           "share": round(self.unanswered / messages, 3)
                           if messages and unanswered_known else None},
            "canned": {"replies": self.canned,
                       "share": round(self.canned / self.replies, 3) if self.replies else None},
        }

    @property
    def share(self) -> float | None:
        """Of the replies a responsibility names, the share a responsible department
        wrote (None: no such reply)."""
        return round(self.routed_right / self.routed, 3) if self.routed else None


def _most_common(counts: Counter) -> list[tuple[str, int]]:
    """Most frequent first; equal counts by name, so that the order does not depend on
    the order the replies came in."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


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

    def add(self, department: str, context: str | None, judged: tuple | None) -> None:
        """One reply of ``department`` in ``context``; ``judged``: (the context a
        responsibility names, the departments that answer it, whether one of them wrote
        it), None when no responsibility names it."""
        self.contexts.setdefault(department, Counter())[context or "unknown"] += 1
        if judged is None:
            return
        context, answered_by, right = judged
        self.checked[department] += 1
        self.right[department] += right
        self.answered_by.setdefault(context, Counter())[department] += 1
        self.responsible.setdefault(context, list(answered_by))

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
                         "contexts": dict(_most_common(self.contexts[department])),
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
                         "answered_by": dict(_most_common(counts))})
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
    #: Rows with a problem in all (``bad_rows`` lists the first 1,000 by id).
    bad_count: int = 0

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

    @property
    def unanswered_known(self) -> bool:
        """Whether the export holds customers' messages left unanswered at all: without
        any, the share of unanswered messages is not known (null), not 0."""
        return self.overall.unanswered > 0

    def to_dict(self) -> dict[str, Any]:
        known = self.unanswered_known
        return {
            "by": list(self.by),
            "overall": self.overall.to_dict(known),
            "groups": [card.to_dict(known) for _, card in sorted_groups(self.groups)],
            "not_given": self.not_given,
            "consistency": self.consistency,
            "responsibilities": self.routing.to_dict() if self.routing is not None else None,
            "bad_rows": {"count": self.bad_count, "by_problem": dict(_most_common(self.problems)),
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


def _key_value(name: str, draft: Draft, result: Result | None, when: datetime | None,
               given: Mapping[str, bool]) -> str:
    if name == "month":
        return f"{when.year:04d}-{when.month:02d}" if when else "unknown"
    if name in DEFAULTED:  # as checked, when the export gives it (a context may be read
        if given[name] or (name == "context" and draft.in_reply_to):  # from in_reply_to)
            value = getattr(result, name) if result is not None else getattr(draft, name)
            return value or "unknown"
        return NOT_GIVEN
    return getattr(draft, name, None) or "unknown"


#: What a fingerprint leaves out of a reply's text: handles, links, numbers, and an
#: agent's initials signed at the end (" -KC", "^AB").
_VARYING = re.compile(r"@\w+|https?://\S+|www\.\S+|[0-9]+|(?:\s[-^~*]\s?[A-Za-z]{1,3}\s*$)")
_NOT_WORDS = re.compile(r"[\W_]+")
_HANDLE = re.compile(r"@\w+")


def fingerprint(text: str) -> int | None:
    """A number that is the same for replies that differ only in handles, links,
    numbers, signatures, case, punctuation and spacing (None: no words left)."""
    words = _NOT_WORDS.sub(" ", _VARYING.sub(" ", text).casefold()).strip()
    if not words:
        return None
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest(),
                          "big", signed=True)


def customer_of(draft: Draft) -> str | None:
    """Who a reply went to: the export's ``customer``, else the first @handle of the
    reply, else the customer's message it answers."""
    if draft.customer:
        return str(draft.customer)
    handle = _HANDLE.search(draft.text)
    if handle:
        return handle.group(0).casefold()
    return draft.in_reply_to or None


def _utc(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def audited(linter: Linter, draft: Draft, given: Mapping[str, bool], result: Result | None,
            show_text: bool = False) -> Audited:
    """What the audit counts of one row: ``draft`` as the linter prepared it, the fields
    its row gave (``given``) and its ``result`` (None for a row not checked: a customer's
    message with no reply)."""
    problems: list[str] = []
    when = parse_date(draft.created_at)
    if draft.created_at is not None and when is None:
        problems.append(f"date not understood: '{draft.created_at}'")
    asked = parse_date(draft.in_reply_to_created_at)
    if draft.in_reply_to_created_at is not None and asked is None:
        problems.append(f"date not understood: '{draft.in_reply_to_created_at}'")
    if result is None:  # unanswered: grouped by when the customer wrote, if no reply date
        when = when or asked
        return Audited(draft.id or "", draft.source, {
            name: _key_value(name, draft, None, when, given) for name in GROUPS},
            problems=tuple(problems), unanswered=True)
    if draft.notes:  # names the project does not know: bad rows below, not findings
        result = linter.rescored(result, [
            f for f in result.findings if f.rule != INPUT_RULE or f.message not in draft.notes])
    if any(f.rule == INPUT_RULE and f.severity == "error" for f in result.findings) or (
            draft.problem and not draft.text.strip()):
        return Audited(result.id, result.source, {}, skipped=True,
                       problems=(draft.problem or "cannot be read",))
    for kind in KINDS:
        name = getattr(draft, kind)
        if name and linter.names.canonical(kind, name) is None:
            problems.append(f"unknown {kind}: '{name}'")
    routed = None
    duties = linter.responsibilities
    if duties and given["department"]:
        judged = duties.judge(result.department, result.context, result.inferred)
        if result.department:
            routed = (result.department, result.context, None if judged is None else
                      (judged[0].context, tuple(judged[0].answered_by), bool(judged[1])))
    seconds = None
    if when is not None and asked is not None:
        seconds = (_utc(when) - _utc(asked)).total_seconds()
        if seconds < 0:
            problems.append("posted before the customer's message: "
                            f"'{draft.created_at}' < '{draft.in_reply_to_created_at}'")
            seconds = None
    metrics = result.metrics
    return Audited(
        result.id, result.source,
        {name: _key_value(name, draft, result, when, given) for name in GROUPS},
        missing=tuple(name for name in DEFAULTED if not given[name] and not (
            name == "context" and draft.in_reply_to)),
        problems=tuple(problems), score=result.score, passed=result.passed,
        rules=tuple(rule for f in result.findings for rule in f.rules),
        owners=tuple(f.owner or "unowned" for f in result.findings),
        sentiment=metrics.get("sentiment"), politeness=metrics.get("politeness"),
        formality=metrics.get("formality"), grade=metrics.get("flesch_kincaid_grade"),
        text=result.text if show_text else None, routed=routed,
        answers=bool(draft.in_reply_to), response_seconds=seconds,
        # with nothing to tell who it went to, each reply went to a customer of its own
        customer=customer_of(draft) or f"reply {result.id}",
        fingerprint=fingerprint(result.text))


def unanswered(draft: Draft) -> bool:
    """A customer's message with no reply: a row with ``in_reply_to`` and no text."""
    return bool(draft.in_reply_to) and not draft.text.strip() and (
        draft.problem is None or "no 'text'" in draft.problem or "empty" in draft.problem)


@dataclass
class AuditPartial:
    """The audit of part of an export: every scorecard of its rows, the bad rows, who
    answered what. Two partials of two parts merge into the partial of both, in any order
    (:meth:`merge`); :meth:`finish` makes the :class:`Audit`. One process, ``--jobs`` and
    Spark all add :class:`Audited` rows to partials and merge them."""

    by: tuple[str, ...]
    routing: Routing | None = None
    #: False when the engine counts canned replies itself (Spark).
    keep_texts: bool = True
    max_listed: int = 1000
    overall: Scorecard = field(default_factory=lambda: Scorecard(key={}))
    groups: dict[tuple[str, ...], Scorecard] = field(default_factory=dict)
    months: dict[str, Scorecard] = field(default_factory=dict)
    #: The first ``max_listed`` problems by id (natural order), with their order key.
    bad: list[tuple[tuple, BadRow]] = field(default_factory=list)
    problems: Counter = field(default_factory=Counter)
    missing: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        if not self.keep_texts:
            self.overall.texts = None

    def _card(self, cards: dict, key: Any, named: dict[str, str]) -> Scorecard:
        card = cards.get(key)
        if card is None:
            card = cards[key] = Scorecard(key=named)
            if not self.keep_texts:
                card.texts = None
        return card

    def key_of(self, row: Audited) -> tuple[str, ...]:
        return tuple(row.groups[name] for name in self.by)

    def add(self, row: Audited) -> None:
        for problem in row.problems:
            self.problems[problem.split(":")[0]] += 1
            self._list([((row.order, problem), BadRow(row.id, row.source, problem))])
        if row.skipped:
            return
        if self.routing is not None and row.routed is not None:
            self.routing.add(*row.routed)
        if not row.unanswered:
            self.missing.update(name for name in row.missing if name in self.by)
        self.overall.add(row)
        key = self.key_of(row)
        self._card(self.groups, key, dict(zip(self.by, key))).add(row)
        month = row.groups["month"]
        self._card(self.months, month, {"month": month}).add(row)

    def _list(self, rows: list) -> None:
        if len(self.bad) < self.max_listed:
            self.bad.extend(rows)
            if len(self.bad) > 2 * self.max_listed:
                self.bad = heapq.nsmallest(self.max_listed, self.bad, key=lambda r: r[0])
        else:
            self.bad = heapq.nsmallest(self.max_listed, [*self.bad, *rows], key=lambda r: r[0])

    def merge(self, other: "AuditPartial") -> None:
        self.overall.merge(other.overall)
        for mine, theirs in ((self.groups, other.groups), (self.months, other.months)):
            for key, card in theirs.items():
                if key in mine:
                    mine[key].merge(card)
                else:
                    mine[key] = card
        self.bad = heapq.nsmallest(self.max_listed, [*self.bad, *other.bad],
                                   key=lambda r: r[0])
        self.problems.update(other.problems)
        self.missing.update(other.missing)
        if self.routing is not None and other.routing is not None:
            self.routing.merge(other.routing)

    def finish(self, linter: Linter) -> "Audit":
        defaults = linter.config.defaults
        listed = sorted(self.bad, key=lambda r: r[0])[:self.max_listed]
        audit = Audit(self.by, self.overall, self.groups, [row for _, row in listed],
                      Counter(dict(_most_common(self.problems))), [],
                      dict(sorted(self.months.items())), _targets(linter),
                      {name: {"replies": n, "checked_with": getattr(defaults, name)}
                       for name, n in sorted(self.missing.items(),
                                             key=lambda item: self.by.index(item[0]))},
                      self.routing, bad_count=sum(self.problems.values()))
        audit.consistency = _consistency(audit)
        return audit


def check_grouping(by: Iterable[str]) -> tuple[str, ...]:
    by = tuple(by)
    unknown = [name for name in by if name not in GROUPS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)}: use {', '.join(GROUPS)}")
    return by


def new_partial(linter: Linter, by: Iterable[str], keep_texts: bool = True,
                max_listed: int = 1000) -> AuditPartial:
    return AuditPartial(check_grouping(by), Routing() if linter.responsibilities else None,
                        keep_texts, max_listed)


def audit_drafts(linter: Linter, drafts: Iterable[str | Draft | Mapping[str, Any]],
                 partial: AuditPartial, *, jobs: int = 1, show_text: bool = False,
                 first: int = 1, each: Callable[[Audited], Any] | None = None
                 ) -> AuditPartial:
    """Check ``drafts`` (a stream; ``jobs`` processes) and add each row to ``partial``.
    ``first``: the number of the first draft (the id of a draft that has none); ``each``
    is called with each row's :class:`Audited` record."""

    def add(row: Audited) -> None:
        partial.add(row)
        if each is not None:
            each(row)

    rows = _answered(linter, drafts, first, add)
    if jobs > 1 and each is None:
        return _audit_in_workers(linter, rows, partial, jobs, show_text)
    seen: deque[tuple[Draft, dict[str, bool]]] = deque()

    def remembered() -> Iterator[Draft]:
        """Each draft kept until its result comes back with the fields its row gave."""
        for draft, given in rows:
            seen.append((draft, given))
            yield draft

    for result in linter.iter_check(remembered(), jobs=jobs, metrics=True):
        draft, given = seen.popleft()
        add(audited(linter, draft, given, result, show_text))
    return partial


def _answered(linter: Linter, drafts: Iterable[str | Draft | Mapping[str, Any]], first: int,
              add: Callable[[Audited], Any]) -> Iterator[tuple[Draft, dict[str, bool]]]:
    """The drafts to check as the linter prepares them (text, a Draft or a mapping), with
    the fields each row gave; a customer's message with no reply is added at once."""
    flags = dict.fromkeys(DEFAULTED)
    for number, item in enumerate(drafts, start=first):
        given = _given(item)
        draft = linter._prepare(item, number, flags)
        if unanswered(draft):
            add(audited(linter, draft, given, None))
        else:
            yield draft, given


def _audit_in_workers(linter: Linter, rows: Iterator[tuple[Draft, dict[str, bool]]],
                      partial: AuditPartial, jobs: int, show_text: bool) -> AuditPartial:
    """:func:`audit_drafts` with ``jobs`` worker processes, each of which checks a batch of
    drafts and returns the partial audit of it, which this process merges (it only reads
    and prepares the rows): the same partial, since partials merge in any order."""
    from .parallel import in_workers

    batches = iter(lambda: list(islice(rows, WORKER_BATCH)), [])
    settings = (partial.by, partial.keep_texts, partial.max_listed, show_text)
    for _, part in in_workers(linter, batches, jobs, _audit_batch, settings):
        partial.merge(part)
    return partial


#: Drafts a worker process audits at a time (the partial it sends back is about the same
#: size for any number of drafts, so larger batches send less).
WORKER_BATCH = 512


def _audit_batch(batch: list[tuple[Draft, dict[str, bool]]], settings: tuple) -> AuditPartial:
    """In a worker process: the partial audit of ``batch`` (drafts as prepared)."""
    from .parallel import linter_of_worker

    linter = linter_of_worker()
    by, keep_texts, max_listed, show_text = settings
    part = new_partial(linter, by, keep_texts, max_listed)
    for (draft, given), result in zip(batch, linter.check_batch([d for d, _ in batch])):
        part.add(audited(linter, draft, given, result, show_text))
    return part


def run_audit(linter: Linter, drafts: Iterable[str | Draft | Mapping[str, Any]], *,
              by: Iterable[str] = ("department",),
              jobs: int = 1, show_text: bool = False, max_listed: int = 1000) -> Audit:
    """Check ``drafts`` (a stream) and add each result to its group's scorecard."""
    partial = new_partial(linter, by, max_listed=max_listed)
    return audit_drafts(linter, drafts, partial, jobs=jobs, show_text=show_text).finish(linter)


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
