"""Regular expressions from people who are not programmers, on a linear-time engine.

Patterns run on RE2 (google-re2): matching time grows with the length of the draft,
never exponentially, so no pattern can hang the linter. RE2 leaves out the features
that make that impossible (back-references, look-ahead and look-behind); a pattern
that uses one is rejected when the rulebook is loaded, with a message that says so.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # we report errors ourselves, in plain words

_HINTS = (
    ("invalid escape sequence: \\1", "back-references such as \\1 are not supported"),
    ("invalid perl operator: (?=", "look-ahead '(?=...)' is not supported"),
    ("invalid perl operator: (?!", "negative look-ahead '(?!...)' is not supported"),
    ("invalid perl operator: (?<", "look-behind '(?<=...)' / '(?<!...)' is not supported"),
    ("missing ]", "a '[' is never closed"),
    ("missing )", "a '(' is never closed"),
    ("unexpected )", "there is a ')' without its '('"),
    ("invalid repetition size", "a {n,m} repetition is too large (at most 1000)"),
    ("bad repetition operator", "'*', '+' or '?' follows nothing it could repeat"),
    ("missing argument to repetition operator", "'*', '+' or '?' follows nothing it could repeat"),
)


def explain(message: str) -> str:
    for needle, words in _HINTS:
        if needle in message:
            return words
    return message


@lru_cache(maxsize=4096)
def compile(pattern: str, ignore_case: bool = False) -> Any:
    """Compile ``pattern`` with RE2; raise ValueError in plain words when it cannot be used."""
    try:
        return re2.compile(("(?i)" if ignore_case else "") + pattern, _OPTIONS)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else str(exc)
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        words = explain(str(detail))
        if "not supported" in words:
            raise ValueError(f"this regular expression cannot be used: {words}. Patterns run on "
                             "a linear-time engine (RE2) so that no pattern can make checking "
                             "slow; rewrite it without that feature") from None
        raise ValueError(f"this regular expression is not valid: {words}") from None


def validate(pattern: str) -> str:
    """A pydantic validator: the pattern compiles and cannot match empty text."""
    if compile(pattern).search(""):
        raise ValueError(f"the pattern '{pattern}' matches empty text, so it would match "
                         "everywhere; make it match at least one character")
    return pattern
