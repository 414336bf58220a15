"""``brandvoice eval`` output: a small table for people, JSON for programs."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from ..evaluation import FLAGGED_MEANS, Evaluation, Share


def render_json(evaluation: Evaluation) -> str:
    return json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _interval(share: Share) -> str:
    interval = share.interval
    return "" if interval is None else _span(interval)


def _span(interval: tuple[float, float]) -> str:
    return f"{interval[0]:.2f} to {interval[1]:.2f}"


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]], right: set[int]) -> list[str]:
    """Rows under a header, each column as wide as its widest cell; the columns in
    ``right`` aligned right (numbers)."""
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return ["  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                      for i, cell in enumerate(row)).rstrip() for row in cells]


#: Prose lines are wrapped to this width (the tables are as wide as they need).
WIDTH = 88


def _prose(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH)


def _drafts(count: int) -> str:
    return f"{count} draft{'' if count == 1 else 's'}"


def render_text(evaluation: Evaluation) -> str:
    e = evaluation
    verdicts = ", ".join(f"{e.verdicts.get(v, 0)} {v}" for v in ("ok", "edit", "stop"))
    missing = (f"{len(e.unmatched)} without a draft" if e.unmatched else "each with its draft")
    extra = (f"; {_drafts(e.unlabelled)} without a label left out" if e.unlabelled else "")
    lines = _prose(
        f"Evaluated {_drafts(e.matched)} that reviewers labelled: {verdicts} "
        f"({e.labels} label{'' if e.labels == 1 else 's'}, {missing}{extra}). "
        f"A draft is flagged when it has {FLAGGED_MEANS}; each figure gives its count and "
        "its 95% interval.")
    lines.append("")
    spearman_interval = e.spearman_interval
    rows: list[tuple[Any, ...]] = [
        ("Flagged drafts that reviewers would change (precision)", _number(e.precision.value),
         f"{e.precision.count} of {e.precision.of}", _interval(e.precision)),
        ("Drafts reviewers would change that are flagged (recall)", _number(e.recall.value),
         f"{e.recall.count} of {e.recall.of}", _interval(e.recall)),
        ("F1 of precision and recall", _number(e.f1), "", ""),
        ("Drafts reviewers would stop that fail", _number(e.stop_fail.value),
         f"{e.stop_fail.count} of {e.stop_fail.of}", _interval(e.stop_fail)),
        ("Score against quality (Spearman)", _number(e.spearman), _drafts(e.with_quality),
         "" if spearman_interval is None else _span(spearman_interval)),
    ]
    lines += _table(("", "value", "count", "95% interval"), rows, {1, 2})
    if e.categories:
        rows = []
        for row in e.categories:
            if not row.carried and not row.flagged:
                rows.append((row.category, row.labelled, "-", "-", "-", "-",
                             "no rule carries this category"))
                continue
            rows.append((row.category, row.labelled, row.flagged, row.both,
                         _number(row.precision.value), _number(row.recall.value), ""))
        lines += _section("By category: labelled = drafts reviewers gave an issue of it; "
                          "flagged = drafts with a finding of it at warning or error; "
                          "both = the two at once.",
                          ("category", "labelled", "flagged", "both", "precision", "recall",
                           ""), rows, {1, 2, 3, 4, 5})
    if e.rules:
        rows = []
        for row in e.rules:
            own = row.category_precision
            rows.append((row.rule, row.severity, row.category or "-", row.fired_on,
                         row.would_change, _number(row.precision.value),
                         "-" if own is None else f"{own.count} ({_number(own.value)})"))
        lines += _section("By rule: fired on = drafts with a finding of it; would change = "
                          "of those, drafts reviewers would edit or stop; own category = "
                          "of those, drafts with an issue of the rule's category.",
                          ("rule", "severity", "category", "fired on", "would change",
                           "precision", "own category"), rows, {3, 4, 5, 6})
    return "\n".join(lines)


def _section(intro: str, header: tuple[str, ...], rows: list[tuple], numeric: set[int]
             ) -> list[str]:
    """A blank line, a paragraph saying what the columns mean, then the table."""
    return ["", *_prose(intro), *_table(header, rows, numeric)]
