"""Evaluate: how well a config's findings agree with reviewers' labels (``brandvoice eval``).

A team labels some of its own replies (JSON Lines, one label per reply: ``id``,
``verdict`` ok, edit or stop, ``quality`` 1-5, ``issues`` with a ``category`` each) and
learns what its config catches:

- draft level: a draft is *flagged* when it has a finding at warning or error; precision
  is the share of flagged drafts that reviewers would change (verdict edit or stop),
  recall the share of drafts they would change that are flagged; and the share of
  ``stop`` drafts that fail (their result does not pass);
- per category: a draft is flagged for category C when it has a finding at warning or
  error of a rule whose ``category`` is C, and truly C when its label has an issue of
  category C;
- per rule: the drafts it fired on, how many reviewers would change, and how many carry
  an issue of the rule's own category;
- the Spearman rank correlation of the score with the reviewers' quality.

Each figure comes with the counts it is made of and a 95% interval: a few dozen labels
leave a wide one. :func:`read_labels` reads a labels file, :func:`evaluate` turns labels
and results into an :class:`Evaluation`, and :func:`evaluate_drafts` checks the labelled
drafts with a linter first.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .errors import LabelsError, Location, Problem, display_path
from .kinds.base import GUIDE_CATEGORIES, SEVERITIES, check_category

if TYPE_CHECKING:
    from .drafts import Draft
    from .lint import Linter
    from .result import Result

#: A reviewer's verdicts: post as is, change first, must not be posted.
VERDICTS = ("ok", "edit", "stop")
#: The lowest severity that makes a draft "flagged".
FLAGGED_FROM = "warning"
#: What "flagged" means, as reports say it.
FLAGGED_MEANS = "a finding at warning or error"
#: z of a two-sided 95% interval.
Z95 = 1.959963984540054
_LINE = re.compile(r"[^\r\n]+")
_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class Issue:
    """One problem a reviewer recorded: its category, the words that carry it, and why."""

    category: str
    quote: str | None = None
    why: str | None = None


@dataclass
class Label:
    """A reviewer's judgement of one draft."""

    id: str
    verdict: str
    quality: int | None = None
    issues: list[Issue] = field(default_factory=list)
    customer: str | None = None
    note: str | None = None
    #: Where the label is written (file, line, column).
    location: Location | None = None
    #: Whether the label carries the draft itself (``text``).
    has_text: bool = False

    @property
    def changed(self) -> bool:
        """Whether a reviewer would change the draft before posting it (edit or stop)."""
        return self.verdict != "ok"

    @property
    def categories(self) -> set[str]:
        return {issue.category for issue in self.issues}


@dataclass
class Labels:
    """The labels of one file, in file order, and the file's text (a label may carry its
    draft: ``text``, ``in_reply_to`` and metadata, read as ``check`` reads JSON Lines)."""

    items: list[Label]
    source: str = "<labels>"
    content: str = ""

    def __iter__(self) -> Iterator[Label]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def drafts(self) -> Iterator["Draft"]:
        """The drafts the labels carry themselves (those with a ``text``), as ``brandvoice
        check`` reads a JSON Lines collection: findings point into the labels file."""
        from .drafts.collections import drafts

        carried = {label.id for label in self.items if label.has_text}
        if not carried:
            return
        for draft in drafts(self.content, self.source, ".jsonl"):
            if draft.id in carried:
                yield draft


# --- reading labels ----------------------------------------------------------------------

def read_labels(path: str | Path) -> Labels:
    """The labels in a JSON Lines file; a :class:`~brandvoice.errors.LabelsError` naming
    file, line and column of every line that cannot be used."""
    from .drafts import text_of

    name = display_path(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LabelsError(Problem(Location(name, 0), f"cannot read the labels: "
                                                     f"{error.strerror or error}")) from None
    text = text_of(raw)
    if isinstance(text, tuple):
        problem, (line, column) = text
        raise LabelsError(Problem(Location(name, line, column), problem))
    return parse_labels(text, name)


def parse_labels(content: str, source: str = "<labels>") -> Labels:
    """Labels from the text of a JSON Lines file (``source`` names it in errors)."""
    from .drafts.json_entries import MAX_DEPTH, _words, elements, members, too_deep
    from .text import line_col, line_starts

    starts = line_starts(content)
    problems: list[Problem] = []
    labels: list[Label] = []
    first: dict[str, int] = {}

    def where(offset: int) -> Location:
        return Location(source, *line_col(starts, offset))

    for line in _LINE.finditer(content):
        found = _SPACE.search(content, line.start(), line.end())
        if found is None:
            continue
        start = found.start()
        deep = too_deep(content, start, line.end())
        if deep is not None:
            problems.append(Problem(where(deep), f"this line is not read: lists or objects are "
                                                 f"nested more than {MAX_DEPTH} levels deep "
                                                 "here"))
            continue
        try:
            data = json.loads(content[start:line.end()])
        except json.JSONDecodeError as exc:
            problems.append(Problem(where(start + exc.pos),
                                    f"this line is not valid JSON: {_words(exc)}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(where(start), "each line should be a JSON object with "
                                                  "'id', 'verdict' and 'quality'"))
            continue
        at = members(content, start)[0]

        def value_at(key: str, issue: int | None = None, at=at, start=start) -> Location:
            """Where the value of ``key`` is written (of the issue numbered ``issue``)."""
            offset = at.get("issues" if issue is not None else key, start)
            if issue is not None and content[offset] == "[":
                items = elements(content, offset)
                if issue <= len(items):
                    offset = items[issue - 1]
                    if content[offset] == "{":
                        offset = members(content, offset)[0].get(key, offset)
            return where(offset)

        label, wrong = _label(data, value_at, where(start))
        problems.extend(wrong)
        if label is None:
            continue
        number = line_col(starts, start)[0]
        if label.id in first:
            problems.append(Problem(value_at("id"), f"'{label.id}' is labelled twice (first on "
                                                    f"line {first[label.id]}); keep one label "
                                                    "per draft"))
            continue
        first[label.id] = number
        labels.append(label)
    if problems:
        raise LabelsError(problems)
    if not labels:
        raise LabelsError(Problem(Location(source, 0), "there are no labels in this file: "
                                                       "write one JSON object per line"))
    return Labels(labels, source, content)


def _text_or_none(data: dict[str, Any], key: str, value_at: Any,
                  problems: list[Problem]) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(Problem(value_at(key), f"'{key}' should be text, not {_kind(value)}"))
    return None


def _label(data: dict[str, Any], value_at: Any, here: Location
           ) -> tuple[Label | None, list[Problem]]:
    problems: list[Problem] = []
    raw_id = data.get("id")
    if raw_id is None:
        problems.append(Problem(here, "this label has no 'id': give the id of the draft it "
                                      "labels"))
    elif isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, float)):
        problems.append(Problem(value_at("id"), f"'id' should be text or a number, not "
                                                f"{_kind(raw_id)}"))
    elif not str(raw_id).strip():
        problems.append(Problem(value_at("id"), "'id' is empty: give the id of the draft it "
                                                "labels"))
    verdict = data.get("verdict")
    if verdict is None:
        problems.append(Problem(here, "this label has no 'verdict': write ok, edit or stop"))
    elif verdict not in VERDICTS:
        close = difflib.get_close_matches(str(verdict).lower(), VERDICTS, n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        shown = verdict if isinstance(verdict, str) else json.dumps(verdict)
        problems.append(Problem(value_at("verdict"), f"'{shown}' is not a verdict: write ok, "
                                                     f"edit or stop{hint}"))
    quality = data.get("quality")
    if quality is not None and (isinstance(quality, bool) or not isinstance(quality, int)
                                or not 1 <= quality <= 5):
        if isinstance(quality, float) and quality.is_integer() and 1 <= quality <= 5:
            quality = int(quality)
        else:
            shown = json.dumps(quality)
            whole = (isinstance(quality, (int, float)) and not isinstance(quality, bool)
                     and math.isfinite(quality) and float(quality).is_integer())
            why = "is out of range" if whole else "is not a quality"
            problems.append(Problem(value_at("quality"), f"quality {shown} {why}: write a whole "
                                                         "number from 1 (harmful) to 5 "
                                                         "(excellent)"))
    issues: list[Issue] = []
    raw_issues = data.get("issues")
    if raw_issues is not None and not isinstance(raw_issues, list):
        problems.append(Problem(value_at("issues"), "'issues' should be a list of objects, "
                                                    f"each with a 'category', not "
                                                    f"{_kind(raw_issues)}"))
    for number, item in enumerate(raw_issues or [], start=1):
        category = item.get("category") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(category, str):
            problems.append(Problem(value_at("category", number),
                                    f"issue {number} should be an object with a 'category' "
                                    "(such as 'legal.promise')"))
            continue
        try:
            check_category(category)
        except ValueError as error:
            problems.append(Problem(value_at("category", number), f"issue {number}: {error}"))
            continue
        quote, why = item.get("quote"), item.get("why")
        issues.append(Issue(category, quote if isinstance(quote, str) else None,
                            why if isinstance(why, str) else None))
    customer = _text_or_none(data, "customer", value_at, problems)
    note = _text_or_none(data, "note", value_at, problems)
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        problems.append(Problem(value_at("text"), f"'text' should be the draft's text, not "
                                                  f"{_kind(text)}"))
    if problems:
        return None, problems
    return Label(id=str(raw_id), verdict=verdict, quality=quality, issues=issues,
                 customer=customer, note=note, location=here,
                 has_text=isinstance(text, str)), []


def _kind(value: Any) -> str:
    from .drafts.entry import kind

    return kind(value)


# --- figures -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Share:
    """``count`` of ``of``, as a share with its 95% Wilson interval (None when ``of`` is 0)."""

    count: int
    of: int

    @property
    def value(self) -> float | None:
        return self.count / self.of if self.of else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.count, self.of)

    def to_dict(self) -> dict[str, Any]:
        interval = self.interval
        return {"value": _round(self.value), "count": self.count, "of": self.of,
                "interval": [_round(interval[0]), _round(interval[1])] if interval else None}


def wilson(count: int, total: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of ``count`` successes in ``total`` trials."""
    if total <= 0:
        return None
    p = count / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None if precision is None or recall is None else 0.0
    return 2 * precision * recall / (precision + recall)


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, tied values sharing the average of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


#: The fewest pairs a rank correlation is given for (two points always correlate +-1).
MIN_PAIRS = 3


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (the Pearson correlation of the ranks, ties averaged);
    None with fewer than MIN_PAIRS pairs or when either side is constant."""
    if len(xs) != len(ys) or len(xs) < MIN_PAIRS:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def spearman_interval(rho: float | None, n: int, z: float = Z95) -> tuple[float, float] | None:
    """An approximate 95% interval of Spearman's rho: Fisher's z with the variance
    1.06 / (n - 3) of Fieller, Hartley and Pearson (1957). None below 4 pairs."""
    if rho is None or n < 4:
        return None
    if abs(rho) >= 1:
        return rho, rho
    spread = z * math.sqrt(1.06 / (n - 3))
    centre = math.atanh(rho)
    return math.tanh(centre - spread), math.tanh(centre + spread)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


# --- the evaluation ----------------------------------------------------------------------

@dataclass
class CategoryRow:
    """One category: how many drafts reviewers gave an issue of it, how many the config
    flags for it, and the rules that carry it."""

    category: str
    labelled: int
    flagged: int
    both: int
    #: The loaded rules and built-in checks whose ``category`` it is (empty: none).
    rules: list[str]

    @property
    def carried(self) -> bool:
        return bool(self.rules)

    @property
    def precision(self) -> Share:
        return Share(self.both, self.flagged)

    @property
    def recall(self) -> Share:
        return Share(self.both, self.labelled)

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "labelled": self.labelled, "flagged": self.flagged,
                "both": self.both, "precision": self.precision.to_dict(),
                "recall": self.recall.to_dict(), "carried": self.carried, "rules": self.rules}


@dataclass
class RuleRow:
    """One rule that fired: on how many drafts, how many reviewers would change, and how
    many carry an issue of the rule's own category."""

    rule: str
    severity: str
    category: str | None
    fired_on: int
    would_change: int
    #: Drafts it fired on whose label has an issue of its category (None: no category).
    own_category: int | None

    @property
    def precision(self) -> Share:
        return Share(self.would_change, self.fired_on)

    @property
    def category_precision(self) -> Share | None:
        return None if self.own_category is None else Share(self.own_category, self.fired_on)

    def to_dict(self) -> dict[str, Any]:
        own = self.category_precision
        return {"rule": self.rule, "severity": self.severity, "category": self.category,
                "fired_on": self.fired_on, "would_change": self.would_change,
                "precision": self.precision.to_dict(), "own_category": self.own_category,
                "category_precision": own.to_dict() if own else None}


@dataclass
class Evaluation:
    """What :func:`evaluate` finds; ``to_dict()`` is ``brandvoice eval --format json``."""

    #: Labels read, labels matched to a draft, and the ids of those without one.
    labels: int
    matched: int
    unmatched: list[str]
    #: Drafts given that no label names (not evaluated).
    unlabelled: int
    #: Matched drafts by verdict (ok, edit, stop).
    verdicts: dict[str, int]
    #: Draft-level confusion counts: flagged and changed, flagged and ok, ...
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    stop_failed: int
    spearman: float | None
    #: Matched drafts whose label gives a quality (the pairs of the rank correlation).
    with_quality: int
    categories: list[CategoryRow]
    rules: list[RuleRow]

    @property
    def flagged(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def precision(self) -> Share:
        return Share(self.true_positives, self.flagged)

    @property
    def recall(self) -> Share:
        return Share(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float | None:
        return f1(self.precision.value, self.recall.value)

    @property
    def stop_fail(self) -> Share:
        return Share(self.stop_failed, self.verdicts.get("stop", 0))

    @property
    def spearman_interval(self) -> tuple[float, float] | None:
        return spearman_interval(self.spearman, self.with_quality)

    def to_dict(self) -> dict[str, Any]:
        interval = self.spearman_interval
        return {
            "version": 1,
            "flagged_means": FLAGGED_MEANS,
            "counts": {"labels": self.labels, "matched": self.matched,
                       "unmatched": len(self.unmatched), "unlabelled_drafts": self.unlabelled,
                       **{verdict: self.verdicts.get(verdict, 0) for verdict in VERDICTS},
                       "flagged": self.flagged, "with_quality": self.with_quality},
            "unmatched_ids": list(self.unmatched),
            "drafts": {"precision": self.precision.to_dict(), "recall": self.recall.to_dict(),
                       "f1": _round(self.f1), "true_positives": self.true_positives,
                       "false_positives": self.false_positives,
                       "false_negatives": self.false_negatives,
                       "true_negatives": self.true_negatives},
            "stop_fail": self.stop_fail.to_dict(),
            "spearman": {"value": _round(self.spearman), "drafts": self.with_quality,
                         "interval": [_round(interval[0]), _round(interval[1])]
                         if interval else None},
            "categories": [row.to_dict() for row in self.categories],
            "rules": [row.to_dict() for row in self.rules],
        }


def _flagging(severity: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(FLAGGED_FROM)


def category_order(category: str) -> tuple[int, str]:
    """The guide's categories in its order, then the others by name."""
    if category in GUIDE_CATEGORIES:
        return GUIDE_CATEGORIES.index(category), ""
    return len(GUIDE_CATEGORIES), category


def evaluate(labels: Iterable[Label], results: Iterable["Result"], *,
             categories: Mapping[str, str | None] | None = None,
             unlabelled: int = 0) -> Evaluation:
    """Compare ``results`` with the reviewers' ``labels``, matched by id.

    ``categories`` maps each rule and built-in check that runs to its category (a
    linter's :attr:`~brandvoice.Linter.categories`): a category of the labels that no rule
    carries is shown as such. Without it, the categories are read from the findings.
    Results whose id no label names are counted in ``unlabelled``, as are ``unlabelled``
    drafts left out before checking.
    """
    by_id: dict[str, Label] = {}
    for label in labels:
        by_id.setdefault(label.id, label)
    seen: set[str] = set()
    verdicts: Counter[str] = Counter()
    tp = fp = fn = tn = stop_failed = 0
    scores: list[float] = []
    qualities: list[float] = []
    labelled_in: Counter[str] = Counter()
    flagged_in: Counter[str] = Counter()
    both_in: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    changed_on: Counter[str] = Counter()
    own_on: Counter[str] = Counter()
    rule_info: dict[str, tuple[str, str | None]] = {}
    found_categories: set[str] = set()
    for result in results:
        label = by_id.get(result.id)
        if label is None or result.id in seen:
            unlabelled += 1
            continue
        seen.add(result.id)
        verdicts[label.verdict] += 1
        flagging = [f for f in result.findings if _flagging(f.severity)]
        flagged = bool(flagging)
        if flagged and label.changed:
            tp += 1
        elif flagged:
            fp += 1
        elif label.changed:
            fn += 1
        else:
            tn += 1
        if label.verdict == "stop" and not result.passed:
            stop_failed += 1
        if label.quality is not None:
            scores.append(result.score)
            qualities.append(label.quality)
        truly = label.categories
        for category in truly:
            labelled_in[category] += 1
        flagged_for = {f.category for f in flagging if f.category}
        found_categories |= {f.category for f in result.findings if f.category}
        for category in flagged_for:
            flagged_in[category] += 1
            if category in truly:
                both_in[category] += 1
        for finding in result.findings:  # a rule's highest severity, and its category
            known = rule_info.get(finding.rule)
            if known is None or SEVERITIES.index(finding.severity) > SEVERITIES.index(known[0]):
                rule_info[finding.rule] = (finding.severity, finding.category)
        for rule in {f.rule for f in result.findings}:
            fired[rule] += 1
            changed_on[rule] += label.changed
            category = rule_info[rule][1]
            own_on[rule] += category is not None and category in truly
    if categories is None:
        categories = {rule: info[1] for rule, info in rule_info.items()}
    carriers: dict[str, list[str]] = {}
    for rule, category in categories.items():
        if category:
            carriers.setdefault(category, [])
            if rule not in carriers[category]:
                carriers[category].append(rule)
    names = set(labelled_in) | set(flagged_in) | set(carriers) | found_categories
    rows = [CategoryRow(name, labelled_in[name], flagged_in[name], both_in[name],
                        sorted(carriers.get(name, [])))
            for name in sorted(names, key=category_order)]
    rule_rows = [RuleRow(rule, rule_info[rule][0], rule_info[rule][1], fired[rule],
                         changed_on[rule],
                         own_on[rule] if rule_info[rule][1] is not None else None)
                 for rule in fired]
    rule_rows.sort(key=lambda row: (-row.fired_on, row.rule))
    unmatched = [label_id for label_id in by_id if label_id not in seen]
    return Evaluation(
        labels=len(by_id), matched=len(seen), unmatched=unmatched, unlabelled=unlabelled,
        verdicts={verdict: verdicts[verdict] for verdict in VERDICTS},
        true_positives=tp, false_positives=fp, false_negatives=fn, true_negatives=tn,
        stop_failed=stop_failed, spearman=spearman(scores, qualities),
        with_quality=len(scores), categories=rows, rules=rule_rows)


@dataclass
class Selection:
    """The drafts to check for an evaluation: one per labelled id, in the order read."""

    drafts: list["Draft"]
    #: Drafts whose id no label names (left out).
    unlabelled: int = 0
    #: Ids read more than once (the first draft is used).
    duplicates: list[str] = field(default_factory=list)


def select(labels: Labels | Iterable[Label], drafts: Iterable["Draft"]) -> Selection:
    """The drafts that ``labels`` name, first come first served; a label that carries its
    own text is used when no draft given has its id."""
    items = list(labels)
    wanted = {label.id for label in items}
    chosen: dict[str, "Draft"] = {}
    selection = Selection([])
    for draft in drafts:
        draft_id = draft.id or ""
        if draft_id not in wanted:
            selection.unlabelled += 1
        elif draft_id in chosen:
            if draft_id not in selection.duplicates:
                selection.duplicates.append(draft_id)
        else:
            chosen[draft_id] = draft
    if isinstance(labels, Labels):
        for draft in labels.drafts():
            chosen.setdefault(draft.id or "", draft)
    selection.drafts = list(chosen.values())
    return selection


def evaluate_drafts(linter: "Linter", labels: Labels | Iterable[Label],
                    drafts: Iterable["Draft"] = (), *, jobs: int = 1,
                    **metadata: str | None) -> tuple[Evaluation, Selection]:
    """Check the labelled drafts (of ``drafts``, and those the labels carry) with
    ``linter`` and evaluate the results; also what was selected (duplicate ids)."""
    if not isinstance(labels, Labels):
        labels = list(labels)  # read twice: to select the drafts, then to compare
    selection = select(labels, drafts)
    results = linter.iter_check(selection.drafts, jobs=jobs, **metadata)
    evaluation = evaluate(labels, results, categories=linter.categories,
                          unlabelled=selection.unlabelled)
    return evaluation, selection
