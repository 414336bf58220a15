"""``capitalize``: names and terms must be written with the casing given.

Keys (besides the common ones):

- ``terms``: each term as it must be written ("AcmePay", "iPhone", "DM").

Any other casing is flagged and fixed. What the reply holds besides prose is never
touched (see :mod:`brandvoice.social`): links, e-mail addresses, @handles, #hashtags
(a tag is the same in any casing: "#acme" is no misspelt "Acme"), $cashtags and the
agent's sign-off.

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


#: Parts of a reply where a term is never flagged (brandvoice.social kinds).
NOT_TERMS = frozenset({"url", "domain", "email", "handle", "hashtag", "cashtag", "signoff"})


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
                if same_spelling(written, term) or ctx.social.covers(start, end, NOT_TERMS):
                    continue
                right = term  # with the draft's apostrophe, if it has one kind
                if "’" in written and "'" not in written:
                    right = term.replace("'", "’")
                elif "'" in written and "’" not in written:
                    right = term.replace("’", "'")
                yield self.finding(ctx, start, end, fix=Fix(start, end, right),
                                   message=self.message.replace("{suggestion}", right),
                                   suggestions=[right])
