"""Persona checks that no rule kind covers: emoji, shouting, contractions, sentence length.

Each asks the draft's social-media reading (``ctx.social``, :mod:`brandvoice.social`)
what is prose: handles, links, hashtags, the sign-off and quoted text are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..kinds.base import Check, Scope, matched_entries
from ..registry import CATEGORY
from ..result import Finding, Fix
from ..social import read_social
from ..text import find_emoji, match_case
from .lexicon import AMBIGUOUS, CONTRACTIONS

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext


class PersonaCheck(Check):
    """A check built from the persona rather than from a rule in a rulebook."""

    def __init__(self, id: str, *, severity: str, message: str, owner: str | None = None):
        self.rule = None
        self.id = id
        self.severity = severity
        self.owner = owner
        self.scope = Scope()
        self.link = None
        self.message = message
        self.category = CATEGORY.get(id)


class MessageCheck(PersonaCheck):
    """A reply judged against what the customer's message (``in_reply_to``) shows: ``read``
    finds it in the message as (what, the words), ``answers`` says whether the reply deals
    with it; the finding covers the whole reply, its message naming ``{what}`` and
    ``{match}``. A thread continuation ("2/2") goes on from a part that may already have
    dealt with it, so it is not asked again, unless :attr:`continuations` says so."""

    always = True
    #: Whether a thread continuation is checked too.
    continuations = False

    def read(self, message: str) -> tuple[str, str] | None:
        raise NotImplementedError

    def answers(self, ctx: "DraftContext") -> bool:
        raise NotImplementedError

    def read_draft(self, ctx: "DraftContext") -> tuple[str, str] | None:
        """What :meth:`read` finds in the draft's ``in_reply_to``; a check that also uses
        how the message was read (``ctx.draft.inferred``) overrides this."""
        return self.read(ctx.draft.in_reply_to or "")

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        message = ctx.draft.in_reply_to
        if not message or (ctx.social.continuation and not self.continuations):
            return
        found = self.read_draft(ctx)
        if found is None or self.answers(ctx):
            return
        what, words = found
        yield self.finding(ctx, *ctx.whole, message=self.message.replace("{what}", what)
                           .replace("{match}", words))


class SpanCheck(PersonaCheck):
    """Words of an English reply judged against the customer's message (``in_reply_to``):
    :meth:`find` reads the message's prose and the reply's and returns (the customer's
    words, the span of the reply's prose), or None; the finding covers that span, its
    message naming the words as ``{match}``. A thread continuation is not checked."""

    always = True

    def find(self, ctx: "DraftContext", message: str) -> tuple[str, tuple[int, int]] | None:
        raise NotImplementedError

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        message = ctx.draft.in_reply_to
        if not message or ctx.social.continuation or not ctx.english:
            return
        found = self.find(ctx, read_social(message).prose)
        if found is None:
            return
        words, (start, end) = found
        yield self.finding(ctx, start, end, message=self.message.replace("{match}", words))


class Emoji(PersonaCheck):
    """At most ``max_emoji``; a ZWJ sequence, a flag or a skin-tone variant is one emoji."""

    always = True

    def __init__(self, maximum: int, **common):
        super().__init__("persona.style.emoji", **common)
        self.maximum = maximum

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        # Emoji in quoted text or in the sign-off are not the brand's.
        found = [e for e in find_emoji(ctx.text)
                 if not ctx.social.covers(e["match_start"], e["match_end"], NOT_COUNTED)]
        if len(found) > self.maximum:
            extra = found[self.maximum]
            message = (self.message.replace("{count}", str(len(found)))
                       .replace("{max}", str(self.maximum)))
            yield self.finding(ctx, extra["match_start"], extra["match_end"], message=message)


#: Parts of a reply whose exclamation marks and emoji are not the brand's own to count
#: (brandvoice.social kinds): quoted text, the sign-off, links, handles.
NOT_COUNTED = frozenset({"quote", "signoff", "url", "domain", "email", "handle"})

class Shouting(PersonaCheck):
    """Text in capitals, as :meth:`brandvoice.social.Social.shouted` reads it: a word of
    five capital letters or more, or three words in capitals or more in a row, reported
    once per passage (a shouted sentence is one finding). Acronyms (words of two to four
    capitals: ASAP, USPS), codes with digits (UA123, ABC123, iOS 11), the persona's
    ``allow_caps``, and what the reply holds besides prose (handles, hashtags, links, the
    sign-off, quoted text) are not shouting."""

    always = True

    def __init__(self, allow: list[str], **common):
        super().__init__("persona.style.shouting", **common)
        self.allow = frozenset(word.upper() for word in allow)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        for start, end in ctx.social.shouted(self.allow):
            yield self.finding(ctx, start, end)


def _apostrophe_style(text: str) -> str:
    return "’" if "’" in text and "'" not in text else "'"


class Contractions(PersonaCheck):
    """``prefer``: "do not" -> "don't"; ``avoid``: "don't" -> "do not". Curly apostrophes
    count like straight ones.

    Each pair of :data:`CONTRACTIONS` is registered under a key of its own and a match is
    mapped back to its pair by that key, never by the text found: spaCy splits "cannot"
    into "can" + "not" and "won't" into "wo" + "n't", so "can not", "Can Not" and
    "wo n't" are matches too (of "cannot" and "won't"), and the compiler adds the other
    apostrophe and casings ("won’t", "WON'T")."""

    def __init__(self, mode: str, compiler: "Compiler", **common):
        super().__init__("persona.style.contractions", **common)
        self.mode = mode
        #: key -> (the form flagged, the form suggested, whether the fix is safe)
        self.entries: dict[str, tuple[str, str, bool]] = {}
        for long, short in CONTRACTIONS.items():
            if mode == "prefer":
                entry = (long, short, True)
            else:
                entry = (short, long, short not in AMBIGUOUS)
            self.entries[compiler.phrases("lower", [entry[0]])] = entry
        self.keys = tuple(self.entries)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        if not ctx.english:  # a contraction preference is a rule of English
            return
        doc = ctx.doc
        for start, end, (_, suggested, safe) in matched_entries(
                ctx, self.entries, spelled=lambda entry: entry[0]):
            found = ctx.text[start:end]
            if self.mode == "prefer":
                token_after = _token_after(doc, start, end)
                if token_after is None or not token_after.is_alpha:
                    continue  # "Yes, we are." cannot become "Yes, we're."
                suggested = suggested.replace("'", _apostrophe_style(ctx.text))
            replacement = match_case(found, suggested)
            message = self.message.replace("{suggestion}", replacement)
            yield self.finding(ctx, start, end, message=message, suggestions=[replacement],
                               fix=Fix(start, end, replacement) if safe else None)


def _token_after(doc, start: int, end: int):
    """The first token after the characters ``start``..``end`` that is not white space."""
    span = doc.char_span(start, end, alignment_mode="expand")
    index = span.end if span is not None else len(doc)
    while index < len(doc) and doc[index].is_space:
        index += 1
    return doc[index] if index < len(doc) else None


class SentenceLength(PersonaCheck):
    """A sentence longer than ``max_sentence_words``; the finding covers that sentence."""

    always = True

    def __init__(self, maximum: int, **common):
        super().__init__("persona.readability.sentence-length", **common)
        self.maximum = maximum

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        for sent in ctx.doc.sents:
            # Handles, links, the sign-off and thread markers are no words of a sentence.
            words = ctx.words.count(sent.start, sent.end)
            if words > self.maximum:
                start, end = ctx.social.trim(sent.start_char, sent.end_char)
                message = (self.message.replace("{count}", str(words))
                           .replace("{max}", str(self.maximum)))
                yield self.finding(ctx, start, end, message=message)
