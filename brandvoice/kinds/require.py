"""``require``: a draft that has a trigger must also have one of the required phrases.

Keys (besides the common ones):

- ``when``: trigger phrases (optional);
- ``when_pattern``: a trigger regular expression (optional, RE2 syntax);
- ``require``: phrases of which at least one must appear;
- ``require_pattern``: a regular expression whose match also satisfies the rule (RE2; a
  link, a phone number: what no list of phrases can name); ``require``, this or both;
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

from pydantic import Field, model_validator

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
    require: list[Phrase] = Field(default_factory=list)
    require_pattern: Regex | None = None
    match: MatchMode = "lower"
    exceptions: list[Phrase] = Field(default_factory=list)
    unless: UnlessList = Field(default_factory=list)

    default_message = "'{match}' needs one of these with it: {require}."

    @model_validator(mode="after")
    def _something_required(self) -> "Rule":
        if not self.require and self.require_pattern is None:
            raise ValueError("a require rule needs what must appear: 'require' (phrases), "
                             "'require_pattern' (a regular expression) or both")
        return self


class Check(BaseCheck):
    flags_wording = False

    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.when = compiler.phrases(rule.match, rule.when) if rule.when else None
        self.when_regex = compiler.pattern(rule.when_pattern) if rule.when_pattern else None
        self.required = tuple(key for key in (
            compiler.phrases(rule.match, rule.require) if rule.require else None,
            compiler.pattern(rule.require_pattern) if rule.require_pattern else None) if key)
        self.exceptions = compiler.phrases(rule.match, rule.exceptions) if rule.exceptions else None
        self.choices = rule.require
        triggers = tuple(key for key in (self.when, self.when_regex) if key)
        if triggers:
            self.keys = triggers
        else:
            self.always = True
        if rule.message is None and not (rule.when or rule.when_pattern):
            self.message = "This draft needs one of: {require}."
        required = [f"'{c}'" for c in self.choices]
        if rule.require_pattern:
            required.append(f"a match of {rule.require_pattern}")
        self.message = self.message.replace("{require}", ", ".join(required))

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
        if any(ctx.matches.get(key) for key in self.required):
            return
        yield self.finding(ctx, *trigger, suggestions=self.choices)
