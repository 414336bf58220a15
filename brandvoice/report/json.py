"""``--format json``: the document described in FORMAT.md section 5."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence, TextIO

from ..result import Result

if TYPE_CHECKING:
    from . import Tally

VERSION = 1


def write(results: Iterable[Result], out: TextIO) -> "Tally":
    """Print the document, each draft as its result comes; the summary (which comes first
    in the document) is filled in at the end."""
    from . import Tally, write_json

    tally = Tally()
    write_json(out, lambda: {"version": VERSION, "summary": dict(tally.counts), "drafts": None},
               "drafts", (result.to_dict() for result in tally.counted(results)))
    return tally


def render(results: Sequence[Result]) -> str:
    from . import rendered

    return rendered(write, results)

