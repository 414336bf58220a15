"""``persona.context.harm-cause``: a reply to a report of harm or damage that says whose
fault it is, or what caused it: "so the backflow is on us", "that's down to us", "Our
rider ignored the note, so the vet bill is rightly ours", "Our fraud team missed the
alert, which is how the payments got through", "that mistake is what made her faint",
"If our assessor had come out when he should have, the damp wouldn't have spread".

The labelling guide counts an admission of fault, negligence or liability, or speculation
about the cause of harm "in a way legal would stop", as ``legal.liability``. Owning a late
parcel ("that's on us") is care; owning a flooded kitchen is a claim. So it reads two
things:

- the customer's message reports **harm**: a serious incident as
  :func:`brandvoice.incident.incident` reads it, once per draft (an injury, an allergic
  reaction, something in the food...), or damage and loss to a person or their things (:data:`HARM`:
  "cracked", "flooded", "snapped", "burnt out", "scraped", "bricked", "emptied my
  account", "won't turn on"; not an app that is "broken", whose cause a reply may well
  explain);
- a sentence of the reply **takes the fault** (:data:`FAULT`: "on us", "down to us", "our
  responsibility", "lies with us", "we hold our hands up", "negligence on our side",
  "ours to pick up"), **ties the harm to a cause** (:data:`CAUSE`: "that's clearly what
  damaged it", "which is how the payments got through", "is what broke the screen",
  "which would explain the bites", "that's almost certainly where it came from"), or says
  what **should have** been done (:data:`SHOULD_HAVE`: "should have been taken off the
  floor", "if our assessor had come out..., it wouldn't have").

A reply that says it will find out ("we're investigating what happened", "our team will
look into what happened") speculates about nothing and passes. A thread continuation is
not checked. Documented in docs/conversation.md#the-cause-of-harm.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .persona.style import SpanCheck
from .text import sentences

if TYPE_CHECKING:
    from .lint import DraftContext

HARM_CAUSE_ID = "persona.context.harm-cause"

#: Damage or loss the customer reports (besides a serious incident).
HARM = re.compile(
    r"\b(?:damaged|damage|cracked|smashed|shattered|snapped|ripped|torn|dented|scratched|"
    r"scraped|flooded|flooding|leak(?:ed|ing)|burnt|burned|burst|melted|stained|ruined|"
    r"destroyed|bricked|fried|chipped|collapsed|caught fire|on fire|"
    r"short-?circuit\w*|(?:won'?t|doesn'?t|does not|will not) (?:turn|switch|power) on|"
    r"sewage|damp|mou?ld|emptied|stolen|fraud\w*|scam(?:med)?|bites|rash|"
    r"(?:made|making) (?:me|us|him|her|them|my \w+) (?:sick|ill)|food poisoning|"
    r"(?:been|was|were|got) (?:violently )?(?:sick|ill)|(?:sick|ill|poorly|vomiting|"
    r"throwing up) (?:after|from|since)|hurt|injur\w*|sprain\w*|bruis\w*|"
    r"cut (?:my|his|her|their)|fainted|hospital|a&e|vet|overheat\w*|scorch\w*|hacked|"
    r"(?:came|fell|crashed) down on|landed on|hit (?:my|me|him|her|us)|reaction|fell|"
    r"water (?:coming|pouring|dripping|leaking) (?:through|in|into)|trapped (?:my|his|her|"
    r"their)|brakes|chunk out of|lost my|mislaid|missed (?:the|my) deadline)\b",
    re.IGNORECASE)
#: The brand taking the fault in so many words.
FAULT = re.compile(
    r"\b(?:(?:is|'s|’s|are|was|were)\s+(?:all\s+|entirely\s+|squarely\s+|fully\s+)?on\s+us\b|"
    r"(?:one|that|this|it)(?:'s|’s|\s+is|\s+was)\s+(?:\w+\s+)?on\s+us\b|"
    r"(?:down\s+to|because\s+of|caused\s+by)\s+(?:us\b|our\s+\w+)|"
    r"(?:we(?:'re|’re|\s+are|\s+were)|I(?:'m|’m|\s+am))\s+(?:fully\s+|entirely\s+|totally\s+)?"
    r"(?:responsible|liable|to\s+blame|at\s+fault)\b(?!\s+for\s+(?:making|putting|sorting|"
    r"fixing|getting|helping|looking))|(?:is|'s|’s|was)\s+(?:all\s+)?(?:our|my)\s+"
    r"(?:responsibility|doing|fault|mistake|error)\b|(?:lies|rests|sits)\s+with\s+us\b|"
    r"hold\s+(?:our|my)\s+hands?\s+up|(?:negligen\w+|careless\w*)\s+on\s+our\s+(?:side|part)|"
    r"(?:rightly\s+)?ours\s+to\s+(?:pick\s+up|pay|cover|fix|sort)|"
    r"(?:mistake|error|fault|failure|failing|oversight|slip)\s+on\s+our\s+(?:side|part|end)|"
    r"we\s+(?:were|are)\s+(?:negligent|careless)|"
    r"(?:we|I)\s+let\s+(?:it|this|that)\s+slip|"
    # a rule of ours broken, a fault known before ("against our procedures", "we've known
    # about the sensor fault for weeks")
    r"(?:is|was|were|are)\s+against\s+our\s+(?:own\s+)?(?:procedures?|polic(?:y|ies)|rules|"
    r"guidelines|training|standards)|"
    r"we(?:'ve|’ve|\s+have|'d|’d|\s+had)\s+(?:already\s+)?(?:known|been\s+aware|had\s+(?:a\s+)?"
    r"reports?)\s+(?:about|of)\s+(?:(?:the|this|that|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:fault|problem|"
    r"issue|leak|defect|risk|hazard|bedbugs|infestation|mou?ld|damp))",
    re.IGNORECASE)
#: The harm tied to a cause: "that's clearly what damaged it", "which is how ...",
#: "is what made her faint", "which would explain the bites".
CAUSE = re.compile(
    r"\b(?:(?:is|'s|’s|was)\s+(?:\w+ly\s+|almost\s+certainly\s+|very\s+likely\s+|likely\s+|"
    r"probably\s+|most\s+likely\s+)?(?:what|how|where|why)(?:'s|’s)?\s+(?:\w+\s+){0,5}?(?:damaged|broke|"
    r"happened|made|making|caused|causing|got|came|went|snapped|cracked|flooded|spread|"
    r"started|felt|hurt|injured)\b|which\s+(?:would|could|might|may)?\s*explains?\b|"
    r"which\s+(?:is|was)\s+(?:\w+ly\s+)?(?:how|why|what)\b|"
    r"(?:caused|led\s+to|resulted\s+in)\s+(?:(?:the|your|this|her|his|their)\s+\w+|"
    r"(?:this|that|it)\b)|"
    r"\bbecause\s+(?:we|our\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:had(?:n't|n’t|\s+not)|"
    r"did(?:n't|n’t|\s+not)|failed\s+to|forgot\s+to|never)\b|"
    r"(?:it(?:'s|’s|\s+is)|that(?:'s|’s|\s+is))\s+(?:most\s+|very\s+|highly\s+)?"
    r"(?:likely|probably|almost\s+certainly)\s+(?:that\s+)?(?:the|our|your)\s+[\w-]+\s+"
    r"(?:was(?:n't|n’t|\s+not)|were(?:n't|n’t|\s+not)|had(?:n't|n’t|\s+not)|was\s+(?:left|"
    r"stored|cooked|handled|packed|kept))\b|"
    r"(?:and|so)\s+that(?:'s|’s|\s+is)\s+(?:what|how|why)\b|"
    # a guess at what went wrong ("it sounds like the valve wasn't sealed properly", "looks
    # like the car missed its service", "it was clearly damaged during our loading")
    r"(?:sounds|looks|seems)\s+(?:like|as\s+(?:if|though))\s+(?:the|our|your|a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:was(?:n't|n’t|\s+not)|were(?:n't|n’t|\s+not)|had(?:n't|n’t|\s+not)|"
    r"did(?:n't|n’t|\s+not)|missed|skipped|failed)\b|"
    r"(?:was|were|got)\s+(?:clearly\s+|obviously\s+|definitely\s+|probably\s+)?(?:damaged|"
    r"broken|dropped|mishandled|crushed)\s+(?:during|by|in|while|when)\s+(?:our|us)\b|"
    r"overdue\s+(?:for\s+)?(?:a|an|its)\s+(?:[\w-]+\s+)?(?:check|service|inspection|maintenance)|"
    r"\b(?:our|the)\s+[\w-]+\s+(?:clearly\s+|obviously\s+)?(?:didn't|didn’t|did\s+not|failed\s+to|"
    r"forgot\s+to)\s+(?:[\w-]+\s+){1,4}?(?:properly|correctly|right)\b|"
    r"(?:likely|probably|almost\s+certainly)\s+(?:linked|related|down|due|connected)\s+to\s+"
    r"(?:the|our|a)\b|(?:faulty|defective|bad)\s+batch\b)",
    re.IGNORECASE)
#: What should have been done: "should have been taken off the floor", "if our assessor
#: had come out ..., the damp wouldn't have spread".
SHOULD_HAVE = re.compile(
    r"\bshould(?:\s+have|'ve|’ve)\s+been\s+\w+(?:ed|en|t)\b|"
    r"\bif\s+(?:our|the|we)\b[^.!?]{0,60}?\bhad\b[^.!?]{0,80}?\b(?:would(?:n't|n’t|\s+not)|"
    r"wouldn't|never)\s+have\b|"
    r"\b(?:shouldn't|shouldn’t|should\s+not)\s+(?:be|have\s+been)\s+\w+ing\b|"
    r"\b(?:we|I|our\s+[\w-]+|the\s+(?:driver|staff|crew|engineer|team|store|hotel))\s+"
    r"should(?:\s+have|'ve|’ve)\s+(?!been\b)\w+(?:ed|en)\b",
    re.IGNORECASE)
#: A sentence that says what happened is being found out, not what caused it.
_FINDING_OUT = re.compile(r"\b(?:investigat\w+|look(?:ing)?\s+into|find\s+out|review(?:ing)?|"
                          r"check(?:ing)?)\s+(?:\w+\s+){0,3}?(?:what|how|why)\b", re.IGNORECASE)


def harm(message: str, reported: tuple[str, str] | None) -> str | None:
    """The words of the customer's ``message`` (prose) that report harm or damage: those of
    the serious incident ``reported`` in it (the draft's reading,
    :attr:`brandvoice.lint.DraftContext.incident`, made once for every check that asks),
    else of damage or loss; or None."""
    if reported is not None:
        return reported[1]
    found = HARM.search(message)
    return found[0] if found else None


def takes_cause(reply: str) -> tuple[int, int] | None:
    """The span of the first sentence of ``reply`` (prose, offsets kept) that takes the
    fault for harm, ties it to a cause, or says what should have been done; or None."""
    for offset, sentence in sentences(reply):
        if sentence.rstrip().endswith("?") or _FINDING_OUT.search(sentence):
            continue
        for pattern in (FAULT, CAUSE, SHOULD_HAVE):
            found = pattern.search(sentence)
            if found is not None:
                start = len(sentence) - len(sentence.lstrip())
                return offset + start, offset + len(sentence.rstrip())
    return None


class HarmCause(SpanCheck):
    """A reply to a report of harm (``in_reply_to``) that takes the fault or names the
    cause."""

    def __init__(self, **common):
        super().__init__(HARM_CAUSE_ID, **common)

    def find(self, ctx: "DraftContext", message: str) -> tuple[str, tuple[int, int]] | None:
        hurt = harm(message, ctx.incident)
        span = None if hurt is None else takes_cause(ctx.social.prose)
        return None if hurt is None or span is None else (hurt, span)
