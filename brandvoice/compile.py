"""Compile loaded rules into checks that share one pipeline and one phrase pass.

Every phrase of every rule goes into one ``PhraseMatcher`` per match mode
(``exact``, ``lower``, ``lemma``), so finding the phrases of a thousand rules in a
draft costs about as much as finding those of one. A rule gets back a *key*; after
the pass, the matches of each key are handed to the checks that registered it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

ATTRS = {"exact": "ORTH", "lower": "LOWER", "lemma": "LEMMA"}

Span = tuple[int, int]  # character offsets in the draft


class Compiler:
    """Collects the phrases of all rules, then builds the matchers once."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self._pending: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        self._count = 0
        self.matchers: dict[str, PhraseMatcher | Matcher] = {}
        self._keys: dict[int, str] = {}
        self._sequences: list[tuple[str, list[list[dict]]]] = []

    def _key(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}{self._count}"

    def phrases(self, mode: str, phrases: Iterable[str]) -> str:
        """Register ``phrases`` to be matched in ``mode``; return the key of their matches."""
        key = self._key("p")
        self._pending[mode].append((key, [p for p in phrases if p.strip()]))
        return key

    def sequence(self, patterns: list[list[dict]]) -> str:
        """Register spaCy Matcher token patterns; return the key of their matches."""
        key = self._key("s")
        self._sequences.append((key, patterns))
        return key

    def finish(self) -> "PhraseIndex":
        for mode, entries in self._pending.items():
            matcher = PhraseMatcher(self.nlp.vocab, attr=ATTRS[mode])
            texts = [phrase for _, phrases in entries for phrase in phrases]
            if mode == "lemma":
                docs = iter(self.nlp.pipe(texts))
            else:
                docs = (self.nlp.make_doc(text) for text in texts)
            for key, phrases in entries:
                patterns = [next(docs) for _ in phrases]
                matcher.add(key, patterns)
                self._keys[self.nlp.vocab.strings[key]] = key
            self.matchers[mode] = matcher
        self._pending.clear()
        if self._sequences:
            matcher = Matcher(self.nlp.vocab)
            for key, patterns in self._sequences:
                matcher.add(key, patterns)
                self._keys[self.nlp.vocab.strings[key]] = key
            self.matchers["sequence"] = matcher
            self._sequences.clear()
        return PhraseIndex(self.matchers, self._keys)


class PhraseIndex:
    """Finds every registered phrase (and token sequence) in a parsed draft in one pass
    per match mode."""

    def __init__(self, matchers: dict[str, PhraseMatcher | Matcher], keys: dict[int, str]):
        self.matchers = list(matchers.values())
        self.keys = keys

    def find(self, doc: Doc) -> dict[str, list[Span]]:
        found: dict[str, list[Span]] = defaultdict(list)
        for matcher in self.matchers:
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found[self.keys[match_id]].append((span.start_char, span.end_char))
        return found
