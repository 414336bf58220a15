"""Which language a reply is written in, for the checks that only mean something in English.

Readability grades (textstat's formulas), the contraction preference and formality are
English measures: on "Lamentamos el inconveniente, síguenos por DM" they report nonsense.
Brands answer in several languages from one account, so those checks skip a reply that
is not in English (docs/persona.md#languages).

The language is read once per draft from its prose (handles, links, the sign-off and
thread markers left out, :attr:`brandvoice.social.Social.prose`):

- a reply with fewer than :data:`MIN_WORDS` words is not judged (``None``): "Anytime." or
  "Yes" say too little, and the checks run as for English;
- a reply with at least two different common English words (:data:`ENGLISH_WORDS`:
  "the", "you", "we", "to"...) making up a fifth of its words or more is English, without
  asking the model (nearly every reply of an English-speaking brand, at no cost);
- a reply of fewer than :data:`FEW_WORDS` words (and :data:`FEW_LETTERS` letters, for
  scripts without spaces) without them is not judged either: on a handful of words the
  model guesses;
- anything else is given to py3langid, a maintained fork of langid.py whose model (97
  languages, naive Bayes over byte n-grams) ships inside the package: nothing is
  downloaded, and one call takes about half a millisecond.
"""

from __future__ import annotations

import re

#: Fewer words than this and the language is not judged.
MIN_WORDS = 4
#: Fewer words than this, without two common English words, and the model is not asked:
#: on a handful of words it guesses.
FEW_WORDS = 8
#: ... unless it has this many letters (Japanese or Chinese write no spaces between words).
FEW_LETTERS = 40
#: Common English function words: two different ones in a reply make it English.
ENGLISH_WORDS = frozenset(
    "the a an and or but to of in on at for with from by is are was were be been have has "
    "had do does did you your we our us i my me it this that not can will would could "
    "please thanks thank sorry here there what when how".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _classify(text: str) -> str:
    # imported on first use: most runs never need the model
    from py3langid.langid import classify

    return str(classify(text)[0])


def language(prose: str) -> str | None:
    """The ISO 639-1 code of the language ``prose`` is written in ("en", "es"...), or
    None when it has too few words to tell."""
    words = _WORD.findall(prose)
    if len(words) < MIN_WORDS:
        return None
    lowered = [w.lower().replace("’", "'") for w in words]
    common = [w for w in lowered if w in ENGLISH_WORDS]
    if len(set(common)) >= 2 and len(common) * 5 >= len(words):
        return "en"
    if len(words) < FEW_WORDS and sum(ch.isalpha() for ch in prose) < FEW_LETTERS:
        return None  # "so can't here": too few words for the model to tell
    return _classify(prose)


def is_english(prose: str) -> bool:
    """Whether the English-only checks apply: English, or too short to tell."""
    return language(prose) in (None, "en")
