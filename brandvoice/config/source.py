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
from typing import Any, Iterator

import yaml

from .. import cache
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
    ("found unhashable key", "a key must be a word or a number, not a list or a block"),
    ("expected a scalar node", "remove the tag (such as '!!int') in front of this value"),
    ("expected a sequence node", "remove the tag (such as '!!seq') in front of this value"),
    ("expected a mapping node", "remove the tag (such as '!!map') in front of this value"),
    ("for merging", "'<<' merges a block of 'key: value' lines given by an alias '*name'"),
]

#: How deeply lists and blocks may nest (counting what aliases repeat). The deepest
#: documented key (a ``sequence`` token's ``IN`` list) is at level 7.
MAX_DEPTH = 50
#: How many values aliases (``*name``) may repeat in one file, in all. Each repeat is
#: counted with everything inside it, so a few lines cannot stand for billions of values.
MAX_ALIASED = 100_000


class Refused(yaml.MarkedYAMLError):
    """YAML that is well formed but that brandvoice does not read: nesting too deep,
    aliases that repeat too much or themselves, a value its tag cannot make."""

    def __init__(self, mark: yaml.Mark, words: str):
        super().__init__(problem=words, problem_mark=mark)


def _nodes(loader: Any) -> Iterator[yaml.Node]:
    """The root node of each document the loader's parser reads.

    PyYAML's composers (libyaml's in C as well) recurse once per level of nesting, so a
    few thousand '[' overflow the stack, and they share an aliased node without counting
    it, so nine aliases of nine aliases of ... make billions of values for whoever walks
    them. This composer keeps its own stack and refuses nesting deeper than MAX_DEPTH
    and aliases that repeat more than MAX_ALIASED values (or themselves).
    """
    loader.get_event()  # stream start
    while not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # document start
        yield _compose(loader)
        loader.get_event()  # document end
    loader.get_event()


def _compose(loader: Any) -> yaml.Node:
    anchors: dict[str, yaml.Node] = {}
    # For each finished node: how many values it holds (aliases expanded), and how many
    # levels of lists and blocks it spans.
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[list[Any]] = []  # [node, size, height, key waiting for its value]
    aliased = 0
    get_event, resolve = loader.get_event, loader.resolve
    scalar, mapping_end = yaml.ScalarEvent, yaml.MappingEndEvent
    sequence_end = yaml.SequenceEndEvent
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                   style=event.style)
            size, height = 1, 0
            if event.anchor is not None:
                _anchor(event, anchors)
                anchors[event.anchor] = node
                sizes[id(node)] = (size, height)
        elif kind is mapping_end or kind is sequence_end:
            node, size, height, _ = stack.pop()
            node.end_mark = event.end_mark
            sizes[id(node)] = (size, height)
        elif kind is yaml.AliasEvent:
            node = _alias(event, anchors, sizes)
            size, height = sizes[id(node)]
            aliased += size
            if aliased > MAX_ALIASED:
                raise Refused(event.start_mark, (
                    f"the alias '*{event.anchor}' brings the values repeated by aliases in "
                    f"this file over {MAX_ALIASED:,}; write the values out, or use fewer "
                    "aliases ('*name')"))
            if len(stack) + height > MAX_DEPTH:
                raise Refused(event.start_mark, (
                    f"the alias '*{event.anchor}' nests lists and blocks more than "
                    f"{MAX_DEPTH} levels deep; brandvoice files need only a few levels"))
        else:  # the start of a list or block
            if len(stack) >= MAX_DEPTH:
                raise Refused(event.start_mark, (
                    f"lists and blocks are nested more than {MAX_DEPTH} levels deep "
                    "here; brandvoice files need only a few levels"))
            node_kind = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(node_kind, None, event.implicit)
            node = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                _anchor(event, anchors)
                anchors[event.anchor] = node
            stack.append([node, 1, 1, None])
            continue
        if not stack:
            return node
        parent = stack[-1]
        parent[1] += size
        if height >= parent[2]:
            parent[2] = height + 1
        if parent[0].id == "sequence":
            parent[0].value.append(node)
        elif parent[3] is None:
            parent[3] = node
        else:
            parent[0].value.append((parent[3], node))
            parent[3] = None


def _anchor(event: Any, anchors: dict[str, yaml.Node]) -> None:
    if event.anchor in anchors:
        raise yaml.composer.ComposerError(
            f"found duplicate anchor {event.anchor!r}; first occurrence",
            anchors[event.anchor].start_mark, "second occurrence", event.start_mark)


def _alias(event: Any, anchors: dict[str, yaml.Node], sizes: dict[int, Any]) -> yaml.Node:
    node = anchors.get(event.anchor)
    if node is None:
        raise yaml.composer.ComposerError(
            None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
    if id(node) not in sizes:  # still open: the alias is inside what it names
        raise Refused(event.start_mark, (
            f"the alias '*{event.anchor}' is inside the '&{event.anchor}' it repeats, "
            "so it would repeat itself forever; write the values out instead"))
    return node


def compose_all(text: str) -> Iterator[yaml.Node]:
    """The root node of each YAML document in ``text`` (nodes only: values as written),
    read with the bounds of :func:`_nodes`; problems are raised as ``yaml.YAMLError``."""
    if _FastLoader is not _Loader:
        loader = _FastLoader(text)
        try:
            nodes = list(_nodes(loader))
        except yaml.YAMLError:
            pass  # read again below, for the position and words of the problem (libyaml
            # 0.2.6 refuses deep nesting by scanning ahead, before the walk reaches its bound)
        else:
            yield from nodes
            return
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        yield from _nodes(loader)
    finally:
        loader.dispose()


def read_data(text: str) -> Any:
    """The data of the one YAML document in ``text`` (None when empty), read as config files
    are; problems are raised as ``yaml.YAMLError`` (see :func:`describe_yaml_error`)."""
    loader = _Loader(text)
    try:
        node = _single_node(loader)
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _single_node(loader: Any) -> yaml.Node | None:
    """The root node of the file's one document (None when it has none)."""
    loader.get_event()  # stream start
    node = None
    if not loader.check_event(yaml.StreamEndEvent):
        loader.get_event()  # document start
        node = _compose(loader)
        loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream", node.start_mark if node else None,
            "but found another document", event.start_mark)
    return node


def describe_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, int, int, str]:
    """Where a YAML error is (offset, 1-based line and column) and what it is, in plain words."""
    if isinstance(exc, Refused):
        mark = exc.problem_mark
        return mark.index, mark.line + 1, mark.column + 1, exc.problem
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
    lines = text.splitlines()
    plain = _plainly(exc, problem, mark, lines) if mark is not None else None
    if plain is not None:
        at, said = plain
        return (_offset(lines, at), at.line + 1, at.column + 1,
                f"this is not valid YAML: {said}")
    where = (mark.index, mark.line + 1, mark.column + 1) if mark else (0, 1, 1)
    # The parser's context ("while parsing a block mapping") is jargon: leave it out.
    words = f"this is not valid YAML: {problem}"
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            words += f"; {hint}"
            break
    return (*where, words)


def _offset(lines: list[str], mark: Any) -> int:
    return sum(len(line) + 1 for line in lines[:mark.line]) + mark.column


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def _key(line: str) -> str:
    """The key a 'key: value' line (or '- key: value' item) starts with."""
    found = re.match(r"^\s*(?:-\s+)?([^:#]+?):(?:\s|$)", line)
    return found[1] if found else line.strip()[:20]


def _after_key(line: str) -> str:
    """What follows the first ': ' of a line (its value, as written)."""
    return re.split(r":[ \t]", line, maxsplit=1)[-1].strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_above(lines: list[str], below: int, column: int | None = None) -> int | None:
    """The line number of the nearest '- ' list item above ``below`` (at ``column``)."""
    for number in range(below - 1, -1, -1):
        line = lines[number]
        if line.lstrip(" ").startswith("- ") and (column is None or _indent(line) == column):
            return number
    return None


def _plainly(exc: yaml.YAMLError, problem: str, mark: Any, lines: list[str]
             ) -> tuple[Any, str] | None:
    """The common mistakes of people who do not write YAML every day, said plainly: where
    the mistake is (a mark) and what to do. None when the mistake is not one of them."""
    context = getattr(exc, "context", None) or ""
    opened = getattr(exc, "context_mark", None)
    line = _line(lines, mark.line)
    here = mark.column
    if problem.startswith("expected <block end>, but found"):
        found = problem.rsplit("found ", 1)[1]
        if found in ("'?'", "'<block mapping start>'") and "block collection" in context \
                and opened is not None:
            item = _item_above(lines, mark.line, opened.column)
            if item is not None:
                first = lines[item]
                column = _indent(first) + 2 + _indent(first[_indent(first) + 2:])
                how = "less" if here < column else "more"
                return mark, (
                    f"this line is indented {how} than the list item above it (line "
                    f"{item + 1}); indent '{_key(line)}:' to line up with '{_key(first)}:' "
                    f"(column {column + 1})")
        if found in ("'<block sequence start>'", "'-'"):
            item = _item_above(lines, mark.line)
            if item is not None and _indent(lines[item]) != here:
                return mark, (
                    f"this list item is not lined up with the one above it (line {item + 1}); "
                    f"start its '- ' at column {_indent(lines[item]) + 1}, like that one")
            return mark, ("a list item ('- ') cannot follow 'key: value' lines in the same "
                          "block; put the list under its own key ('rules:' on the line "
                          "above it), or indent it under the key it belongs to")
        if found == "'<scalar>'":
            value = re.match(r"^\s*(?:-\s+)?[^:#]+?:\s+(.*)$", line)
            first = value[1][:1] if value else ""
            if first == "'":
                return mark, (
                    "the text in single quotes ends before this point, and more text follows "
                    "it; inside '...' write an apostrophe twice ('Don''t'), or put the text "
                    "in double quotes instead (\"Don't\")")
            if first == '"':
                return mark, (
                    "the text in double quotes ends before this point, and more text follows "
                    "it; inside \"...\" write a quote as \\\" , or put the text in single "
                    "quotes instead")
            if first in ("{", "["):
                return mark, (
                    f"a value that starts with '{first}' is read as a "
                    f"{'block' if first == '{' else 'list'}; put the whole value in quotes: "
                    f"\"{value[1].strip()}\"")
    if problem == "mapping values are not allowed here":
        before = line[:here]
        if re.search(r":\s", before[:-1] if before.endswith(":") else before):
            return mark, ("this value contains ': ', which YAML reads as the start of "
                          "another key; put the whole value in quotes: "
                          f"{_key(line)}: \"{_after_key(line)}\"")
        above = mark.line - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        previous = _line(lines, above)
        if re.match(r"^\s*-[^\s-]", previous):
            return (type(mark)(mark.name, 0, above, _indent(previous), None, None),
                    "a list item starts with '- ' (a dash, then a space); write "
                    f"'- {previous.strip()[1:]}'")
        if above >= 0 and _indent(line) > _indent(previous):
            return type(mark)(mark.name, 0, mark.line, _indent(line), None, None), (
                f"this line is indented more than the line above it (line {above + 1}); "
                f"indent '{_key(line)}:' to line up with '{_key(previous)}:' (column "
                f"{_indent(previous) + (2 if previous.lstrip().startswith('- ') else 0) + 1})")
    if problem == "could not find expected ':'" and opened is not None:
        written = _line(lines, opened.line)
        if re.match(r"^\s*(?:-\s+)?[^\s:]+:\S", written):
            key, _, rest = written.strip().lstrip("- ").partition(":")
            return opened, (f"put a space after the ':' of '{key}': write '{key}: {rest}'")
        return opened, ("this line has no ':'; write it as 'key: value', with ': ' after "
                        "the key")
    found = re.match(r"found character '(.)' that cannot start any token", problem)
    if found and found[1] in "@`%":
        value = re.split(r"[,\]}]|\s#", line[here:])[0].strip()
        return mark, (f"a value cannot start with '{found[1]}' in YAML; put the whole value "
                      f"in quotes: '{value}'")
    if "while scanning an alias" in context or problem.startswith("found undefined alias"):
        at = opened if "while scanning an alias" in context and opened is not None else mark
        return at, ("a value that starts with '*' is read as an alias ('*name'); put the "
                    "whole value in quotes (such as '*important*')")
    if problem.startswith(("expected ',' or ']'", "expected ',' or '}'")) \
            and opened is not None and opened.line != mark.line:
        bracket = _line(lines, opened.line)[opened.column:opened.column + 1] or "["
        closing = "]" if bracket == "[" else "}"
        return opened, (f"the '{bracket}' opened here is not closed on its line; end it with "
                        f"'{closing}' (text that contains ':', ',' or '#' goes in quotes)")
    return None


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


_YAML_TAG = "tag:yaml.org,2002:"


def _shown(node: yaml.Node) -> str:
    """A value as written, shortened for a message."""
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    return value if len(value) <= 40 else value[:37] + "..."


def _int(self: Any, node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode) and not node.value.replace("_", "").lstrip("+-"):
        raise Refused(node.start_mark, "'!!int' is given no number here; write a whole number")
    try:
        return yaml.SafeLoader.construct_yaml_int(self, node)
    except ValueError as exc:
        reason = ("it has too many digits" if "digits" in str(exc)
                  else "remove the tag '!!int' if it is text")
        raise Refused(node.start_mark,
                      f"'{_shown(node)}' cannot be read as a whole number; {reason}") from None


def _float(self: Any, node: yaml.Node) -> float:
    if isinstance(node, yaml.ScalarNode) and not node.value.replace("_", "").lstrip("+-"):
        raise Refused(node.start_mark, "'!!float' is given no number here; write a number")
    try:
        return yaml.SafeLoader.construct_yaml_float(self, node)
    except ValueError:
        raise Refused(node.start_mark, f"'{_shown(node)}' cannot be read as a number; remove "
                                       "the tag '!!float' if it is text") from None


def _bool(self: Any, node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode) and node.value.lower() not in self.bool_values:
        raise Refused(node.start_mark, f"'{_shown(node)}' cannot be read as true or false; "
                                       "remove the tag '!!bool' if it is text")
    return yaml.SafeLoader.construct_yaml_bool(self, node)


def _timestamp(self: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode) and not self.timestamp_regexp.match(node.value):
        raise Refused(node.start_mark, f"'{_shown(node)}' cannot be read as a date; write it "
                                       "as YYYY-MM-DD, such as 2027-01-31")
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(self, node)
    except (ValueError, OverflowError) as exc:  # month 13, February 30, hour 25...
        raise Refused(node.start_mark, (
            f"'{_shown(node)}' looks like a date but is not one ({exc}); write a real date as "
            "YYYY-MM-DD, or put the value in quotes if it is text")) from None


def _undefined(self: Any, node: yaml.Node) -> Any:
    tag = str(node.tag)
    tag = "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag
    raise Refused(node.start_mark, (
        f"the tag '{tag}' is not supported; brandvoice reads plain values (text, numbers, "
        "true or false, lists and blocks of 'key: value' lines): remove the tag"))


def _safe_values(loader: type) -> type:
    """Values whose tag cannot make them (``!!int x``, the date 2026-13-45, an unknown tag)
    become a :class:`Refused` at their position instead of a Python error."""
    for name, construct in (("int", _int), ("float", _float), ("bool", _bool),
                            ("timestamp", _timestamp)):
        loader.add_constructor(_YAML_TAG + name, construct)
    loader.add_constructor(None, _undefined)
    return loader


#: The pure-Python loader: its error messages are the ones users see.
_Loader = _safe_values(_yaml12_booleans(type("_Loader", (yaml.SafeLoader,), {})))
#: libyaml's parser (same positions, in characters), ten times faster on the built-in
#: packs; a file it refuses is read again with ``_Loader`` for the message.
_FastLoader = _safe_values(_yaml12_booleans(
    type("_FastLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})))


def load_yaml(file: str | Path, text: str | None = None) -> Source:
    """Parse one YAML document from ``file``; raise ConfigError with its position on failure."""
    source, problems = read_yaml(file, text)
    if problems:
        raise ConfigError(problems)
    return source


def read_yaml(file: str | Path, text: str | None = None) -> tuple[Source, list[Problem]]:
    """Parse one YAML document from ``file``, with the problems that do not stop reading it.

    A file that is not YAML raises ConfigError (nothing more can be read from it); a key
    written twice in one block is returned as a problem with the data (the later value
    wins), so that the file's other mistakes are found in the same run. What is read of a
    file without a problem is kept in the cache (brandvoice/cache.py) for its next read.
    """
    name = str(file)
    if text is None:
        text = read_text(name)
    kept = cache.read_yaml(text)
    if kept is not None:
        return Source(name, *kept), []
    source, problems = _read(name, text)
    if not problems:
        cache.keep_yaml(text, source.data, source.values, source.keys)
    return source, problems


def _read(name: str, text: str) -> tuple[Source, list[Problem]]:
    if _FastLoader is not _Loader:
        try:
            return _parse(name, text, _FastLoader)
        except (yaml.YAMLError, ConfigError):
            pass  # read again below, for the position and words of the problem
    return _parse(name, text, _Loader)


def _parse(name: str, text: str, kind: type) -> tuple[Source, list[Problem]]:
    try:
        loader = kind(text)
    except yaml.YAMLError as exc:  # a character YAML does not allow
        raise ConfigError(_yaml_error(name, exc, text)) from None
    try:
        node = _single_node(loader)
        problems = _duplicate_keys(name, node) if node is not None else []
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_error(name, exc, text)) from None
    finally:
        loader.dispose()
    source = Source(name, data)
    if node is not None:
        _record(source, node, (), loader)
    return source, problems


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
    seen_nodes: set[int] = set()  # a node repeated by aliases is looked at once
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:
            continue
        seen_nodes.add(id(current))
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
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ConfigError(Problem(Location(name, *_deepest(text)), (
            "lists and tables are nested too deeply here; brandvoice settings need only a "
            "few levels"))) from None
    except ValueError:  # the one other: a whole number of more than 4,300 digits
        found = re.search(r"[0-9][0-9_]{4300,}", text)
        line, col = _line_column(text, found.start()) if found else (1, 1)
        raise ConfigError(Problem(Location(name, line, col),
                                  "this number has too many digits")) from None
    table = data.get("tool", {}).get("brandvoice")
    if table is None:
        return None
    source = Source(name, table)
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\s*tool\s*\.\s*brandvoice\s*((?:\.\s*[A-Za-z0-9_-]+\s*)*)\]"
                        r"\s*(#.*)?$")
    path: tuple[str, ...] | None = None  # the brandvoice table the lines are in, if any
    for number, line in enumerate(lines):
        if re.match(r"^\s*\[", line):
            found = header.match(line)
            path = tuple(part.strip() for part in found[1].split(".") if part.strip()) \
                if found else None
            if path is not None:
                source.keys.setdefault(path, (number + 1, 1))
                source.values.setdefault(path, (number + 1, 1))
            continue
        if path is None:
            continue
        found = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=\s*", line)
        if found:
            key = (*path, found[2])
            source.keys[key] = (number + 1, len(found[1]) + 1)
            source.values[key] = (number + 1, found.end() + 1)
            _items(source, key, line, found.end(), number + 1)
    return source


def _items(source: Source, key: tuple[str, ...], line: str, start: int, number: int) -> None:
    """The places of the items of a one-line list of strings (``["a", "b"]``)."""
    found = re.match(r"\[\s*((?:\"[^\"\n]*\"|'[^'\n]*')(?:\s*,\s*(?:\"[^\"\n]*\"|'[^'\n]*'))*)"
                     r"\s*,?\s*\]", line[start:])
    if not found:
        return
    for index, item in enumerate(re.finditer(r"\"[^\"\n]*\"|'[^'\n]*'", found[1])):
        source.values[(*key, index)] = (number, start + found.start(1) + item.start() + 1)


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index)
    return line + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _deepest(text: str) -> tuple[int, int]:
    """Where a run of opening brackets nests deepest (strings are not told apart: this
    only points at the place to look)."""
    depth = best = where = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > best:
                best, where = depth, index
        elif char in "]}":
            depth = max(depth - 1, 0)
    return _line_column(text, where)
