"""Baselines: adopt brandvoice on a years-old library of canned responses without drowning
in its old findings.

``--write-baseline FILE`` records every finding of a run; ``--baseline FILE`` then reports
only findings that are not in it. A finding is matched by its file, its draft's id, its
rule and the text it matched, never by line or column, so edits elsewhere in a file (new
lines above it, other drafts changed) do not bring it back. The same finding twice in one
draft needs two entries: a third occurrence is new. Scores and pass/fail are those of the
findings left.

A finding that several rules report (its ``also``) has an entry for each rule: an entry
accepts that rule's part only, and the finding is reported, under the rules left, until
every one of its rules is in the baseline (a rule added later still reports the problem).

Files are named relative to the baseline's folder, so the baseline works from any working
folder and on any clone.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import UsageError
from .fix import write_whole
from .result import Finding, Result

if TYPE_CHECKING:
    from .lint import Linter

VERSION = 1
Key = tuple[str, str, str, str]  # file, draft id, rule, matched text


class Baseline:
    """Findings accepted as they are, with how often each occurs."""

    def __init__(self, folder: Path, counts: Counter | None = None):
        self.folder = folder.resolve()
        self.counts: Counter = counts if counts is not None else Counter()
        self._names: dict[str, str] = {}
        #: Findings left out of the last ``apply``.
        self.hidden = 0
        #: Entries of the files checked that no finding matched in the last ``apply``.
        self.unmatched = 0

    # --- keys ------------------------------------------------------------------------

    def _name(self, source: str | None) -> str:
        """A file as the baseline names it: relative to the baseline's folder."""
        if not source:
            return ""
        name = self._names.get(source)
        if name is None:
            path = Path(source)
            if path.is_file():
                name = Path(os.path.relpath(path.resolve(), self.folder)).as_posix()
            else:  # standard input, --text
                name = source
            self._names[source] = name
        return name

    def key(self, result: Result, finding: Finding) -> Key:
        source = self._name(result.source)
        draft = source if result.id == result.source else result.id
        return (source, draft, finding.rule, finding.match)

    # --- reading and writing ---------------------------------------------------------

    @classmethod
    def read(cls, path: Path) -> "Baseline":
        """The baseline in ``path``; a UsageError saying what is wrong otherwise."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"baseline '{path}' not found: write one with "
                             f"--write-baseline {path}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read the baseline '{path}': {error}") from None
        except json.JSONDecodeError as error:
            raise UsageError(f"{path}:{error.lineno}:{error.colno}: the baseline is not valid "
                             f"JSON ({error.msg}); write it again with --write-baseline"
                             ) from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(entries, list) or data.get("version") != VERSION:
            raise UsageError(f"{path}: not a brandvoice baseline (version {VERSION} with a "
                             "'findings' list); write it again with --write-baseline")
        baseline = cls(path.parent)
        for number, entry in enumerate(entries, start=1):
            try:
                key = (entry["file"], entry["id"], entry["rule"], entry["match"])
                count = int(entry.get("count", 1))
            except (TypeError, KeyError, ValueError):
                raise UsageError(f"{path}: entry {number} of 'findings' needs 'file', 'id', "
                                 "'rule' and 'match'") from None
            if not all(isinstance(part, str) for part in key) or count < 1:
                raise UsageError(f"{path}: entry {number} of 'findings' is not valid")
            baseline.counts[key] += count
        return baseline

    def record(self, results: Iterable[Result]) -> Iterator[Result]:
        """Pass ``results`` on, counting their findings into this baseline."""
        for result in results:
            for finding in result.findings:
                for part in finding.split():
                    self.counts[self.key(result, part)] += 1
            yield result

    def write(self, path: Path) -> None:
        """Write the baseline to ``path``, whole or not at all, in a stable order."""
        entries = [{"file": file, "id": draft, "rule": rule, "match": match, "count": count}
                   for (file, draft, rule, match), count in sorted(self.counts.items())]
        text = json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False,
                          indent=2) + "\n"
        write_whole(path, text)

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    # --- applying --------------------------------------------------------------------

    def apply(self, linter: "Linter", results: Iterable[Result]) -> Iterator[Result]:
        """The results without the findings in the baseline, scored again."""
        left = Counter(self.counts)
        files: set[str] = set()
        self.hidden = 0
        for result in results:
            files.add(self._name(result.source))
            kept, changed = [], False

            def accepted(part: Finding) -> bool:
                key = self.key(result, part)
                if left[key] > 0:
                    left[key] -= 1
                    return True
                return False

            for finding in result.findings:
                left_of = finding.without(accepted)
                if left_of is None:
                    self.hidden += 1
                else:
                    kept.append(left_of)
                changed = changed or left_of is not finding
            yield linter.rescored(result, kept) if changed else result
        self.unmatched = sum(n for key, n in left.items() if n > 0 and key[0] in files)
