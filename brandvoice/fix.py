"""Fixes: apply every safe fix the findings offer, re-check, repeat until nothing changes.

Only findings with a ``fix`` are applied (``replace``, ``capitalize``, the persona's
terms, preferred vocabulary and contractions). Overlapping fixes are resolved the same way
every time: the one that starts first wins, then the longer, then the lower rule id; the
others wait for the next pass. Each pass re-reads the fixed text as the file it will be,
so fixes land only where drafts are checked (never in code, URLs or front matter of
Markdown, never outside an entry's text in a collection), and are written there with the
file's quoting and escapes. A file is written once, atomically, and only if nobody
changed it on disk in the meantime.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .drafts import Draft, from_text
from .drafts.entry import resolve
from .result import Finding, Fix, Result

if TYPE_CHECKING:
    from .lint import Linter

#: Passes before giving up on fixes that keep changing the text (rules undoing each other).
MAX_PASSES = 10


def choose(findings: Iterable[Finding]) -> list[Fix]:
    """The fixes to apply in one pass: no two overlap, in text order."""
    offered = sorted(((f.fix, f.rule) for f in findings if f.fix is not None),
                     key=lambda item: (item[0].start, -(item[0].end - item[0].start), item[1]))
    chosen: list[Fix] = []
    end = -1
    for fix, _ in offered:
        if fix.start >= end:
            chosen.append(fix)
            end = fix.end
    return chosen


def apply(text: str, fixes: list[Fix]) -> str:
    """``text`` with the (non-overlapping, ordered) ``fixes`` applied."""
    parts: list[str] = []
    last = 0
    for fix in fixes:
        parts.append(text[last:fix.start])
        parts.append(fix.replacement)
        last = fix.end
    parts.append(text[last:])
    return "".join(parts)


def _edits(source: str, draft: Draft, result: Result) -> list[Fix]:
    """The draft's fixes as edits of the file's text (``source``)."""
    edits: list[Fix] = []
    for fix in choose(result.findings):
        offsets = resolve(draft.offsets)
        if offsets is None:
            if draft.encode is None:  # text and Markdown: offsets are the file's
                edits.append(fix)
            continue  # an entry whose text is not found in the file: the finding stays
        start, end = offsets[fix.start], offsets[fix.end]
        written = draft.encode(fix.replacement) if draft.encode else None
        if written is None or "\n" in source[start:end]:
            continue  # cannot be written safely here: the finding stays
        edits.append(Fix(start, end, written))
    return edits


@dataclass
class Fixed:
    """What fixing one file's text gave."""

    text: str
    #: Fixes applied, over all passes.
    applied: int = 0
    #: The findings left after the last pass.
    results: list[Result] = field(default_factory=list)
    #: Whether the fixes settled (False: rules kept undoing each other's fixes).
    settled: bool = True


def fix_text(linter: Linter, text: str, label: str, suffix: str = ".txt",
             **metadata: str | None) -> Fixed:
    """Fix ``text``, the content of a file named ``label`` with this suffix, until no fix
    applies; ``metadata`` (channel, department, context) as for :meth:`Linter.check_many`."""
    limit = linter.config.max_draft_length
    outcome = Fixed(text)
    seen = {text}
    for _ in range(MAX_PASSES):
        drafts = list(from_text(outcome.text, label, suffix, limit))
        outcome.results = linter.check_many(drafts, **metadata)
        edits = sorted((edit for draft, result in zip(drafts, outcome.results)
                        if draft.problem is None
                        for edit in _edits(outcome.text, draft, result)),
                       key=lambda e: e.start)
        if not edits:
            return outcome
        outcome.text = apply(outcome.text, edits)
        outcome.applied += len(edits)
        if outcome.text in seen:
            break
        seen.add(outcome.text)
    outcome.results = linter.check_many(
        list(from_text(outcome.text, label, suffix, limit)), **metadata)
    outcome.settled = not any(f.fix for r in outcome.results for f in r.findings)
    return outcome


class ChangedOnDisk(Exception):
    """The file changed between reading and writing: it is left as it is."""


def write_atomic(path: Path, data: bytes, expected: bytes) -> None:
    """Replace ``path``'s content with ``data`` through a temporary file in the same folder,
    keeping its permissions, unless its content is no longer ``expected``. On any error the
    original file is left intact and the temporary file removed."""
    if path.read_bytes() != expected:
        raise ChangedOnDisk(str(path))
    mode = stat.S_IMODE(path.stat().st_mode)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".brandvoice-fix")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if path.read_bytes() != expected:  # changed while we were writing
            raise ChangedOnDisk(str(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder, so
    the file is whole or not changed at all (a report, a baseline). A new file gets the
    permissions the umask allows; an existing one keeps its own."""
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    else:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def encode_like(text: str, original: bytes) -> bytes:
    """``text`` as UTF-8, with a byte order mark if the original file had one."""
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


@dataclass
class FileFix:
    """Fixing one file: its text before and after, and the findings left."""

    label: str
    before: str
    after: str
    results: list[Result]
    applied: int = 0
    settled: bool = True
    #: Why the file was not written, when it was not (changed on disk, write failed).
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """The fixes as a unified diff (``a/`` and ``b/`` paths, as git prints them)."""
        import difflib

        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{self.label}", tofile=f"b/{self.label}"))


def fix_file(linter: Linter, path: Path, label: str, *, write: bool,
             **metadata: str | None) -> FileFix:
    """Fix the file at ``path``; write it (atomically) only if ``write`` and it changed.
    A file that cannot be read as text is reported as ``brandvoice check`` does."""
    from .drafts import read_file, text_of, visible

    label = visible(label)  # a file name that is not UTF-8
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    text = text_of(raw) if raw is not None else None
    if not isinstance(text, str):
        results = linter.check_many(read_file(path, label, linter.config.max_draft_length),
                                    **metadata)
        return FileFix(label, "", "", results)
    fixed = fix_text(linter, text, label, path.suffix, **metadata)
    outcome = FileFix(label, text, fixed.text, fixed.results, fixed.applied, fixed.settled)
    if write and outcome.changed:
        try:
            write_atomic(path, encode_like(fixed.text, raw), raw)
        except ChangedOnDisk:
            outcome.error = "it changed on disk while it was being fixed, so it was left as it is"
        except OSError as exc:
            outcome.error = f"it could not be written ({exc.strerror}); it was left as it is"
        if outcome.error:  # report against the file as it is
            outcome.results = linter.check_many(
                from_text(text, label, path.suffix, linter.config.max_draft_length),
                **metadata)
    return outcome
