"""Drafts: the replies to check, with their metadata and where they came from.

A draft knows how to turn an offset in its text back into a line and column of
the file it was read from, so findings point at the right place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

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
    #: Why the draft could not be read, when it could not (reported as brandvoice.input).
    problem: str | None = None
    #: Parts where rules are switched off by inline directives.
    suppressions: list[Suppression] = field(default_factory=list)
    #: Where a problem is, for a draft that could not be read (line, column).
    origin: tuple[int, int] | None = None
    #: Maps an offset in ``text`` to (line, column) in the file, for collection entries.
    locator: Callable[[int], tuple[int, int]] | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of ``offset`` in the source text."""
        if self.locator is not None:
            return self.locator(offset)
        if self._starts is None:
            self._starts = line_starts(self.text)
        return line_col(self._starts, offset)


def decode(raw: bytes, label: str, suffix: str = ".txt") -> Draft:
    """Bytes of a draft file as one draft (Markdown for ``.md``, else plain text); bytes
    that are not text become a draft with a problem."""
    if b"\x00" in raw[:SNIFF]:
        return Draft("", id=label, source=label,
                     problem="this looks like a binary file, not text; nothing was checked")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Draft("", id=label, source=label,
                     problem=f"this is not UTF-8 text (the byte at offset {exc.start} "
                             "cannot be read); save it as UTF-8")
    suppressions, directives = parse(text)
    if suffix.lower() in MARKDOWN_SUFFIXES:
        from .markdown import prose

        checked, metadata, problem = prose(text)
        return Draft(checked, id=metadata.get("id", label), source=label,
                     channel=metadata.get("channel"), department=metadata.get("department"),
                     context=metadata.get("context"), problem=problem,
                     suppressions=suppressions)
    from .markdown import blank

    return Draft(blank(text, directives), id=label, source=label, suppressions=suppressions)


def read_file(path: Path, label: str | None = None) -> Iterator[Draft]:
    """The drafts of a file: one for ``.txt`` and ``.md`` (and any other text), one per
    entry for ``.jsonl``, ``.json`` and ``.csv``. A file that cannot be read gives one
    draft with a problem."""
    from .collections import READERS, drafts

    label = label or display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Draft("", id=label, source=label, problem=f"cannot read this file: {exc.strerror}")
        return
    suffix = path.suffix.lower()
    if suffix not in READERS:
        yield decode(raw, label, suffix)
        return
    single = decode(raw, label)  # the same checks for binary and encoding problems
    if single.problem is not None:
        yield single
        return
    yield from drafts(raw.decode("utf-8-sig"), label, suffix)


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
