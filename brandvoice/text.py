"""Small text helpers shared by the rule kinds: lines, spans, casing and emoji.

(What a reply holds besides prose, handles, links, sign-offs..., is read in
:mod:`brandvoice.social`.)
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Iterator

Span = tuple[int, int]

_NEWLINE = re.compile("\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts. A line ends in LF, CRLF or a lone
    CR (old Mac files), as editors and the Markdown and YAML parsers count lines."""
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of ``offset``, given :func:`line_starts`."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Each sentence of ``text`` (up to ".", "!", "?" or a line break) with its offset: what
    the checks of a reply against the customer's message read one at a time."""
    for match in _SENTENCE.finditer(text):
        yield match.start(), match[0]


def overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(start < e and s < end for s, e in spans)


def match_case(original: str, replacement: str) -> str:
    """``replacement`` with the casing of ``original``'s first letter ("Utilize" -> "Use").

    An all-capitals original of two letters or more gives an all-capitals replacement; a
    lower-case original keeps the replacement as written (it may be a name: "AcmePay").
    """
    if not replacement:
        return replacement
    letters = [ch for ch in original if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


@lru_cache(maxsize=1)
def _emoji_characters() -> frozenset[str]:
    """Every character outside ASCII that is part of some emoji (each emoji has one)."""
    import emoji

    return frozenset(ch for sequence in emoji.EMOJI_DATA for ch in sequence if ord(ch) > 127)


def find_emoji(text: str) -> list[dict]:
    """``emoji.emoji_list(text)``, skipped for the many drafts that cannot hold an emoji
    (no character that any emoji is made of: plain ASCII, curly quotes, accents...)."""
    if text.isascii() or _emoji_characters().isdisjoint(text):
        return []
    import emoji

    return emoji.emoji_list(text)
