"""``.csv`` collections: a header row naming the columns (one of them ``text``), then one
entry per row.

The cells are read by a small RFC 4180 scanner (quoted cells, doubled quotes, line breaks
inside quotes, CRLF or LF rows) that also records where each character is written; the
standard ``csv`` module does not say where a value comes from.
"""

from __future__ import annotations

import re
from typing import Iterator

from .entry import Bad, Entry, OffsetMap

_QUOTED_RUN = re.compile(r'[^"]+')
_BARE_RUN = re.compile(r"[^,\r\n]+")

Cell = tuple[str, OffsetMap, int]  # value, where its characters are, where the cell starts


class Unclosed(Exception):
    """A quoted cell runs to the end of the file."""

    def __init__(self, at: int):
        super().__init__(at)
        self.at = at


def rows(source: str) -> Iterator[list[Cell]]:
    """The rows of ``source`` as lists of cells; blank lines are skipped."""
    i, n = 0, len(source)
    row: list[Cell] = []
    while i <= n:
        start = i
        parts: list[str] = []
        where = OffsetMap()
        where.end = i
        if i < n and source[i] == '"':
            i += 1
            while True:
                if i >= n:
                    raise Unclosed(start)
                run = _QUOTED_RUN.match(source, i)
                if run:
                    parts.append(run.group())
                    where.add(i, run.end() - i)
                    i = run.end()
                    continue
                if source.startswith('""', i):
                    parts.append('"')
                    where.add(i, 1)
                    i += 2
                    continue
                where.end = i
                i += 1
                break
        run = _BARE_RUN.match(source, i)
        if run:  # text after a closing quote, or an unquoted cell
            parts.append(run.group())
            where.add(i, run.end() - i)
            i = run.end()
        row.append(("".join(parts), where, start))
        if i < n and source[i] == ",":
            i += 1
            continue
        if source.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1
        if len(row) > 1 or row[0][0]:
            yield row
        row = []
        if i >= n:
            break


def read_csv(source: str) -> Iterator[Entry | Bad]:
    found = rows(source)
    try:
        header_row = next(found, None)
        if header_row is None:
            return
        header = [value.strip() for value, _, _ in header_row]
        if "text" not in header:
            yield Bad(0, "the first row should name the columns, one of them 'text' "
                         f"(it names: {', '.join(header)})")
            return
        for row in found:
            yield _entry(header, row)
    except Unclosed as exc:
        yield Bad(exc.at, "this quoted cell is never closed: a '\"' is missing, so the rest "
                          "of the file was not read")


def _entry(header: list[str], row: list[Cell]) -> Entry:
    cells = dict(zip(header, row))
    fields: dict[str, object] = {name: value for name, (value, _, _) in cells.items()
                                 if value != "" and name != "text"}
    offsets = None
    encode = None
    if "text" in cells:
        fields["text"], offsets, start = cells["text"]
        encode = _quoted if source_is_quoted(offsets, start) else _bare
    if isinstance(fields.get("disable"), str):
        fields["disable"] = str(fields["disable"]).replace(",", " ").split()
    disable = cells.get("disable")
    return Entry(fields, offsets, row[0][2], disable[2] if disable else None, encode)


def source_is_quoted(offsets: OffsetMap, start: int) -> bool:
    """Whether the cell that starts at ``start`` is in double quotes."""
    return offsets[0] != start if offsets.length else False


def _quoted(replacement: str) -> str:
    return replacement.replace('"', '""')


def _bare(replacement: str) -> str | None:
    return None if any(ch in replacement for ch in ',"\r\n') else replacement
