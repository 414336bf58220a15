"""Word lists behind the persona's context checks and contractions (extendable per context)."""

from __future__ import annotations

#: Phrases that sell (matched on lemmas).
PROMOTION = (
    "discount code", "promo code", "coupon", "voucher code", "use code", "buy now",
    "shop now", "order now", "check out our new", "limited time", "limited-time offer",
    "special offer", "flash sale", "don't miss out", "upgrade now", "free shipping",
    "sign up today", "exclusive offer", "deal of the day", "join today", "get a quote",
    "2-for-1", "two for one", "buy one get one", "bogo",
)

#: A customer's message about a promotion of the brand's (a code, a voucher, a discount,
#: an offer): a reply that names it answers the customer, it does not sell to them.
PROMOTION_ASKED = (r"(?i)\b(?:codes?|vouchers?|coupons?|promos?|promotions?|discounts?|"
                   r"offers?|deals?|sales?|rewards?|points)\b|\d ?% off\b")

#: Promotion as patterns (RE2): "20% off", "code SAVE20", shop links, an upsell ("why not
#: upgrade", "upgrade to our", "have you seen our new", "did you know our Platinum card comes
#: with", "with our Gold cover you get", "skip the queue with"), a price pitched ("for just
#: £10 more a month", "plans from £6", "£150 off"), a saving ("save a third", "save 2
#: months", "saves you up to 30%", "you could also save with our bundle", "great trade-in
#: offers on new models"), a launch plugged ("our new autumn menu launches next week", "the
#: Season 4 Battle Pass is out now"), a loyalty perk ("get your 5th coffee free", "Plus
#: members get free delivery", "earn double points"), a product plugged ("have you checked
#: out Luma Premium?", "upgrade to StreamBox Ultra", "our new Loaded Fries just dropped",
#: "you might also like our"), "refer a friend", "follow us for exclusive deals", and an
#: offer with a deadline or a price ("don't miss the Winter Bundle", "this week only", "now
#: available from R4,999", "3x faster and just $10 more"), and a product pitched as the
#: answer ("could be just the thing", "$0 upfront", "a free side with your first order").
PROMOTION_PATTERNS = (
    r"\b\d{1,3} ?% off\b",
    r"(?i:\bcode:?) (?-i:[A-Z0-9]{4,})\b",
    r"(?i)https?://\S*/(?:shop|store|deals?|sale|offers?|promo)\b\S*",
    r"(?i)\b(?:why not|you could(?: also)?|you might like to|time to|how about|consider) "
    r"(?:upgrad(?:e|ing)|switch(?:ing)? to|join(?:ing)?|try(?:ing)? (?:one of )?our|check(?:ing)? "
    r"out (?:our )?(?-i:[A-Z])\w+)\b",
    r"(?i)\bupgrade to (?:our|the new)\b",
    r"(?i)\bhave you (?:tried|seen|heard (?:about|of)) our (?:new|latest)\b",
    r"(?i)\b(?:for (?:just|only)|from(?: just| only)?|starting at|start at|starts at) "
    r"[£$€]\d+(?:[.,]\d+)?(?: more)?(?: (?:a|per) (?:day|week|month|year)|/(?:day|week|"
    r"month|mo|year))?",
    r"[£$€]\d+(?:\.\d\d)? off\b",
    r"(?i)\bsaves? (?:you )?(?:a third|a quarter|half|up to|\d+ ?%|[£$€]\d+|\d+ months?)\b",
    r"(?i)\b(?:you (?:could|can|might) (?:also )?|why not |and )save (?:with|on|by switching|"
    r"by upgrading)\b",
    r"(?i)\b(?:great|amazing|fantastic|unbeatable|special|exclusive|big|huge|brilliant) "
    r"(?:[\w-]+ )?(?:offers|deals|discounts|savings|prices) (?:on|for|this|across)\b",
    r"(?i)\b(?:our|the)\s+(?:new\s+|latest\s+)?(?:[\w-]+\s+){0,3}?(?:plan|pass|menu|range|"
    r"collection|sale|deal|offer|bundle|card|account|model|edition|season|flavou?r|album|game|"
    r"console|phone|tier|package|membership|subscription|drop|line-?up)s?(?:\s+[\w-]+){0,2}?"
    r"\s+(?:also\s+)?(?:just (?:dropped|landed|launched)|launch(?:es|ed)? (?:today|tomorrow|"
    r"next|this|on)|(?:is|are) out now|(?:is|are) now live|drops (?:today|tomorrow|next|this|"
    r"on)|starts (?:today|tomorrow|next|this|on|friday|monday|saturday|sunday))\b",
    r"(?i)\bupgrade (?:here|now|today)\b|\bupgrade at (?:https?://|www\.)",
    r"(?i)\b(?:order|book|grab|get|claim) yours (?:today|now)\b",
    r"(?i)\b(?:sale|offer|deal|promotion|promo)s? (?:ends|is on|starts|runs)\b",
    r"(?i)\b(?:[2-4]|two|three|four) for (?:[1-3]|one|two|three)\b",
    r"(?i)\bfor (?:just|only) \d+p\b",
    r"(?i)\b(?:did you know|don't forget|dont forget|don’t forget)\b[^.!?\n]{0,60}\b(?:comes? with|"
    r"includes?|gets? you|gives? you|you can (?:get|choose|have|pick|enjoy)|saves? you)\b",
    r"(?i)\b(?:just|only) [£$€]\d+(?:[.,]\d+)?(?: (?:a|per) (?:day|week|month|year)|/(?:day|week|"
    r"month|mo|year))\b",
    r"(?i)\b(?:with|on) our [\w-]+(?: [\w-]+)? (?:cover|plan|account|membership|pass|card|"
    r"subscription|tier|bundle|package|saver) you(?:'d|’d| would| will|'ll|’ll)? (?:get|have|"
    r"could|can)\b",
    r"(?i)\bget (?:your|a) (?:\d+(?:st|nd|rd|th)|next|second|third|fourth|fifth|sixth|tenth) "
    r"[\w-]+ (?:free|half price|on us)\b",
    r"(?i)\bskip the (?:queues?|lines?) (?:next time )?with\b",
    r"(?i)\bhave you (?:checked out|tried|seen|heard (?:about|of)) (?:our )?(?:new |latest )?"
    r"(?-i:[A-Z])\w+",
    r"(?i)\b(?:why not )?treat yourself to\b|\brefer a friend\b|\bupgrade to (?-i:[A-Z0-9])\w+",
    r"(?i)\bhave you (?:thought about|considered) (?:upgrading|switching|moving|our)\b|"
    r"\block in your (?:rate|price)\b|\b(?:is|are) now on sale\b|"
    r"\b(?:just|only) [£$€]\d+(?:[.,]\d+)? for the (?:season|year|summer|winter|month)\b|"
    r"\bhalf price (?:on|with|when|this week|today|for)\b|"
    r"\b(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays) (?:are|is) "
    r"[£$€]\d+",
    r"(?i)\b(?:members|customers|subscribers|cardholders|(?:pro|plus|premium|gold|vip|"
    r"platinum) users)\s+(?:get|enjoy|earn|skip|save|pay)\b",
    r"(?i)\bfollow us for (?:exclusive |the latest |more )?(?:deals|offers|discounts|promos)\b",
    r"(?i)\byou might (?:also )?(?:like|love|enjoy) our\b",
    r"(?i)\bour new\b[^.!?\n]{0,40}?\b(?:just dropped|just landed|is here|are here|now "
    r"available|out now|just launched)\b",
    r"(?i)\bearn (?:double|triple|2x|3x|bonus|extra) points\b|\brecharge with\b|"
    r"\bfrom our (?:online )?(?:shop|store)\b",
    # an offer with a deadline or a price ("don't miss the Winter Bundle", "this week only",
    # "now available from R4,999", "3x faster and just $10 more")
    r"(?i)\b(?:don'?t|don’t|do not) miss (?:the|our)\b|\b(?:this|next) (?:week|weekend|month) "
    r"only\b|\bnow available (?:from|for|at) (?:[£$€₹]|rs\.? ?|r ?)?\d|"
    r"\b(?:just|only) (?:[£$€₹]|rs\.? ?)\d+(?:[.,]\d+)? (?:more|extra)\b|"
    r"\b\d+x (?:faster|quicker|the speed|more data)\b",
    # a product pitched as the answer ("our new Savings Boost account could be just the
    # thing", "while you're here, ...", "$0 upfront", "a free side with your first order",
    # "our best yet – switch at ...", "applications for our new studios open Monday")
    r"(?i)\bcould be just the thing\b|\bwhile you(?:'re|’re| are) here,|"
    r"[$£€]0 upfront\b|\b0% (?:finance|interest|apr)\b|"
    r"\bfree [\w-]+ with your (?:first|next) (?:order|purchase|visit|booking)\b|"
    r"\b(?:is|are) our best (?:yet|ever)\b|\bswitch (?:at|now|today|here)\b|"
    r"\b(?:go|going) ad-free with\b|"
    r"\bour new\b[^.!?\n]{0,40}?\bopens? (?:today|tomorrow|next|this|on|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
)

#: Two words and their contraction; the fix in each direction is safe.
CONTRACTIONS = {
    "do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't",
    "are not": "aren't", "was not": "wasn't", "were not": "weren't", "have not": "haven't",
    "has not": "hasn't", "had not": "hadn't", "will not": "won't", "would not": "wouldn't",
    "cannot": "can't", "could not": "couldn't", "should not": "shouldn't",
    "must not": "mustn't", "we are": "we're", "we will": "we'll", "I am": "I'm",
    "I will": "I'll", "you are": "you're", "you will": "you'll", "they are": "they're",
    "that is": "that's", "it is": "it's", "there is": "there's", "what is": "what's",
}
# Left out on purpose: "we have" / "I have" ("we have a plan" is not "we've a plan") and
# "let us" ("let us know" is not "let's know").

#: Contractions whose expansion is ambiguous ("it's" is "it is" or "it has"): no fix.
AMBIGUOUS = frozenset({"it's", "that's", "there's", "what's"})


#: Phrases that tell the customer what happens next or how to get help: one of them in a
#: reply to a context with ``require_next_step`` (docs/persona.md lists them).
NEXT_STEP = (
    "DM", "direct message", "private message", "send us", "message us", "reply with",
    "we'll", "we will", "I'll", "I will", "let us know", "get back to you", "follow up",
    "here's how", "here is how", "you can", "click", "tap", "visit", "go to", "call us",
    "email us", "contact us", "check out", "see our", "next step", "link",
)
