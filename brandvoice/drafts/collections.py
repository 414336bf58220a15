"""Collections of canned responses: ``.yaml``, ``.json``, ``.jsonl`` and ``.csv`` files,
one draft per entry.

Each entry has ``text`` and optionally ``id``, ``channel``, ``department``, ``context``,
``in_reply_to`` and ``disable`` (rule ids switched off for that entry). Findings point
into the file: every character of an entry's text is mapped back to where it is written.
Something that is not an entry (a line that is not JSON, an entry without text) becomes
a draft with a problem, and the other entries are still read.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..text import line_col, line_starts
from .csv_entries import read_csv
from .entry import Bad, Entry, kind, resolve
from .json_entries import read_json, read_jsonl
from .suppress import Suppression
from .yaml_entries import read_yaml

METADATA = ("id", "channel", "department", "context", "in_reply_to", "created_at", "author")

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
        entry_id = str(fields.get("id", f"{label}#{number}"))
        meta = {k: str(fields[k]) for k in METADATA[1:] if fields.get(k) is not None}
        text = fields.get("text")
        if not isinstance(text, str):
            problem = "this entry has no 'text'" if text is None else \
                f"this entry's 'text' should be text, not {kind(text)}"
            yield Draft("", id=entry_id, source=label, problem=problem, origin=where, **meta)
            continue
        disable = fields.get("disable") or []
        if isinstance(disable, str):
            disable = disable.replace(",", " ").split()
        origin = line_col(starts, item.disable_at) if item.disable_at is not None else where
        suppressions = [Suppression(0, len(text) + 1, tuple(map(str, disable)), 0, origin)] \
            if disable else []
        offsets = item.offsets

        def locate(offset: int, offsets=offsets, where=where) -> tuple[int, int]:
            known = resolve(offsets)
            return line_col(starts, known[offset]) if known is not None else where
        yield Draft(text, id=entry_id, source=label, suppressions=suppressions,
                    locator=locate, offsets=offsets, encode=item.encode, **meta)
