"""Report: results -> text for people; JSON, SARIF and GitHub annotations for programs.

Each format is one module with ``write(results, out)``, which prints results as they
come (a long run is never held in memory whole) and returns the :class:`Tally`, and
``render(results)``, the same output as a string.
"""

from __future__ import annotations

import io
import json as jsonlib
import tempfile
from typing import Any, Callable, Iterable, Sequence, TextIO

from ..kinds.base import SEVERITIES
from ..result import Result


class Tally:
    """Counts of drafts, passes, failures and findings by severity, kept as results pass."""

    def __init__(self) -> None:
        self.counts = {"drafts": 0, "passed": 0, "failed": 0,
                       **dict.fromkeys(reversed(SEVERITIES), 0)}

    def add(self, result: Result) -> Result:
        counts = self.counts
        counts["drafts"] += 1
        counts["passed" if result.passed else "failed"] += 1
        for finding in result.findings:
            counts[finding.severity] += 1
        return result

    def counted(self, results: Iterable[Result]) -> Iterable[Result]:
        return (self.add(result) for result in results)

    @property
    def drafts(self) -> int:
        return self.counts["drafts"]

    @property
    def all_passed(self) -> bool:
        return self.counts["failed"] == 0


def summarize(results: Sequence[Result]) -> dict[str, int]:
    """Counts of drafts, passes, failures and findings by severity."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.counts


_HOLE = "\x00brandvoice-list\x00"


def write_json(out: TextIO, document: Callable[[], dict[str, Any]], key: str,
               items: Iterable[dict[str, Any]]) -> None:
    """Print ``jsonlib.dumps(document(), indent=2)`` with the list under ``key`` (left None
    by ``document``) streamed from ``items``. The items are spooled (to disk past a few
    megabytes) while ``document`` waits for the counts they add up to."""
    def split() -> tuple[str, str, str]:
        skeleton = document()
        _place(skeleton, key)
        text = jsonlib.dumps(skeleton, ensure_ascii=False, indent=2)
        head, tail = text.split(jsonlib.dumps(_HOLE))
        last = head[head.rindex("\n") + 1:]
        return head, tail, " " * (len(last) - len(last.lstrip()))

    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as spool:
        pad = ""
        count = 0
        for item in items:
            if not count:
                pad = split()[2] + "  "
            text = jsonlib.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
            spool.write((",\n" if count else "") + pad + text)
            count += 1
        head, tail, indent = split()
        out.write(head)
        if count:
            out.write("[\n")
            spool.seek(0)
            while chunk := spool.read(1 << 20):
                out.write(chunk)
            out.write("\n" + indent + "]")
        else:
            out.write("[]")
        out.write(tail + "\n")


def _place(document: dict[str, Any], key: str) -> None:
    """Put the hole where ``key`` is None, at any depth."""
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and v is None:
                    node[k] = _HOLE
                    return
                stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
    raise KeyError(key)


def rendered(write: Callable[..., Any], results: Iterable[Result], *args: Any) -> str:
    """What ``write`` prints, as a string without the final line break."""
    buffer = io.StringIO()
    write(results, buffer, *args)
    return buffer.getvalue().removesuffix("\n")


from . import github as github_format  # noqa: E402
from . import json as json_format  # noqa: E402
from . import sarif as sarif_format  # noqa: E402
from . import text as text_format  # noqa: E402

Formatter = Callable[[Sequence[Result]], str]

FORMATS: dict[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "github": github_format.render,
}
