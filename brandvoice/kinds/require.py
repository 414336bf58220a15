"""``require``: a draft that has a trigger must also have one of the required phrases.

Keys (besides the common ones):

- ``when``: trigger phrases (optional);
- ``when_pattern``: a trigger regular expression (optional, RE2 syntax);
- ``require``: phrases of which at least one must appear;
- ``match``: how phrases are matched, ``lower`` (default), ``exact`` or ``lemma``;
- ``exceptions``: phrases in which a trigger does not count (a trigger that overlaps a
  match of one is not a trigger), matched the same way;
- ``unless``: ``negated`` and/or ``hedged``: a trigger in the scope of a negation ("we
  don't run giveaways") or of a hope does not count.

With no trigger the rule applies to every draft in its scope. The finding points at
the first trigger, or at the whole draft when there is none.

Example::

    - id: marketing.giveaway-rules
      kind: require
      severity: error
      when: [giveaway, contest, sweepstakes]
      require: [official rules, no purchase necessary]
      match: lemma
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import Field

from ..result import Finding
from .base import Check as BaseCheck
from .base import MatchMode, Phrase, RuleBase, UnlessList
from .pattern import Regex

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "require"


class Rule(RuleBase):
    kind: Literal["require"]
    when: list[Phrase] = Field(default_factory=list)
    when_pattern: Regex | None = None
    require: list[Phrase] = Field(min_length=1)
    match: MatchMode = "lower"
    exceptions: list[Phrase] = Field(default_factory=list)
    unless: UnlessList = Field(default_factory=list)

    default_message = "'{match}' needs one of these with it: {require}."


class Check(BaseCheck):
    flags_wording = False

    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.when = compiler.phrases(rule.match, rule.when) if rule.when else None
        self.when_regex = compiler.pattern(rule.when_pattern) if rule.when_pattern else None
        self.required = compiler.phrases(rule.match, rule.require)
        self.exceptions = compiler.phrases(rule.match, rule.exceptions) if rule.exceptions else None
        self.choices = rule.require
        triggers = tuple(key for key in (self.when, self.when_regex) if key)
        if triggers:
            self.keys = triggers
        else:
            self.always = True
        if rule.message is None and not (rule.when or rule.when_pattern):
            self.message = "This draft needs one of: {require}."
        self.message = self.message.replace("{require}", ", ".join(f"'{c}'" for c in self.choices))

    def _trigger(self, ctx: "DraftContext") -> tuple[int, int] | None:
        spans = ctx.spans(self.when) if self.when else []
        if self.when_regex:
            spans += ctx.matches.get(self.when_regex, [])
        if self.exceptions:
            spans = ctx.outside(spans, self.exceptions)
        spans = self.asserted(ctx, sorted(spans))
        return spans[0] if spans else None

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        if self.when or self.when_regex:
            trigger = self._trigger(ctx)
            if trigger is None:
                return
        else:
            trigger = ctx.whole
        if ctx.matches.get(self.required):
            return
        yield self.finding(ctx, *trigger, suggestions=self.choices)
