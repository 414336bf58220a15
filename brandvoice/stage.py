"""The stage of the buying cycle a customer's message shows: before buying
(``pre-purchase``), buying (``purchase``: an order, a booking or a payment under way, an
order not yet arrived) or after (``post-purchase``: what they have or use, a delivery that
came wrong, a return, a refund, a repair).

Read only where the message says so in words such as :data:`CUES` lists, and only when
it is clear: a message with cues of two stages ("I bought one last week, do you sell the
charger?") is given no stage. :func:`read_stage` is used by the context reading of
:mod:`brandvoice.conversation`; who answers each stage is the config's
``responsibilities`` (brandvoice.responsibility). Documented in
docs/conversation.md#buying-cycle-stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .social import Social, read_social

#: Stages in buying order.
STAGES = ("pre-purchase", "purchase", "post-purchase")

_GOODS = (r"(?:order|package|parcel|delivery|shipment|item|items|food|pizza|meal|groceries|"
          r"shopping|purchase|stuff|box|ticket|tickets)")
_OWNED = (r"(?:flight|train|bill|account|subscription|plan|contract|internet|wifi|broadband|"
          r"service|connection|phone|laptop|iphone|ipad|mac|macbook|watch|airpods|xbox|ps4|"
          r"ps5|console|controller|tv|router|modem|membership|premium|booking|"
          r"reservation|seat|bag|bags|luggage|baggage|car|ride|app|game|copy|device)")

#: What shows each stage, as regular expressions over the message (any case, whole words).
CUES: dict[str, str] = {
    "pre-purchase": "|".join((
        r"(?:thinking|planning|going|looking|want|wanting|wanted|hoping|about|deciding"
        r"|trying to decide) (?:of |on |about )?(?:to )?(?:buy(?:ing)?|purchas(?:e|ing)|"
        r"pre-?order(?:ing)?|switch(?:ing)?|sign(?:ing)? up|upgrad(?:e|ing))",
        r"do (?:you|y'all|u) (?:guys )?(?:sell|stock|carry|offer|ship to|deliver to|have (?:any|"
        r"the|it|them|this|these) \w+ in stock)",
        r"(?:is|are|will) (?:it|they|this|these|the \w+) (?:be )?(?:available|in stock|"
        r"back in stock|compatible|on sale)",
        r"(?:back|be) in stock|out of stock|sold out|in stock",
        r"how much (?:is|are|does|do|will|would)|what(?:'s| is) the price|price of",
        r"where can (?:i|we) (?:buy|get|purchase|order)",
        r"can (?:i|we) (?:buy|purchase|pre-?order)|if (?:i|we) (?:buy|order|purchase|book)",
        r"do (?:you|y'all|u) (?:guys )?(?:have|make) any",
        r"when (?:will|does|do|is|are) .{0,40}?(?:be released|release|launch|come out|"
        r"be available|go on sale|be in stock|be back in stock)",
        r"before (?:i|we) (?:buy|order|purchase|book)",
        r"should (?:i|we) (?:buy|get|switch|upgrade|order)",
        r"pre-?order(?:s|ing)?|release date",
    )),
    "purchase": "|".join((
        r"(?:can'?t|cannot|couldn'?t|unable to) (?:order|check ?out|place (?:an|my) order)|"
        r"(?:haven'?t|have not|hasn'?t|has not|never) (?:received|got(?:ten)?) (?:anything|it|"
        r"them|my (?:order|package|parcel|item|items|delivery|food|tickets?))|"
        r"(?:had|got) an? (?:e-?mail|text|notification) (?:saying|that) (?:it|my order) "
        r"(?:had been |has been |was )?(?:dispatched|shipped)",
        r"(?:trying|tried|try|attempting|attempted|unable|can'?t|cannot|couldn'?t) to "
        r"(?:order|buy|pay|check ?out|book|purchase|place (?:an|my) order|complete (?:my|the|"
        r"an?) (?:order|purchase|booking|payment))",
        r"where(?:'s| is| are) (?:my|our|the) " + _GOODS,
        r"(?:my|our|the) " + _GOODS + r" (?:still )?(?:has ?n[o']t|have ?n[o']t|did ?n[o']t|"
        r"never|is not|isn't|was not|wasn't|is still not|not yet|still hasn't|still not)"
        r"(?: yet| been)? (?:arrived?|come|came|shipped|dispatched|delivered|turned up|"
        r"showed up|here)",
        r"(?:has ?n[o']t|not|never) (?:been )?(?:shipped|dispatched)",
        r"tracking (?:number|info|information|says|shows|page|link)|out for delivery|"
        r"delivery (?:date|window|slot|time)|estimated delivery|expected delivery",
        r"(?:payment|card|transaction) (?:was |keeps (?:getting |being )?)?(?:declined|"
        r"rejected|failed|failing|won'?t go through|didn'?t go through)",
        r"(?:i|we|just|already) pre[- ]?ordered|"
        r"order confirmation|confirmation (?:email|e-mail)|placed (?:an|my|the) order|"
        r"at (?:the )?checkout|checkout (?:page|process|error)",
    )),
    "post-purchase": "|".join((
        r"(?:arrived|came|was delivered|were delivered|turned up|showed up) (?:\w+ )?"
        r"(?:damaged|broken|smashed|cracked|open|opened|cold|wrong|missing|incomplete|"
        r"faulty|dead|defective)",
        r"(?:i|we|just) (?:bought|purchased|received|ordered and received)",
        r"(?:i|we) (?:have|had|got) (?:a|an) (?:faulty|broken|defective|damaged)",
        r"(?:return|returning|returned|exchange|exchanging|warranty|guarantee claim|repair|"
        r"repaired|replacement|refund|refunded|money back)",
        r"stopped working|(?:keeps|kept) (?:crashing|breaking|freezing|dying|restarting|"
        r"disconnecting|dropping)|broke (?:after|within|down)|since (?:i|we) (?:bought|"
        r"got|updated|upgraded)",
        r"my (?:new|brand new|current) \w+",
        r"my (?:\w+ )?" + _OWNED,
        r"(?:on|in) (?:the |my |our )?flight|flight (?:[a-z]{2})?\d{2,4}|[a-z]{2}\d{3,4} "
        r"(?:deplaned|delayed|cancell?ed|diverted)",
        r"(?:i|we)(?:'m| am|'re| are|'ve| have)? (?:been )?(?:paying|paid) (?:for|\$|£|€)|"
        r"(?:i|we)(?:'ve| have) been (?:a )?(?:loyal )?customers? for|i was charged|"
        r"(?:charged|billed) (?:me|us) (?:twice|again|for)",
        r"since (?:updating|the (?:latest )?update|upgrading)|after (?:updating|upgrading|"
        r"the (?:latest )?update)|(?:i|we) (?:updated|upgraded) (?:to|my)",
        r"(?:i|we) (?:got|received) (?:my|our) \w+",
    )),
}
_CUE = {stage: re.compile(r"(?<![\w'])(?:" + rx + r")(?![\w'])", re.IGNORECASE)
        for stage, rx in CUES.items()}


@dataclass(frozen=True)
class Stage:
    """The stage a message shows, and the words that show it."""

    stage: str
    words: str

    @property
    def reason(self) -> str:
        return f"'{self.words.lower()}'"


def read_stage(message: str, social: Social | None = None) -> Stage | None:
    """The buying-cycle stage ``message`` shows, or None when it shows none or more than
    one. @handles, links and a sign-off are left out (``social``: the message's reading,
    when the caller has it)."""
    text = (social or read_social(message)).prose.replace("\u2019", "'")
    found: dict[str, str] = {}
    for stage, rx in _CUE.items():
        match = rx.search(text)
        if match:
            found[stage] = " ".join(match[0].split())
    if len(found) != 1:
        return None
    [(stage, words)] = found.items()
    return Stage(stage, words)
