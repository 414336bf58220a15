"""``.yaml`` and ``.yml`` collections: a list of entries, a mapping with the list under
``drafts``, or a single entry; several documents (``---``) may follow each other.

Values are taken as written (``text: no`` is the word "no", not false). PyYAML (with
libyaml when present) says where each value starts and ends; the characters of ``text``
are then lined up with what is written there, so positions stay right inside block
scalars (``|``, ``>``), quoted strings with escapes and folded plain lines.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import yaml

from ..config.source import compose_all, describe_yaml_error
from .entry import Bad, Entry, OffsetMap

_NULL = "tag:yaml.org,2002:null"
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _written(source: str, node: yaml.ScalarNode) -> tuple[list[tuple[str, int]], int]:
    """The characters written for a scalar, escapes resolved, each with its offset; and
    the offset where the scalar ends."""
    start, end, style = node.start_mark.index, node.end_mark.index, node.style
    if style in ("|", ">"):  # the content starts on the line after the indicator
        newline = source.find("\n", start, end)
        start = end if newline < 0 else newline + 1
    elif style in ("'", '"'):
        start, end = start + 1, end - 1
    chars: list[tuple[str, int]] = []
    i = start
    while i < end:
        ch = source[i]
        if style == '"' and ch == "\\" and i + 1 < end:
            code = source[i + 1]
            if code in "\r\n":  # an escaped line break: nothing
                i += 1
                continue
            digits = _HEX.get(code, 0)
            try:
                value = chr(int(source[i + 2:i + 2 + digits], 16)) if digits else \
                    _ESCAPES.get(code, code)
            except ValueError:
                value = code
            chars.append((value, i))
            i += 2 + digits
            continue
        if style == "'" and source.startswith("''", i):
            chars.append(("'", i))
            i += 2
            continue
        chars.append((ch, i))
        i += 1
    return chars, end


def scalar_offsets(source: str, node: yaml.ScalarNode) -> OffsetMap:
    """Where each character of the scalar's value is written.

    YAML changes only white space between what is written and the value (indentation,
    folded line breaks), apart from escapes, which are resolved first. So the value's
    other characters are matched in order with the written ones; white space takes the
    place of the next written white space.
    """
    written, end = _written(source, node)
    where = OffsetMap()
    k = 0
    for ch in node.value:
        if ch.isspace():
            if k < len(written) and written[k][0].isspace():
                where.add(written[k][1])
                k += 1
            else:
                where.add(written[k][1] if k < len(written) else end)
            continue
        while k < len(written) and written[k][0] != ch:
            k += 1
        where.add(written[k][1] if k < len(written) else end)
        k += 1
    where.end = end
    return where


# How a replacement is written inside a scalar of each style (None: not safely).
_PLAIN_UNSAFE = re.compile(r"[:#]\s|\s#|[\n\r]|^[-?:,\[\]{}#&*!|>'\"%@`]|[:\s]$")


def _plain(replacement: str) -> str | None:
    return None if _PLAIN_UNSAFE.search(replacement) else replacement


def _block(replacement: str) -> str | None:
    return None if "\n" in replacement or "\r" in replacement else replacement


ENCODERS = {
    "'": lambda r: _block(r.replace("'", "''")),
    '"': lambda r: r.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n"),
    "|": _block,
    ">": _block,
}


def _value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL else node.value
    if isinstance(node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in node.value):
        return [item.value for item in node.value]
    return node  # something else; reported if it is the text


def _entry(source: str, node: yaml.Node) -> Entry | Bad:
    if not isinstance(node, yaml.MappingNode):
        return Bad(node.start_mark.index,
                   "each entry should be a mapping with a 'text' key, like 'text: Hello!'")
    fields: dict[str, Any] = {}
    offsets = None
    disable_at = None
    encode = None
    for key, value in node.value:
        if key.tag == "tag:yaml.org,2002:merge" and isinstance(value, yaml.MappingNode):
            merged = _entry(source, value)
            if isinstance(merged, Entry):
                for name, item in merged.fields.items():
                    fields.setdefault(name, item)
            continue
        if not isinstance(key, yaml.ScalarNode):
            continue
        fields[key.value] = _value(value)
        if key.value == "text" and isinstance(value, yaml.ScalarNode):
            offsets = scalar_offsets(source, value)
            encode = ENCODERS.get(value.style or "", _plain)
        elif key.value == "disable":
            disable_at = value.start_mark.index
    return Entry({k: v for k, v in fields.items() if v is not None}, offsets,
                 node.start_mark.index, disable_at, encode)


def _entries(source: str, document: yaml.Node) -> Iterator[Entry | Bad]:
    if isinstance(document, yaml.SequenceNode):
        for item in document.value:
            yield _entry(source, item)
        return
    if isinstance(document, yaml.MappingNode):
        for key, value in document.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "drafts" \
                    and isinstance(value, yaml.SequenceNode):
                yield from _entries(source, value)
                return
        if any(isinstance(key, yaml.ScalarNode) and key.value == "text"
               for key, _ in document.value):
            yield _entry(source, document)
            return
    yield Bad(document.start_mark.index,
              "a YAML collection is a list of entries, each with a 'text' key "
              "(or a mapping with such a list under 'drafts')")


def read_yaml(source: str) -> Iterator[Entry | Bad]:
    try:
        for document in compose_all(source):
            if document is not None:
                yield from _entries(source, document)
    except yaml.YAMLError as exc:
        at, _, _, words = describe_yaml_error(exc, source)
        yield Bad(at, words)
