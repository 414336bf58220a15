"""Drafts: the replies to check, with their metadata and where they came from.

A draft knows how to turn an offset in its text back into a line and column of
the file it was read from, so findings point at the right place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import UsageError, display_path
from ..text import line_col, line_starts
from .suppress import Suppression, parse

#: Extensions read from folders (a file named on the command line, or matched by
#: files.include, is always read). .json and .csv are left out: a repository holds many
#: such files that are not replies (package.json, data exports).
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".jsonl")
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Bytes read to decide whether a file is text.
SNIFF = 8192
#: A code point that is half of a UTF-16 pair: no character on its own, and not
#: writable as UTF-8. JSON's "\ud800" escape and file names or arguments that are not
#: UTF-8 (Python reads their bytes as such halves) put them in a string.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Fields of a draft checked for such code points, in the order they are reported.
_TEXT_FIELDS = ("text", "in_reply_to", "id", "channel", "department", "context",
                "created_at", "author", "in_reply_to_created_at", "customer")


def _surrogate(value: Any) -> int | None:
    """Where the first lone surrogate in ``value`` is (None: there is none)."""
    if not isinstance(value, str) or value.isascii():
        return None
    found = _SURROGATE.search(value)
    return found.start() if found else None


def visible(value: str) -> str:
    """``value`` with each lone surrogate written as its escape (``\\ud800``), so it can
    be printed and written as UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


@dataclass
class Draft:
    """One reply someone wants to post."""

    text: str
    id: str | None = None
    source: str | None = None
    channel: str | None = None
    department: str | None = None
    context: str | None = None
    in_reply_to: str | None = None
    #: The context read from ``in_reply_to`` when none was given (a conversation.Inferred).
    inferred: Any = None
    #: When the reply was posted, as written in the export (read by ``brandvoice audit``).
    created_at: str | None = None
    #: Who posted it (an agent or account name in the export).
    author: str | None = None
    #: When the customer's message (``in_reply_to``) was sent, as written in the export
    #: (the audit's response time).
    in_reply_to_created_at: str | None = None
    #: Who the reply was sent to (a handle or a customer number in the export).
    customer: str | None = None
    #: Why the draft could not be read, when it could not (reported as brandvoice.input).
    problem: str | None = None
    #: How serious the problem is: an empty draft is a warning, the others errors.
    problem_severity: str = "error"
    #: What is wrong with a draft that is still checked (a context, channel or department
    #: no rule knows), each reported as a brandvoice.input warning.
    notes: list[str] = field(default_factory=list)
    #: Parts where rules are switched off by inline directives.
    suppressions: list[Suppression] = field(default_factory=list)
    #: Where a problem is, for a draft that could not be read (line, column).
    origin: tuple[int, int] | None = None
    #: Maps an offset in ``text`` to (line, column) in the file, for collection entries.
    locator: Callable[[int], tuple[int, int]] | None = field(default=None, repr=False)
    #: For a collection entry: where each character of ``text`` is written in the file
    #: (an :class:`~brandvoice.drafts.entry.OffsetMap`), and how a replacement is written
    #: there (escaped or quoted; None when it cannot be written safely). Used by fixes.
    offsets: Any = field(default=None, repr=False)
    encode: Callable[[str], str | None] | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        """A draft whose text or metadata holds a lone surrogate cannot be checked (the
        language pipeline and every report write UTF-8): it gets a problem pointing at the
        first one, and such fields are kept in a printable form."""
        if _surrogate(self.source) is not None:
            self.source = visible(self.source)  # type: ignore[arg-type]
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            index = _surrogate(value)
            if index is None:
                continue
            if self.problem is None:
                what = "this draft's text" if name == "text" else f"this draft's '{name}'"
                self.problem = (f"{what} has a broken character (U+{ord(value[index]):04X}, "
                                "half of a UTF-16 pair: a JSON escape such as \\ud800 "
                                "without its other half, or bytes that are not UTF-8); "
                                "nothing was checked")
                if name == "text":
                    self.origin = self.locate(index)
            setattr(self, name, "" if name == "text" else visible(value))

    def __getstate__(self) -> dict[str, Any]:
        """A pickled draft (sent to a worker process) leaves behind what ties it to its
        file: functions cannot be pickled, and the file can be large. Its findings are
        placed in the file again by the process that read it (brandvoice.parallel)."""
        state = dict(self.__dict__)
        state.update(locator=None, offsets=None, encode=None, _starts=None)
        return state

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of ``offset`` in the source text."""
        if self.locator is not None:
            return self.locator(offset)
        if self._starts is None:
            self._starts = line_starts(self.text)
        return line_col(self._starts, offset)


def text_of(raw: bytes) -> str | tuple[str, tuple[int, int]]:
    """The text of a draft file, or why it is not UTF-8 text and where."""
    from .encoding import BOMS, looks_like, utf16, where

    other_bom = raw.startswith(tuple(bom for bom, _ in BOMS))
    if not other_bom and b"\x00" in raw[:SNIFF]:
        if not utf16(raw):
            return "this looks like a binary file, not text; nothing was checked", (1, 1)
        other_bom = True  # UTF-16 without a byte order mark (it would decode as UTF-8)
    try:
        if other_bom:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "not UTF-8")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = looks_like(raw)
        seems = f"it looks like {guess}" if guess else "its encoding is not known"
        return (f"this file is not UTF-8 text; {seems}. Nothing was checked: save it as "
                "UTF-8 and check it again"), where(raw, exc.start)


def too_long(length: int, max_length: int) -> str:
    """The problem of a draft longer than ``max_length`` characters."""
    return (f"this draft is {length:,} characters long, more than the {max_length:,} a draft "
            "may have (max_draft_length in the config); nothing was checked")


def decode(raw: bytes, label: str, suffix: str = ".txt",
           max_length: int | None = None) -> Draft:
    """Bytes of a draft file as one draft (Markdown for ``.md``, else plain text); bytes
    that are not text, or too many of them, become a draft with a problem."""
    label = visible(label)  # a file name that is not UTF-8
    if max_length is not None and len(raw) > 4 * max_length:  # not decoded at all
        return Draft("", id=label, source=label, problem=(
            f"this file is {len(raw) / 1e6:,.1f} MB, far longer than the {max_length:,} "
            "characters a draft may have (max_draft_length in the config); nothing was "
            "checked"))
    text = text_of(raw)
    if isinstance(text, tuple):
        problem, origin = text
        return Draft("", id=label, source=label, problem=problem, origin=origin)
    return next(from_text(text, label, suffix, max_length))


def from_text(text: str, label: str, suffix: str,
              max_length: int | None = None) -> Iterator[Draft]:
    """The drafts written in ``text``, the decoded content of a file with this suffix:
    one per entry for a collection, else one (Markdown for ``.md``, plain text otherwise)."""
    from .collections import READERS, drafts

    label = visible(label)  # a file name that is not UTF-8
    suffix = suffix.lower()
    if suffix in READERS:
        yield from drafts(text, label, suffix)
        return
    if max_length is not None and len(text) > max_length:
        yield Draft("", id=label, source=label, problem=too_long(len(text), max_length))
        return
    suppressions, directives = parse(text)
    if suffix in MARKDOWN_SUFFIXES:
        from .markdown import prose

        checked, metadata, problem = prose(text)
        yield Draft(checked, id=metadata.get("id", label), source=label,
                    channel=metadata.get("channel"), department=metadata.get("department"),
                    context=metadata.get("context"), problem=problem,
                    suppressions=suppressions)
        return
    from .markdown import blank

    yield Draft(blank(text, directives), id=label, source=label, suppressions=suppressions)


def read_file(path: Path, label: str | None = None,
              max_length: int | None = None) -> Iterator[Draft]:
    """The drafts of a file: one for ``.txt`` and ``.md`` (and any other text), one per
    entry for collections (``.yaml``, ``.json``, ``.jsonl``, ``.csv``). A file that cannot
    be read gives one draft with a problem; so does each entry that cannot."""
    from .collections import READERS

    label = visible(label or display_path(path))  # a file name that is not UTF-8
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Draft("", id=label, source=label, problem=f"cannot read this file: {exc.strerror}")
        return
    suffix = path.suffix.lower()
    if suffix not in READERS:
        yield decode(raw, label, suffix, max_length)
        return
    text = text_of(raw)
    if isinstance(text, tuple):
        problem, origin = text
        yield Draft("", id=label, source=label, problem=problem, origin=origin)
        return
    yield from from_text(text, label, suffix)


#: Folders never searched for drafts (a folder named on the command line is still read).
SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})


def _walk(folder: Path) -> Iterator[Path]:
    """Draft files below ``folder``, in name order, skipping hidden and tool folders."""
    for child in sorted(folder.iterdir()):
        if child.is_dir():
            if not child.name.startswith(".") and child.name not in SKIPPED_FOLDERS:
                yield from _walk(child)
        elif child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
            yield child


def collect(paths: list[str]) -> Iterator[Path]:
    """Files named on the command line, and the draft files inside named folders.

    Inside folders, hidden files and folders (``.git``, ``.venv``) and ``node_modules``,
    ``venv``, ``__pycache__`` and ``site-packages`` are skipped, as ruff and Vale do.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        elif any(ch in name for ch in "*?["):  # a pattern the shell did not expand
            base = Path("/") if path.is_absolute() else Path(".")
            pattern = str(path.relative_to("/")) if path.is_absolute() else name
            matched = sorted(p for p in base.glob(pattern) if p.is_file())
            if not matched:
                raise UsageError(f"'{name}': no file matches this pattern")
            yield from matched
        else:
            raise UsageError(f"'{name}': no such file or folder")
