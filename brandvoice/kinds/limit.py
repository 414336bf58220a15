"""``limit``: too many (or too few) occurrences of phrases or of a pattern.

Keys (besides the common ones):

- ``phrases`` (with ``match``) or ``pattern`` (with ``ignore_case``): what to count;
- ``max`` and/or ``min``: the allowed number of occurrences;
- ``per``: ``draft`` (default) or ``sentence``.

Over ``max``, the finding points at the first occurrence past the limit; under ``min``,
at the draft or sentence that has too few.

Example::

    - id: style.one-sorry
      kind: limit
      phrases: [sorry, apologise, apologize]
      match: lemma
      max: 1
      message: "Apologise once ('{match}' is apology number {count}; at most {max})."
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import Field, StrictBool, model_validator

from ..result import Finding
from .base import Check as BaseCheck
from .base import MatchMode, Phrase, RuleBase
from .pattern import Regex

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "limit"


class Rule(RuleBase):
    kind: Literal["limit"]
    phrases: list[Phrase] | None = Field(None, min_length=1)
    match: MatchMode = "lower"
    pattern: Regex | None = None
    ignore_case: StrictBool = False
    max: int | None = Field(None, ge=0)
    min: int | None = Field(None, ge=1)
    per: Literal["draft", "sentence"] = "draft"

    default_message = "'{match}' appears {count} times; at most {max} per {per}."

    @model_validator(mode="after")
    def _complete(self) -> "Rule":
        if (self.phrases is None) == (self.pattern is None):
            raise ValueError("a limit counts either 'phrases' or a 'pattern': give exactly one")
        if self.max is None and self.min is None:
            raise ValueError("a limit needs 'max', 'min' or both")
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is larger than 'max' ({self.max})")
        return self


class Check(BaseCheck):
    #: Kinds of social-media part (:mod:`brandvoice.social`) inside which a match is not
    #: counted; none for a rule from a rulebook (the persona's own limits set them).
    outside: frozenset[str] = frozenset()

    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.max, self.min, self.per = rule.max, rule.min, rule.per
        self.phrases = rule.phrases
        if rule.phrases:
            self.key = compiler.phrases(rule.match, rule.phrases)
        if rule.pattern:
            self.key = compiler.pattern(rule.pattern, rule.ignore_case)
        self.what = ", ".join(f"'{p}'" for p in rule.phrases) if rule.phrases else \
            f"matches of {rule.pattern}"
        if self.min is None:
            self.keys = (self.key,)
        else:
            self.always = True
            self.flags_wording = False  # too few is mended by writing more
        if rule.message is None and self.max is None:
            self.message = "Needs at least {min} of {what} per {per}; found {count}."

    def _message(self, count: int) -> str:
        return (self.message.replace("{count}", str(count)).replace("{max}", str(self.max))
                .replace("{min}", str(self.min)).replace("{per}", self.per)
                .replace("{what}", self.what))

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        found = ctx.spans(self.key) if self.phrases else ctx.matches.get(self.key, [])
        if self.outside:
            found = [(s, e) for s, e in found if not ctx.social.covers(s, e, self.outside)]
        units = ctx.sentences if self.per == "sentence" else [ctx.whole]
        if not units:
            units = [ctx.whole]
        for unit_start, unit_end in units:
            inside = [s for s in found if unit_start <= s[0] < unit_end]
            if self.max is not None and len(inside) > self.max:
                start, end = inside[self.max]
                yield self.finding(ctx, start, end, message=self._message(len(inside)))
            elif self.min is not None and len(inside) < self.min:
                yield self.finding(ctx, unit_start, unit_end, message=self._message(len(inside)))
