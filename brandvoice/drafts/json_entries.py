"""``.json`` and ``.jsonl`` collections.

The data are read with the standard library's ``json``; since it does not say where a
value is written, a small scanner walks the (already valid) document to find each entry
and the characters of its ``text``, through escapes such as ``\\n`` and ``\\u00e9``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from .entry import Bad, Deferred, Entry, OffsetMap, kind

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t"}
_PLAIN = re.compile(r'[^"\\]+')
_TOKEN = re.compile(r"\S")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"[^,\]}\s]*")
#: Lists and objects nested deeper than this are refused: no entry needs it, and json
#: (and the scanner below) would run out of stack on thousands of levels.
MAX_DEPTH = 100
_LINE = re.compile(r"[^\r\n]+")
_NESTING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[{]|[\]}]', re.S)


def decode_string(source: str, start: int) -> tuple[str, OffsetMap, int]:
    """The JSON string literal at ``source[start]`` (a quote): its value, where each of its
    characters is written, and the offset just after the closing quote."""
    parts: list[str] = []
    where = OffsetMap()
    i = start + 1
    while True:
        run = _PLAIN.match(source, i)
        if run:
            parts.append(run.group())
            where.add(i, run.end() - i)
            i = run.end()
        if source[i] == '"':
            where.end = i
            return "".join(parts), where, i + 1
        code = source[i + 1]
        width = 2
        if code == "u":
            value, width = int(source[i + 2:i + 6], 16), 6
            low = int(source[i + 8:i + 12], 16) if source[i + 6:i + 8] == "\\u" else 0
            if 0xD800 <= value < 0xDC00 and 0xDC00 <= low < 0xE000:  # a pair, as json reads it
                value, width = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00), 12
            parts.append(chr(value))
        else:
            parts.append(_ESCAPES.get(code, code))
        where.add(i, 1)
        i += width


def too_deep(source: str, start: int = 0, end: int | None = None) -> int | None:
    """Where, in ``source[start:end]``, a list or object is opened more than
    :data:`MAX_DEPTH` levels deep (None: nowhere). Brackets inside strings do not count."""
    end = len(source) if end is None else end
    if source.count("[", start, end) + source.count("{", start, end) <= MAX_DEPTH:
        return None
    depth = 0
    for found in _NESTING.finditer(source, start, end):
        ch = found.group()[0]
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return found.start()
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return None


_TOO_DEEP = (f"lists or objects are nested more than {MAX_DEPTH} levels deep here; an "
             "entry is an object with a 'text' field")


def _next(source: str, i: int) -> int:
    """Offset of the next character that is not white space."""
    found = _TOKEN.search(source, i)
    return found.start() if found else len(source)


def skip_value(source: str, start: int) -> int:
    """The offset just after the JSON value that starts at ``start``."""
    ch = source[start]
    if ch == '"':
        found = _STRING.match(source, start)
        return found.end() if found else len(source)
    if ch == "{":
        return members(source, start)[1]
    if ch == "[":
        end = start
        for end in _items(source, start):
            pass
        return end
    return _SCALAR.match(source, start).end()  # type: ignore[union-attr]


def members(source: str, start: int) -> tuple[dict[str, int], int]:
    """The object at ``start``: where each member's value begins, by key; and its end."""
    found: dict[str, int] = {}
    i = start + 1
    while True:
        j = _next(source, i)
        if j >= len(source) or source[j] == "}":
            return found, j + 1
        if source[j] == ",":
            i = j + 1
            continue
        key, _, after = decode_string(source, j)
        value = _next(source, source.index(":", after) + 1)
        found[key] = value
        i = skip_value(source, value)


def _items(source: str, start: int) -> Iterator[int]:
    """Where each element of the array at ``start`` begins; the last value yielded is the
    offset just after the array."""
    i = start + 1
    while True:
        j = _next(source, i)
        if j >= len(source) or source[j] == "]":
            yield j + 1
            return
        if source[j] == ",":
            i = j + 1
            continue
        yield j
        i = skip_value(source, j)


def elements(source: str, start: int) -> list[int]:
    """Where each element of the array at ``start`` begins."""
    return list(_items(source, start))[:-1]


def entry(source: str, data: Any, at: int) -> Entry | Bad:
    """The entry for the decoded object ``data`` written at ``at`` in ``source``."""
    if not isinstance(data, dict):
        return Bad(at, "each entry should be an object with a 'text' field, "
                       f"not {kind(data)}")
    disable_at = None
    if "disable" in data and at < len(source):
        disable_at = members(source, at)[0].get("disable")
    return Entry(data, Deferred(lambda: _text_offsets(source, data, at)), at, disable_at,
                 encode)


def _text_offsets(source: str, data: dict, at: int) -> OffsetMap | None:
    """Where the characters of the entry's text are written."""
    found = members(source, at)[0] if at < len(source) else {}
    text_at = found.get("text")
    if text_at is not None and source[text_at] == '"':
        value, offsets, _ = decode_string(source, text_at)
        if value == data.get("text"):  # not so for a duplicate key: json keeps the last one
            return offsets
    return None


def encode(replacement: str) -> str:
    """A replacement as it is written inside a JSON string."""
    return json.dumps(replacement, ensure_ascii=False)[1:-1]


#: json's messages, in plain words.
_PLAIN_WORDS = {
    "Unterminated string starting at": "a quoted string is never closed",
    "Expecting ',' delimiter": "a ',' is missing between two values",
    "Expecting ':' delimiter": "a ':' is missing after a key",
    "Expecting value": "a value is missing (or there is a ',' too many)",
    "Expecting property name enclosed in double quotes":
        "a key is missing or not in double quotes (or there is a ',' too many)",
    "Extra data": "something follows the end of the JSON value",
    "Invalid control character at": "a line break or tab inside a string must be written "
                                     "as \\n or \\t",
}


def _words(exc: json.JSONDecodeError) -> str:
    return _PLAIN_WORDS.get(exc.msg, exc.msg)


def read_jsonl(source: str) -> Iterator[Entry | Bad]:
    """One entry per line (lines end in LF, CRLF or a lone CR: a raw CR cannot be inside
    a JSON value); blank lines are skipped."""
    for line in _LINE.finditer(source):
        start = _next(source, line.start())
        if start >= line.end():
            continue
        deep = too_deep(source, start, line.end())
        if deep is not None:
            yield Bad(deep, f"this line is not read: {_TOO_DEEP}")
            continue
        try:
            data = json.loads(source[start:line.end()].strip())
        except json.JSONDecodeError as exc:
            yield Bad(start + exc.pos, f"this line is not valid JSON: {_words(exc)}")
        else:
            if isinstance(data, dict):
                yield entry(source, data, start)
            else:
                yield Bad(start, "each line should be a JSON object with a 'text' field, "
                                 f"not {kind(data)}")


def read_json(source: str) -> Iterator[Entry | Bad]:
    """A list of objects, or an object whose ``drafts`` member is that list."""
    deep = too_deep(source)
    if deep is not None:
        yield Bad(deep, f"this file is not read: {_TOO_DEEP}")
        return
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        yield Bad(exc.pos, f"this file is not valid JSON: {_words(exc)}")
        return
    start = _next(source, 0)
    if isinstance(data, dict) and isinstance(data.get("drafts"), list):
        data, start = data["drafts"], members(source, start)[0]["drafts"]
    if not isinstance(data, list):
        yield Bad(start, "a JSON collection is a list of objects, each with a 'text' field "
                         "(or an object with such a list under 'drafts')")
        return
    for item, at in zip(data, elements(source, start)):
        yield entry(source, item, at)
