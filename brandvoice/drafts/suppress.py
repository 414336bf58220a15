"""Inline suppression: switch rules off for part of a text or Markdown draft.

    <!-- brandvoice-disable legal.no-guarantees -->   ... until the matching enable
    <!-- brandvoice-enable legal.no-guarantees -->
    <!-- brandvoice-disable-next-line persona.style.emoji -->

Several ids may be given, separated by spaces or commas, and patterns such as ``hr.*``;
with no id, every rule is switched off. In ``.txt`` drafts the same words work on a line
of their own, without the comment marks. Directive lines are never checked as prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIRECTIVE = re.compile(
    r"(?:<!--[ \t]*)?brandvoice-(?P<what>disable-next-line|disable|enable)\b"
    r"(?P<ids>[^\r\n]*?)[ \t]*(?:-->|(?=[\r\n])|\Z)")
#: A line break: LF, CRLF or a lone CR.
_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    rules: tuple[str, ...] | None  # None: every rule
    at: int  # where the directive is written
    #: Line and column of a collection entry's ``disable`` field (outside the text).
    origin: tuple[int, int] | None = None


def parse(text: str) -> tuple[list[Suppression], list[tuple[int, int]]]:
    """The suppressed ranges of ``text``, and the spans of the directives themselves."""
    found: list[Suppression] = []
    directives: list[tuple[int, int]] = []
    open_ranges: dict[str | None, tuple[int, int]] = {}  # rule (None: all) -> (start, at)
    for match in DIRECTIVE.finditer(text):
        directives.append(match.span())
        ids = tuple(i for i in re.split(r"[\s,]+", match["ids"].strip()) if i) or None
        if match["what"] == "disable-next-line":
            line_end = _BREAK.search(text, match.end())
            if line_end is None:
                continue
            next_end = _BREAK.search(text, line_end.end())
            found.append(Suppression(line_end.end(),
                                     len(text) if next_end is None else next_end.start(),
                                     ids, match.start()))
        elif match["what"] == "disable":
            for rule in ids or (None,):
                open_ranges.setdefault(rule, (match.end(), match.start()))
        else:
            for rule in list(open_ranges) if ids is None else ids:
                if rule in open_ranges:
                    start, at = open_ranges.pop(rule)
                    found.append(Suppression(start, match.start(),
                                             None if rule is None else (rule,), at))
    for rule, (start, at) in open_ranges.items():
        found.append(Suppression(start, len(text), None if rule is None else (rule,), at))
    return found, directives
