"""``persona.context.endorses-remark``: a reply that agrees with, or laughs along with, a
customer's remark about someone's looks, age, sex, size or origin ("probably some old
woman who can't drive lol" answered "Ha, you might be right there!").

The labelling guide counts endorsing an inappropriate remark as ``hr.conduct``. The
customer's message must make such a remark (:data:`REMARK`), and a sentence of the reply
must open by agreeing or laughing (:data:`AGREES`: "you might be right", "can't argue with
that", "you're not wrong", "fair point", "haha"). A reply that answers the complaint and
leaves the remark alone passes. It runs whenever a draft has ``in_reply_to``; a thread
continuation is not checked. Documented in docs/conversation.md#endorsing-a-remark.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .persona.style import PersonaCheck
from .social import read_social

if TYPE_CHECKING:
    from .lint import DraftContext
    from .result import Finding

ENDORSES_ID = "persona.context.endorses-remark"

#: A remark about a person by their looks, age, sex, size or origin.
REMARK = re.compile(
    r"\b(?:old|fat|ugly|stupid|dumb|thick|fit|hot|sexy|foreign|blonde|chubby|skinny)\s+"
    r"(?:woman|women|man|men|guy|guys|girl|girls|lady|ladies|bloke|blokes|granny|grandad|"
    r"lad|lass|cow|idiot|person|people)\b|"
    r"\b(?:woman|women|girl|girls|lady|ladies|granny|grandad|old\s+\w+)\s+(?:\w+\s+){0,2}?"
    r"(?:who\s+)?(?:can(?:'|’)?t|cannot|shouldn(?:'|’)?t be allowed to)\s+(?:drive|read|"
    r"count|park|cook)\b|\bwomen\s+drivers\b|"
    r"\btoo\s+busy\s+(?:doing|on)\s+(?:her|his)\s+(?:makeup|make-up|nails|hair|phone)\b|"
    r"\b(?:taking\s+up|needs?)\s+(?:half\s+(?:my|the)|two)\s+seats?\b|"
    r"\btypical\s+(?:of\s+)?(?:(?:these|those|them|that)\s+)?(?:\w+\s+)?(?:guys|people|lot|"
    r"woman|women|man|men|foreigners)\b",
    re.IGNORECASE)
#: A sentence of the reply that opens by agreeing with the customer, or laughing along.
AGREES = re.compile(
    r"(?:^\s*|(?<=[.!?])\s+)(?:(?:ha(?:ha)*|lol|hehe|oh)[,!. ]+)?(?:you\s+(?:might|may|could)\s+"
    r"be\s+(?:right|onto\s+something)|you(?:'re|’re|\s+are)\s+not\s+wrong|can(?:'|’)?t\s+"
    r"argue\s+with\s+that|fair\s+point|tell\s+me\s+about\s+it|you\s+said\s+it|so\s+true|"
    r"true\s+that|totally\s+get\s+it|we\s+know\s+what\s+it(?:'s|’s)\s+like|ha(?:ha)+|lol|"
    r"hehe)\b",
    re.IGNORECASE)


class EndorsesRemark(PersonaCheck):
    """A reply that agrees with a customer's remark about someone's looks, age, sex,
    size or origin."""

    always = True

    def __init__(self, **common):
        super().__init__(ENDORSES_ID, **common)

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        message = ctx.draft.in_reply_to
        if not message or ctx.social.continuation:
            return
        remark = REMARK.search(read_social(message).prose)
        if remark is None:
            return
        agrees = AGREES.search(ctx.social.prose)
        if agrees is None:
            return
        start = agrees.start() + len(agrees[0]) - len(agrees[0].lstrip())
        yield self.finding(ctx, start, agrees.end(),
                           message=self.message.replace("{match}", remark[0]))
