"""``replace``: flag a wrong word or phrase and offer the right one as a fix.

Keys (besides the common ones):

- ``replace``: a map from each wrong phrase to the right one, or to a list of
  alternatives (the first is the fix, all are suggestions);
- ``match``: ``lower`` (default), ``exact`` or ``lemma``, as for ``forbid``.

The fix keeps the case of the first letter ("Utilize" -> "Use"; "UTILIZE" -> "USE").
With ``match: lemma`` other forms are found too, and the replacement is put in the same
form ("utilized" -> "used", "purchases" -> "buys") with the lemminflect inflection tables;
where that form cannot be worked out, the finding has suggestions but no fix.

A verb of several words replaced by one verb ("reach out" -> "contact", "be of assistance"
-> "help") keeps the sentence grammatical (:mod:`brandvoice.phrasal`): the fix takes the
preposition the new verb no longer needs ("reached out to us" -> "contacted us"), and where
no swap can be right ("we'll reach out shortly": contact whom?) there is no fix, and the
message says what is missing.

Example::

    - id: plain.utilize
      kind: replace
      severity: suggestion
      replace: {utilize: use, "in order to": to, commence: [start, begin]}
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import Field

from .. import phrasal, wordforms
from ..result import Finding, Fix
from ..text import match_case
from .base import Check as BaseCheck
from .base import MatchMode, Replacements, RuleBase, matched_entries, same_spelling

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "replace"


class Rule(RuleBase):
    kind: Literal["replace"]
    replace: Replacements = Field(min_length=1)
    match: MatchMode = "lower"

    default_message = "Write '{suggestion}' instead of '{match}'."


@lru_cache(maxsize=4096)
def _inflections(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's forms of ``word`` by tag (kept between runs: brandvoice/wordforms.py)."""
    return wordforms.inflections(word)


def inflect_like(found: str, wrong: str, right: str) -> str | None:
    """``right`` in the form ``found`` has of ``wrong`` ("utilized", utilize, use -> "used").

    Only the first word is inflected ("reached out", reach out, contact -> "contacted"),
    and only when the inflection tables give one form for it; else None.
    """
    found_words, wrong_words, right_words = found.split(), wrong.split(), right.split()
    if not found_words or not wrong_words or not right_words:
        return None
    if [w.lower() for w in found_words[1:]] != [w.lower() for w in wrong_words[1:]]:
        return None
    first = found_words[0].lower()
    tags = [tag for tag, forms in _inflections(wrong_words[0].lower()).items()
            if first in forms]
    targets = _inflections(right_words[0].lower())
    if "VBN" in tags and "VBN" not in targets and "VBD" in targets:
        # the tables leave out a past participle that is the past tense ("considered")
        targets = {**targets, "VBN": targets["VBD"]}
    options = {targets[tag][0] for tag in tags if tag in targets}
    if len(options) != 1:
        return None
    return " ".join([options.pop(), *right_words[1:]])


class Check(BaseCheck):
    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.mode = rule.match
        self.entries: dict[str, tuple[str, list[str]]] = {}
        #: Each entry's :func:`phrasal.shape` (None: not a verb of several words replaced
        #: by one verb), worked out the first time the entry matches: the inflection tables
        #: it reads take longer to load than a pre-commit run of a few files takes to check.
        self.shapes: dict[str, phrasal.Shape | None] = {}
        for wrong, right in rule.replace.items():
            alternatives = right if isinstance(right, list) else [right]
            self.entries[compiler.phrases(rule.match, [wrong])] = (wrong, alternatives)
        self.keys = tuple(self.entries)

    def _shape(self, wrong: str, right: str) -> "phrasal.Shape | None":
        if wrong not in self.shapes:
            self.shapes[wrong] = phrasal.shape(wrong, right)
        return self.shapes[wrong]

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        # The entry is the one whose key matched ("can not" is a match of "cannot").
        for start, end, (wrong, alternatives) in matched_entries(
                ctx, self.entries, spelled=lambda entry: entry[0]):
            text = ctx.text[start:end]
            suggestions = [match_case(text, alt) for alt in alternatives]
            fix = None
            if self.mode != "lemma" or same_spelling(text.lower(), wrong.lower()):
                fix = Fix(start, end, suggestions[0])
            else:
                inflected = inflect_like(text, wrong, alternatives[0])
                if inflected:
                    suggestions = [match_case(text, inflected)] + suggestions[1:]
                    fix = Fix(start, end, suggestions[0])
            message = self.message.replace("{suggestion}", suggestions[0])
            shaped = self._shape(wrong, alternatives[0])
            if shaped is not None:
                reached = phrasal.reach(shaped, ctx.text, start, end, wrong)
                if not reached.fixable:
                    fix = None
                    message += " " + _NOT_FIXED[reached.why or "unsure"].format(
                        word=suggestions[0], verb=shaped.verb)
                elif fix is not None and reached.end != end:
                    end = reached.end
                    fix = Fix(start, end, fix.replacement)
            yield self.finding(ctx, start, end, message=message, suggestions=suggestions, fix=fix)


#: Why a verb of several words is not replaced automatically (added to the message).
_NOT_FIXED = {
    "object": "Say who or what to {verb}: '{word}' needs an object here, so this is not "
              "fixed automatically.",
    "unsure": "Check the words after it: they may need to change with '{word}', so this "
              "is not fixed automatically.",
}
