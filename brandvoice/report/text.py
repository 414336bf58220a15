"""``--format text``: one line per finding, as ruff prints them, then a summary.

    replies/refund.txt:1:4: error legal.no-guarantees Don't promise outcomes ('guarantee').

Colour is used only when writing to a terminal, and never when NO_COLOR is set
(rich decides both).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence, TextIO

from ..result import Finding, Result

if TYPE_CHECKING:
    from . import Tally

STYLES = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def finding_line(label: str, finding: Finding) -> list[tuple[str, str | None]]:
    parts: list[tuple[str, str | None]] = [
        (f"{label}:{finding.line}:{finding.column}:", "bold"),
        (" ", None),
        (finding.severity, STYLES.get(finding.severity)),
        (" ", None),
        (finding.rule, "dim"),
        (" ", None),
        (finding.message, None),
    ]
    tries = suggestion_text(finding)
    if tries:
        parts.append((f" {tries}", "green"))
    if finding.also:  # the other rules that found the same problem here
        parts.append((f" (also: {', '.join(finding.also)})", "dim"))
    return parts


def suggestion_text(finding: Finding) -> str:
    """The suggestions the message does not already say: 'Try: "a", "b".' ('Or: ...' when
    the message names one); empty when there are none."""
    said = [s for s in finding.suggestions if f"'{s}'" in finding.message]
    extra = [s for s in finding.suggestions if s not in said]
    if not extra:
        return ""
    tries = ", ".join(f'"{s}"' for s in extra)
    return f"{'Or' if said else 'Try'}: {tries}."


Line = list[tuple[str, "str | None"]]


def result_lines(result: Result) -> list[Line]:
    """A result's findings, and its verdict when it has findings or fails."""
    out: list[Line] = []
    label = result.source or result.id
    for finding in result.findings:
        out.append(finding_line(label, finding))
    if result.findings or not result.passed:
        verdict = "passed" if result.passed else "failed"
        # An entry of a collection, or a draft named by its front matter, shows its id.
        named = label if result.id in ("", label) or label.startswith("<") else \
            result.id if result.id.startswith(f"{label}#") else f"{label} ({result.id})"
        out.append([(f"{named}: score {result.score}, ", None),
                    (verdict, "green" if result.passed else "bold red")])
    return out


def summary_line(s: dict[str, int]) -> Line:
    return [(
        f"Checked {_plural(s['drafts'], 'draft')}: {s['passed']} passed, {s['failed']} failed; "
        f"{_plural(s['error'], 'error')}, {_plural(s['warning'], 'warning')}, "
        f"{_plural(s['suggestion'], 'suggestion')}.", "bold")]


def lines(results: Iterable[Result], tally: "Tally | None" = None) -> Iterator[Line]:
    """The report as lines of (text, style) pieces, each result's as it comes; the
    summary last."""
    from . import Tally

    tally = tally if tally is not None else Tally()
    for result in tally.counted(results):
        yield from result_lines(result)
    yield summary_line(tally.counts)


def write(results: Iterable[Result], out: TextIO) -> "Tally":
    """The report without colour."""
    from . import Tally

    tally = Tally()
    for line in lines(results, tally):
        out.write("".join(text for text, _ in line) + "\n")
    return tally


def render(results: Sequence[Result]) -> str:
    from . import rendered

    return rendered(write, results)


def print_report(results: Iterable[Result], file=None, *, summary_if_empty: bool = True
                 ) -> "Tally":
    """Print to a terminal with colour when it supports it (and NO_COLOR is unset), each
    result as it comes."""
    from rich.console import Console
    from rich.text import Text

    from . import Tally

    # NO_COLOR (no-color.org): no escape codes at all, not even bold.
    color_system = None if os.environ.get("NO_COLOR") else "auto"
    console = Console(file=file, highlight=False, soft_wrap=True, emoji=False, markup=False,
                      color_system=color_system)
    tally = Tally()
    for line in lines(results, tally):
        if line and not tally.drafts and not summary_if_empty:
            break  # only the summary is left, and there is nothing to sum up
        text = Text()
        for piece, style in line:
            text.append(piece, style=style or "")
        console.print(text)
    return tally
