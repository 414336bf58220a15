"""One entry of a collection, and where each character of its text is written in the file.

A value read from JSON, CSV or YAML is not a slice of the file: escapes, doubled quotes,
indentation and folded lines sit between its characters. :class:`OffsetMap` keeps, in
runs, where each character came from, so a finding's line and column point at the
matched text in the file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Callable

import yaml


class OffsetMap:
    """For each character of a value, its offset in the source, stored as runs of
    consecutive characters (a value without escapes is a single run)."""

    __slots__ = ("_value", "_source", "length", "end")

    def __init__(self) -> None:
        self._value: list[int] = []
        self._source: list[int] = []
        self.length = 0
        #: Offset in the source just after the value (where an end position points).
        self.end = 0

    def add(self, source: int, count: int = 1) -> None:
        """The next ``count`` characters of the value are written from ``source`` on."""
        if count <= 0:
            return
        if not self._value or self._source[-1] + self.length - self._value[-1] != source:
            self._value.append(self.length)
            self._source.append(source)
        self.length += count
        self.end = source + count

    def __getitem__(self, offset: int) -> int:
        if offset >= self.length or not self._value:
            return self.end
        run = bisect.bisect_right(self._value, offset) - 1
        return self._source[run] + offset - self._value[run]


class Deferred:
    """An :class:`OffsetMap` worked out on first use: most entries have no finding, and
    never need to know where their characters are."""

    __slots__ = ("_make", "_map", "_done")

    def __init__(self, make: Callable[[], OffsetMap | None]):
        self._make = make
        self._map: OffsetMap | None = None
        self._done = False

    def resolve(self) -> OffsetMap | None:
        if not self._done:
            self._map, self._done, self._make = self._make(), True, None  # type: ignore
        return self._map


def resolve(offsets: "OffsetMap | Deferred | None") -> OffsetMap | None:
    """The offset map of an entry (None when where its text is written is not known)."""
    return offsets.resolve() if isinstance(offsets, Deferred) else offsets


@dataclass
class Entry:
    """One entry of a collection: its fields, where its text is written, where it starts."""

    fields: dict[str, Any]
    #: Where the characters of ``fields["text"]`` are written (None: not known).
    offsets: OffsetMap | Deferred | None
    at: int
    #: Where the entry's ``disable`` value is written, if it has one.
    disable_at: int | None = None
    #: How a replacement for part of the text is written in the file (escaped, quoted);
    #: None from it when it cannot be written there safely.
    encode: Callable[[str], str | None] | None = None


@dataclass
class Bad:
    """Something in a collection that is not an entry: where it is and what is wrong."""

    at: int
    problem: str


def kind(value: Any) -> str:
    """What a value that should have been text is, in plain words."""
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple, yaml.SequenceNode)):
        return "a list"
    if isinstance(value, (dict, yaml.MappingNode)):
        return "a mapping"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    return "a number" if isinstance(value, (int, float)) else "not text"
