"""Errors that reach users: every one names a file, a line and a column.

A :class:`ConfigError` carries one or more :class:`Problem` objects, so that a
rulebook with five mistakes is reported in one run rather than five.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | os.PathLike | None) -> str:
    """A path as users should see it: relative to the working folder when inside it."""
    if path is None:
        return "<input>"
    text = str(path)
    if text.startswith("<"):
        return text
    try:
        rel = os.path.relpath(Path(text).resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return text
    return text if rel.startswith("..") else rel


@dataclass(frozen=True)
class Location:
    """A place in a file users wrote; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        if self.line <= 0:  # data given in code or on the command line: no position
            return display_path(self.file)
        return f"{display_path(self.file)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a config, persona or rulebook file."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class BrandvoiceError(Exception):
    """Base class of the errors brandvoice raises on purpose."""


class ConfigError(BrandvoiceError):
    """The configuration, persona or a rulebook is invalid (exit code 2)."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(BrandvoiceError):
    """The command was called in a way that cannot work (exit code 2)."""


class UnknownName(UsageError):
    """A context, channel or department that no rule, persona or config knows was given
    where a person typed it: a command-line option, an argument, an API request (exit
    code 2; 422 from the API)."""


class LabelsError(BrandvoiceError):
    """A labels file for ``brandvoice eval`` cannot be used: a line that is not JSON, a
    label without an id, a verdict or quality that is not one (exit code 2). Carries every
    problem found, each with file, line and column."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
