"""Persona checks that no rule kind covers: emoji, shouting, contractions, sentence length."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..kinds.base import Check, Scope, matched_entries
from ..registry import CATEGORY
from ..result import Finding, Fix
from ..text import find_emoji, match_case, overlaps
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


class Emoji(PersonaCheck):
    """At most ``max_emoji``; a ZWJ sequence, a flag or a skin-tone variant is one emoji."""

    always = True

    def __init__(self, maximum: int, **common):
        super().__init__("persona.style.emoji", **common)
        self.maximum = maximum

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        found = find_emoji(ctx.text)
        if len(found) > self.maximum:
            extra = found[self.maximum]
            message = (self.message.replace("{count}", str(len(found)))
                       .replace("{max}", str(self.maximum)))
            yield self.finding(ctx, extra["match_start"], extra["match_end"], message=message)


# Words of 3+ letters in capitals (digits allowed inside, but a word with a digit is a code).
CAPS_WORD = re.compile(r"(?<![\w@#/.])[A-Z][A-Z'’-]{2,}(?![\w])")


class Shouting(PersonaCheck):
    """ALL-CAPS words of three letters or more, except ``allow_caps``, URLs, handles, codes."""

    always = True

    def __init__(self, allow: list[str], **common):
        super().__init__("persona.style.shouting", **common)
        self.allow = {word.upper() for word in allow}

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        protected = [(s, e) for s, e, _ in ctx.protected]
        for found in CAPS_WORD.finditer(ctx.text):
            word = found.group().rstrip("'’-")
            letters = word.replace("'", "").replace("’", "").replace("-", "")
            if len(letters) < 3 or word in self.allow or letters in self.allow:
                continue
            start, end = found.start(), found.start() + len(word)
            if overlaps(start, end, protected):
                continue
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
            words = ctx.words.count(sent.start, sent.end)
            if words > self.maximum:
                start, end = sent.start_char, sent.end_char
                stripped = ctx.text[start:end].rstrip()
                message = (self.message.replace("{count}", str(words))
                           .replace("{max}", str(self.maximum)))
                yield self.finding(ctx, start, start + len(stripped), message=message)
