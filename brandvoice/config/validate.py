"""Turn pydantic validation errors into problems a legal or HR author understands.

Each error names the file, line and column of the key or value at fault, the rule
it belongs to, and what to do, e.g.::

    voice/legal.yaml:14:5: rule 'legal.no-guarantees': unknown key 'phrase'
    (did you mean 'phrases'?)
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ConfigError, Problem
from ..kinds import KINDS
from .source import Source

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (one item per line, each starting with '- ')",
    "dict_type": "a block of 'key: value' lines",
    "model_type": "a block of 'key: value' lines",
    "model_attributes_type": "a block of 'key: value' lines",
}


#: What a yes/no word in a true-or-false key means (brandvoice reads them as text).
_YES_NO = {word: "true" for word in ("yes", "y", "on", "1")} | {
    word: "false" for word in ("no", "n", "off", "0")}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return type(value).__name__


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any, bool]:
    """Follow ``loc`` through ``data``, dropping union tags pydantic adds.

    Returns the path in the user's data, the value there and whether it exists.
    """
    path: list[Any] = []
    current = data
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if (len(path) == 2 and path[0] == "rules" and isinstance(current, dict)
                and current.get("kind") == step and i == 2):
            continue  # the tag pydantic adds for the rule's kind, not a key of the rule
        if isinstance(current, dict) and step in current:
            current = current[step]
            path.append(step)
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
            path.append(step)
        elif last:
            path.append(step)
            return tuple(path), None, False
        # anything else is a tag of a union ("forbid", "str", "function-after[...]")
    return tuple(path), current, True


def _model_at(model: Any, data: Any, path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (for 'did you mean')."""
    current_type: Any = model
    current = data
    for step in path:
        current_type = _resolve(current_type, current)
        if current_type is None:
            return None
        if isinstance(current_type, type) and issubclass(current_type, BaseModel):
            field = current_type.model_fields.get(step)
            if field is None:
                return None
            current_type = field.annotation
        else:
            origin = typing.get_origin(current_type)
            args = typing.get_args(current_type)
            if origin is list and args:
                current_type = args[0]
            elif origin is dict and len(args) == 2:
                current_type = args[1]
            else:
                return None
        current = current.get(step) if isinstance(current, dict) else (
            current[step] if isinstance(current, list) and isinstance(step, int)
            and step < len(current) else None)
    resolved = _resolve(current_type, current)
    return resolved if isinstance(resolved, type) and issubclass(resolved, BaseModel) else None


def _resolve(annotation: Any, value: Any) -> Any:
    """Unwrap Annotated / Optional / a union of rule kinds to one concrete type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            kind = value.get("kind") if isinstance(value, dict) else None
            chosen = None
            for member in members:
                if isinstance(member, type) and issubclass(member, BaseModel):
                    literal = member.model_fields.get("kind")
                    if kind is not None and literal is not None and kind in typing.get_args(
                            literal.annotation):
                        chosen = member
                        break
                    chosen = chosen or member
                elif typing.get_origin(member) in (list, dict) and chosen is None:
                    chosen = member
            if chosen is None:
                return None
            annotation = chosen
            continue
        return annotation


def _prefix(source: Source, path: tuple[Any, ...]) -> str:
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rules = source.data.get("rules") if isinstance(source.data, dict) else None
        rule = rules[path[1]] if isinstance(rules, list) and path[1] < len(rules) else None
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        return f"rule '{rule_id}': " if isinstance(rule_id, str) else f"rule #{path[1] + 1}: "
    return ""


def _key_name(path: tuple[Any, ...]) -> str:
    """The user's name for the key at ``path``: 'phrases', 'scope.channels', 'phrases[2]'."""
    inner = path[2:] if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int) else path
    text = ""
    for step in inner:
        if isinstance(step, int):
            text += f" item {step + 1}"
        else:
            text += ("." if text else "") + str(step)
    return text.strip() or "this file"


def _message(error: dict[str, Any], model: type[BaseModel], source: Source
             ) -> tuple[tuple[Any, ...], str]:
    path, value, exists = _walk(source.data, tuple(error["loc"]))
    kind = error["type"]
    key = _key_name(path)
    name = path[-1] if path else None

    if kind == "extra_forbidden":
        parent = _model_at(model, source.data, path[:-1])
        words = f"unknown key '{name}'"
        if len(path) > 1 and not (path[0] == "rules" and len(path) == 3):
            words += f" in '{_key_name(path[:-1])}'"
        if parent is not None:
            close = difflib.get_close_matches(str(name), list(parent.model_fields), n=1, cutoff=0.6)
            if close:
                words += f" (did you mean '{close[0]}'?)"
            else:
                words += f"; allowed keys: {', '.join(parent.model_fields)}"
        return path, words
    if kind == "missing":
        return path[:-1], f"missing required key '{name}'"
    if kind == "union_tag_not_found":
        return path, f"missing required key 'kind' (one of: {', '.join(KINDS)})"
    if kind in ("union_tag_invalid",) or (kind == "literal_error" and name == "kind"):
        tag = error.get("ctx", {}).get("tag", value)
        close = difflib.get_close_matches(str(tag), list(KINDS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return path + (("kind",) if name != "kind" else ()), (
            f"unknown kind '{tag}'{hint}; the kinds are: {', '.join(KINDS)}")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = expected.replace("'", "").replace(" or ", ", ")
        return path, f"'{key}' must be one of: {options} (not {_describe(value)})"
    if kind in _TYPE_WORDS:
        words = f"'{key}' should be {_TYPE_WORDS[kind]}, not {_describe(value)}"
        if kind == "string_type" and isinstance(value, bool):
            words += f"; put it in quotes if you mean the word: \"{str(value).lower()}\""
        elif kind == "bool_type" and isinstance(value, (str, int)):
            meant = _YES_NO.get(str(value).lower())
            if meant is not None:
                words += (f"; write {meant} (brandvoice reads only true and false as yes or "
                          "no, so that words such as 'no' and 'on' stay words)")
        return path, words
    if kind.startswith(("date_", "datetime_")):
        return path, (f"'{key}' should be a date written as YYYY-MM-DD, such as 2027-01-31 "
                      f"(not {_describe(value)})")
    if kind == "string_too_short":
        return path, f"'{key}' is empty text; write the word or phrase, or remove the item"
    if kind == "too_short":
        return path, f"'{key}' is empty; give at least one item"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = error.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        return path, f"'{key}' must be {words} {bound} (not {_describe(value)})"
    if kind == "value_error":
        msg = str(error.get("ctx", {}).get("error", error["msg"]))
        rule_level = len(path) == 2 and path[0] == "rules"
        return path, (f"'{key}': {msg}" if path and name != "id" and not rule_level else msg)
    return path, f"'{key}': {error['msg']}"


def validate(model: type[M], source: Source) -> M:
    """Validate ``source.data`` as ``model``; on failure raise ConfigError with positions."""
    result, problems = check(model, source)
    if problems:
        raise ConfigError(problems)
    return result  # type: ignore[return-value]


def check(model: type[M], source: Source) -> tuple[M | None, list[Problem]]:
    """``source.data`` validated as ``model``, or None and every problem found, in file order.

    A misspelt block (``readabilty: {max_grade: high}``) is reported as an unknown key, and
    what it holds is checked too, as the key it most looks like (``readability``), so that
    the mistakes inside it are found in the same run.
    """
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems: list[Problem] = []
    seen: set[tuple[Any, str]] = set()

    def add(path: tuple[Any, ...], words: str, *, key: bool) -> None:
        if (path, words) in seen:
            return
        seen.add((path, words))
        problems.append(Problem(source.where(path, key=key), _prefix(source, path) + words))

    renames: dict[tuple[Any, ...], str] = {}  # the path of a misspelt key -> the key meant
    for error in errors:
        path, words = _message(error, model, source)
        add(path, words, key=error["type"] == "extra_forbidden")
        if error["type"] == "extra_forbidden":
            meant = _meant(model, source.data, path)
            if meant is not None:
                renames[path] = meant
    if renames:
        for path, words, key in _inside_misspelt(model, source, renames):
            add(path, words, key=key)
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    return None, problems


def _meant(model: Any, data: Any, path: tuple[Any, ...]) -> str | None:
    """The key a misspelt key at ``path`` most looks like, when that key is not also there."""
    parent = _model_at(model, data, path[:-1])
    block = _value_at(data, path[:-1])
    if parent is None or not isinstance(block, dict) or not path:
        return None
    close = difflib.get_close_matches(str(path[-1]), list(parent.model_fields), n=1, cutoff=0.6)
    if not close or close[0] in block:
        return None
    return close[0]


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def _renamed(data: Any, path: tuple[Any, ...], old: Any, new: str) -> Any:
    """A copy of ``data`` with the key ``old`` of the block at ``path`` called ``new``."""
    if not path:
        return {(new if key == old else key): value for key, value in data.items()}
    step, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {key: (_renamed(value, rest, old, new) if key == step else value)
                for key, value in data.items()}
    copy = list(data)
    copy[step] = _renamed(copy[step], rest, old, new)
    return copy


def _inside_misspelt(model: type[BaseModel], source: Source,
                     renames: dict[tuple[Any, ...], str]
                     ) -> list[tuple[tuple[Any, ...], str, bool]]:
    """The mistakes inside misspelt blocks: the data is checked again with each misspelt
    key named as meant, and the problems found under those keys are given back at the
    keys as written (``'readabilty.max_grade' should be a number``)."""
    data = source.data
    for path, meant in renames.items():
        data = _renamed(data, path[:-1], path[-1], meant)
    try:
        model.model_validate(data)
        return []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    meant_source = Source(source.file, data)
    found = []
    for error in errors:
        path, words = _message(error, model, meant_source)
        for written, meant in renames.items():
            as_meant = written[:-1] + (meant,)
            if path[:len(as_meant)] == as_meant:
                back = written + path[len(as_meant):]
                if error["type"] == "extra_forbidden":
                    words = words.replace(f"in '{_key_name(path[:-1])}'",
                                          f"in '{_key_name(back[:-1])}'", 1)
                else:
                    words = words.replace(f"'{_key_name(path)}'", f"'{_key_name(back)}'", 1)
                found.append((back, words, error["type"] == "extra_forbidden"))
                break
    return found
