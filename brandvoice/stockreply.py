"""``persona.context.stock-reply``: a customer's question answered with a stock offer of
help ("If you need help with this, let us know!") and nothing else; or a problem the
customer stated answered by asking what they need ("How can I help?"), without a word
about the problem.

The customer's message (``in_reply_to``) is read for a question: a sentence of at least
:data:`QUESTION_WORDS` words of prose that ends with "?". The reply is a stock reply when
it offers help in general (:data:`STOCK`: "is there anything we can help with", "if you
have any questions", "feel free to reach out", "how can I help") and gives nothing else
the customer can use: no link, and, once the offer is left out, no answer or next step
(:data:`ANSWER`: a figure, yes or no, "not yet", "currently", "a fix is planned", "we're
working on it", "try", "check", "DM", "here"...). The labelling guide calls it a template
that does not fit (``care.template-mismatch``). Documented in
docs/conversation.md#stock-replies.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .conversation import complaint_words
from .persona.empathy import Acknowledgements
from .persona.style import MessageCheck
from .social import read_social

if TYPE_CHECKING:
    from .lint import DraftContext

STOCK_ID = "persona.context.stock-reply"

#: Fewest words of a question the customer asked.
QUESTION_WORDS = 3
#: An offer of help in general.
STOCK = re.compile(
    r"(?:is there|if there is|if there's) anything (?:\w+ ){0,3}(?:(?:we|I) (?:can|could) "
    r"(?:help|do|assist)|you need)|let us know if (?:there is|there's) anything|"
    r"let (?:us|me) know if (?:we|I) can (?:help|assist|do)|"
    r"(?:help is|we're|we are|I'm|I am) (?:just |only |always )?a (?:tweet|DM|message) away|"
    r"if you (?:have|need) (?:\w+ ){0,3}(?:questions?|help|assistance)|"
    r"feel free to reach out|reach out (?:anytime|any time)|how (?:can|may) (?:we|I) help|"
    r"what can (?:we|I) (?:help|do)|if you need help with this", re.IGNORECASE)
#: An offer of help that asks what the customer needs: after a problem was stated, it asks
#: again what the message already said.
ASKS = re.compile(
    r"how (?:can|may) (?:we|I) help|what can (?:we|I) (?:help|do)|"
    r"(?:is there|if there is|if there's) anything (?:\w+ ){0,3}(?:we|I) (?:can|could) "
    r"(?:help|do|assist)", re.IGNORECASE)
#: What, besides the offer, gives the customer something: a figure, yes or no, a state of
#: things, something to do or a place to go.
ANSWER = re.compile(
    r"\d|(?<![\w'])(?:yes|no|yep|nope|correct|right|exactly|unfortunately|currently|at the "
    r"moment|will be|won't|not yet|planned|plan to|coming|soon|fix\w*|update\w*|releas\w*|"
    r"available|unavailable|because|we're working|working on|here|link|try|check|go to|"
    r"visit|DM|direct message|send us|follow)(?![\w'])", re.IGNORECASE)
#: A sentence: up to its end (".", "!", "?" or a line break), or the rest of the text. Each
#: match moves on past what it read, so a long message without a question mark is read
#: once, not once from every character (a search for "[^.!?\n]*\?" was quadratic there).
_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]|[^.!?\n]+$")


def question(message: str) -> str | None:
    """The first question of at least QUESTION_WORDS words the customer's ``message``
    asks (@handles, links and a sign-off left out), or None."""
    for match in _SENTENCE.finditer(read_social(message).prose):
        if match[0].endswith("?"):
            words = match[0].split()
            if len(words) >= QUESTION_WORDS:
                return " ".join(words)
    return None


def stock(reply: str, has_link: bool) -> bool:
    """Whether ``reply`` (its prose) only offers help in general."""
    if has_link or not STOCK.search(reply):
        return False
    return ANSWER.search(STOCK.sub(" ", reply)) is None


class StockReply(MessageCheck):
    """A customer's question, or a problem they report (``in_reply_to``), answered with a
    stock offer of help."""

    def __init__(self, acknowledgements: Acknowledgements, **common):
        super().__init__(STOCK_ID, **common)
        self.acknowledgements = acknowledgements

    def read(self, message: str) -> tuple[str, str] | None:
        asked = question(message)
        return None if asked is None else ("asked a question", asked)

    def read_draft(self, ctx: "DraftContext") -> tuple[str, str] | None:
        message = ctx.draft.in_reply_to or ""
        found = self.read(message)
        if found is not None:
            return found
        # a problem stated (a complaint read from the message), answered by asking what
        # the customer needs without a word about the problem, was not read either
        prose = ctx.social.prose
        if not ASKS.search(prose) or self.acknowledgements.find(ctx):
            return None
        words = complaint_words(message, ctx.draft.inferred)
        return None if words is None else ("reported a problem", words)

    def answers(self, ctx: "DraftContext") -> bool:
        social = ctx.social
        return not stock(social.prose, bool(social.of("url", "domain")))
