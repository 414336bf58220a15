"""The cache on disk that makes the next start of a command faster.

Four results of a start are kept, each in a JSON file named by a hash of everything it is
made from, so that the next start reads them instead of making them again:

- ``yaml/HASH.json``: a config, persona or rulebook file as read, its data and the line and
  column of every key and value, by the file's text. Only files read without a problem are
  kept: a file with a mistake is read again each time, and its messages are made afresh.
- ``lemmas/HASH.json``: the words and lemmas that the statistical model gives the
  spellings of the ``match: lemma`` phrases, by the model's name and version, spaCy's
  version, the pipeline's components and the phrases: the patterns are built without
  running the tagger.
- ``words/HASH.json``: what lemminflect's tables answered about the words the rules asked
  about (brandvoice/wordforms.py), by lemminflect's version: a start that asks about the
  same words does not load the tables.
- ``langid/HASH.npz``: the language identifier's model (py3langid), uncompressed, by
  py3langid's version and the size of its model file: numpy arrays, read without pickle.

Each hash also covers :data:`FORMAT`, brandvoice's version and the code that makes the
entries, so another version (or an edited checkout) never reads them. Entries are JSON,
never pickle: an entry is data, checked before it is used; one that is not what this
code writes (cut short, corrupt, another format, any other JSON) is a miss, and is written
anew. Each is written to a temporary file renamed into place, so a reader never sees half
of one. A folder that cannot be made, read or written is no cache, never an error. At most
:data:`LIMIT` entries of each kind are kept; writing one more removes the oldest.

Where: ``$BRANDVOICE_CACHE_DIR``, else ``$XDG_CACHE_HOME/brandvoice``, else
``~/.cache/brandvoice`` (as pre-commit keeps its cache, on every platform). Off:
``BRANDVOICE_NO_CACHE=1``, which ``--no-cache`` sets for the command and the processes it
starts. The library reads and writes it as the command line does.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable

#: The layout of the entries; changed whenever what they hold changes.
FORMAT = 1
#: Entries kept of each kind (the built-in packs and a project's files are about ten).
LIMIT = 200
#: Lists and blocks nested deeper than this are not what a YAML file read gives: the
#: reader refuses more than 50 levels (config/source.py).
DEEPEST = 64
#: Marks the folder as a cache for backup tools (https://bford.info/cachedir/).
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by brandvoice.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")


def folder() -> Path | None:
    """Where the cache is, or None when it is off."""
    if os.environ.get("BRANDVOICE_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    return location()


def location() -> Path | None:
    """Where the cache is, on or off (None when there is no home folder to put it in)."""
    given = os.environ.get("BRANDVOICE_CACHE_DIR")
    if given:
        return Path(os.path.expanduser(given))
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative: the XDG specification ignores it
        base = os.path.expanduser("~/.cache")
        if not os.path.isabs(base):  # no home folder to be found
            return None
    return Path(base) / "brandvoice"


@functools.cache
def _stamp() -> str:
    """The format, brandvoice's version and a hash of the code that makes the entries."""
    from . import __version__

    code = hashlib.sha256()
    here = Path(__file__).parent
    for module in ("cache.py", "config/source.py", "pipeline.py", "wordforms.py"):
        with contextlib.suppress(OSError):
            code.update((here / module).read_bytes())
    return f"{FORMAT}/{__version__}/{code.hexdigest()[:16]}"


def _name(kind: str, parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in (_stamp(), kind, *parts):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


def _read(kind: str, parts: Iterable[str]) -> Any:
    """What an entry holds; None when there is none that this code wrote for ``parts``."""
    root = folder()
    if root is None:
        return None
    name = _name(kind, parts)
    try:
        entry = json.loads((root / kind / f"{name}.json").read_bytes())
    except (OSError, ValueError, RecursionError):  # none, unreadable, not JSON, too deep
        return None
    if not isinstance(entry, dict) or entry.get("key") != name:
        return None
    return entry.get("data")


def _write(kind: str, parts: Iterable[str], data: Any) -> None:
    """Keep ``data`` (plain JSON values) for ``parts``, if the cache is on and writable."""
    root = folder()
    if root is None:
        return
    name = _name(kind, parts)
    text = json.dumps({"key": name, "made_by": f"brandvoice {_stamp()}", "data": data},
                      separators=(",", ":"), allow_nan=False)
    try:
        _put(root, kind, f"{name}.json", lambda out: out.write(text.encode("ascii")))
    except OSError:  # read-only, full, removed meanwhile: no cache this time
        return


def _put(root: Path, kind: str, name: str, fill: Callable[[BinaryIO], Any]) -> Path:
    """Write the file ``name`` of ``kind`` whole (``fill`` writes its bytes to a
    temporary file, renamed into place: a reader never sees half of it), then remove the
    oldest beyond :data:`LIMIT`. Raises what writing raises."""
    where = root / kind
    where.mkdir(parents=True, exist_ok=True)
    if not (root / "CACHEDIR.TAG").exists():
        (root / "CACHEDIR.TAG").write_text(TAG, encoding="utf-8")
    handle, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            fill(out)
        os.replace(temporary, where / name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # left only when the write failed
    _prune(where)
    return where / name


def _prune(where: Path) -> None:
    """Remove the oldest entries beyond :data:`LIMIT` (and temporary files left behind)."""
    entries = list(os.scandir(where))
    if len(entries) <= LIMIT:
        return

    def age(entry: os.DirEntry) -> float:
        try:
            return entry.stat().st_mtime
        except OSError:
            return 0.0

    for entry in sorted(entries, key=age)[:len(entries) - LIMIT]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def clear() -> tuple[Path | None, int]:
    """Remove every entry (the cache on or off): the folder, and how many files were
    removed. Only what brandvoice writes there is removed, then the folder if empty."""
    root = location()
    removed = 0
    if root is None or not root.is_dir():
        return root, removed
    for kind in ("yaml", "lemmas", "words", "langid"):
        for entry in (os.scandir(root / kind) if (root / kind).is_dir() else ()):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
        with contextlib.suppress(OSError):
            (root / kind).rmdir()
    with contextlib.suppress(OSError):
        (root / "CACHEDIR.TAG").unlink()
        root.rmdir()
    return root, removed


# --- parsed YAML files -----------------------------------------------------------------

Places = dict[tuple, tuple[int, int]]


def read_yaml(text: str) -> tuple[Any, Places, Places] | None:
    """A file's data and the places of its values and keys (see config/source.py), as
    kept for ``text``; None when they are not kept."""
    entry = _read("yaml", [text])
    if entry is None:
        return None
    try:
        data, values, keys = entry["data"], entry["values"], entry["keys"]
        if not _plain(data, 0):
            return None
        return data, _places(values), _places(keys)
    except (TypeError, LookupError, ValueError):  # not an entry of this shape
        return None


def keep_yaml(text: str, data: Any, values: Places, keys: Places) -> None:
    """Keep what was read of ``text`` (when its data are plain JSON values: not dates,
    numbers as keys, or anything else JSON would change)."""
    if folder() is None or not _plain(data, 0):
        return
    _write("yaml", [text], {"data": data,
                            "values": [[*place, *path] for path, place in values.items()],
                            "keys": [[*place, *path] for path, place in keys.items()]})


def _plain(value: Any, depth: int) -> bool:
    """Whether ``value`` is text, a whole number, a finite number, true, false, nothing,
    or lists and blocks (with text keys) of these, at most :data:`DEEPEST` levels deep:
    what JSON gives back as it was."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if depth >= DEEPEST:
        return False
    if kind is list:
        return all(_plain(item, depth + 1) for item in value)
    if kind is dict:
        return all(type(key) is str and _plain(item, depth + 1) for key, item in value.items())
    return False


def _places(rows: list) -> Places:
    """``[line, column, *path]`` rows as the places of a Source."""
    places: Places = {}
    for row in rows:
        line, column = row[0], row[1]
        if type(line) is not int or type(column) is not int:
            raise ValueError("not a place")
        places[tuple(row[2:])] = (line, column)
    return places


# --- lemmas of `match: lemma` phrases ----------------------------------------------------

def lemmatized(nlp: Any, texts: list[str]) -> Iterable[Any]:
    """``nlp.pipe(texts)``, as far as ``match: lemma`` patterns need it: on a pipeline with
    a model's lemmatizer, docs with the words and lemmas the model gave these texts before,
    when they are kept (else the pipeline's, then kept)."""
    if "lemmatizer" not in nlp.pipe_names or not texts or folder() is None:
        return nlp.pipe(texts)
    import spacy
    from spacy.tokens import Doc

    meta = nlp.meta
    parts = [str(meta.get("lang")), str(meta.get("name")), str(meta.get("version")),
             spacy.__version__, ",".join(nlp.pipe_names), *texts]
    rows = _read("lemmas", parts)
    if isinstance(rows, list) and len(rows) == len(texts):
        try:
            docs = []
            for text, (words, spaces, lemmas) in zip(texts, rows):
                if not (len(words) == len(spaces) == len(lemmas)) or "".join(
                        word + (" " if space else "") for word, space in zip(words, spaces)
                ) != text or not all(type(lemma) is str for lemma in lemmas):
                    raise ValueError("not the words of this text")
                docs.append(Doc(nlp.vocab, words=words, spaces=[bool(s) for s in spaces],
                                lemmas=lemmas))
            return docs
        except (TypeError, ValueError):  # not an entry of this shape
            pass
    docs = list(nlp.pipe(texts))
    _write("lemmas", parts, [[[token.text for token in doc],
                              [bool(token.whitespace_) for token in doc],
                              [token.lemma_ for token in doc]] for doc in docs])
    return docs


# --- forms of words (brandvoice/wordforms.py) ---------------------------------------------


def read_words(version: str) -> dict[str, Any] | None:
    """The answers of lemminflect ``version`` kept so far (by question), or None."""
    data = _read("words", [version])
    if type(data) is not dict or not all(type(key) is str for key in data):
        return None
    return data


def keep_words(version: str, new: dict[str, Any], limit: int) -> None:
    """Add ``new`` answers to those kept (read again first: another run may have added
    some meanwhile), up to ``limit`` answers in all."""
    if folder() is None:
        return
    kept = read_words(version) or {}
    for key, value in new.items():
        if len(kept) >= limit:
            break
        kept[key] = value
    _write("words", [version], kept)


# --- the language identifier's model (brandvoice/language.py) -----------------------------


def langid_copy(version: str, model: Path) -> Path | None:
    """An uncompressed copy of py3langid's ``model`` (an xz-compressed npz): the one made
    before, or one made now; None when the cache is off or cannot be written."""
    root = folder()
    if root is None:
        return None
    try:
        size = model.stat().st_size
    except OSError:
        return None
    name = f"{_name('langid', [version, str(size)])}.npz"
    if (root / "langid" / name).is_file():
        return root / "langid" / name
    import lzma
    import shutil

    def decompressed(out: BinaryIO) -> None:
        with lzma.open(model) as source:
            shutil.copyfileobj(source, out, length=1 << 20)

    try:
        return _put(root, "langid", name, decompressed)
    except (OSError, lzma.LZMAError, EOFError):  # read-only, full, a model file cut short
        return None


def drop_langid_copy(copy: Path) -> None:
    """Remove a copy that could not be read."""
    with contextlib.suppress(OSError):
        copy.unlink()
