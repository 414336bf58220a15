"""``persona.context.judges-people``: a reply that judges an employee or another person
in public: "That'll have been Liam, he's been warned before about his attitude", "Chloe
has a bit of a reputation for it", "Priya was clearly having an off day", "Our engineer
Gary is notoriously slow", "our new pharmacist is still learning the ropes, bless her",
"sounds like they're not the tidiest neighbours".

The labelling guide counts "naming, blaming or judging an individual employee or another
customer in public" as ``hr.conduct``, a reason to stop a reply: whatever the customer
said, a public reply does not pass judgement on a person. The pack rules name the common
phrasings; this check reads the shape they share, one sentence at a time:

- a **judgement** of a person (:data:`JUDGED`): a reputation, a warning, complaints about
  them, an off day, still learning the ropes, not handling it well, lazy or useless, "not
  the most considerate traveller", their private life ("calling in sick", "a rough time
  at home");
- said of a **third person**: the last person named in the clause before it
  (:data:`REFERENT`) is "he", "she", "they", a name ("Chloe", "Derek") or a person's role
  ("the driver", "the gentleman in 14C", "the neighbours"), not "you", "we", "I" or "it"
  ("sorry you're having a rough day" is sympathy); "bless her", "not his finest moment"
  and "her attitude" name their person themselves.

A question is not judged, nor is a thread continuation. Documented in
docs/conversation.md#judging-people-in-public.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .persona.style import SpanCheck
from .text import sentences

if TYPE_CHECKING:
    from .lint import DraftContext

JUDGES_ID = "persona.context.judges-people"

_DEGREE = r"(?:a\s+bit\s+|so\s+|very\s+|really\s+|quite\s+|clearly\s+|just\s+|frankly\s+|" \
          r"pretty\s+|a\s+little\s+|honestly\s+|totally\s+)?"
#: People a clause may be about: roles of staff and other customers.
_PEOPLE = (r"driver|engineer|waiter|waitress|server|manager|pharmacist|agent|advis[eo]r|"
           r"guard|conductor|receptionist|technician|tech|rep|cashier|colleague|attendant|"
           r"courier|rider|barista|chef|cleaner|nurse|handler|supervisor|trainee|instructor|"
           r"officer|porter|steward|stewardess|gentleman|gentlemen|lady|ladies|man|men|woman|"
           r"women|guy|girl|lad|bloke|chap|passenger|customer|travell?er|guest|neighbou?r|"
           r"member\s+of\s+staff|staff\s+member|team\s+member|employee|worker|person|fella|"
           r"group|family|couple|crowd|gent|kids|teenagers|teens|party|picker|packer|staff|"
           r"students")
#: A judgement of a person.
JUDGED = re.compile(
    r"\b(?:(?:has|had|have|got)\s+(?:got\s+)?(?:a\s+(?:bit\s+of\s+a\s+|real\s+)?|quite\s+a\s+)"
    r"reputation|(?:'s|’s)\s+(?:got\s+)?(?:a\s+(?:bit\s+of\s+a\s+|real\s+)?|quite\s+a\s+)"
    r"reputation|notorious(?:ly)?|"
    r"(?:been|was|were|got|being)\s+(?:\w+\s+)?warned|"
    r"(?:been|was|were)\s+spoken\s+to\s+(?:before|already|about)|"
    # what was done to an employee, told in public ("he's been spoken to", "she's been let go")
    r"(?:has|have|'s|’s)\s+(?:now\s+|since\s+|already\s+)?been\s+(?:spoken\s+to|disciplined|"
    r"reprimanded|suspended|let\s+go|sacked|fired|written\s+up|dealt\s+with)|"
    r"(?:needs?|could\s+do\s+with|could\s+use)\s+(?:a\s+)?(?:\w+\s+)?lessons?\s+in\s+"
    r"(?:manners|courtesy|hygiene|etiquette|driving|customer\s+service)|"
    # a remark on how well someone speaks or copes ("their English isn't the best")
    r"(?:his|her|their)\s+(?:English|accent|(?:\w+\s+(?:and\s+\w+\s+)?)?skills)\s+"
    r"(?:is|are|isn't|isn’t|aren't|aren’t|was|wasn't|wasn’t|weren't|weren’t)\s+(?:not\s+)?"
    r"(?:exactly\s+)?(?:the\s+best|great|good|up\s+to\s+scratch|poor|bad|terrible|limited)|"
    r"(?:had|has|'s|’s|gets?|got)\s+(?:had\s+)?(?:more|a\s+lot\s+of|plenty\s+of|lots\s+of|"
    r"so\s+many|loads\s+of)\s+complaints|"
    r"not\s+(?:his|her|their)\s+(?:finest|best|proudest|greatest)\s+(?:moment|hour|day|work)|"
    r"(?:having|had|has|have)\s+(?:(?:a|an)\s+)?(?:off|bad|rough|tough|hard)\s+"
    r"(?:day|week|time|patch|few\s+(?:days|weeks))|"
    r"(?:still\s+)?learning\s+the\s+ropes|bless\s+(?:him|her|them|'em|’em)|"
    r"(?:'s|’s|\s+is|\s+was)\s+still\s+learning\b|"
    r"(?:is|was|are|were|'s|’s)\s+(?:a\s+|an\s+)?(?:total|complete|real|right|absolute)\s+(?:troll|"
    r"idiot|nightmare|pain|clown|moron|creep|menace|liability)|"
    # a group of staff put down by what they are ("riders are students who don't always
    # read the notes")
    r"(?:are|is)\s+(?:students|kids|teenagers|youngsters|foreigners|new\s+to\s+the\s+country)\s+"
    r"(?:who|that|so)\b|"
    r"(?:didn't|didn’t|did\s+not|doesn't|doesn’t|does\s+not|never)\s+handled?\s+"
    r"(?:it|this|that|things|the\s+\w+)\s+(?:very\s+)?(?:well|great|properly)|"
    r"(?:his|her|their)\s+attitude|"
    r"(?:is|was|are|were|'s|’s|'re|’re|can\s+be)\s+" + _DEGREE +
    r"(?:lazy|useless|incompetent|clueless|hopeless|grumpy|a\s+nightmare|a\s+liability|"
    r"a\s+menace|an\s+idiot|a\s+joke|past\s+it|not\s+the\s+(?:brightest|sharpest))|"
    r"(?:is|was|are|were|'s|’s|'re|’re|isn't|isn’t|wasn't|wasn’t|aren't|aren’t|weren't|"
    r"weren’t)\s+(?:not\s+)?(?:exactly\s+)?the\s+(?:most\s+[a-z]+|brightest|sharpest|"
    r"tidiest|friendliest|quickest|cleanest|politest|nicest|best|sharpest)\s+(?:[a-z]+\s+)?"
    r"(?:" + _PEOPLE + r")s?|"
    r"keeps?\s+calling\s+in|calling\s+in\s+sick|(?:rough|tough|hard)\s+time\s+at\s+home|"
    r"going\s+through\s+a\s+(?:divorce|break-?up|lot\s+at\s+home)|"
    r"(?:should|ought\s+to)\s+(?:have\s+)?know(?:n)?\s+better|"
    r"(?:be\s+having|had|have)\s+(?:a\s+few\s+|some\s+)?(?:stern\s+)?words\s+with\s+"
    r"(?:him|her|them)|we(?:'ll|’ll|\s+will)\s+be\s+having\s+(?:a\s+few\s+|some\s+)?words)\b",
    re.IGNORECASE)
#: Judgements that name their person themselves ("bless her", "her attitude").
_OWN_PERSON = re.compile(r"\b(?:him|her|them|'em|’em|his|their)\b", re.IGNORECASE)
#: Who a clause is about: a third person (group "third": a pronoun, a name, a role) or
#: the customer, the brand or a thing ("you", "we", "I", "it").
REFERENT = re.compile(
    r"(?P<third>\b(?:he|she|they|he's|she's|they're|he’s|she’s|they’re)\b|"
    r"\b(?:" + _PEOPLE + r")s?\b|"
    r"(?-i:\b[A-Z][a-z]{2,}\b))|"
    r"(?P<other>\b(?:you|we|i|it|you're|we're|i'm|it's|you’re|we’re|i’m|it’s|this|that)\b)",
    re.IGNORECASE)
#: Capitalised words that open a sentence or a phrase and are no one's name.
_NOT_NAMES = frozenset("""
the that this these those there then our your their his her its my we you they he she it
sorry thanks thank hi hey hello sounds looks seems hope please unfortunately sadly honestly
between what which who when where why how and but so also just yes no oh ah well again
good great glad dear apologies afraid frankly clearly
""".split())
#: Where a clause starts: what comes before it is about someone else.
_CLAUSE = re.compile(r"[,;:(]|\s[-–—]\s|\s[–—]|[–—]\s")


def _about_a_third_person(before: str) -> bool:
    """Whether the clause ``before`` a judgement last names a third person."""
    starts = [m.end() for m in _CLAUSE.finditer(before)]
    clause = before[starts[-1]:] if starts else before
    last = None
    for found in REFERENT.finditer(clause):
        if found["third"] and found["third"][0].isupper() and \
                found["third"].lower() in _NOT_NAMES:
            continue
        last = found
    return last is not None and last["third"] is not None


def judges(reply: str) -> tuple[str, tuple[int, int]] | None:
    """The words and the span of the first sentence of ``reply`` (prose, offsets kept)
    that judges a third person; or None."""
    for offset, sentence in sentences(reply):
        if sentence.rstrip().endswith("?"):
            continue
        for found in JUDGED.finditer(sentence):
            if _OWN_PERSON.search(found[0]) or _about_a_third_person(
                    sentence[:found.start()]):
                start = len(sentence) - len(sentence.lstrip())
                return found[0], (offset + start, offset + len(sentence.rstrip()))
    return None


class JudgesPeople(SpanCheck):
    """A reply that judges an employee or another person in public."""

    def __init__(self, **common):
        super().__init__(JUDGES_ID, **common)

    def find(self, ctx: "DraftContext", message: str) -> tuple[str, tuple[int, int]] | None:
        return judges(ctx.social.prose)
