"""``persona.context.empathy``: a reply to a complaint acknowledges the problem or the feeling.

Acknowledgement is read by kind, not from one list of words (each kind is a regular
expression in :data:`ACKNOWLEDGEMENTS`, documented in docs/persona.md#contexts):

- an **apology**: "sorry", "we apologise", "our apologies";
- **sorry to hear**: "we hate to hear this", "sad to see", "heartbreaking to read";
- **concern**: "oh no!", "uh oh", "ouch", "yikes" opening a sentence; for the person's
  wellbeing: "we hope everyone is OK", "are you safe?";
- **something is wrong**: "that doesn't sound right", "this shouldn't happen", "not the
  experience we want", "not how it should go", "very strange", "that's concerning";
- **understanding**: "I understand", "completely understand", "we hear you", "I can
  imagine", "that must be frustrating", "I can see you're frustrated";
- **ownership**: "we let you down", "we dropped the ball", "we want to make this right".

Thanking the customer for their patience is not acknowledging the problem: alone, it does
not satisfy the check.

A hedged apology that shifts the blame ("sorry you feel that way", "we apologise if you
were upset", "sorry for any inconvenience") is not an acknowledgement (the labelling
guide's ``care.non-apology``): it does not satisfy the check. A thread continuation
("2/2", "(3/3)") is not asked to acknowledge again, and a reply that is not in English is
not judged (the kinds above are English; see docs/persona.md). The persona's
``contexts.NAME.empathy`` phrases count as well (matched on lemmas).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

from ..incident import answers_with_care
from ..kinds import metric
from ..kinds.base import Scope
from ..metrics import sentiment
from .style import PersonaCheck

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext
    from ..result import Finding

_BAD = (r"(?:sad|saddened|saddening|sorry|unhappy|upset|disappointed|disappointing|"
        r"concerned|concerning|troubled|troubling|bummed|heartbroken|heart ?breaking|"
        r"unfortunate|terrible|awful|not good|not great|frustrating|alarming|"
        r"distressing|upsetting|worrying|shocked|surprised)")
#: Kinds of acknowledgement, as regular expressions (RE2, matched ignoring case).
ACKNOWLEDGEMENTS: dict[str, str] = {
    "an apology": r"\b(?:sorry|apologi[sz]e[sd]?|apologi[sz]ing|apolog(?:y|ies)|regret|"
                  r"regrettable|my bad|pardon)\b",
    "sorry to hear": r"\b(?:(?:hate|hated|hating|(?:(?:do|did)\s*(?:n't|n’t|not)|never)\s+"
                     r"like)|"
                     + _BAD + r")\s+(?:\w+\s+)?to\s+(?:hear|see|read|learn|know)\b",
    "concern": r"\b(?:oh,?\s+(?:no|dear|man|my)|uh[ -]oh|ouch|yikes|"
               r"whoa|oops|eek|ugh|bummer|dang|goodness|"
               # for the person's wellbeing: "we hope everyone is OK", "are you safe?"
               r"hope\s+(?:you|everyone|everybody|all|they|she|he|your\s+\w+)"
               r"(?:'re|’re|\s+are|\s+is|\s+were|\s+was)?\s+(?:(?:all\s+)?(?:ok|okay|alright|"
               r"all\s+right|safe|well|unhurt|feeling\s+better))|"
               r"(?:are|is)\s+(?:you|everyone|everybody)\s+(?:ok|okay|alright|all\s+right|safe))\b",
    "something is wrong": r"\b(?:(?:does|did|do)\s*(?:n't|n’t|not)\s+(?:sound|seem|look)\s+"
                          r"(?:right|good|great|ideal|okay|ok|fun|like)|"
                          r"should\s*(?:n't|n’t|not)\s+(?:be|happen|have|take)|"
                          r"(?:is|was|'s|’s)\s+not\s+(?:right|okay|ok|ideal|acceptable|good|"
                          r"what we|how we|the)|"
                          r"(?:isn't|isn’t|wasn't|wasn’t|aren't|aren’t|weren't|weren’t)\s+"
                          r"(?:right|okay|ok|ideal|acceptable|good\s+enough|on)|"
                          r"not\s+good\s+enough|"
                          r"not\s+(?:the\s+)?(?:experience|service|standard|level)|"
                          r"not\s+what\s+(?:we|you)|not\s+how\s+(?:it|this|things)\s+should|"
                          r"(?:very|so|really|incredibly|quite|most)\s+(?:strange|odd|"
                          r"weird|unusual|concerning|frustrating|annoying|disappointing)|"
                          r"concerning|alarming|troubling|unacceptable|disappointing|"
                          r"distressing|upsetting|worrying|disheartening|saddening|"
                          r"heart-?breaking|"
                          r"frustrating|annoying|inconvenient|unfortunate|"
                          r"not cool|no good|not on my watch|should be better)\b",
    "understanding": r"\b(?:(?:i|we)\s+(?:\w+\s+)?(?:understand|hear\s+you|hear\s+the|"
                     r"can\s+imagine|can\s+see\s+(?:why|how|that|you(?:'re|’re|\s+are|'ve|’ve|"
                     r"\s+have))|know\s+how|get\s+it|"
                     r"feel\s+(?:your|the|you)|empathi[sz]e|sympathi[sz]e)|"
                     r"(?:totally|completely|absolutely)\s+(?:understand|get\s+it)|"
                     r"understandabl[ey]|(?:hear|feel)\s+your\s+(?:\w+\s+)?(?:frustration|"
                     r"disappointment|pain|concerns?|annoyance|anger|upset|worry|worries|"
                     r"stress|feelings?)|hear\s+you\s+loud|(?:definitely|totally|absolutely|really|"
                     r"truly|completely|fully)\s+(?:hear|feel)\s+you|"
                     r"(?:must|can|would)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:frustrating|"
                     r"annoying|difficult|hard|stressful|inconvenient|upsetting|"
                     r"disappointing|worrying)|that\s+must\s+be|"
                     r"(?:appear|seem|sound)s?\s+(?:to\s+be\s+)?(?:frustrated|upset|"
                     r"disappointed|annoyed|unhappy)|"
                     r"(?:your|the)\s+(?:frustration|disappointment)|"
                     r"feel(?:ing)?\s+this\s+way)\b",
    "ownership": r"\b(?:let\s+you\s+down|dropped\s+the\s+ball|make\s+(?:this|it|things)\s+right|"
                 r"(?:that|this)(?:'s|’s|\s+is)\s+on\s+us|our\s+mistake|our\s+fault|"
                 r"(?:we|i)\s+want\s+(?:you|this|it|things)\s+to|(?:as\s+)?a\s+gesture|"
                 r"for\s+the\s+(?:inconvenience|trouble|hassle|delay|wait))\b",
}
#: Apologies that shift the blame or minimise: they acknowledge nothing.
NON_APOLOGIES = (
    r"\b(?:sorry|apologi[sz]e[sd]?|apologi[sz]ing|apolog(?:y|ies)|regret)\s+"
    r"(?:(?:so|very|truly|really|deeply|sincerely)\s+)?"
    r"(?:(?:that\s+)?you\s+(?:feel|felt|think|thought|believe|perceive|see\s+it|found)|"
    r"(?:that\s+)?you(?:'re|’re|\s+are|\s+were|\s+aren't|\s+aren’t|\s+weren't|"
    r"\s+weren’t)\s+(?:not\s+)?(?:upset|unhappy|happy|disappointed|dissatisfied|"
    r"frustrated|satisfied)|if\s+(?:you|this|that|we|it|there|the|your|our|any|some)|for\s+any\b|"
    r"for\s+your\s+(?:frustration|disappointment|feelings?)|to\s+disappoint)"
)
#: What the finding suggests writing instead (a few; docs/persona.md lists every kind).
EXAMPLES = ["sorry to hear that", "I understand how frustrating this is",
            "that's not the experience we want for you"]
#: The finding's message when the complaint was read from the customer's message: it says
#: which words made it one ({why}: the first signs, or that the message is negative).
READ_MESSAGE = ("The customer complained ({why}) and this reply does not acknowledge it: "
                "say sorry, or show you understand.")


class Acknowledgements:
    """Finds the brand's own acknowledgements in a draft (the kinds of
    :data:`ACKNOWLEDGEMENTS`, hedged apologies left out, plus ``extra`` phrases): the
    empathy check asks for one, the tone check leaves them out of the sentiment, and the
    checks of a reply against the customer's message (stock reply, a rule as the whole
    answer) ask whether there is one, with the persona's own phrases of every context."""

    def __init__(self, compiler: "Compiler", extra: list[str] | None = None):
        self.kinds = {kind: compiler.pattern(rx, ignore_case=True)
                      for kind, rx in ACKNOWLEDGEMENTS.items()}
        self.hedged = compiler.pattern(NON_APOLOGIES, ignore_case=True)
        self.extra = compiler.phrases("lemma", extra) if extra else None

    def find(self, ctx: "DraftContext") -> list[tuple[str, int, int]]:
        """(kind, start, end) of each acknowledgement in the draft, in text order."""
        found = [(kind, s, e) for kind, key in self.kinds.items()
                 for s, e in ctx.outside(ctx.matches.get(key, []), self.hedged)]
        if self.extra:
            found += [("the persona's own phrases", s, e) for s, e in ctx.spans(self.extra)]
        return sorted(found, key=lambda f: f[1])


class Empathy(PersonaCheck):
    """A reply in ``context`` with no acknowledgement of the problem or the feeling."""

    always = True

    def __init__(self, context: str, extra: list[str], compiler: "Compiler", **common):
        super().__init__("persona.context.empathy", **common)
        self.context = context
        self.scope = Scope(contexts=[context])
        self.acknowledgements = Acknowledgements(compiler, extra)

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        # a thread continuation ("2/2") goes on from a part that already answered; the
        # kinds of acknowledgement are English, so a reply in another language is not judged
        if ctx.social.continuation or not ctx.english or self.acknowledgements.find(ctx):
            return
        # to a report of a serious incident, care or urgent action ("leave the building and
        # call the gas emergency line now", "I've escalated this to our safety team") is
        # the acknowledgement; the sensitive-incident check holds the reply to that
        if ctx.incident is not None and answers_with_care(ctx.text):
            return
        finding = self.finding(ctx, *ctx.whole, suggestions=EXAMPLES)
        # a complaint read from the customer's message as a problem reported as a matter
        # of fact ("my home button doesn't work"), with no sign of distress, is answered
        # well enough by getting on with it: acknowledging it is a suggestion there. One
        # given as a complaint, or a distressed customer, always asks for empathy.
        read = ctx.draft.inferred
        if read is not None and read.context == "complaint" and not read.distressed \
                and finding.severity != "suggestion":
            finding = replace(finding, severity="suggestion")
        if read is not None and read.context == "complaint" == self.context:
            # say why the reply is held to a complaint's standard: the customer's words
            words = list(dict.fromkeys(word.lower() for word in read.words))[:2]
            why = ", ".join(f"'{word}'" for word in words) or "their message reads as negative"
            finding = replace(finding, message=READ_MESSAGE.replace("{why}", why))
        yield finding


class OwnSentiment(metric.Check):
    """``persona.tone.sentiment`` without the brand's own acknowledgements: a sentence that
    apologises or shows understanding ("We're so sorry, that's really frustrating") reads
    as negative to VADER, yet it is what the empathy check asks for. The sentiment is
    measured on the reply's prose with those sentences left out (the ones that read as
    negative); a reply that is nothing but acknowledgement is not measured."""

    def __init__(self, rule: "metric.Rule", compiler: "Compiler", **common):
        super().__init__(rule, compiler, **common)
        self.acknowledgements = Acknowledgements(compiler)

    def value(self, ctx: "DraftContext") -> float | None:
        if not ctx.english:
            return None
        found = self.acknowledgements.find(ctx)
        if not found:
            return ctx.measure(self.metric)
        prose = ctx.social.prose
        kept = list(prose)
        left_out = False
        for start, end in ctx.sentences:
            # only an acknowledgement that reads as negative ("so sorry, how frustrating")
            # is left out; "we want to make this right" counts for the brand as it is
            if (any(start < e and s < end for _, s, e in found)
                    and sentiment(prose[start:end]) < 0):
                kept[start:end] = " " * (end - start)
                left_out = True
        if not left_out:
            return ctx.measure(self.metric)
        rest = "".join(kept)
        return sentiment(rest) if any(ch.isalpha() for ch in rest) else None
