"""Compile loaded rules into checks that share one pipeline and one pass per draft.

A rule registers what it looks for and gets back a *key*; after the pass, the matches
of each key are handed to the checks that registered it. The pass costs about the
same for ten rules as for ten thousand:

- every phrase of every rule goes into one ``PhraseMatcher`` per match mode
  (``exact``, ``lower``, ``lemma``); in ``lower`` and ``lemma`` a phrase also goes in
  as the other spellings that spaCy splits into other words ("CANNOT" is one word,
  "cannot" two; "don’t" with a curly apostrophe), see :class:`Spellings`;
- every regular expression goes into one RE2 *set*, which says in a single scan of
  the draft which expressions match at all; only those are then run for positions;
- token sequences (spaCy ``Matcher`` patterns) run only on drafts that contain the
  words each pattern cannot match without (its *anchors*: ``LOWER``, ``TEXT`` and
  ``LEMMA`` values of tokens that are not optional), over windows of the draft so that
  a long run of tokens a pattern repeats over (``OP: "+"``) costs linear time; a match
  is at most :data:`SEQUENCE_SPAN` tokens long.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import islice, product
from typing import Any, Iterable

import re2
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from . import cache, regex

ATTRS = {"exact": "ORTH", "lower": "LOWER", "lemma": "LEMMA"}

Span = tuple[int, int]  # character offsets in the draft

#: Token attributes whose literal values can gate a sequence pattern, by spaCy attr id.
_ANCHOR_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA}
_DOC_ATTRS = (ORTH, LOWER, LEMMA)

#: Memory for the RE2 set's automaton (RE2's default of 8 MB can be too small for
#: hundreds of expressions, and a set that runs out of memory reports no match).
SET_MEMORY = 256 << 20

#: The longest token sequence a ``sequence`` rule matches. spaCy's Matcher keeps every
#: partial match alive, so a pattern that starts with ``OP: "+"`` over a run of n tokens
#: costs n * n; run over windows of twice this length, a step of this length apart, the
#: cost is linear in the draft and every match up to this length is found exactly once.
SEQUENCE_SPAN = 128


def _required(token: dict[str, Any]) -> bool:
    """Whether a Matcher token description must match one token (is not optional)."""
    op = str(token.get("OP", token.get("op", "1")))
    if op in ("?", "*", "!"):
        return False
    if op.startswith("{"):  # {n}, {n,m}, {n,}, {,m}
        low = op[1:-1].split(",")[0].strip()
        return low.isdigit() and int(low) > 0
    return True


def anchors(pattern: list[dict[str, Any]], strings: Any) -> list[tuple[int, frozenset[int]]]:
    """What a draft must contain for ``pattern`` to match: for each required token with a
    literal ``LOWER``/``TEXT``/``ORTH``/``LEMMA`` value, (attribute, accepted value hashes)."""
    needed = []
    for token in pattern:
        if not _required(token):
            continue
        for name, value in token.items():
            attr = _ANCHOR_ATTRS.get(name.upper())
            if attr is None:
                continue
            if isinstance(value, str):
                values = [value]
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"} and "IN" in value:
                values = [v for v in value["IN"] if isinstance(v, str)]
                if len(values) != len(value["IN"]):
                    continue
            else:
                continue
            needed.append((attr, frozenset(strings.add(v) for v in values)))
    return needed


APOSTROPHES = ("'", "\u2019")

#: At most this many spellings of one phrase (each word's spellings multiply).
MAX_SPELLINGS = 32


class Spellings:
    """The tokenized forms of a phrase that ``lower`` and ``lemma`` matching must try.

    spaCy's tokenizer has case-sensitive special cases: "cannot" is "can" + "not" but
    "CANNOT" one word, "won't" is "wo" + "n't" but "WON'T" one word; and "n't" and
    "n’t" are different words. So a phrase also goes in as each spelling of its words in
    capitals, with a first capital, in lower case and with the other apostrophe, where
    spaCy reads other words in it (words written in different casings, "We CAN'T do",
    are covered too).

    A match of any of these is a match of the phrase: a check that needs to know which
    phrase matched registers each under its own key (see :meth:`Compiler.phrases`), and
    never looks the matched text up.
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp
        #: the tokenizer's special cases, in lower case
        self.special = frozenset(case.lower() for case in nlp.tokenizer.rules or ())
        #: word -> its spellings that spaCy splits differently, the word itself first
        self._words: dict[str, list[str]] = {}

    def _word(self, word: str) -> list[str]:
        forms = self._words.get(word)
        if forms is None:
            texts = dict.fromkeys((word, word.lower(), word.upper(),
                                   word[:1].upper() + word[1:].lower()))
            if any(a in word for a in APOSTROPHES):
                texts = dict.fromkeys(spelled for text in texts for spelled in (
                    text, text.replace("'", "\u2019"), text.replace("\u2019", "'")))
            seen: dict[tuple[str, ...], str] = {}
            for text in texts:
                seen.setdefault(tuple(t.lower_ for t in self.nlp.make_doc(text)), text)
            forms = self._words[word] = list(seen.values())
        return forms

    def __call__(self, phrase: str) -> list[Doc]:
        first = self.nlp.make_doc(phrase)
        words = phrase.split(" ")
        if len(first) == len(words) and "'" not in phrase and "\u2019" not in phrase and \
                self.special.isdisjoint(word.lower() for word in words):
            return [first]  # one token a word, none special: most phrases
        if phrase != " ".join(phrase.split()) or len(first) < len(words):
            return [first]  # other white space than single spaces: as written
        counts = [0] * len(words)
        index = 0
        for token in first:
            counts[index] += 1
            index += bool(token.whitespace_)
        forms = [self._word(word) if count > 1 or word.lower() in self.special
                 or any(a in word for a in APOSTROPHES) else [word]
                 for word, count in zip(words, counts)]
        if all(len(f) == 1 for f in forms):
            return [first]
        others = islice(product(*forms), 1, MAX_SPELLINGS)
        return [first, *(self.nlp.make_doc(" ".join(spelled)) for spelled in others)]


class Compiler:
    """Collects what all rules look for, then builds the matchers once."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self._pending: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        self._count = 0
        self._sequences: list[tuple[str, list[list[dict]]]] = []
        #: RE2 syntax (with "(?i)" for ignore_case) -> the compiled expression and its keys
        self._regexes: dict[str, tuple[Any, list[str]]] = {}

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

    def pattern(self, pattern: str, ignore_case: bool = False) -> str:
        """Register a regular expression (RE2 syntax); return the key of its matches, the
        non-empty ones, as ``finditer`` finds them."""
        compiled = regex.compile(pattern, ignore_case)  # raises ValueError in plain words
        key = self._key("r")
        self._regexes.setdefault(("(?i)" if ignore_case else "") + pattern,
                                 (compiled, []))[1].append(key)
        return key

    def finish(self, *, prefilter: bool = True) -> "MatchIndex":
        """The index of everything registered. ``prefilter=False`` runs every expression
        and every token pattern on every draft (the reference the filters are tested
        against)."""
        phrase_matchers: list[PhraseMatcher] = []
        names: dict[int, str] = {}
        spellings = Spellings(self.nlp)
        for mode, entries in self._pending.items():
            matcher = PhraseMatcher(self.nlp.vocab, attr=ATTRS[mode])
            if mode == "lemma":  # each spelling through the pipeline (or cache.py), for lemmas
                texts = [[doc.text for phrase in phrases for doc in spellings(phrase)]
                         for _, phrases in entries]
                tagged = iter(cache.lemmatized(self.nlp, [t for group in texts for t in group]))
                forms: Iterable[list[Doc]] = ([next(tagged) for _ in group] for group in texts)
            elif mode == "lower":
                forms = ([doc for phrase in phrases for doc in spellings(phrase)]
                         for _, phrases in entries)
            else:
                forms = ([self.nlp.make_doc(phrase) for phrase in phrases]
                         for _, phrases in entries)
            for (key, _), docs in zip(entries, forms):
                matcher.add(key, docs)
                names[self.nlp.vocab.strings[key]] = key
            phrase_matchers.append(matcher)
        self._pending.clear()
        sequences = SequenceIndex(self.nlp, self._sequences, gated=prefilter)
        self._sequences = []
        patterns = RegexIndex(dict(self._regexes), use_set=prefilter)
        self._regexes.clear()
        return MatchIndex(phrase_matchers, names, sequences, patterns)


class SequenceIndex:
    """The token-sequence rules: one Matcher per rule, run only when the draft holds every
    anchor of one of its patterns."""

    def __init__(self, nlp: Language, sequences: list[tuple[str, list[list[dict]]]],
                 gated: bool = True):
        strings = nlp.vocab.strings
        #: (key, matcher, patterns' anchors or None when some pattern has none)
        self.rules: list[tuple[str, Matcher, list[list[tuple[int, frozenset[int]]]] | None]] = []
        for key, patterns in sequences:
            matcher = Matcher(nlp.vocab)
            matcher.add(key, patterns)
            gates = [anchors(pattern, strings) for pattern in patterns]
            self.rules.append((key, matcher, gates if gated and all(gates) else None))
        self.gated = any(gates is not None for _, _, gates in self.rules)

    def find(self, doc: Doc, found: dict[str, list[Span]]) -> None:
        if not self.rules:
            return
        present: dict[int, set[int]] | None = None
        if self.gated:
            columns = doc.to_array(list(_DOC_ATTRS)).T.tolist() if len(doc) else [[], [], []]
            present = {attr: set(values) for attr, values in zip(_DOC_ATTRS, columns)}
        for key, matcher, gates in self.rules:
            if gates is not None and present is not None and not any(
                    all(not present[attr].isdisjoint(values) for attr, values in gate)
                    for gate in gates):
                continue
            spans = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
                     for start, end in _windowed(matcher, doc)]
            if spans:
                found[key].extend(spans)


def _windowed(matcher: Matcher, doc: Doc) -> list[tuple[int, int]]:
    """The token spans ``matcher`` finds in ``doc``, at most SEQUENCE_SPAN tokens long,
    in order. A short draft is one window."""
    if len(doc) <= 2 * SEQUENCE_SPAN:
        return [(start, end) for _, start, end in matcher(doc) if end - start <= SEQUENCE_SPAN]
    seen: dict[tuple[int, int], None] = {}
    for offset in range(0, len(doc), SEQUENCE_SPAN):
        window = doc[offset:offset + 2 * SEQUENCE_SPAN]
        for _, start, end in matcher(window):
            if end - start <= SEQUENCE_SPAN:
                seen[(offset + start, offset + end)] = None
    return sorted(seen)


class RegexIndex:
    """Every registered regular expression, screened with one RE2 set scan per draft."""

    def __init__(self, patterns: dict[str, tuple[Any, list[str]]], use_set: bool = True):
        self.compiled = list(patterns.values())
        self.set = None
        if use_set and len(self.compiled) > 1:
            options = re2.Options()
            options.log_errors = False
            options.max_mem = SET_MEMORY
            screen = re2.Set.SearchSet(options)
            for pattern in patterns:
                screen.Add(pattern)
            # RE2 builds the set's automaton here and refuses (rather than failing later,
            # when a match would silently be missed) if it cannot fit in SET_MEMORY.
            try:
                screen.Compile()
            except re2.error:
                screen = None
            self.set = screen

    def find(self, text: str, found: dict[str, list[Span]]) -> None:
        if not self.compiled:
            return
        if self.set is not None:
            hits = self.set.Match(text)
            if not hits:
                return
            chosen = [self.compiled[i] for i in sorted(hits)]
        else:
            chosen = self.compiled
        for compiled, keys in chosen:
            spans = [(m.start(), m.end()) for m in compiled.finditer(text) if m.end() > m.start()]
            if spans:
                for key in keys:
                    found[key].extend(spans)


class MatchIndex:
    """Finds everything registered in a parsed draft: phrases, token sequences and
    regular expressions, each key with its character spans."""

    def __init__(self, phrase_matchers: list[PhraseMatcher], names: dict[int, str],
                 sequences: SequenceIndex, patterns: RegexIndex):
        self.phrase_matchers = phrase_matchers
        self.names = names
        self.sequences = sequences
        self.patterns = patterns

    def find(self, doc: Doc) -> dict[str, list[Span]]:
        found: dict[str, list[Span]] = defaultdict(list)
        names = self.names
        for matcher in self.phrase_matchers:
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found[names[match_id]].append((span.start_char, span.end_char))
        self.sequences.find(doc, found)
        self.patterns.find(doc.text, found)
        return found
