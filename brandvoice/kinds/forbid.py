"""``forbid``: flag any of a list of phrases.

Keys (besides the common ones):

- ``phrases``: the words or phrases that must not appear (at least one);
- ``match``: ``lower`` (default, any casing), ``exact`` (casing as written) or
  ``lemma`` (any form of the words: ``guarantee`` also finds "guaranteed");
- ``exceptions``: longer phrases in which a match is fine (a match that overlaps
  an exception is not reported), matched the same way;
- ``suggest``: what to write instead, shown with the finding;
- ``unless``: ``negated`` and/or ``hedged``: a match in the scope of a negation ("we
  can't guarantee") or of a hope ("we hope it won't happen again") is not reported
  (see :mod:`brandvoice.negation`).

Example::

    - id: legal.no-guarantees
      kind: forbid
      severity: error
      message: "Don't promise outcomes ('{match}'). Say what we will do instead."
      phrases: [guarantee, risk-free, "100% safe", we promise]
      match: lemma
      exceptions: ["satisfaction guarantee policy"]
      suggest: ["we expect", "we'll do everything we can"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import Field

from ..result import Finding
from .base import Check as BaseCheck
from .base import MatchMode, Phrase, RuleBase, UnlessList

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "forbid"


class Rule(RuleBase):
    kind: Literal["forbid"]
    phrases: list[Phrase] = Field(min_length=1)
    match: MatchMode = "lower"
    exceptions: list[Phrase] = Field(default_factory=list)
    suggest: list[str] = Field(default_factory=list)
    unless: UnlessList = Field(default_factory=list)

    default_message = "Avoid '{match}'."


class Check(BaseCheck):
    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.phrases = compiler.phrases(rule.match, rule.phrases)
        self.exceptions = compiler.phrases(rule.match, rule.exceptions) if rule.exceptions else None
        self.keys = (self.phrases,)
        self.suggest = rule.suggest

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        spans = ctx.spans(self.phrases)
        if self.exceptions:
            spans = ctx.outside(spans, self.exceptions)
        for start, end in self.asserted(ctx, spans):
            yield self.finding(ctx, start, end, suggestions=self.suggest)
