"""``persona.context.policy-only``: a complaint answered with nothing but a rule: "Your
guitar must fit underneath the seat in front of you", "You're only able to have one
personal item with this ticket type", "any extra bags require a 5p charge as per
legislation". The labelling guide calls "that's our policy" as the whole answer
dismissive (``care.dismissive``): the customer hears a rule, not that they were heard.

The customer's message must read as a complaint (:func:`brandvoice.conversation.
complaint_words`). The reply states a rule (:data:`RULE`: "must", "only able to", "can only
be", "is not permitted", "requires an extra", "rules apply", "as per legislation", "is
subject to", "operates a ..."), and has neither an acknowledgement of any kind the
empathy check counts (a hedged apology such as "sorry for your frustration" is none) nor
an offer or a way on (:data:`OFFER`: "we can", "I'll", "happy to", "let me", "would you
like", "instead", "DM"). A thread continuation is not checked. Documented in
docs/conversation.md#a-rule-as-the-whole-answer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .conversation import complaint_words
from .persona.empathy import Acknowledgements
from .persona.style import MessageCheck

if TYPE_CHECKING:
    from .lint import DraftContext

POLICY_ONLY_ID = "persona.context.policy-only"

#: A rule stated to the customer. "Must" with a verb ("must fit", "must be assessed"), not
#: a guess or a feeling ("you must be so frustrated", "it must have been lost").
RULE = re.compile(
    r"\b(?:must (?!be\b|have\b|'ve\b|’ve\b)[a-z]+|must be (?!(?:so|very|really|quite|"
    r"frustrat|annoy|disappoint|upset|worr|tir|exhaust|confus|stress|gutt|devastat|"
    r"horrif|shock|surpris|fed)\w*)[a-z]+(?:ed|en)\b|"
    r"must be (?:under|over|at least|no more than|less than|more than|within|between)\b|"
    r"(?:is|are|'re|’re) only (?:able|allowed|permitted|available)|"
    r"can only be|only (?:the|a|an) \w+(?: \w+)? (?:can|may)|"
    r"(?:is|are) not (?:permitted|allowed)|(?:is|are) required to|"
    r"requires? (?:an? )?(?:extra|additional)|rules apply|"
    r"as per (?:legislation|the (?:rules|terms|regulations)|our (?:rules|terms|"
    r"conditions))|(?:is|are) subject to|operates? an? |"
    r"(?:is|are) non-?(?:refundable|transferable|returnable|exchangeable)|"
    r"(?:cannot|can't|can’t|can not) be [a-z]+(?:ed|en)\b|"
    r"we (?:do not|don't|don’t|cannot|can't|can’t) (?:accept|allow|offer|permit|exchange|"
    r"refund)\b)",
    re.IGNORECASE)
#: An offer, a way on or something done: what the brand can do or did, what the customer
#: can do instead, when the outcome comes.
OFFER = re.compile(
    r"\b(?:we(?:'ll|’ll| will| can(?!'t|’t|not)| could| would be happy|'d be happy|"
    r"’d be happy)|I(?:'ll|’ll| will| can(?!'t|’t|not)| could|'d be happy|’d be happy)|"
    r"happy to|glad to|let (?:me|us)|would you like|DM|direct message|instead|"
    r"alternatively|alternative|however|but we|here's what|here’s what|"
    # something done: "we've refunded", "we've sent", "it has been re-issued"
    r"(?:we|I)(?:'ve|’ve| have) (?:\w+ )?(?:[a-z]+ed|sent|made|gone|done|given|taken|put|"
    r"found|got|set|spoken|written|paid|kept|told|brought)|"
    r"(?:has|have|had|'s|’s) been (?:\w+ )?(?:[a-z]+(?:ed|en|t)|told)|"
    r"(?:was|were) (?:issued|refunded|sent|credited|waived|cancelled|canceled|changed|"
    r"rebooked|re-?issued|escalated|passed on|fixed|replaced)|"
    # what comes to the customer, or what they can do
    r"you(?:'ll|’ll| will) (?:get|receive|see|have)|on (?:its|their|the) way|"
    r"(?:it|they)(?:'ll|’ll| will) be (?:with you|back|there|refunded|credited)|"
    r"you (?:can|could|may) (?!only\b|not\b)(?:also |still )?[a-z]+|"
    r"should (?:land|arrive|reach|appear|show|clear|be (?:back|credited|refunded|with you|"
    r"processed|resolved|fixed)))\b|"
    # an instruction that opens a sentence: "Tap Register", "Head to Settings"
    r"(?:^|[.!?:]\s+)(?:tap|head|go|click|visit|select|open|use|check|try|call|contact|reply|"
    r"pop|drop|follow|see|find|choose|pick|ask|bring|show|book)\b",
    re.IGNORECASE)


class PolicyOnly(MessageCheck):
    """A complaint (``in_reply_to``) answered with a rule and nothing else."""

    def __init__(self, acknowledgements: Acknowledgements, **common):
        super().__init__(POLICY_ONLY_ID, **common)
        self.acknowledgements = acknowledgements

    def read_draft(self, ctx: "DraftContext") -> tuple[str, str] | None:
        if RULE.search(ctx.social.prose) is None:
            return None
        words = complaint_words(ctx.draft.in_reply_to or "", ctx.draft.inferred)
        return None if words is None else ("complained", words)

    def answers(self, ctx: "DraftContext") -> bool:
        prose = ctx.social.prose
        return OFFER.search(prose) is not None or bool(self.acknowledgements.find(ctx))
