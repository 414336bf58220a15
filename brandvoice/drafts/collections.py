"""Collections of canned responses: ``.jsonl``, ``.json`` and ``.csv``, one draft per entry.

Each entry has ``text`` and optionally ``id``, ``channel``, ``department``, ``context``,
``in_reply_to`` and ``disable`` (rule ids switched off for that entry). Findings point
into the file: every character of an entry's text is mapped back to where it is written,
through JSON escapes and CSV quoting.

The data are read with the standard library (``json``); the places of the characters
are found by small scanners of our own, since neither ``json`` nor ``csv`` reports where
a value is written. The CSV scanner follows RFC 4180 (quotes, doubled quotes, newlines
inside quoted cells).
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from ..text import line_col, line_starts
from .suppress import Suppression

METADATA = ("id", "channel", "department", "context", "in_reply_to")


# --- JSON ------------------------------------------------------------------------------

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t"}


def decode_string(source: str, start: int) -> tuple[str, list[int], int]:
    """The JSON string literal at ``source[start]`` (a quote): its value, the source offset
    of each of its characters, and the offset just after the closing quote."""
    chars: list[str] = []
    offsets: list[int] = []
    i = start + 1
    while source[i] != '"':
        if source[i] == "\\":
            code = source[i + 1]
            if code == "u":
                value = int(source[i + 2:i + 6], 16)
                width = 6
                if 0xD800 <= value < 0xDC00 and source[i + 6:i + 8] == "\\u":
                    low = int(source[i + 8:i + 12], 16)
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    width = 12
                chars.append(chr(value))
                offsets.append(i)
                i += width
            else:
                chars.append(_ESCAPES.get(code, code))
                offsets.append(i)
                i += 2
        else:
            chars.append(source[i])
            offsets.append(i)
            i += 1
    return "".join(chars), offsets, i + 1


def string_values(source: str, depth: int) -> Iterator[dict[str, tuple[int, str, list[int]]]]:
    """For each object nested ``depth`` deep, the string values of its keys:
    key -> (literal start, value, offsets). The source must already be valid JSON."""
    stack: list[str] = []
    current: list[dict[str, Any]] = []
    key: str | None = None
    expect_key = False
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == '"':
            value, offsets, after = decode_string(source, i)
            if stack and stack[-1] == "{" and expect_key:
                key, expect_key = value, False
            elif stack and stack[-1] == "{" and key is not None and len(stack) == depth:
                current[-1][key] = (i, value, offsets)
            i = after
            continue
        if ch in "{[":
            stack.append(ch)
            current.append({})
            expect_key = ch == "{"
        elif ch in "}]":
            stack.pop()
            done = current.pop()
            if ch == "}" and len(stack) == depth - 1:
                yield done
        elif ch == ",":
            expect_key = bool(stack) and stack[-1] == "{"
        i += 1


# --- CSV -------------------------------------------------------------------------------

def csv_cells(source: str) -> Iterator[list[tuple[str, list[int]]]]:
    """Rows of (cell value, source offset of each character), RFC 4180 quoting."""
    i, n = 0, len(source)
    row: list[tuple[str, list[int]]] = []
    while i <= n:
        chars: list[str] = []
        offsets: list[int] = []
        if i < n and source[i] == '"':
            i += 1
            while i < n:
                if source[i] == '"':
                    if i + 1 < n and source[i + 1] == '"':
                        chars.append('"')
                        offsets.append(i)
                        i += 2
                        continue
                    i += 1
                    break
                chars.append(source[i])
                offsets.append(i)
                i += 1
        while i < n and source[i] not in ",\r\n":
            chars.append(source[i])
            offsets.append(i)
            i += 1
        row.append(("".join(chars), offsets))
        if i < n and source[i] == ",":
            i += 1
            continue
        if i < n and source[i] == "\r":
            i += 1
        if i < n and source[i] == "\n":
            i += 1
        if any(value for value, _ in row) or len(row) > 1:
            yield row
        row = []
        if i >= n:
            break


# --- reading ---------------------------------------------------------------------------

class Entry:
    """One entry: its fields, and where its text is written (offsets into the file)."""

    def __init__(self, fields: dict[str, Any], offsets: list[int] | None, at: int):
        self.fields = fields
        self.offsets = offsets
        self.at = at  # file offset of the entry, for problems


def read_jsonl(source: str) -> Iterator[Entry | tuple[int, str]]:
    position = 0
    for line in source.splitlines(keepends=True):
        body = line.strip()
        if body:
            try:
                data = json.loads(body)
            except json.JSONDecodeError as exc:
                yield (position + line.index(body[0]) + exc.pos,
                       f"this line is not valid JSON: {exc.msg}")
            else:
                if not isinstance(data, dict):
                    yield position, "each line should be a JSON object with a 'text' field"
                else:
                    start = position + line.index(body[0])
                    spans = {key: (at + start, value, [o + start for o in offsets])
                             for key, (at, value, offsets)
                             in next(string_values(body, 1), {}).items()}
                    yield _entry(data, spans, start)
        position += len(line)


def read_json(source: str) -> Iterator[Entry | tuple[int, str]]:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        yield exc.pos, f"this file is not valid JSON: {exc.msg}"
        return
    if isinstance(data, dict) and isinstance(data.get("drafts"), list):
        data, depth = data["drafts"], 3
    else:
        depth = 2
    if not isinstance(data, list):
        yield 0, "a JSON collection is a list of objects, each with a 'text' field"
        return
    spans = list(string_values(source, depth))
    objects = [item for item in data if isinstance(item, dict)]
    starts = [min((s for s, _, _ in found.values()), default=0) for found in spans]
    for index, item in enumerate(objects):
        found = spans[index] if index < len(spans) else {}
        yield _entry(item, found, starts[index] if index < len(starts) else 0)


def read_csv(source: str) -> Iterator[Entry | tuple[int, str]]:
    rows = list(csv_cells(source))
    if not rows:
        return
    header = [value.strip().lstrip("\ufeff") for value, _ in rows[0]]
    if "text" not in header:
        yield 0, "the first row should name the columns, one of them 'text'"
        return
    for row in rows[1:]:
        fields = {name: value for name, (value, _) in zip(header, row)}
        offsets = {name: cell for name, cell in zip(header, row)}
        text_cell = offsets.get("text")
        at = row[0][1][0] if row and row[0][1] else 0
        entry = Entry({k: v for k, v in fields.items() if v != ""}, None, at)
        if text_cell is not None:
            entry.fields["text"] = text_cell[0]
            entry.offsets = text_cell[1]
        if "disable" in entry.fields:
            entry.fields["disable"] = entry.fields["disable"].replace(",", " ").split()
        yield entry


def _entry(data: dict[str, Any], spans: dict[str, tuple[int, str, list[int]]],
           at: int) -> Entry:
    text = spans.get("text")
    offsets = text[2] if text and text[1] == data.get("text") else None
    return Entry(data, offsets, at)


READERS = {".jsonl": read_jsonl, ".json": read_json, ".csv": read_csv}


def drafts(source: str, label: str, suffix: str) -> Iterator[Any]:
    """The drafts of a collection file, each mapping its offsets into the file."""
    from . import Draft

    starts = line_starts(source)
    for number, item in enumerate(READERS[suffix](source), start=1):
        if isinstance(item, tuple):
            offset, problem = item
            line, column = line_col(starts, min(offset, len(source)))
            yield Draft("", id=f"{label}#{number}", source=label, problem=problem,
                        origin=(line, column))
            continue
        fields = item.fields
        entry_id = str(fields.get("id", f"{label}#{number}"))
        text = fields.get("text")
        meta = {k: str(fields[k]) for k in METADATA[1:] if fields.get(k) is not None}
        if not isinstance(text, str):
            line, column = line_col(starts, item.at)
            yield Draft("", id=entry_id, source=label, problem="this entry has no 'text'",
                        origin=(line, column), **meta)
            continue
        disable = fields.get("disable") or []
        if isinstance(disable, str):
            disable = disable.replace(",", " ").split()
        suppressions = [Suppression(0, len(text) + 1, tuple(map(str, disable)), 0)] \
            if disable else []
        offsets = item.offsets
        locate = None
        if offsets is not None:
            end = offsets[-1] + 1 if offsets else item.at

            def locate(offset: int, offsets=offsets, end=end) -> tuple[int, int]:
                return line_col(starts, offsets[offset] if offset < len(offsets) else end)
        else:
            line, column = line_col(starts, item.at)

            def locate(offset: int, line=line, column=column) -> tuple[int, int]:
                return line, column
        yield Draft(text, id=entry_id, source=label, suppressions=suppressions,
                    locator=locate, **meta)
