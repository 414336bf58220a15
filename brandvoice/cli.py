"""The command line: thin typer commands over the library.

Exit codes: 0 every draft passes, 1 some draft fails, 2 the config or the input is
invalid, or the command is used wrongly.
"""

from __future__ import annotations

import fnmatch
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from . import __version__
from .drafts import Draft, collect, decode, read_text_file
from .errors import BrandvoiceError, ConfigError, UsageError
from .lint import Linter

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Check social-media replies against your brand voice and your do's and don'ts.",
)


class Format(str, Enum):
    text = "text"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"brandvoice: {message}", err=True)
    return typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brandvoice {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """brandvoice: brand-voice guidelines as code."""


def _configured_files(linter: Linter) -> Iterator[Path]:
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


def _drafts(linter: Linter, paths: list[str], text: str | None) -> Iterator[Draft]:
    if text is not None:
        yield Draft(text, id="text", source="<text>")
    if not paths and text is None:
        if not linter.config.files.include:
            raise UsageError("nothing to check: give files or folders, '-' for standard input, "
                             "or --text \"...\" (or set files.include in the config)")
        for path in _configured_files(linter):
            yield read_text_file(path)
        return
    for name in paths:
        if name == "-":
            yield decode(sys.stdin.buffer.read(), "-")
        else:
            for path in collect([name]):
                yield read_text_file(path)


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Draft files or folders to check; '-' reads standard input."),
    config: Optional[Path] = typer.Option(
        None, "--config", "-c", help="The config file (default: brandvoice.yaml found upwards)."),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="Check this text."),
    channel: Optional[str] = typer.Option(None, help="Channel of the drafts (e.g. twitter)."),
    department: Optional[str] = typer.Option(None, help="Department writing the drafts."),
    context: Optional[str] = typer.Option(None, help="What the drafts answer (e.g. complaint)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    min_score: Optional[int] = typer.Option(
        None, "--min-score", min=0, max=100, help="Fail drafts scoring below this."),
    fail_on: Optional[Level] = typer.Option(
        None, "--fail-on", help="Lowest severity that makes a draft fail."),
) -> None:
    """Check drafts and report findings, scores and pass or fail."""
    overrides: dict[str, object] = {}
    if min_score is not None:
        overrides["min_score"] = min_score
    if fail_on is not None:
        overrides["fail_on"] = fail_on.value
    try:
        linter = Linter.from_config(config, **overrides)
        results = linter.check_many(_drafts(linter, paths or [], text), channel=channel,
                                    department=department, context=context)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        count = len(exc.problems)
        raise _fail(f"{count} problem{'s' if count != 1 else ''} in the configuration; "
                    "nothing was checked") from None
    except BrandvoiceError as exc:
        raise _fail(str(exc)) from None
    if not results:
        typer.echo("brandvoice: no drafts found to check", err=True)
        raise typer.Exit(0)
    if format is Format.text:
        from .report.text import print_report

        print_report(results)
    else:
        from .report import FORMATS

        typer.echo(FORMATS[format.value](results))
    raise typer.Exit(0 if all(r.passed for r in results) else 1)


def main() -> None:
    app()
