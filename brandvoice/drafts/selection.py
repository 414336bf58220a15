"""Which files of a project are drafts: what ``files.include`` selects, and of the files
named to ``brandvoice check --only-included`` (the pre-commit hook names every changed
file) or opened in an editor, the ones the config's ``files`` keeps."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import TEXT_SUFFIXES

if TYPE_CHECKING:
    from ..lint import Linter


def configured_files(linter: "Linter") -> Iterator[Path]:
    """The files ``files.include`` matches under the project's root, less
    ``files.exclude``, each once, in sorted order per pattern."""
    files = linter.config.files
    root = linter.project.root
    seen: set[Path] = set()
    for pattern in files.include:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and path not in seen and not any(
                    fnmatch.fnmatch(rel, ex) for ex in files.exclude):
                seen.add(path)
                yield path


#: Files about a repository rather than replies (matched on the name before its first dot,
#: in any case), and folders of documentation: ``--only-included`` leaves them out when
#: the config has no ``files.include``.
REPOSITORY_DOCUMENTS = frozenset({
    "readme", "changelog", "changes", "history", "news", "contributing", "license", "licence",
    "copying", "notice", "authors", "code_of_conduct", "security", "support"})
DOCUMENT_FOLDERS = frozenset({"docs", "doc"})


def only_included(linter: "Linter", files: list[Path | str]) -> list[Path | str]:
    """Of the files named, those the config's ``files`` selects: the ones ``files.include``
    matches (less ``files.exclude``), as ``brandvoice check`` with no path reads them.
    Without ``files.include``: every plain-text, Markdown or JSON Lines file, less
    ``files.exclude``, the repository's own documents (README, CHANGELOG, LICENSE...) and
    anything in a ``docs``, ``doc`` or hidden folder. For the pre-commit hook, which names
    every changed file."""
    config = linter.config.files
    if config.include:
        selected = {path.resolve() for path in configured_files(linter)}
        return [item for item in files if item == "-" or Path(item).resolve() in selected]
    root = linter.project.root.resolve()
    kept: list[Path | str] = []
    for item in files:
        if item != "-":
            path = Path(item).resolve()
            where = root if path.is_relative_to(root) else Path.cwd().resolve()
            rel = path.relative_to(where) if path.is_relative_to(where) else Path(path.name)
            if (path.suffix.lower() not in TEXT_SUFFIXES
                    or path.name.split(".")[0].lower() in REPOSITORY_DOCUMENTS
                    or any(part.lower() in DOCUMENT_FOLDERS or part.startswith(".")
                           for part in rel.parent.parts)
                    or any(fnmatch.fnmatch(rel.as_posix(), ex) for ex in config.exclude)):
                continue
        kept.append(item)
    return kept
