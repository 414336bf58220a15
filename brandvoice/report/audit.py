"""``brandvoice audit`` output: a text scorecard for people, JSON and CSV for programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..audit import NOT_GIVEN, Audit, Scorecard, sorted_groups

CSV_COLUMNS = ("replies", "passed", "pass_rate", "score_mean", "score_median",
               "findings_per_100", "sentiment_mean", "formality_mean",
               "flesch_kincaid_grade_mean", "top_rule", "responsible_share", "politeness_mean",
               "response_median_seconds", "response_p90_seconds", "unanswered_share",
               "canned_share")


def _row(card: Scorecard, unanswered_known: bool = True) -> dict[str, Any]:
    data = card.to_dict(unanswered_known)
    top = data["top_rules"]
    return {
        "replies": data["replies"], "passed": data["passed"], "pass_rate": data["pass_rate"],
        "score_mean": data["score"]["mean"], "score_median": data["score"]["median"],
        "findings_per_100": data["findings_per_100"],
        "sentiment_mean": data["sentiment"]["mean"],
        "formality_mean": data["formality"]["mean"],
        "flesch_kincaid_grade_mean": data["flesch_kincaid_grade"]["mean"],
        "top_rule": top[0]["rule"] if top else "",
        "responsible_share": data["responsibility"]["share"],
        "politeness_mean": data["politeness"]["mean"],
        "response_median_seconds": data["response_time"]["median_seconds"],
        "response_p90_seconds": data["response_time"]["p90_seconds"],
        "unanswered_share": data["unanswered"]["share"],
        "canned_share": data["canned"]["share"],
    }


def render_json(audit: Audit) -> str:
    return json.dumps(audit.to_dict(), ensure_ascii=False, indent=2)


def render_csv(audit: Audit) -> str:
    """One row per group, then one for all replies (its group columns say "all")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*audit.by, *CSV_COLUMNS])
    known = audit.unanswered_known
    for key, card in sorted_groups(audit.groups):
        writer.writerow([*key, *_row(card, known).values()])
    writer.writerow([*(["all"] * len(audit.by)), *_row(audit.overall, known).values()])
    return out.getvalue().rstrip("\n")


def _number(value: Any, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def not_given_notes(audit: Audit) -> list[str]:
    """A sentence per field grouped on that some replies do not give: they are grouped as
    "not given", not under the config's default they were checked with."""
    notes = []
    for name, missing in audit.not_given.items():
        count, default = missing["replies"], missing["checked_with"]
        replies = f"{count} repl{'y' if count == 1 else 'ies'}"
        checked = (f" (checked with the config's default, '{default}')" if default else "")
        notes.append(f"{replies} of the export {'gives' if count == 1 else 'give'} no "
                     f"{name}: grouped as '{NOT_GIVEN}'{checked}.")
    return notes


def not_given_lines(audit: Audit) -> list[str]:
    notes = not_given_notes(audit)
    return ["", *notes] if notes else []


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def routing_lines(audit: Audit) -> list[str]:
    """Who answered what (the config's responsibilities), for the text report."""
    routing = audit.routing
    if routing is None:
        return []
    departments = routing.departments()
    if not departments:
        return ["", "Who answers what: no reply of the export says its department."]
    lines = ["", "Who answers what (replies whose department the export gives):"]
    for row in departments:
        answered = ", ".join(f"{context} {n}" for context, n in row["contexts"].items())
        lines.append(f"  {row['department']}: {answered}; its own to answer: "
                     f"{_share(row['by_responsible'], row['checked'])}")
    for row in routing.by_context():
        others = ", ".join(f"{name} {n}" for name, n in row["answered_by"].items())
        lines.append(f"  {row['context']} (answered by {', '.join(row['answered_by_responsible'])})"
                     f": {_share(row['by_responsible'], row['replies'])} by them; "
                     f"written by {others}")
    return lines


def _duration(seconds: float | None) -> str:
    """1 h 05 min, 12 min, 45 s, 2 d 03 h."""
    if seconds is None:
        return "-"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 86400} d {seconds % 86400 // 3600:02d} h"


def kpi_rows(audit: Audit) -> list[list[str]]:
    """Per group and for all replies: response time (median, 90th percentile), the share
    of customers' messages left unanswered, and the share of canned replies; empty when
    the export gives none of what they need."""
    cards = [*sorted_groups(audit.groups), (("all",) * len(audit.by), audit.overall)]
    overall = audit.overall
    if not (overall.response.counts or overall.unanswered or overall.canned):
        return []
    known = audit.unanswered_known
    rows = []
    for key, card in cards:
        data = card.to_dict(known)
        time, left, canned = data["response_time"], data["unanswered"], data["canned"]
        rows.append([*key, _duration(time["median_seconds"]), _duration(time["p90_seconds"]),
                     "-" if left["share"] is None else
                     f"{left['unanswered']}/{left['messages']} ({100 * left['share']:.0f}%)",
                     "-" if canned["share"] is None else
                     f"{canned['replies']}/{card.replies} ({100 * canned['share']:.0f}%)"])
    return rows


def kpi_lines(audit: Audit) -> list[str]:
    rows = kpi_rows(audit)
    if not rows:
        return []
    header = [*audit.by, "response median", "response p90", "unanswered", "canned"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["", "Care KPIs:", *("  " + "  ".join(cell.ljust(width) for cell, width in
                                                 zip(row, widths)).rstrip()
                                for row in [header, *rows])]


def render_text(audit: Audit) -> str:
    by = audit.by
    header = [*by, "replies", "pass", "score", "findings/100", "sentiment", "politeness",
              "grade", "top rule"]
    rows = []
    for key, card in [*sorted_groups(audit.groups), (("all",) * len(by), audit.overall)]:
        row = _row(card)
        rows.append([*key, str(row["replies"]),
                     "-" if row["pass_rate"] is None else f"{100 * row['pass_rate']:.0f}%",
                     _number(row["score_mean"], 1), f"{row['findings_per_100']:.1f}",
                     _number(row["sentiment_mean"]), _number(row["politeness_mean"]),
                     _number(row["flesch_kincaid_grade_mean"], 1),
                     row["top_rule"] or "-"])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in [header, *rows]]
    lines += not_given_lines(audit)
    if audit.consistency:
        lines += ["", "Consistency (mean; outside the persona's target; from all replies):"]
        for row in audit.consistency:
            parts = []
            for measure in ("sentiment", "politeness", "formality", "flesch_kincaid_grade"):
                m = row[measure]
                if m["mean"] is None:
                    continue
                off = m["outside_target"]
                outside = "" if off is None else f", {off:+.2f} outside" if off else ", on target"
                parts.append(f"{measure.replace('flesch_kincaid_', '')} {m['mean']:.2f}"
                             f"{outside}, {m['from_all_replies']:+.2f} from all")
            lines.append(f"  {row['department']}: " + "; ".join(parts))
    lines += routing_lines(audit)
    lines += kpi_lines(audit)
    if audit.bad_rows:
        count = sum(audit.problems.values())
        lines += ["", f"{count} problem{'s' if count != 1 else ''} in the rows "
                      f"({', '.join(f'{n} {p}' for p, n in audit.problems.items())}):"]
        lines += [f"  {row.source or '-'} ({row.id}): {row.problem}" for row in audit.bad_rows]
    return "\n".join(lines)
