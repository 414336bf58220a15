"""Collections of canned responses: ``.yaml``, ``.json``, ``.jsonl`` and ``.csv`` files,
one draft per entry.

Each entry has ``text`` and optionally ``id``, ``channel``, ``department``, ``context``,
``in_reply_to`` and ``disable`` (rule ids switched off for that entry). Findings point
into the file: every character of an entry's text is mapped back to where it is written.
Something that is not an entry (a line that is not JSON, an entry without text) becomes
a draft with a problem, and the other entries are still read.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterator

import yaml

from ..text import line_col, line_starts
from .csv_entries import read_csv
from .entry import Bad, Entry, kind, resolve
from .json_entries import read_json, read_jsonl
from .suppress import Suppression
from .yaml_entries import read_yaml

METADATA = ("id", "channel", "department", "context", "in_reply_to", "created_at", "author",
            "in_reply_to_created_at", "customer")

READERS: dict[str, Callable[[str], Iterator[Entry | Bad]]] = {
    ".jsonl": read_jsonl, ".json": read_json, ".csv": read_csv,
    ".yaml": read_yaml, ".yml": read_yaml,
}


def drafts(source: str, label: str, suffix: str) -> Iterator[Any]:
    """The drafts of a collection file, each mapping its offsets into the file."""
    from . import Draft

    starts = line_starts(source)
    for number, item in enumerate(READERS[suffix](source), start=1):
        where = line_col(starts, min(item.at, len(source)))
        if isinstance(item, Bad):
            yield Draft("", id=f"{label}#{number}", source=label, problem=item.problem,
                        origin=where)
            continue
        fields = item.fields
        entry_id = fields.get("id")
        entry_id = f"{label}#{number}" if entry_id is None or not scalar(entry_id) \
            else str(entry_id)
        meta, problem = metadata(fields)
        meta.pop("id", None)  # the entry's id is entry_id
        text = fields.get("text")
        if problem is None and not isinstance(text, str):
            problem = "this entry has no 'text'" if text is None else \
                f"this entry's 'text' should be text, not {kind(text)}"
        disable = fields.get("disable")
        if disable is None:
            disable = []
        elif isinstance(disable, str):
            disable = disable.replace(",", " ").split()
        origin = line_col(starts, item.disable_at) if item.disable_at is not None else where
        if problem is None and not (isinstance(disable, list)
                                    and all(isinstance(rule, str) for rule in disable)):
            where = origin
            wrong = next((r for r in disable if not isinstance(r, str)), None) \
                if isinstance(disable, list) else None
            problem = ("this entry's 'disable' list should hold rule ids only, not "
                       f"{kind(wrong)}" if wrong is not None else
                       "this entry's 'disable' list should hold rule ids only, not lists or "
                       "mappings" if isinstance(disable, yaml.SequenceNode) else
                       "this entry's 'disable' should be a rule id or a list of rule ids, "
                       f"not {kind(disable)}")
        if problem is not None:
            yield Draft("", id=entry_id, source=label, problem=problem, origin=where, **meta)
            continue
        # kept when empty too: it says where the entry's disable is written (an editor
        # adds a rule to it there)
        suppressions = [Suppression(0, len(text) + 1, tuple(disable), 0, origin)] \
            if disable or item.disable_at is not None else []
        offsets = item.offsets

        def locate(offset: int, offsets=offsets, where=where) -> tuple[int, int]:
            known = resolve(offsets)
            return line_col(starts, known[offset]) if known is not None else where
        yield Draft(text, id=entry_id, source=label, suppressions=suppressions,
                    locator=locate, offsets=offsets, encode=item.encode, origin=where,
                    **meta)


def scalar(value: Any) -> bool:
    """Whether ``value`` may stand for an id or a date: text, a number (not true or
    false), or a date YAML read."""
    return isinstance(value, (str, int, float, date)) and not isinstance(value, bool)


#: Metadata that may be given as a number (or a date YAML read) as well as text.
NUMBERS_ALLOWED = ("id", "created_at", "in_reply_to_created_at", "customer")


def metadata(fields: dict[str, Any], keys: tuple[str, ...] = METADATA,
             whose: str = "this entry's") -> tuple[dict[str, str], str | None]:
    """The metadata of an entry or a front matter as text, and what is wrong with it:
    ``id`` and ``created_at`` may be numbers (or dates), the others must be text."""
    meta: dict[str, str] = {}
    problem = None
    for key in keys:
        value = fields.get(key)
        if value is None:
            continue
        if isinstance(value, str) or (key in NUMBERS_ALLOWED and scalar(value)):
            meta[key] = str(value)
        elif problem is None:
            what = "text or a number" if key in NUMBERS_ALLOWED else "text"
            problem = f"{whose} '{key}' should be {what}, not {kind(value)}"
    return meta, problem
