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

#: Why RE2 has no such feature, said once after each "cannot be used" message.
_LINEAR = ("which patterns cannot have: they run on a linear-time engine (RE2) so that no "
           "pattern can make checking slow")

#: What to write instead of each feature RE2 leaves out.
_INSTEAD_OF_LOOKAHEAD = (
    "To flag a draft that says one thing without another (such as 'details' without "
    "'DM'), use kind 'require' (the first in 'when' or 'when_pattern', the second in "
    "'require'); to allow a phrase inside some longer phrases, use kind 'forbid' with "
    "'exceptions'")
_INSTEAD_OF_LOOKBEHIND = (
    "Put the text before into the pattern itself; to allow a phrase inside some longer "
    "phrases, use kind 'forbid' with 'exceptions'")

#: RE2's message -> (the feature in plain words, what to write instead).
_MISSING = (
    ("invalid escape sequence: \\1", "a back-reference such as \\1 ('the same text again')",
     "Write out the repeated forms you mean, as a list of 'phrases' of kind 'forbid'"),
    ("invalid escape sequence: \\k", "a back-reference such as \\k<name> ('the same text "
     "again')", "Write out the repeated forms you mean, as a list of 'phrases' of kind "
     "'forbid'"),
    ("invalid perl operator: (?=", "a look-ahead '(?=...)' ('followed by')",
     _INSTEAD_OF_LOOKAHEAD),
    ("invalid perl operator: (?!", "a negative look-ahead '(?!...)' ('not followed by')",
     _INSTEAD_OF_LOOKAHEAD),
    ("invalid perl operator: (?<=", "a look-behind '(?<=...)' ('preceded by')",
     _INSTEAD_OF_LOOKBEHIND),
    ("invalid perl operator: (?<!", "a negative look-behind '(?<!...)' ('not preceded by')",
     _INSTEAD_OF_LOOKBEHIND),
    ("invalid perl operator: (?>", "an atomic group '(?>...)'",
     "Write the group as '(?:...)'"),
)

_HINTS = (
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
        detail = str(detail)
        for needle, feature, instead in _MISSING:
            if needle in detail:
                raise ValueError(f"this regular expression uses {feature}, {_LINEAR}. "
                                 f"{instead}") from None
        raise ValueError(f"this regular expression is not valid: {explain(detail)}") from None


def validate(pattern: str) -> str:
    """A pydantic validator: the pattern compiles and cannot match empty text."""
    if compile(pattern).search(""):
        raise ValueError(f"the pattern '{pattern}' matches empty text, so it would match "
                         "everywhere; make it match at least one character")
    return pattern
