"""What the language server knows of a project, without any of the protocol: the config
found from a document's folder, loaded and kept up to date, and what a buffer's text
checks to.

A project is loaded as ``brandvoice check`` loads it (:func:`brandvoice.config.load_project`)
and loaded again when one of its files changes on disk. When the new one is invalid, the
last good one stays in use and its problems are kept, each at its file, line and column,
as ``brandvoice serve --reload-config`` does. A project that loads has its rules' examples
run (:func:`brandvoice.selftest.run_examples`, what ``brandvoice test`` runs), and every
example that fails is one more problem, at the example.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..config import BUILTIN_PREFIX, Project, find_config, load_project
from ..config import signature as signature_of
from ..drafts import Draft, from_text
from ..drafts.selection import only_included
from ..errors import ConfigError, Location, Problem, UsageError
from ..lint import Linter
from ..result import Result
from ..selftest import run_examples

#: Seconds between two looks at a project's files (their times and sizes) when a buffer
#: is checked; a save in the editor makes the server look at once.
LOOK_EVERY = 1.0
#: Suffixes of drafts: plain text and Markdown (one draft each), and collections.
PROSE_SUFFIXES = (".txt", ".md", ".markdown")
COLLECTION_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".csv")


@dataclass(frozen=True)
class Note:
    """Something wrong in a config, persona or rulebook file: a problem the loader
    reports, or a rule example that fails."""

    file: Path
    line: int
    column: int
    message: str
    #: ``brandvoice.config`` for what the loader reports, ``brandvoice.example`` for an
    #: example that fails (as ``brandvoice test`` reports it).
    code: str
    severity: str = "error"


class Loaded:
    """One config and the project it loads, kept up to date."""

    def __init__(self, config: Path):
        self.config = config
        #: The linter of the last good project (None: it never loaded).
        self.linter: Linter | None = None
        #: What is wrong with the project as it is on disk (empty when it loaded and every
        #: example passes).
        self.notes: list[Note] = []
        #: The problem of the last load, in words (None: it loaded).
        self.error: str | None = None
        self._seen: tuple | None = None
        self._looked = 0.0
        self.refresh(force=True)

    @property
    def project(self) -> Project | None:
        return self.linter.project if self.linter is not None else None

    def files(self) -> list[Path]:
        """The files the project is read from (built-in packs left out): the config, the
        persona and the rulebooks of the last good project, and every file a problem names."""
        found = [self.config]
        if self.project is not None:
            found += self.project.files()
        found += [note.file for note in self.notes]
        return list(dict.fromkeys(path.resolve() for path in found))

    def owns(self, path: Path) -> bool:
        """Whether ``path`` is one of the project's own files (not a draft)."""
        return path.resolve() in self.files()

    def refresh(self, *, force: bool = False) -> bool:
        """Load the project again if one of its files changed (``force``: look now rather
        than at most every :data:`LOOK_EVERY` seconds). True when something changed: the
        project, or what is wrong with it."""
        now = time.monotonic()
        if not force and now - self._looked < LOOK_EVERY:
            return False
        self._looked = now
        signature = signature_of(self.files())
        if signature == self._seen:
            return False
        try:
            linter = Linter(project=load_project(self.config))
        except ConfigError as error:
            count = len(error.problems)
            self.error = (f"{count} problem{'' if count == 1 else 's'} in the config, its "
                          "persona or its rulebooks")
            self.notes = [_note(problem) for problem in error.problems
                          if not problem.location.file.startswith(BUILTIN_PREFIX)]
        except UsageError as error:
            self.error = str(error)
            self.notes = [Note(self.config, 1, 1, str(error), "brandvoice.config")]
        else:
            self.linter = linter
            self.error = None
            self.notes = [Note(Path(outcome.location.file), outcome.location.line,
                               outcome.location.column, outcome.describe(), "brandvoice.example")
                          for outcome in run_examples(linter.project)
                          if not outcome.passed and outcome.location is not None
                          and not outcome.location.file.startswith(BUILTIN_PREFIX)]
        self._seen = signature_of(self.files())  # the new project may be read from other files
        return True


def _note(problem: Problem) -> Note:
    where: Location = problem.location
    return Note(Path(where.file).resolve(), max(where.line, 1), max(where.column, 1),
                problem.message, "brandvoice.config")


class Projects:
    """The projects of the documents open in the editor, one per config file."""

    def __init__(self) -> None:
        self.loaded: dict[Path, Loaded] = {}

    def for_file(self, path: Path) -> Loaded | None:
        """The project of a document: the config found from its folder upwards, as the
        command line finds it from the working folder (None: there is none)."""
        config = find_config(path.parent)
        if config is None:
            return None
        config = config.resolve()
        if config not in self.loaded:
            self.loaded[config] = Loaded(config)
        return self.loaded[config]


@dataclass
class Checked:
    """A buffer's text as checked: each draft read from it with its result."""

    text: str
    drafts: list[Draft]
    results: list[Result]


def is_draft_file(path: Path) -> bool:
    """Whether a document of this name may hold drafts at all."""
    return path.suffix.lower() in PROSE_SUFFIXES + COLLECTION_SUFFIXES


def check_text(loaded: Loaded, path: Path, text: str) -> Checked | None:
    """The drafts of a buffer and their results, read as ``brandvoice check`` reads the file
    (one draft for text and Markdown, one per entry of a collection). None when the buffer
    is not a draft file of this project: a config, persona or rulebook, a file the config's
    ``files`` leaves out (as ``--only-included`` does), or a YAML, JSON or CSV file none of
    whose entries has a text (a file of another tool)."""
    linter = loaded.linter
    if linter is None or loaded.owns(path) or not is_draft_file(path):
        return None
    suffix = path.suffix.lower()
    selected = only_included(linter, [path])
    if not selected and not (suffix in COLLECTION_SUFFIXES
                             and not linter.config.files.include):
        return None
    drafts = list(from_text(text, str(path), suffix, linter.config.max_draft_length))
    if not selected and not any(draft.problem is None for draft in drafts):
        return None
    return Checked(text, drafts, linter.check_many(drafts))
