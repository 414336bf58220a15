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

The model ships compressed (4.6 MB of xz for 68 MB of arrays): decompressing it took
0.4 s here, longer than a pre-commit run of a few files takes to check. The first process
that needs it keeps an uncompressed copy in the cache (brandvoice/cache.py); later ones
load that copy (numpy arrays, never pickled objects) in a few hundredths of a second. A
copy that cannot be read is removed and the package's own model used.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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


_identifier: Any = None


def _classify(text: str) -> str:
    global _identifier
    if _identifier is None:  # loaded on first use: most runs never need the model
        _identifier = _load_identifier()
    return str(_identifier.classify(text)[0])


def _load_identifier() -> Any:
    """py3langid's identifier, from the cache's uncompressed copy of its model when there
    is one (see the module's doc), else as the package loads it."""
    import py3langid
    from py3langid import langid

    from .cache import drop_langid_copy, langid_copy

    model = langid.MODEL_DIR / langid.MODEL_FILE
    copy = langid_copy(str(getattr(py3langid, "__version__", "")), model)
    if copy is not None:
        identifier = _from_copy(copy)
        if identifier is not None:
            return identifier
        drop_langid_copy(copy)  # unreadable: made again by the next run
    return langid._get_identifier()


def _from_copy(copy: Path) -> Any:
    """The identifier of an uncompressed copy of the model (as py3langid builds it from
    its own file), or None when the copy is not a model's arrays."""
    import zipfile

    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    try:
        with np.load(copy, allow_pickle=False) as data:
            ptc, pc, classes = data["ptc"], data["pc"], data["classes"].tolist()
            nextmove, row = _to_array(data["nextmove"]), _to_array(data["nextmove_row"])
            output = data["out_feat"].tolist()
    except (OSError, ValueError, KeyError, EOFError, TypeError, zipfile.BadZipFile):
        return None
    if (ptc.ndim != 2 or ptc.shape[1] != len(classes) or pc.shape != (len(classes),)
            or len(row) != len(output) or not all(type(c) is str for c in classes)):
        return None
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output,
                              tk_row=row)


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
