"""Read YAML (and pyproject TOML) while keeping where every key and value stands.

PyYAML's safe loader builds plain Python data; we walk its node tree once more to
record the line and column of each key and value, keyed by the path of keys and
list indexes that leads to it (``("rules", 0, "phrases", 2)``). Validation errors
from the models are then mapped back to those places.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, Location, Problem

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """Data read from one file, with the position of everything in it."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: Data given in code or on the command line rather than read from a file.
    synthetic: bool = False

    def where(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the value at ``path`` (or of its key), or of the nearest parent."""
        path = tuple(path)
        table = (self.keys, self.values) if key else (self.values, self.keys)
        while True:
            for positions in table:
                if path in positions:
                    line, col = positions[path]
                    return Location(self.file, line, col)
            if not path:
                return Location(self.file, 0, 0) if self.synthetic else Location(self.file, 1, 1)
            path = path[:-1]


# Some YAML parser messages, said in the words of someone who is not a programmer.
_YAML_HINTS = [
    ("found character '\\t'", "use spaces, not tabs, to indent"),
    ("mapping values are not allowed here",
     "a value that contains ': ' must be put in quotes, or a line is indented too far"),
    ("could not find expected ':'", "a 'key: value' line is missing its ':'"),
    ("did not find expected key", "check the indentation of this line and the one above"),
    ("did not find expected '-' indicator", "list items must line up, each starting with '- '"),
    ("found undefined alias", "an '*name' refers to an '&name' that is not defined"),
    ("found unexpected end of stream", "a quote or bracket is opened and never closed"),
]


def describe_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, int, int, str]:
    """Where a YAML error is (offset, 1-based line and column) and what it is, in plain words."""
    if isinstance(exc, yaml.reader.ReaderError):
        index = min(exc.position, len(text))
        line = text.count("\n", 0, index)
        column = index - (text.rfind("\n", 0, index) + 1)
        return index, line + 1, column + 1, (
            f"this is not valid YAML: it contains the control character #x{exc.character:04x}, "
            "which YAML does not allow" if isinstance(exc.character, int) else
            f"this is not valid YAML: {exc.reason}")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    opened = getattr(exc, "context_mark", None)
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if opened is not None and ("stream end" in problem or "end of stream" in problem or at_end):
        # The file ended inside a bracket or quote: point at where it was opened.
        return (opened.index, opened.line + 1, opened.column + 1,
                "this is not valid YAML: the bracket or quote opened here is never closed")
    where = (mark.index, mark.line + 1, mark.column + 1) if mark else (0, 1, 1)
    # The parser's context ("while parsing a block mapping") is jargon: leave it out.
    words = f"this is not valid YAML: {problem}"
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            words += f"; {hint}"
            break
    return (*where, words)


def _yaml_error(file: str, exc: yaml.YAMLError, text: str) -> Problem:
    _, line, column, words = describe_yaml_error(exc, text)
    return Problem(Location(file, line, column), words)


def _yaml12_booleans(loader: type) -> type:
    """The safe loader, without YAML 1.1's yes/no/on/off booleans and sexagesimals.

    Authors write ``phrases: [no, on]`` and mean words, so only ``true`` and
    ``false`` are booleans here, as in YAML 1.2.
    """
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return loader


#: The pure-Python loader: its error messages are the ones users see.
_Loader = _yaml12_booleans(type("_Loader", (yaml.SafeLoader,), {}))
#: libyaml's parser (same positions, in characters), ten times faster on the built-in
#: packs; a file it refuses is read again with ``_Loader`` for the message.
_FastLoader = _yaml12_booleans(type("_FastLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),),
                                    {}))


def load_yaml(file: str | Path, text: str | None = None) -> Source:
    """Parse one YAML document from ``file``; raise ConfigError with its position on failure."""
    name = str(file)
    if text is None:
        text = read_text(name)
    if _FastLoader is not _Loader:
        try:
            return _parse(name, text, _FastLoader)
        except (yaml.YAMLError, ConfigError):
            pass  # read again below, for the position and words of the problem
    return _parse(name, text, _Loader)


def _parse(name: str, text: str, kind: type) -> Source:
    try:
        loader = kind(text)
    except yaml.YAMLError as exc:  # a character YAML does not allow
        raise ConfigError(_yaml_error(name, exc, text)) from None
    try:
        node = loader.get_single_node()
        problems = _duplicate_keys(name, node) if node is not None else []
        if problems:
            raise ConfigError(problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_error(name, exc, text)) from None
    finally:
        loader.dispose()
    source = Source(name, data)
    if node is not None:
        _record(source, node, (), loader)
    return source


def read_text(name: str) -> str:
    path = Path(name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(Problem(Location(name), "file not found")) from None
    except IsADirectoryError:
        raise ConfigError(Problem(Location(name), "this is a folder, not a file")) from None
    except OSError as exc:
        raise ConfigError(Problem(Location(name),
                                  f"cannot read this file: {exc.strerror}")) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            Problem(Location(name, line, col), "this file is not UTF-8 text; save it as UTF-8")
        ) from None


def _duplicate_keys(file: str, node: yaml.Node) -> list[Problem]:
    problems: list[Problem] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in current.value:
                stack.append(value_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                    continue
                key = key_node.value
                if key in seen:
                    first = seen[key].start_mark
                    mark = key_node.start_mark
                    problems.append(Problem(
                        Location(file, mark.line + 1, mark.column + 1),
                        f"key '{key}' appears twice in the same block "
                        f"(first at line {first.line + 1}); keep only one",
                    ))
                else:
                    seen[key] = key_node
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(problems, key=lambda p: (p.location.line, p.location.column))


_STR = "tag:yaml.org,2002:str"


def _record(source: Source, node: yaml.Node, path: Path_, loader: _Loader) -> None:
    mark = node.start_mark
    source.values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = key_node.value if key_node.tag == _STR else loader.construct_object(key_node)
            child = path + (key,)
            source.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record(source, value_node, child, loader)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(source, item, path + (index,), loader)


def load_pyproject(file: str | Path) -> Source | None:
    """The ``[tool.brandvoice]`` table of a pyproject.toml, or None when it has none.

    TOML keeps no positions, so keys are located by reading the table's lines.
    """
    name = str(file)
    text = read_text(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(found[1]), int(found[2])) if found else (1, 1)
        words = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(Problem(Location(name, line, col),
                                  f"this is not valid TOML: {words}")) from None
    table = data.get("tool", {}).get("brandvoice")
    if table is None:
        return None
    source = Source(name, table)
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\s*tool\s*\.\s*brandvoice\s*\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return source
    source.values[()] = (start + 1, 1)
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if re.match(r"^\s*\[", line):
            break
        found = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=\s*", line)
        if found:
            key = found[2]
            source.keys[(key,)] = (number + 1, len(found[1]) + 1)
            source.values[(key,)] = (number + 1, found.end() + 1)
    return source
