"""The forms of English words (lemminflect's tables), kept between runs.

lemminflect decodes the whole of a table the first time it is asked about any word: 0.2 to
0.4 s for its lemmas and inflections together, longer than a pre-commit run of a few files
takes to check. The rules ask it about a few hundred words at most: the words of the
``replace`` entries and their replacements (to fix "utilized" as "used", to tell a phrasal
verb from a noun) and the word after a match. What it answered is kept in the cache
(brandvoice/cache.py, the ``words`` entry, by lemminflect's version), so a start that asks
about the same words again reads a small JSON file instead of the tables.

The answers asked in a run are added to the entry when the run ends (:func:`keep`: the
command line calls it before it exits; for the library, it runs when the interpreter exits).
With the cache off (``BRANDVOICE_NO_CACHE=1``, ``--no-cache``) the tables are read as before.
"""

from __future__ import annotations

import atexit
from typing import Any, Callable

#: Most answers kept in the cache's entry: past it, new answers are used but not kept.
LIMIT = 20_000

_known: dict[str, Any] | None = None  # every answer of this process, and the cache's
_new: dict[str, Any] = {}  # the answers not in the cache yet
_version: str | None = None
_registered = False


def _lemminflect_version() -> str:
    global _version
    if _version is None:
        import lemminflect

        _version = str(getattr(lemminflect, "__version__", "unknown"))
    return _version


def _answers() -> dict[str, Any]:
    global _known
    if _known is None:
        from .cache import read_words

        _known = read_words(_lemminflect_version()) or {}
    return _known


def _ask(key: str, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    global _registered
    known = _answers()
    value = known.get(key)
    if value is not None and valid(value):
        return value
    value = compute()
    known[key] = value
    if not _registered:
        atexit.register(keep)
        _registered = True
    _new[key] = value
    return value


def _is_forms(value: Any) -> bool:
    return type(value) is dict and all(
        type(tag) is str and type(forms) is list and all(type(f) is str for f in forms)
        for tag, forms in value.items())


def inflections(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllInflections(word, upos)``: the forms of ``word`` by tag."""
    def compute() -> dict[str, list[str]]:
        from lemminflect import getAllInflections

        return {tag: list(forms) for tag, forms in getAllInflections(word, upos=upos).items()}

    found = _ask(f"inflections/{upos or ''}/{word}", compute, _is_forms)
    return {tag: tuple(forms) for tag, forms in found.items()}


def lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas(word, upos)``: the lemmas of ``word`` by part of speech."""
    def compute() -> dict[str, list[str]]:
        from lemminflect import getAllLemmas

        return {pos: list(forms) for pos, forms in getAllLemmas(word, upos=upos).items()}

    found = _ask(f"lemmas/{upos or ''}/{word}", compute, _is_forms)
    return {pos: tuple(forms) for pos, forms in found.items()}


def keep() -> None:
    """Add this run's new answers to the cache's entry (nothing when there are none)."""
    if not _new:
        return
    from .cache import keep_words

    keep_words(_lemminflect_version(), dict(_new), LIMIT)
    _new.clear()
