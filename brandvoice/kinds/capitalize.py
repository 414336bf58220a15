"""``capitalize``: names and terms must be written with the casing given.

Keys (besides the common ones):

- ``terms``: each term as it must be written ("AcmePay", "iPhone", "DM").

Any other casing is flagged and fixed. URLs, e-mail addresses and @handles are never
touched; a #hashtag only when the term is the whole tag ("#acmepay" -> "#AcmePay").

Example::

    - id: brand.names
      kind: capitalize
      severity: error
      terms: [AcmePay, iAcme]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import Field

from ..result import Finding, Fix
from .base import Check as BaseCheck
from .base import Phrase, RuleBase, same_spelling

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "capitalize"


class Rule(RuleBase):
    kind: Literal["capitalize"]
    terms: list[Phrase] = Field(min_length=1)

    default_message = "Write '{suggestion}', not '{match}'."


def in_protected(ctx: "DraftContext", start: int, end: int) -> bool:
    """Inside a URL, e-mail address or handle; or inside a hashtag that is more than the term."""
    for s, e, what in ctx.protected:
        if start < e and s < end:
            if what == "hashtag" and s == start - 1 and e == end:
                return False  # the term is the whole tag
            return True
    return False


class Check(BaseCheck):
    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.terms = {compiler.phrases("lower", [term]): term for term in rule.terms}
        self.keys = tuple(self.terms)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        for key, term in self.terms.items():
            for start, end in ctx.spans(key):
                # A match of the term's key is a spelling of the term ("Acme’s" of
                # "Acme's"); only its casing is checked.
                written = ctx.text[start:end]
                if same_spelling(written, term) or in_protected(ctx, start, end):
                    continue
                right = term  # with the draft's apostrophe, if it has one kind
                if "’" in written and "'" not in written:
                    right = term.replace("'", "’")
                elif "'" in written and "’" not in written:
                    right = term.replace("’", "'")
                yield self.finding(ctx, start, end, fix=Fix(start, end, right),
                                   message=self.message.replace("{suggestion}", right),
                                   suggestions=[right])
