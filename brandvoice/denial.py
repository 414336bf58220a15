"""``persona.context.denies``: a reply to a complaint that flatly says what the customer
reported is not so ("Our drivers don't throw parcels" to "your driver threw my parcel over
the gate", "The app isn't down every Friday" to "why is your app down every payday?",
"Bans aren't issued for no reason" to "got banned for no reason").

The labelling guide counts a defensive or argumentative reply as ``care.dismissive``: even
when the brand is right, a flat denial tells the customer they are wrong before it shows
that they were heard. The reading is of words, in three steps:

- the customer's message reads as a complaint (:func:`brandvoice.conversation.
  complaint_words`), and what it says happened are its words outside a negation's clause
  and outside quotation marks (:func:`said`: "threw", "parcel", "gate"; not "got" in "never
  got my gems", not "pre-existing" in "you said 'pre-existing damage'");
- a statement of the reply is negated by a form of do, be or have with "not" or "n't", or
  by "never" (:data:`NEGATED`): "don't", "isn't", "weren't", "hasn't", "it's not", "we
  never"; a modal's negation ("can't", "won't", "shouldn't") is a limit or a promise, not
  a denial, and so is a negation after "if", "when" or "unless", or one that opens an
  instruction ("Don't worry");
- a word of the negated clause, its subject or what it says (:data:`WINDOW` words after
  the negation), is a word the customer said happened, by its lemma: "throw" for "threw",
  "ban" for "banned" (lemminflect, :mod:`brandvoice.wordforms`); words any message has
  (:data:`COMMON`: "order", "time", "work", "issue"...) do not count.

A sentence that asks, or that acknowledges (an apology, "sorry your bag hasn't arrived",
"glad you weren't hurt", "I understand") says the problem back, not that it is not so. A
thread continuation is not checked. Documented in docs/conversation.md#denying-the-complaint.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .conversation import complaint_words
from .persona.style import SpanCheck
from .text import sentences
from .wordforms import lemmas

if TYPE_CHECKING:
    from .lint import DraftContext

DENIES_ID = "persona.context.denies"

#: A statement negated by do, be or have, or by "never"; a modal's ("can't", "won't") is not.
NEGATED = re.compile(
    r"(?<![\w'’])(?:(?:do|does|did|is|are|was|were|has|have|had)(?:n['’]t|\s+not)|"
    r"(?<=\w)['’](?:s|re)\s+not|never)\b", re.IGNORECASE)
#: A modal just before "never" ("will never", "can never"): a promise or a limit.
_MODAL_BEFORE = re.compile(r"\b(?:can|could|will|shall|should|may|might|must|need|ll|to)\s*$",
                           re.IGNORECASE)
#: What a negated verb may be about that is no denial of what happened: a wish, a
#: thought, a need, how something seems, "don't hesitate", "don't worry".
NOT_DENIAL = re.compile(
    r"\s+(?:(?:really|always|actually|usually|normally|just|ever)\s+)?(?:want|wish|like|know|"
    r"think|mean|expect|believe|understand|blame|need|seem|sound|look|appear|hesitate|"
    r"worry|recall|remember|see|doubt|agree|feel|have\s+to|going\s+to|gonna|able|allowed|"
    r"permitted|possible|available)\b", re.IGNORECASE)
#: Words before a negation that make it the customer's own case said back ("sounds like
#: your agent didn't have a clue", "shame it wasn't there") or a guess, not a denial.
_SAID_BACK_BEFORE = re.compile(r"\b(?:like|sounds?|seems?|looks?|appears?|think|guess|"
                               r"afraid|shame|pity|seeing as|since)\b", re.IGNORECASE)
#: A negation in a condition or a time clause ("if it doesn't arrive", "when the pass
#: isn't active"): a case, not a statement.
_CONDITION = re.compile(r"\b(?:if|when|whenever|unless|once|until|as long as|in case|where)\b"
                        r"[^,;:]*$", re.IGNORECASE)
#: What opens a sentence that is an instruction, or a question of the reply.
_INSTRUCTION = re.compile(r"^\W*(?:don['’]t|do not|never|please|if|when|unless)\b",
                          re.IGNORECASE)
#: An opening that announces what follows ("Please note that", "Just to be clear,"):
#: left out, so that the statement after it is read as one.
_ANNOUNCED = re.compile(r"^\W*(?:please\s+note|note|just\s+to\s+(?:be\s+clear|clarify)|"
                        r"for\s+the\s+record|to\s+be\s+clear|with\s+respect)[,:]?\s+(?:that\s+)?",
                        re.IGNORECASE)
#: Words of sympathy or relief in a sentence: it says the problem back ("sorry your bag
#: hasn't arrived", "glad you weren't hurt"), with the kinds the empathy check counts.
_SAYS_BACK = re.compile(r"\b(?:sorry|apolog\w*|regret\w*|glad|relieved|hope|unfortunately|"
                        r"understand\w*)\b", re.IGNORECASE)
#: Where a clause ends: what follows is no longer what the negation says.
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]|\s[-–—]\s|\b(?:but|and|so|because|although|though|"
                         r"while|when|if|unless|which|who)\b", re.IGNORECASE)
#: How many words after the negation are what it denies.
WINDOW = 6
#: Words any message has, and words that carry no claim of their own: no overlap counts
#: on them.
COMMON = frozenset("""
a an the any some all my your our their his her its this that these those to of for in on at
by with from over around under about into onto through across after before off out up as
be is are was were been being am do does did have has had get got gets getting go goes went
make made take took say said come came keep kept let put give gave
really actually always ever just even quite very so too also still yet only again now then
today tonight here there intentionally deliberately usually normally simply exactly
you we i it they he she us them me him one ones thing things anything something everything
nothing way time times day days week weeks month months hour hours minute minutes
customer customers service help please thanks thank sorry issue issues problem problems
account order orders work works worked working app site website team people someone
able happen happened happens
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: A stretch in quotation marks: words the customer quotes (often the brand's own), not
#: what they say happened.
_QUOTED = re.compile(r"[\"“‘][^\"“”‘’]{1,80}[\"”’]|(?<!\w)'[^']{1,80}'(?!\w)")
#: What negates the rest of a clause of the customer's message.
_THEIR_NEGATION = re.compile(r"\b(?:not|never|no|nothing|none|nobody|cannot|without|"
                             r"\w+n['’]t)\b", re.IGNORECASE)
_THEIR_CLAUSES = re.compile(r"[,;:.!?()]|\b(?:but|and|so|because)\b", re.IGNORECASE)


def _keys(word: str) -> frozenset[str]:
    """``word`` lower-cased with its lemmas of every part of speech ("threw": throw)."""
    lower = word.lower().strip("'’-")
    keys = {lower}
    for forms in lemmas(lower).values():
        keys.update(form.lower() for form in forms)
    return frozenset(keys)


def _claims(word: str) -> bool:
    return len(word) >= 3 and word.lower() not in COMMON


def said(message: str) -> dict[str, str]:
    """What the customer's ``message`` (prose) says happened: each lemma of each word
    outside quotation marks, before any negation of its clause, mapped to the word."""
    found: dict[str, str] = {}
    unquoted = _QUOTED.sub(lambda m: " " * len(m[0]), message)
    start = 0
    for end in [m.start() for m in _THEIR_CLAUSES.finditer(unquoted)] + [len(unquoted)]:
        clause = unquoted[start:end]
        start = end + 1
        negation = _THEIR_NEGATION.search(clause)
        for word in _WORD.finditer(clause[:negation.start()] if negation else clause):
            if _claims(word[0]):
                for key in _keys(word[0]):
                    found.setdefault(key, word[0])
    return found


def denial(message: str, reply: str) -> tuple[str, tuple[int, int]] | None:
    """The first statement of ``reply`` (prose, offsets kept) that says a thing the
    customer's ``message`` (prose) reported is not so: (the customer's word, the span of
    the reply's negated clause), or None."""
    reported: dict[str, str] | None = None
    for offset, sentence in sentences(reply):
        stripped = sentence.strip()
        if not stripped or stripped.endswith("?") or _SAYS_BACK.search(sentence):
            continue
        announced = _ANNOUNCED.match(sentence)
        start = announced.end() if announced else 0
        if _INSTRUCTION.match(sentence, start):
            continue
        for negation in NEGATED.finditer(sentence, start):
            before = sentence[start:negation.start()]
            if negation[0].lower() == "never" and _MODAL_BEFORE.search(before) \
                    or _CONDITION.search(before) or _SAID_BACK_BEFORE.search(before) \
                    or NOT_DENIAL.match(sentence, negation.end()):
                continue
            end = _CLAUSE_END.search(sentence, negation.end())
            clause_end = end.start() if end else len(sentence)
            after = list(_WORD.finditer(sentence, negation.end(), clause_end))[:WINDOW]
            clause_start = start + max(before.rfind(mark) + 1 for mark in ",;:")
            subject = list(_WORD.finditer(sentence, clause_start, negation.start()))[-3:]
            reported = said(message) if reported is None else reported
            for word in after + subject:
                if not _claims(word[0]):
                    continue
                theirs = next((reported[key] for key in _keys(word[0]) if key in reported),
                              None)
                if theirs is not None:
                    first = subject[0].start() if subject else negation.start()
                    last = after[-1].end() if after else negation.end()
                    return theirs, (offset + first, offset + last)
    return None


class Denies(SpanCheck):
    """A reply that says what the customer's complaint (``in_reply_to``) reported is not
    so."""

    def __init__(self, **common):
        super().__init__(DENIES_ID, **common)

    def find(self, ctx: "DraftContext", message: str) -> tuple[str, tuple[int, int]] | None:
        if complaint_words(ctx.draft.in_reply_to or "", ctx.draft.inferred) is None:
            return None
        return denial(message, ctx.social.prose)
