"""Small text helpers shared by the rule kinds: protected spans and casing."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable

Span = tuple[int, int]

# Our own fixed patterns (not user input), written to run in linear time: a match may
# only start where the run of characters it could start with starts ("a.a.a.a..." or
# "a-a-a-..." is tried once, not from each letter to the end of the run, which was
# quadratic). A later start inside a run matches only where the run's start matches too,
# with the same end, so the matches are the same.
_URL = r"(?:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?]"
_BARE_DOMAIN = (r"(?<![A-Za-z0-9-])(?<![A-Za-z0-9-]\.)-*(?P<host>)\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                r"\.(?:com|org|net|io|co|uk|de|fr|app|dev|ly|me|us|ca|au|info|biz)\b"
                r"(?:/[^\s<>\"']*[^\s<>\"'().,;:!?])?")
# Leading punctuation of a domain or of an e-mail's local part is read past: it is no
# part of the span, which starts at the empty group "host" or "mailbox".
_EMAIL = (r"(?<![A-Za-z0-9._%+-])[._%+-]*(?P<mailbox>)\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"
          r"\.[A-Za-z]{2,}\b")
_HANDLE = r"(?<![\w@])@[A-Za-z0-9_]{1,30}"
_HASHTAG = r"(?<![\w#])#\w+"

PROTECTED = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in (
    ("email", _EMAIL), ("url", _URL), ("domain", _BARE_DOMAIN), ("handle", _HANDLE),
    ("hashtag", _HASHTAG))))


def protected_spans(text: str) -> list[tuple[int, int, str]]:
    """URLs, e-mail addresses, @handles and #hashtags in ``text``: (start, end, what)."""
    starts = {"email": "mailbox", "domain": "host"}
    return [(m.start(starts.get(m.lastgroup or "", 0)), m.end(), m.lastgroup or "")
            for m in PROTECTED.finditer(text)]


_NEWLINE = re.compile("\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts. A line ends in LF, CRLF or a lone
    CR (old Mac files), as editors and the Markdown and YAML parsers count lines."""
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of ``offset``, given :func:`line_starts`."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


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
