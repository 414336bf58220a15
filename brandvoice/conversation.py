"""Conversation-aware checks: a reply judged against the message it answers
(``in_reply_to``).

- **Context inference.** A draft with no ``context`` of its own (nor from ``--context``)
  but with ``in_reply_to`` gets the context of the customer's message: ``complaint``,
  ``question``, ``praise`` or ``general`` (see :func:`infer_context`, documented in
  docs/conversation.md). An explicit context always wins; the config's ``defaults``
  context comes only when nothing can be inferred.
- **Personal data echoed back** (``persona.context.echo-pii``): a reply that repeats the
  customer's e-mail address, phone number, or order or account number from
  ``in_reply_to``, which would publish it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from .metrics import sentiment
from .persona.style import PersonaCheck
from .registry import MESSAGES
from .result import Finding
from .social import read_social

if TYPE_CHECKING:
    from .lint import DraftContext

#: What a customer's message can be read as, in the order they are decided.
CONTEXTS = ("complaint", "question", "praise", "general")
#: VADER compound score at or below which a message is a complaint.
COMPLAINT_BELOW = -0.3
#: VADER compound score at or above which a message (with no complaint or question) is praise.
PRAISE_ABOVE = 0.5
#: Words and phrases that make a message a complaint whatever its sentiment.
COMPLAINT_CUES = (
    "still waiting", "still not", "still no", "never arrived", "never received",
    "hasn't arrived", "has not arrived", "not arrived", "didn't arrive", "not received",
    "not working", "doesn't work", "does not work", "isn't working", "stopped working",
    "broken", "late", "delayed", "cancelled", "canceled", "refund", "charged twice",
    "overcharged", "double charged", "worst", "terrible", "awful", "horrible", "useless",
    "ridiculous", "unacceptable", "disappointed", "disappointing", "fed up", "rude", "scam",
    "complaint", "missing", "wrong order", "nobody", "no one", "on hold", "waste of",
    "lost my", "lost our", "damaged", "fix this", "need help", "no longer", "nothing has",
    "still haven't", "hasn't been", "no response", "no reply", "ignored",
)
#: Words that make a message praise when its sentiment is at least mildly positive.
PRAISE_CUES = ("thank", "thanks", "love", "great", "awesome", "amazing", "brilliant",
               "excellent", "fantastic", "best", "perfect", "well done", "kudos", "happy")
PRAISE_CUE_ABOVE = 0.2
QUESTION_START = re.compile(
    r"(?:^|[.!?]\s+)(?:how|what|when|where|why|who|which|can|could|is|are|do|does|did|"
    r"will|would|should|may|any)\b", re.IGNORECASE)


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                                              for w in words) + r")(?![\w'])", re.IGNORECASE)


_COMPLAINT = _cue_pattern(COMPLAINT_CUES)
_PRAISE = _cue_pattern(PRAISE_CUES)


@dataclass(frozen=True)
class Inferred:
    """The context read from a customer's message, and why."""

    context: str
    reason: str
    sentiment: float

    def to_dict(self) -> dict[str, Any]:
        return {"context": self.context, "reason": self.reason, "sentiment": self.sentiment}


def _quoted(found: list[str]) -> str:
    unique = list(dict.fromkeys(f.lower() for f in found))
    return ", ".join(f"'{word}'" for word in unique[:3])


def infer_context(message: str) -> Inferred:
    """The context of a reply to ``message``: a complaint when the message is negative
    (VADER compound <= -0.3), or names a complaint cue and is not clearly positive
    (< 0.5: "thanks for the quick refund!" is praise); else a question when it asks one
    (a '?' or a sentence opening with a question word); else praise when it is clearly
    positive (>= 0.5, or >= 0.2 with a word of praise); else general."""
    text = _blank(message, [p.span for p in read_social(message).of("handle")])
    score = sentiment(text)
    complaint = _COMPLAINT.findall(text)
    if score <= COMPLAINT_BELOW or (complaint and score < PRAISE_ABOVE):
        why = [f"sentiment {score:+.2f}"] if score <= COMPLAINT_BELOW else []
        why += [f"complaint words {_quoted(complaint)}"] if complaint else []
        return Inferred("complaint", " and ".join(why), score)
    if "?" in text or QUESTION_START.search(text.strip()):
        how = "a question mark" if "?" in text else "a question word"
        return Inferred("question", f"it asks something ({how})", score)
    praise = _PRAISE.findall(text)
    if score >= PRAISE_ABOVE or (praise and score >= PRAISE_CUE_ABOVE):
        why = f"sentiment {score:+.2f}" + (f" and {_quoted(praise)}" if praise else "")
        return Inferred("praise", why, score)
    return Inferred("general", f"no complaint, question or praise (sentiment {score:+.2f})",
                    score)


# --- personal data echoed back ----------------------------------------------------------

#: An order, account or reference code: letters and at least 4 digits, dashes allowed.
CODE = re.compile(r"(?<![\w@/-])#?(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){4})"
                  r"[A-Za-z0-9][A-Za-z0-9-]{4,30}(?![\w@-])")
#: A number as customers write one: digits with spaces, dashes, dots or brackets inside.
NUMBER = re.compile(r"(?<![\w@/])#?\+?\(?\d(?:[\d\s().-]{0,24}\d)?(?![\w])")
#: Fewest digits for a number to count as personal (an order, account or phone number).
FEWEST_DIGITS = 5
ECHO_ID = "persona.context.echo-pii"
ECHO_MESSAGE = MESSAGES[ECHO_ID]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out (same length), in one pass: blanking match by
    match copied the whole text each time, quadratic in a long message."""
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        parts += [text[position:start], " " * (end - start)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _items(text: str) -> list[tuple[int, int, str, str]]:
    """The personal data in ``text``: (start, end, what, key), with e-mail addresses
    lower-cased, numbers as their digits, references upper-cased without dashes. Links
    and handles (``@name``) are not personal data here."""
    social = read_social(text)  # links, handles and e-mail addresses, read once
    emails = social.of("email")
    found: list[tuple[int, int, str, str]] = [
        (p.start, p.end, "e-mail address", text[p.start:p.end].lower()) for p in emails]
    masked = _blank(text, [p.span for p in social.of("url", "domain", "handle", "email")])
    for pattern in (CODE, NUMBER):
        taken: list[tuple[int, int]] = []
        for match in pattern.finditer(masked):
            value = match[0]
            if pattern is CODE:
                key = re.sub(r"[^A-Z0-9]", "", value.upper())
                found.append((match.start(), match.end(), "reference", key))
            else:
                digits = re.sub(r"\D", "", value)
                if len(digits) < FEWEST_DIGITS:
                    continue
                phone = len(digits) >= 7 and re.search(r"[\s().+-]", value.strip())
                found.append((match.start(), match.end(),
                              "phone number" if phone else "number", digits))
            taken.append(match.span())
        masked = _blank(masked, taken)  # what one pattern found, no later one finds
    return sorted(found)


def personal_data(message: str) -> list[tuple[str, str]]:
    """The customer's e-mail addresses, phone numbers and order or account numbers in
    ``message``, as (what, key), in the order they are written."""
    return list(dict.fromkeys((what, key) for _, _, what, key in _items(message)))


class EchoPII(PersonaCheck):
    """A reply that repeats the customer's personal data from ``in_reply_to``."""

    always = True

    def __init__(self, **common):
        super().__init__(ECHO_ID, **common)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        message = ctx.draft.in_reply_to
        if not message:
            return
        theirs = {key: what for what, key in personal_data(message)}
        if not theirs:
            return
        for start, end, _, key in _items(ctx.text):
            what = theirs.get(key)
            if what is not None:
                yield self.finding(ctx, start, end, message=self.message.replace("{what}", what))
