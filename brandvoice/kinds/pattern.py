r"""``pattern``: flag every match of a regular expression.

Keys (besides the common ones):

- ``pattern``: the regular expression (RE2 syntax: no back-references, no look-around,
  so no pattern can make checking slow; see docs/kinds/pattern.md);
- ``ignore_case``: match regardless of case (default false);
- ``unless``: ``negated`` and/or ``hedged``: a match in the scope of a negation or a
  hope is not reported (as for ``forbid``).

Example::

    - id: support.ticket-number
      kind: pattern
      pattern: '\b(?:INC|REQ)\d{6,}\b'
      message: "Don't post ticket numbers ('{match}') in public; send them by DM."
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Iterator, Literal

from pydantic import AfterValidator, Field, StrictBool

from .. import regex
from ..result import Finding
from .base import Check as BaseCheck
from .base import RuleBase, UnlessList

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "pattern"

#: A regular expression, checked when the rulebook is loaded.
Regex = Annotated[str, AfterValidator(regex.validate)]


class Rule(RuleBase):
    kind: Literal["pattern"]
    pattern: Regex
    ignore_case: StrictBool = False
    unless: UnlessList = Field(default_factory=list)

    default_message = "'{match}' matches a pattern this rule forbids."


class Check(BaseCheck):
    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.key = compiler.pattern(rule.pattern, rule.ignore_case)
        self.keys = (self.key,)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        for start, end in self.asserted(ctx, ctx.matches.get(self.key, [])):
            yield self.finding(ctx, start, end)
