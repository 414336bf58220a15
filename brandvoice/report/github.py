"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=replies/a.txt,line=1,col=4,endLine=1,endColumn=13,title=legal.x::Avoid 'guarantee'.

GitHub shows them on the pull request's changed lines. Errors stay errors, warnings
warnings, and suggestions become notices. The message ends with the suggestions it does
not already name ('Try: "we expect".'), as in the text report. Values are escaped as
GitHub's workflow commands require: ``%``, CR and LF everywhere, and ``:`` and ``,`` in
properties (the file name and title).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence, TextIO

from ..result import Result
from .text import suggestion_text

if TYPE_CHECKING:
    from . import Tally

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def write(results: Iterable[Result], out: TextIO) -> "Tally":
    """One line per finding, as results come; nothing when all is well."""
    from . import Tally

    tally = Tally()
    for result in tally.counted(results):
        source = result.source or result.id
        for f in result.findings:
            where = f"file={_property(source)},line={f.line},col={f.column}"
            if f.end_line >= f.line and (f.end_line, f.end_column) != (f.line, f.column):
                where += f",endLine={f.end_line},endColumn={f.end_column}"
            tries = suggestion_text(f)
            message = f"{f.message} {tries}" if tries else f.message
            if f.also:
                message += f" (also: {', '.join(f.also)})"
            out.write(f"::{COMMANDS[f.severity]} {where},title={_property(f.rule)}::"
                      f"{_data(message)}\n")
    return tally


def render(results: Sequence[Result]) -> str:
    from . import rendered

    return rendered(write, results)
