"""``brandvoice audit --html``: the audit as one self-contained HTML page.

Everything is in the one file: the styles inline, the charts as inline SVG drawn by
matplotlib (see :mod:`.charts`), no script and no link to fetch, so the report opens
offline, can be mailed or archived, and prints.

The page: headline numbers, the score distribution per group, the monthly trend of pass
rate and sentiment, the most frequent rules per group, the scorecard table, consistency
across departments, each group's most frequent rules with example replies, and the rows
with problems.
Groups are those of the first ``--by`` name that is not ``month`` (``department`` by
default); the trend is over all replies, whatever ``--by`` says.
"""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..audit import Audit, Scorecard, sorted_groups
from ..fix import write_whole
from . import charts
from .audit import _row, kpi_rows, not_given_notes

_CSS = """
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9dee3;
        --bad: #a61b1b; --good: #1b6e3a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 36px 0 8px; border-bottom: 1px solid var(--line);
     padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
p.lead, .muted { color: var(--muted); }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0; padding: 0; }
.tiles div { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px;
             min-width: 150px; }
.tiles dt { color: var(--muted); font-size: 0.85em; }
.tiles dd { font-size: 1.5em; font-weight: 600; margin: 0; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.92em; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left;
         vertical-align: top; }
th { background: #f5f7fa; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.all td { font-weight: 600; border-top: 2px solid var(--ink); }
figure { margin: 12px 0 24px; }
figcaption { color: var(--muted); font-size: 0.9em; max-width: 75ch; }
svg.chart { width: 100%; height: auto; display: block; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
code, .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
blockquote { margin: 2px 0 6px 0; padding-left: 10px; border-left: 3px solid var(--line); }
.off { color: var(--bad); }
.on { color: var(--good); }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85em; }
@media print { details { display: block; } body { max-width: none; } }
"""


def compared(audit: Audit) -> str:
    """The ``--by`` name the report compares groups on."""
    return next((name for name in audit.by if name != "month"), audit.by[0])


def _largest(cards: dict[str, Scorecard], most: int) -> dict[str, Scorecard]:
    """The ``most`` groups with most replies, in their order."""
    kept = sorted(cards, key=lambda name: -cards[name].replies)[:most]
    return {name: card for name, card in cards.items() if name in kept}


def _replies(count: int) -> str:
    return f"{count:,} repl{'y' if count == 1 else 'ies'}"


def _number(value: Any, digits: int = 1, suffix: str = "") -> str:
    return "–" if value is None else f"{value:,.{digits}f}{suffix}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _table(header: list[str], rows: Iterable[tuple[list[str], str]],
           numeric: set[int]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = []
    for cells, css in rows:
        tds = "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                      for i, c in enumerate(cells))
        body.append(f'<tr class="{css}">{tds}</tr>' if css else f"<tr>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _scorecards(audit: Audit) -> str:
    formality = audit.overall.formality.values
    header = [*audit.by, "replies", "pass rate", "mean score", "median score",
              "findings / 100", "sentiment", "politeness",
              *(["formality"] if formality else []), "grade", "top rule"]
    rows = []
    for key, card, css in [*((k, c, "") for k, c in sorted_groups(audit.groups)),
                           (("all",) * len(audit.by), audit.overall, "all")]:
        row = _row(card)
        rows.append(([*map(escape, key), f"{row['replies']:,}", _percent(row["pass_rate"]),
                      _number(row["score_mean"]), _number(row["score_median"]),
                      _number(row["findings_per_100"]), _number(row["sentiment_mean"], 2),
                      _number(row["politeness_mean"], 2),
                      *([_number(row["formality_mean"], 2)] if formality else []),
                      _number(row["flesch_kincaid_grade_mean"]),
                      f"<code>{escape(row['top_rule'])}</code>" if row["top_rule"] else "–"],
                     css))
    numeric = set(range(len(audit.by), len(header) - 1))
    return _table(header, rows, numeric)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"


def _distribution(cards: dict[str, Scorecard], name: str) -> str:
    shown = _largest({k: c for k, c in cards.items() if c.replies}, charts.MOST_GROUPS)
    if not shown:
        return '<p class="muted">No reply was audited.</p>'
    figure = charts.score_distribution({k: c.scores.values for k, c in shown.items()}, name)
    left = len(cards) - len(shown)
    more = f" The {left} smaller groups are in the scorecards below." if left else ""
    text = "; ".join(f"{k}: median {c.scores.summary()['median']:g}" for k, c in shown.items())
    return _figure(charts.to_svg(figure, "scores", f"Scores per {name}", text),
                   f"The spread of the replies' scores per {escape(name)} (its number of "
                   "replies in brackets): the box holds the middle half, the whiskers the "
                   f"rest but outliers (dots).{escape(more)}")


def _tone(cards: dict[str, Scorecard], name: str) -> str:
    """Mean sentiment and mean politeness per group, side by side."""
    shown = _largest({k: c for k, c in cards.items() if c.politeness.values}, charts.MOST_GROUPS)
    if not shown:
        return ""
    means = {k: (c.sentiment.summary()["mean"], c.politeness.summary()["mean"])
             for k, c in shown.items()}
    figure = charts.tone_by_group(means, {k: c.replies for k, c in shown.items()}, name)
    text = "; ".join(f"{k}: sentiment {s:+.2f}, politeness {p:.2f}"
                     for k, (s, p) in means.items() if s is not None and p is not None)
    return ("<h2>Tone per " + escape(name) + "</h2>" + _figure(
        charts.to_svg(figure, "tone", f"Sentiment and politeness per {name}", text),
        "The mean sentiment (VADER, -1 negative to 1 positive) and the mean politeness (0 "
        f"rude to 1 very polite) of the replies of each {escape(name)}: sentiment is how "
        "positive the words are, politeness how the reply treats the person it answers "
        "(see the persona's tone)."))


def _trend(audit: Audit) -> str:
    dated = {k: c for k, c in audit.months.items() if k != "unknown" and c.replies}
    undated = audit.months.get("unknown")
    note = (f" {_replies(undated.replies)} without a readable date "
            f"{'is' if undated.replies == 1 else 'are'} not in it."
            if undated and undated.replies else "")
    if not dated:
        return ('<p class="muted">No reply has a date (<code>created_at</code>), so there is '
                f"no trend.{escape(note)}</p>")
    period, gaps = "month", "Months without replies are gaps."
    first, last = min(dated, key=_period), max(dated, key=_period)
    every = True
    if _months_between(first, last) > MOST_BARS:
        dated = _per_year(dated)
        period, gaps = "year", "Years without replies are gaps."
        every = int(max(dated)) - int(min(dated)) < MOST_BARS
        if not every:
            gaps = "Only the years with replies are drawn."
    series = {k: (c.replies, c.passed / c.replies, c.sentiment.summary()["mean"])
              for k, c in dated.items()}
    figure = charts.monthly_trend(series, audit.targets.get("sentiment", (None, None)),
                                  every=every)
    few = charts.thin_below(n for n, _, _ in series.values())
    text = "; ".join(f"{k}: {_replies(n)}{' (few)' if n < few else ''}, pass rate "
                     f"{100 * rate:.0f}%" + ("" if s is None else f", sentiment {s:.2f}")
                     for k, (n, rate, s) in series.items())
    spread = (f" The replies span {first} to {last}, more than {MOST_BARS} months, so the "
              "trend is drawn per year." if period == "year" else "")
    thin = [k for k, (n, _, _) in series.items() if n < few]
    thin_note = (f" A {period} with fewer than {few:,} replies (a tenth of the busiest "
                 f"{period}'s) has hollow points and a light bar with its count: its pass "
                 f"rate and sentiment rest on few replies ({', '.join(thin)})."
                 if thin else "")
    return _figure(charts.to_svg(figure, "trend", f"Pass rate and sentiment per {period}",
                                 text),
                   f"Per {period}, over all replies: the share that pass, the mean sentiment "
                   "(VADER, -1 to 1; the band is the persona's target where it sets one) and "
                   f"the number of replies. {gaps}{escape(thin_note + spread + note)}")


#: The most months the trend draws one by one; a longer span is drawn per year.
MOST_BARS = 120


def _period(month: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month)."""
    year, _, number = month.partition("-")
    return int(year), int(number)


def _months_between(first: str, last: str) -> int:
    """Months from ``first`` to ``last`` (``YYYY-MM``), both counted."""
    (y1, m1), (y2, m2) = _period(first), _period(last)
    return (y2 - y1) * 12 + m2 - m1 + 1


def _per_year(months: dict[str, Scorecard]) -> dict[str, Scorecard]:
    """The monthly scorecards added up per year (``YYYY``, in order)."""
    years: dict[str, Scorecard] = {}
    for month, card in sorted(months.items(), key=lambda item: _period(item[0])):
        year = f"{_period(month)[0]:04d}"
        if year not in years:
            years[year] = Scorecard(key={"month": year})
        years[year].merge(card)
    return years


def _rules_chart(audit: Audit, cards: dict[str, Scorecard], name: str) -> str:
    top = [rule for rule, _ in audit.overall.rules.most_common(charts.MOST_RULES)]
    if not top:
        return '<p class="muted">No rule found anything.</p>'
    shown = _largest(cards, charts.MOST_GROUPS)
    counts = {rule: {k: c.per_100(c.rules[rule]) for k, c in shown.items()} for rule in top}
    figure = charts.rules_by_group(counts, name)
    text = "; ".join(f"{rule}: {audit.overall.per_100(audit.overall.rules[rule]):g} per 100 "
                     "replies" for rule in top)
    return _figure(charts.to_svg(figure, "rules", f"Most frequent rules per {name}", text),
                   f"Findings per 100 replies of the {len(top)} most frequent rules, per "
                   f"{escape(name)}.")


#: Most groups whose rules are listed with examples (the largest; the JSON has them all).
MOST_LISTED = 100


def _top_rules(cards: dict[str, Scorecard], name: str) -> str:
    parts = []
    largest = sorted(cards.items(), key=lambda item: -item[1].replies)
    for key, card in largest[:MOST_LISTED]:
        data = card.to_dict()
        if not data["top_rules"]:
            parts.append(f"<details><summary>{escape(key)}: no findings in "
                         f"{_replies(card.replies)}</summary></details>")
            continue
        items = []
        for entry in data["top_rules"]:
            examples = []
            for example in entry["examples"]:
                text = (f"<blockquote>{escape(example['text'])}</blockquote>"
                        if "text" in example else "")
                examples.append(f'<span class="id">{escape(example["id"])}</span>{text}')
            items.append(f"<li><code>{escape(entry['rule'])}</code>: {entry['findings']:,} "
                         f"({card.per_100(entry['findings']):g} per 100 replies); for example "
                         f"{', '.join(examples)}</li>")
        parts.append(f"<details><summary>{escape(key)} ({_replies(card.replies)}, "
                     f"{card.per_100(card.findings):g} findings per 100)</summary>"
                     f"<ol>{''.join(items)}</ol></details>")
    if len(largest) > MOST_LISTED:
        parts.append(f'<p class="muted">The {len(largest) - MOST_LISTED:,} smaller groups are '
                     "not listed here; <code>--format json</code> has them all.</p>")
    return f"<h2>The most frequent rules of each {escape(name)}</h2>" + "".join(parts)


def _consistency(audit: Audit) -> str:
    if not audit.consistency:
        return ""
    measures = [m for m in ("sentiment", "politeness", "formality", "flesch_kincaid_grade")
                if any(row[m]["mean"] is not None for row in audit.consistency)]
    header = ["department", "replies"]
    for measure in measures:
        label = measure.replace("flesch_kincaid_", "")
        header += [f"{label}", f"{label}: outside target", f"{label}: from all"]

    def outside(value: float | None) -> str:
        if value is None:
            return "no target"
        return '<span class="on">on target</span>' if not value else \
            f'<span class="off">{value:+.2f}</span>'

    rows = []
    for row in audit.consistency:
        cells = [escape(row["department"]), f"{row['replies']:,}"]
        for measure in measures:
            m = row[measure]
            cells += [_number(m["mean"], 2), outside(m["outside_target"]),
                      "–" if m["from_all_replies"] is None else f"{m['from_all_replies']:+.2f}"]
        rows.append((cells, ""))
    numeric = {1} | {2 + 3 * i for i in range(len(measures))} | \
        {4 + 3 * i for i in range(len(measures))}
    return ("<h2>Consistency across departments</h2><p>Each department's mean, how far it "
            "lies outside the persona's target range, and how far from the mean of all "
            "replies.</p>" + _table(header, rows, numeric))


def _kpis(audit: Audit) -> str:
    """Response time, unanswered messages and canned replies per group, when the export
    gives what they need."""
    rows = kpi_rows(audit)
    if not rows:
        return ""
    header = [*audit.by, "response time (median)", "response time (90th percentile)",
              "unanswered messages", "canned replies"]
    cells = [([escape(cell) for cell in row], "all" if i == len(rows) - 1 else "")
             for i, row in enumerate(rows)]
    return ("<h2>Care KPIs</h2><p>From the customer's message to the reply "
            "(<code>in_reply_to_created_at</code> to <code>created_at</code>), within "
            "0.5 %; customers' messages the export holds with no reply; replies whose text "
            "(but handles, numbers, links and signatures) went to another customer too.</p>"
            + _table(header, cells, set(range(len(audit.by), len(header)))))


def _routing(audit: Audit) -> str:
    """Who answered what (the config's responsibilities)."""
    routing = audit.routing
    if routing is None:
        return ""
    departments = routing.departments()
    if not departments:
        return ("<h2>Who answers what</h2><p>No reply of the export says which department "
                "wrote it, so who answered what cannot be told.</p>")
    contexts = sorted({c for row in departments for c in row["contexts"]}, key=str.casefold)
    header = ["department", "replies", *contexts, "its own to answer"]
    rows = [([escape(row["department"]), f"{row['replies']:,}",
              *(f"{row['contexts'].get(c, 0):,}" for c in contexts),
              _percent(row["share"]) + (f" of {row['checked']:,}" if row["checked"] else "")],
             "") for row in departments]
    per_department = _table(header, rows, set(range(1, len(header))))
    rows = [([escape(row["context"]), escape(", ".join(row["answered_by_responsible"])),
              f"{row['replies']:,}", _percent(row["share"]),
              escape(", ".join(f"{name} {n:,}" for name, n in row["answered_by"].items()))],
             "") for row in routing.by_context()]
    per_context = _table(["context", "answered by", "replies", "by them", "written by"],
                         rows, {2, 3}) if rows else ""
    return ("<h2>Who answers what</h2><p>Replies whose department the export gives: the "
            "contexts each department answered, and the share of its replies that are its "
            "own to answer (the config's <code>responsibilities</code>).</p>"
            + per_department + ("<p>Per context the config gives to a department: the "
                                "share its departments wrote.</p>" + per_context
                                if per_context else ""))


def _bad_rows(audit: Audit) -> str:
    if not audit.bad_rows:
        return ""
    count = sum(audit.problems.values())
    kinds = ", ".join(f"{n:,} {escape(p)}" for p, n in audit.problems.items())
    listed = "".join(f"<li>{escape(row.source or '–')} (<span class=\"id\">{escape(row.id)}"
                     f"</span>): {escape(row.problem)}</li>" for row in audit.bad_rows)
    more = (f"<p class=\"muted\">The first {len(audit.bad_rows):,} are listed.</p>"
            if len(audit.bad_rows) < count else "")
    return (f"<h2>Rows with problems</h2><p>{count:,} ({kinds}).</p>"
            f"<details><summary>The rows</summary><ul>{listed}</ul>{more}</details>")


def render_html(audit: Audit, *, sources: Iterable[str] = (), title: str | None = None,
                now: datetime | None = None) -> str:
    """The audit as one HTML page."""
    charts.load()
    name = compared(audit)
    cards = audit.merged(name)
    overall = audit.overall
    data = overall.to_dict()
    months = sorted(k for k in audit.months if k != "unknown")
    span = f"{months[0]} to {months[-1]}" if len(months) > 1 else (months[0] if months else "")
    sources = list(sources)
    made = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M %Z").strip()
    title = title or f"Audit of {_replies(overall.replies)}"
    tiles = [("replies", f"{overall.replies:,}"), ("pass rate", _percent(data["pass_rate"])),
             ("mean score", _number(data["score"]["mean"])),
             ("findings per 100", _number(data["findings_per_100"])),
             ("mean sentiment", _number(data["sentiment"]["mean"], 2)),
             ("rows with problems", f"{sum(audit.problems.values()):,}")]
    owner_text = ", ".join(f"{escape(owner)} {overall.per_100(n):g}"
                           for owner, n in overall.owners.most_common())
    body = [
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="lead">{escape(", ".join(sources)) or "Replies"}'
        f"{escape(' · ' + span) if span else ''} · grouped by {escape(', '.join(audit.by))}"
        "</p></header>",
        '<dl class="tiles">' + "".join(f"<div><dt>{escape(k)}</dt><dd>{v}</dd></div>"
                                      for k, v in tiles) + "</dl>",
        f"<p>Findings per 100 replies by the department that owns the rule (a persona "
        f"check's is the persona's <code>owner</code>): {owner_text or 'none'}.</p>"
        if overall.replies else "",
        "".join(f'<p class="muted">{escape(note)}</p>' for note in not_given_notes(audit)),
        f"<h2>Scores per {escape(name)}</h2>", _distribution(cards, name),
        "<h2>Trend</h2>", _trend(audit),
        _tone(cards, name),
        f"<h2>Rules per {escape(name)}</h2>", _rules_chart(audit, cards, name),
        "<h2>Scorecards</h2>", _scorecards(audit),
        _consistency(audit),
        _routing(audit),
        _kpis(audit),
        _top_rules(cards, name),
        _bad_rows(audit),
        f"<footer>Made by brandvoice {escape(__version__)} on {escape(made)}. A reply passes "
        "as <code>brandvoice check</code> decides (no finding at the config's "
        "<code>fail_on</code> severity, a score of at least <code>min_score</code>); scores, "
        "sentiment and grades are those of <code>check</code>.</footer>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(part for part in body if part) + "</body></html>\n")


def write_html(path: Path, page: str) -> None:
    """Write ``page`` to ``path`` whole or not at all (an older report stays as it was on
    any error)."""
    write_whole(path, page)
