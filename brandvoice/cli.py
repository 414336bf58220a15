"""The command line: thin typer commands over the library.

Exit codes: 0 every draft passes, 1 some draft fails, 2 the config or the input is
invalid, or the command is used wrongly.
"""

from __future__ import annotations

import fnmatch
import gc
import json
import os
import sys
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator, List, Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from . import __version__
from .baseline import Baseline
from .config import Project, build_project, load_project, override
from .drafts import Draft, collect, decode, read_file, selection, text_of
from .errors import BrandvoiceError, ConfigError, UsageError, display_path
from .lint import Linter
from .report import Tally
from .result import Result

#: Commands people type that brandvoice spells another way, and what to type instead.
ELSEWHERE = {
    "fix": "brandvoice check --fix (or brandvoice check --diff to see the fixes first)",
    "lint": "brandvoice check",
    "list": "brandvoice rules",
}


class _Argument(TyperArgument):
    """An argument whose help shows its metavar (PATH...), never a Python type."""

    def display_type_rich(self, ctx) -> None:
        return None


def _readable(params: list) -> list:
    """The parameters, their help showing what a user types (FILE, TEXT, N... as each
    option's metavar says, else its name in capitals), never a Python type (``<bool>``,
    ``<list[str]>``): a flag shows no value, an argument its metavar alone."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif isinstance(param, TyperOption) and param.metavar is None:
            param.metavar = "" if param.is_flag else param.name.upper()  # --channel CHANNEL
    return params


class _Command(TyperCommand):
    """A command whose help shows what a user types (see :func:`_readable`)."""

    def get_params(self, ctx) -> list:
        return _readable(super().get_params(ctx))


class _Commands(TyperGroup):
    """The commands: an unknown one exits 2 naming the closest (``brandvoice chek``: did
    you mean 'check'?), and one that brandvoice spells otherwise says what to type."""

    def resolve_command(self, ctx, args):
        if args and args[0] in ELSEWHERE:
            ctx.fail(f"there is no '{args[0]}' command: use {ELSEWHERE[args[0]]}")
        return super().resolve_command(ctx, args)

    def get_params(self, ctx) -> list:
        return _readable(super().get_params(ctx))


class _App(typer.Typer):
    """Every command is a :class:`_Command`."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _App(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Check social-media replies against your brand voice and your do's and don'ts.",
)


class Format(str, Enum):
    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    suggestion = "suggestion"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"brandvoice: {message}", err=True)
    return typer.Exit(2)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _workers(jobs: int) -> int:
    """--jobs N: N processes; 0, one per CPU core."""
    return jobs or os.cpu_count() or 1


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


@contextmanager
def _errors_exit_2() -> Iterator[None]:
    """Print a ConfigError's problems (each with file:line:column), or a usage error; exit 2."""
    try:
        yield
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        count = len(exc.problems)
        raise _fail(f"{_plural(count, 'problem')} in the configuration; "
                    "nothing was checked") from None
    except BrandvoiceError as exc:
        raise _fail(str(exc)) from None


ConfigOption = typer.Option(None, "--config", "-c", metavar="PATH",
                            help="The config file (default: brandvoice.yaml found upwards).")
FormatOption = typer.Option(Format.text, "--format", "-f", metavar="text|json",
                            help="Output format.")


RulebookOption = typer.Option(
    None, "--rulebook", "-r", metavar="RULEBOOK",
    help="Use this rulebook (a file or builtin:NAME) instead of the config's; repeatable.")


def _no_cache(value: bool) -> None:
    """--no-cache: off for this command and the processes it starts (brandvoice/cache.py)."""
    if value:
        os.environ["BRANDVOICE_NO_CACHE"] = "1"


NoCacheOption = typer.Option(
    False, "--no-cache", callback=_no_cache,
    help="Do not read or write the cache that makes the next start faster (see "
         "brandvoice cache).")
# What the drafts are (check and eval): where they go, who writes them, what they answer.
ChannelOption = typer.Option(None, metavar="NAME", help="Channel of the drafts (e.g. twitter).")
DepartmentOption = typer.Option(None, metavar="NAME", help="Department writing the drafts.")
ContextOption = typer.Option(None, metavar="NAME",
                             help="What the drafts answer (e.g. complaint).")
MinScoreOption = typer.Option(None, "--min-score", min=0, max=100, metavar="SCORE",
                              help="Fail drafts scoring below this.")
FailOnOption = typer.Option(None, "--fail-on", metavar="error|warning|suggestion",
                            help="Lowest severity that makes a draft fail.")


def _load(config: Path | None, rulebooks: list[str] | None) -> Project:
    """The project named by --rulebook, or else the config's."""
    if rulebooks:
        return build_project(rulebooks=rulebooks, origin="--rulebook")
    return load_project(config)


def _files(linter: Linter, paths: list[str], text: str | None,
           only_included: bool = False) -> list[Path | str]:
    """What to read, in order: files, and '-' for standard input."""
    if not paths and text is None:
        if not linter.config.files.include:
            raise UsageError("nothing to check: give files or folders, '-' for standard input, "
                             "or --text \"...\" (or set files.include in the config)")
        return list(selection.configured_files(linter))
    found: list[Path | str] = []
    for name in paths:
        found.extend(["-"] if name == "-" else collect([name]))
    return selection.only_included(linter, found) if only_included else found


#: Progress is shown on a terminal when at least this many files are checked, or when a
#: collection (which may hold thousands of drafts) is.
PROGRESS_FROM = 10
COLLECTION_SUFFIXES = (".jsonl", ".json", ".csv", ".yaml", ".yml")


def _drafts(linter: Linter, files: list[Path | str], text: str | None) -> Iterator[Draft]:
    """The drafts of ``files`` (and of --text), read one file at a time; a progress bar
    on standard error when it is a terminal and there are many files or a collection:
    files done, and drafts read so far."""
    limit = linter.config.max_draft_length
    if text is not None:
        yield Draft(text, id="text", source="<text>")
    progress = None
    if sys.stderr.isatty() and (len(files) >= PROGRESS_FROM or any(
            str(item).lower().endswith(COLLECTION_SUFFIXES) for item in files)):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("files, {task.fields[drafts]:,} drafts"),
                            console=Console(stderr=True), transient=True)
    read = 0
    with progress or nullcontext():
        task = progress.add_task("Checking", total=len(files), drafts=0) if progress else None
        for item in files:
            if item == "-":
                drafts = iter([decode(sys.stdin.buffer.read(), "-", max_length=limit)])
            else:
                drafts = read_file(Path(item), max_length=limit)
            for draft in drafts:
                read += 1
                if progress is not None and task is not None and read % 256 == 0:
                    progress.update(task, drafts=read)
                yield draft
            if progress is not None and task is not None:
                progress.update(task, advance=1, drafts=read)


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH",
        help="Draft files or folders to check; '-' reads standard input."),
    config: Optional[Path] = ConfigOption,
    text: Optional[str] = typer.Option(None, "--text", "-t", metavar="TEXT",
                                       help="Check this text."),
    channel: Optional[str] = ChannelOption,
    department: Optional[str] = DepartmentOption,
    context: Optional[str] = ContextOption,
    format: CheckFormat = typer.Option(
        CheckFormat.text, "--format", "-f", metavar="text|json|sarif|github",
        help="Output format: text, json, sarif (code scanning) or github (annotations)."),
    min_score: Optional[int] = MinScoreOption,
    fail_on: Optional[Level] = FailOnOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    fix: bool = typer.Option(
        False, "--fix", help="Apply every safe fix to the files, then report what is left."),
    diff: bool = typer.Option(
        False, "--diff", help="Print the fixes as a unified diff instead of writing them."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, metavar="N",
        help="Check in this many processes (0: one per CPU core); for large runs."),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", metavar="FILE",
        help="Report only findings that are not in this baseline."),
    write_baseline: Optional[Path] = typer.Option(
        None, "--write-baseline", metavar="FILE",
        help="Record every finding of this run in FILE (then exit 0)."),
    explain_context: bool = typer.Option(
        False, "--explain-context",
        help="Say which context each draft got from its in_reply_to, and why."),
    explain_tone: bool = typer.Option(
        False, "--explain-tone",
        help="Say how polite each draft reads and which strategies made it so (in JSON: "
             "a tone object per draft)."),
    only_included: bool = typer.Option(
        False, "--only-included",
        help="Of the files named, check only those the config's files.include selects "
             "(without it: all but README, CHANGELOG, LICENSE... and docs/); the "
             "pre-commit hook's way."),
    select: Optional[List[str]] = typer.Option(
        None, "--select", metavar="RULE,...",
        help="Check only these rules: ids or patterns such as 'hr.*', comma-separated; "
             "repeatable."),
    ignore: Optional[List[str]] = typer.Option(
        None, "--ignore", metavar="RULE,...",
        help="Do not check these rules (ids or patterns, comma-separated; repeatable), "
             "as well as the config's disable."),
    statistics: bool = typer.Option(
        False, "--statistics",
        help="After the report, count the findings of each rule."),
) -> None:
    """Check drafts and report findings, scores and pass or fail."""
    overrides: dict[str, object] = {}
    if min_score is not None:
        overrides["min_score"] = min_score
    if fail_on is not None:
        overrides["fail_on"] = fail_on.value
    metadata = {"channel": channel, "department": department, "context": context}
    with _errors_exit_2():
        project = _load(config, rulebook)
        if select or ignore:
            overrides["disable"] = _selection(project, select or [], ignore or [])
        linter = Linter(project=override(project, **overrides) if overrides else project)
        _collect_from_here()
        metadata = linter.names.resolve_all(metadata, options=True)
        files = _files(linter, paths or [], text, only_included)
        # both read or refused before any draft is checked or fixed
        accepted = Baseline.read(baseline) if baseline is not None else None
        recorded = _baseline_target(write_baseline) if write_baseline is not None else None
        fixed = ""
        if fix or diff:
            results, changes, fixed = _fix(linter, files, text, diff=diff, metadata=metadata)
            if diff:  # only the diff is printed, as ruff does; 1: there is something to fix
                typer.echo(fixed, err=True)
                raise typer.Exit(1 if changes else 0)
        else:
            results = linter.iter_check(_drafts(linter, files, text), jobs=_workers(jobs),
                                        metrics=format is CheckFormat.json, **metadata)
        # With --fix on standard input or --text, the fixed text is the output: the
        # report goes to stderr.
        out = sys.stderr if fix and (text is not None or "-" in files) else sys.stdout
        if explain_context:
            results = _explain_contexts(results, sys.stderr if format is not CheckFormat.text
                                        else out)
        if explain_tone:
            results = _explain_tone(results, sys.stderr if format is not CheckFormat.text
                                    else out)
        if recorded is not None:
            results = recorded.record(results)
        if accepted is not None:
            results = accepted.apply(linter, results)
        counted = _Statistics() if statistics else None
        if counted is not None:
            results = counted.count(results)
        tally = _report(linter, results, format, out)
    if counted is not None:  # on stderr when stdout holds a JSON, SARIF or github report
        typer.echo(counted.render(), file=out if format is CheckFormat.text else sys.stderr)
    if not tally.drafts:
        typer.echo("brandvoice: no drafts found to check", err=True)
    if fixed:
        typer.echo(fixed, err=True)
    if accepted is not None and (accepted.hidden or accepted.unmatched):
        entries = "entry" if accepted.unmatched == 1 else "entries"
        gone = (f"; {accepted.unmatched} {entries} of the checked files no longer "
                f"found (--write-baseline {baseline} drops them)") if accepted.unmatched else ""
        typer.echo(f"brandvoice: {_plural(accepted.hidden, 'finding')} in the baseline "
                   f"{baseline} not reported{gone}", err=True)
    if recorded is not None:
        try:
            recorded.write(write_baseline)
        except OSError as error:
            raise _fail(f"cannot write the baseline {write_baseline}: "
                        f"{error.strerror or error}")
        typer.echo(f"brandvoice: wrote {_plural(recorded.findings, 'finding')} to the baseline "
                   f"{write_baseline}", err=True)
        raise typer.Exit(0)
    raise typer.Exit(0 if tally.all_passed else 1)


def _patterns(values: list[str]) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _selection(project: Project, select: list[str], ignore: list[str]) -> list[str]:
    """The config's ``disable`` with ``--ignore``'s rules added and, with ``--select``,
    every rule it does not name; an id or pattern that names no rule is a usage error
    (exit 2) naming the closest id. ``brandvoice.input`` is never left out: a draft that
    cannot be read is always reported."""
    from .registry import INPUT_RULE, known_ids, unmatched

    known = known_ids(rule.id for rule in project.rules)
    problems = []
    for option, values in (("--select", select), ("--ignore", ignore)):
        patterns = _patterns(values)
        if values and not patterns:
            problems.append(f"{option} needs rule ids or patterns, separated by commas")
        problems += [f"{option}: {why}" for why in map(lambda p: unmatched(p, known), patterns)
                     if why]
        if option == "--ignore" and INPUT_RULE in patterns:
            problems.append(f"--ignore: '{INPUT_RULE}' cannot be switched off: a draft that "
                            "cannot be read would pass unseen")
    if problems:
        for problem in problems[:-1]:
            typer.echo(f"brandvoice: {problem}", err=True)
        raise UsageError(problems[-1])
    disable = list(project.config.disable)
    disable += [p for p in _patterns(ignore) if p not in disable]
    chosen = _patterns(select)
    if chosen:
        disable += [rule_id for rule_id in dict.fromkeys(known)
                    if rule_id != INPUT_RULE and rule_id not in disable
                    and not any(fnmatch.fnmatchcase(rule_id, p) for p in chosen)]
    return disable


class _Statistics:
    """``--statistics``: the findings of each rule, counted as results go by."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = {}

    def count(self, results: Iterable[Result]) -> Iterator[Result]:
        for result in results:
            for finding in result.findings:
                seen = self.counts.setdefault((finding.rule, finding.severity), [0, 0])
                seen[0] += 1
                seen[1] += finding.fix is not None
            yield result

    def render(self) -> str:
        """One line per rule and severity, the most frequent first, then a total."""
        rows = sorted(self.counts.items(), key=lambda item: (-item[1][0], item[0]))
        width = max((len(rule) for (rule, _), _ in rows), default=0)
        lines = [f"{count:>6}  {rule:<{width}}  {severity:<10}"
                 + (f"  {fixable} fixable" if fixable else "")
                 for (rule, severity), (count, fixable) in rows]
        total = sum(count for count, _ in self.counts.values())
        rules = len({rule for rule, _ in self.counts})
        lines.append(f"{_plural(total, 'finding')} of {_plural(rules, 'rule')}.")
        return "\n".join(line.rstrip() for line in lines)


def _explain_contexts(results: Iterable[Result], out) -> Iterator[Result]:
    """Each result, after a line saying how its context was read from ``in_reply_to``."""
    for result in results:
        if result.inferred is not None:
            where = f"{result.source} ({result.id})" if result.source and \
                result.source != result.id else (result.source or result.id)
            stage = result.inferred.stage
            staged = f"; stage {stage.stage}: {stage.reason}" if stage else ""
            print(f"{where}: context {result.inferred.context}, read from in_reply_to: "
                  f"{result.inferred.reason}{staged}", file=out)
        yield result


def _explain_tone(results: Iterable[Result], out) -> Iterator[Result]:
    """Each result, after a line saying how polite it reads and why."""
    for result in results:
        reading = result.explain_tone()
        where = f"{result.source} ({result.id})" if result.source and \
            result.source != result.id else (result.source or result.id)
        if reading is None:
            print(f"{where}: no words to read the tone of", file=out)
        else:
            print(f"{where}: politeness {reading.politeness:.2f}, {reading.summary()}",
                  file=out)
        yield result


def _baseline_target(path: Path) -> Baseline:
    """A new baseline to be written to ``path``, refused at once if it cannot be."""
    _writable(path, "the baseline")
    return Baseline(path.parent)


def _report(linter: Linter, results: Iterable[Result], format: CheckFormat, out) -> Tally:
    """Print the report in ``format`` as results come."""
    if format is CheckFormat.text:
        from .report.text import print_report

        return print_report(results, file=out, summary_if_empty=False)
    if format is CheckFormat.sarif:
        from .catalog import descriptions
        from .report.sarif import write

        tally = write(results, out, descriptions(linter.project, Path.cwd()))
    else:
        from .report import github, json

        tally = (json if format is CheckFormat.json else github).write(results, out)
    out.flush()
    return tally


def _fix(linter: Linter, files: list[Path | str], text: str | None, *, diff: bool,
         metadata: dict[str, str | None]) -> tuple[list, bool, str]:
    """--fix and --diff: fix each file (stdin and --text: print the fixed text); the
    findings left, whether anything was (or would be) changed, and a summary line."""
    from .fix import fix_file, fix_text

    results = []
    applied = changed = 0
    sources: list[tuple[str, str | None]] = [("<text>", text)] if text is not None else []
    sources += [("-", None)] if "-" in files else []
    for label, given in sources:
        content = given
        if content is None:  # standard input: read like any draft file
            raw = sys.stdin.buffer.read()
            content = text_of(raw)
            if not isinstance(content, str):  # not text: reported, nothing to fix
                results.append(linter.check_many(
                    [decode(raw, label, max_length=linter.config.max_draft_length)])[0])
                continue
        fixed = fix_text(linter, content, label, ".txt", **metadata)
        if not diff:
            sys.stdout.write(fixed.text)  # the fixed text; the report goes to stderr
            sys.stdout.flush()
        applied += fixed.applied
        results.extend(fixed.results)
    for item in files:
        if item == "-":
            continue
        path = Path(item)
        outcome = fix_file(linter, path, display_path(path), write=not diff, **metadata)
        results.extend(outcome.results)
        if diff:
            typer.echo(outcome.diff(), nl=False)
        if outcome.error:
            typer.echo(f"brandvoice: {outcome.label} was not fixed: {outcome.error}", err=True)
        elif outcome.changed:
            applied += outcome.applied
            changed += 1
        if not outcome.settled:
            typer.echo(f"brandvoice: warning: the fixes in {outcome.label} did not settle: some "
                       "rules undo each other's fixes (see the findings left)", err=True)
    verb = "Would fix" if diff else "Fixed"
    where = f" in {_plural(changed, 'file')}" if files and files != ["-"] else ""
    summary = f"{verb} {_plural(applied, 'problem')}{where}." if applied else "Nothing to fix."
    return results, applied > 0, summary


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class Engine(str, Enum):
    python = "python"
    spark = "spark"


def _column_option(field: str, what: str) -> typer.models.OptionInfo:
    from .engines.rows import option

    return typer.Option(None, f"--{option(field)}", metavar="COLUMN",
                        help=f"The export's column that holds {what} (default: {field}).")


def _table_files(paths: list[str]) -> list[Path]:
    """Parquet, CSV and JSON Lines files named, or inside folders named (in name order)."""
    from .engines.rows import TABLE_SUFFIXES

    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"'{name}': no such file or folder")
    return found


def _audit_rows(linter: Linter, paths: list[str], columns) -> Iterator:
    """The rows of the exports for the one-process audit: tables (Parquet, or any export
    whose columns are mapped) read with Arrow, other exports as ``check`` reads them."""
    from .engines.rows import read_table

    for path in _table_files(paths) if columns.mapping else collect_tables(linter, paths):
        if isinstance(path, Path) and (columns.mapping or path.suffix.lower() == ".parquet"):
            yield from read_table(path, display_path(path), columns)
        else:
            yield from _drafts(linter, [path], None)


def collect_tables(linter: Linter, paths: list[str]) -> list[Path | str]:
    """The files to audit: Parquet files named or in folders, and the exports ``check``
    reads."""
    found: list[Path | str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.parquet") if p.is_file()))
        if path.is_file() and path.suffix.lower() == ".parquet":
            found.append(path)
        else:
            found.extend(_files(linter, [name], None))
    return found


@app.command("audit")
def audit_command(
    paths: List[str] = typer.Argument(
        ..., metavar="PATH",
        help="Exports of posted replies: CSV, JSON Lines, JSON, YAML or Parquet files, "
             "folders."),
    config: Optional[Path] = ConfigOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    by: str = typer.Option("department", "--by", metavar="GROUP,...",
                           help="Group by these, comma-separated: department, channel, month, "
                                "author, context."),
    format: AuditFormat = typer.Option(AuditFormat.text, "--format", "-f", metavar="text|json|csv",
                                       help="Output format: text, json or csv."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, metavar="N",
                             help="Check in this many processes (0: one per CPU core)."),
    show_text: bool = typer.Option(False, "--show-text",
                                   help="Show the text of example replies, not only ids."),
    html: Optional[Path] = typer.Option(
        None, "--html", metavar="FILE",
        help="Also write the report as one self-contained HTML page with charts."),
    engine: Engine = typer.Option(Engine.python, "--engine", metavar="python|spark",
                                  help="Audit in this Python (default) or on Apache Spark."),
    master: Optional[str] = typer.Option(
        None, "--master", metavar="URL",
        help="With --engine spark: the Spark master (default: the running Spark session, "
             "else local[*])."),
    text_column: Optional[str] = _column_option("text", "the reply's text"),
    id_column: Optional[str] = _column_option("id", "the reply's id"),
    date_column: Optional[str] = _column_option("created_at", "when the reply was posted"),
    department_column: Optional[str] = _column_option("department", "the department"),
    channel_column: Optional[str] = _column_option("channel", "the channel"),
    context_column: Optional[str] = _column_option("context", "the context"),
    author_column: Optional[str] = _column_option("author", "who posted the reply"),
    in_reply_to_column: Optional[str] = _column_option("in_reply_to",
                                                       "the customer's message"),
    in_reply_to_date_column: Optional[str] = _column_option(
        "in_reply_to_created_at", "when the customer's message was sent"),
    customer_column: Optional[str] = _column_option("customer", "who the reply went to"),
) -> None:
    """Scorecards of a history of posted replies, per department, channel or month."""
    from .audit import GROUPS, run_audit
    from .engines.rows import Columns
    from .report import audit as audit_report

    groups = [name.strip() for name in by.split(",") if name.strip()]
    unknown = [name for name in groups if name not in GROUPS]
    if unknown or not groups:
        raise _fail(f"cannot group by '{', '.join(unknown) or by}': use one or more of "
                    f"{', '.join(GROUPS)}, separated by commas")
    if master is not None and engine is not Engine.spark:
        raise _fail("--master is for --engine spark")
    mapping = {"text": text_column, "id": id_column, "created_at": date_column,
               "department": department_column, "channel": channel_column,
               "context": context_column, "author": author_column,
               "in_reply_to": in_reply_to_column,
               "in_reply_to_created_at": in_reply_to_date_column,
               "customer": customer_column}
    with _errors_exit_2():
        columns = Columns({name: column for name, column in mapping.items() if column})
        if engine is Engine.spark:
            from .extras import require

            require("spark")  # MissingExtra without brandvoice[spark], before anything runs
        if html is not None:
            _writable(html, "the report")
            from .report.charts import load as load_charts

            load_charts()  # MissingExtra without brandvoice[html], before the audit runs
        project = _load(config, rulebook)
        if engine is Engine.spark:
            import tempfile

            from .engines.spark import audit_paths

            _collect_from_here()
            files = _table_files(paths)
            log = Path(tempfile.gettempdir()) / "brandvoice-spark.log"
            audit = audit_paths(files, [display_path(p) for p in files], project,
                                master=master, log=log, by=groups, columns=columns,
                                show_text=show_text)
        else:
            linter = Linter(project=project)
            _collect_from_here()
            if columns.mapping or any(Path(p).suffix.lower() == ".parquet" or Path(p).is_dir()
                                      for p in paths):
                rows: Iterable = _audit_rows(linter, paths, columns)
            else:
                rows = _drafts(linter, _files(linter, paths, None), None)
            audit = run_audit(linter, rows, by=groups, jobs=_workers(jobs),
                              show_text=show_text)
    render = {"text": audit_report.render_text, "json": audit_report.render_json,
              "csv": audit_report.render_csv}[format.value]
    typer.echo(render(audit))
    if not audit.overall.replies:
        typer.echo("brandvoice: no replies found to audit", err=True)
    if html is not None:
        from .report.audit_html import render_html, write_html

        try:
            write_html(html, render_html(audit, sources=paths))
        except OSError as error:
            raise _fail(f"cannot write the report to {html}: {error.strerror or error}")
        typer.echo(f"brandvoice: wrote the report to {html}", err=True)


@app.command("eval")
def eval_command(
    labels: Path = typer.Argument(
        ..., metavar="LABELS",
        help="Reviewers' labels: JSON Lines with id, verdict (ok, edit, stop), quality (1-5) "
             "and issues, as in docs/eval.md."),
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH",
        help="The labelled drafts: files, collections or folders (default: the text the "
             "labels carry)."),
    config: Optional[Path] = ConfigOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    channel: Optional[str] = ChannelOption,
    department: Optional[str] = DepartmentOption,
    context: Optional[str] = ContextOption,
    min_score: Optional[int] = MinScoreOption,
    fail_on: Optional[Level] = FailOnOption,
    format: Format = FormatOption,
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=0, metavar="N",
        help="Check in this many processes (0: one per CPU core)."),
) -> None:
    """Measure what the config catches against reviewers' labels: precision, recall, per
    category and rule, and how the score ranks drafts."""
    from .errors import LabelsError
    from .evaluation import evaluate_drafts, read_labels
    from .report.evaluation import render_json, render_text

    try:
        labelled = read_labels(labels)
    except LabelsError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise _fail(f"{_plural(len(exc.problems), 'problem')} in the labels; nothing was "
                    "evaluated") from None
    overrides: dict[str, object] = {}
    if min_score is not None:
        overrides["min_score"] = min_score
    if fail_on is not None:
        overrides["fail_on"] = fail_on.value
    with _errors_exit_2():
        project = _load(config, rulebook)
        linter = Linter(project=override(project, **overrides) if overrides else project)
        _collect_from_here()
        metadata = linter.names.resolve_all(
            {"channel": channel, "department": department, "context": context}, options=True)
        files = _files(linter, paths, None) if paths else []
        # the labels file among the drafts (a folder holding it): its texts are read anyway
        files = [item for item in files if item == "-"
                 or Path(item).resolve() != labels.resolve()]
        evaluation, selection = evaluate_drafts(
            linter, labelled, _drafts(linter, files, None), jobs=_workers(jobs), **metadata)
    if not evaluation.matched:
        where = "in the files given" if paths else "in the labels (no label has a 'text')"
        raise _fail(f"no draft matches the {_plural(evaluation.labels, 'label')} of {labels}: "
                    f"no draft {where} has a labelled id; give the drafts' files or "
                    "collections after the labels, or put each draft's text in its label")
    typer.echo(render_json(evaluation) if format is Format.json else render_text(evaluation))
    if evaluation.unmatched:
        shown = evaluation.unmatched[:UNMATCHED_SHOWN]
        more = len(evaluation.unmatched) - len(shown)
        typer.echo(f"brandvoice: warning: {_plural(len(evaluation.unmatched), 'label')} "
                   f"{'has' if len(evaluation.unmatched) == 1 else 'have'} no draft and "
                   f"{'was' if len(evaluation.unmatched) == 1 else 'were'} not evaluated: "
                   + ", ".join(shown) + (f" and {more} more (all in --format json, "
                                         "unmatched_ids)" if more else ""), err=True)
    if selection.duplicates:
        typer.echo(f"brandvoice: warning: {_plural(len(selection.duplicates), 'id')} "
                   "named more than one draft; the first was evaluated: "
                   + ", ".join(selection.duplicates[:UNMATCHED_SHOWN]), err=True)


#: Ids of labels without a draft listed on standard error (all are in the JSON).
UNMATCHED_SHOWN = 20


def _writable(path: Path, what: str) -> None:
    """Refuse, before any work, a file to write (``what``: "the report") that cannot be:
    a usage error (exit 2) naming why."""
    folder = path.parent
    if path.is_dir():
        why = "it is a folder; name a file"
    elif not folder.is_dir():
        why = f"the folder {folder} does not exist"
    elif not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        why = "permission denied"
    else:
        return
    raise UsageError(f"cannot write {what} to {path}: {why}")


@app.command("serve")
def serve_command(
    config: Optional[Path] = ConfigOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8750, "--port", min=0, max=65535, metavar="PORT",
                             help="Port to listen on (0: any free port)."),
    reload_config: bool = typer.Option(
        False, "--reload-config",
        help="Load the config again when its files change, keeping the last good one "
             "when the new one is invalid."),
    max_bytes: int = typer.Option(1_000_000, "--max-bytes", min=1, metavar="BYTES",
                                  help="Largest request body, in bytes."),
    max_batch: int = typer.Option(1000, "--max-batch", min=1, metavar="N",
                                  help="Most drafts in one /v1/check-many request."),
    workers: int = typer.Option(
        2, "--workers", min=0, max=64, metavar="N",
        help="Processes that check requests side by side (0: check in the server, one "
             "request at a time, without --budget)."),
    budget: float = typer.Option(
        30.0, "--budget", min=0.1, max=3600, metavar="SECONDS",
        help="Seconds one request may take to check before it is stopped (HTTP 503)."),
    wait: float = typer.Option(
        10.0, "--wait", min=0.0, max=3600, metavar="SECONDS",
        help="Seconds a request may wait for a free worker before it is turned away "
             "(HTTP 503 with Retry-After)."),
) -> None:
    """Serve the HTTP API and the web checker (Ctrl+C stops it)."""
    with _errors_exit_2():
        from .serve import Service, create_app  # MissingExtra without brandvoice[serve]

        service = Service(lambda: _load(config, rulebook), reload=reload_config,
                          max_batch=max_batch, workers=workers, budget=budget, wait=wait)
    _collect_from_here()
    import socket

    try:  # bound here, so a busy port is a clear error and port 0 prints the real one
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP named: asyncio turns Nagle off only on sockets that say they are TCP
        # (without it every keep-alive answer waits ~40 ms for a delayed ACK)
        listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(2048)  # requests wait in the queue until the app is up
    except OSError as error:
        raise _fail(f"cannot listen on {host}:{port}: {error.strerror or error}; "
                    "pick another port with --port or another address with --host")
    port = listening.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"brandvoice: serving {_plural(len(service.project.rules), 'rule')}; the "
               f"checker is at http://{shown}:{port}/ and the API's description at "
               f"http://{shown}:{port}/openapi.json", err=True)
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(service, max_bytes=max_bytes),
                                           log_level="warning", server_header=False))
    server.run(sockets=[listening])


@app.command("lsp")
def lsp_command(
    stdio: bool = typer.Option(
        False, "--stdio",
        help="Talk over standard input and output: the only way it talks, accepted because "
             "some editors pass it."),
) -> None:
    """Run the language server for editors, over standard input and output: findings as
    you type, fixes, hover and completion (see docs/editors.md)."""
    _collect_from_here()
    with _errors_exit_2():
        from .lsp import create_server  # MissingExtra without brandvoice[lsp]

    create_server().start_io()


@app.command("test")
def test_command(
    config: Optional[Path] = ConfigOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    format: Format = FormatOption,
    require_examples: bool = typer.Option(
        False, "--require-examples",
        help="Fail (exit 1) when a rule has no examples, as well as when one fails."),
) -> None:
    """Run every rule's examples: each bad one must trigger its rule, no good one may."""
    from .selftest import run_examples, without_examples

    with _errors_exit_2():
        project = _load(config, rulebook)
        _collect_from_here()
        outcomes = run_examples(project)
        untested = without_examples(project)
    failed = [o for o in outcomes if not o.passed]
    rules = len({o.rule for o in outcomes})
    if format is Format.json:
        typer.echo(json.dumps({
            "summary": {"rules": rules, "examples": len(outcomes), "failed": len(failed)},
            "failures": [{"rule": o.rule, "example": o.kind, "number": o.number,
                          "text": o.text, "matches": o.matches,
                          "source": str(o.location) if o.location else None}
                         for o in failed],
            "without_examples": untested}, indent=2, ensure_ascii=False))
    else:
        for outcome in failed:
            where = f"{outcome.location}: " if outcome.location else ""
            typer.echo(f"{where}{outcome.describe()}")
        typer.echo(f"Tested {_plural(len(outcomes), 'example')} of {_plural(rules, 'rule')}: "
                   f"{len(outcomes) - len(failed)} passed, {len(failed)} failed.")
        if untested:
            has = "rule has" if len(untested) == 1 else "rules have"
            typer.echo(f"{len(untested)} {has} no examples, so nothing tests "
                       f"{'it' if len(untested) == 1 else 'them'}: {', '.join(untested)} "
                       "(add examples.bad and examples.good; see docs/rulebooks.md#examples).")
    raise typer.Exit(1 if failed or (require_examples and untested) else 0)


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command("rules")
def rules_command(
    config: Optional[Path] = ConfigOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    format: RulesFormat = typer.Option(
        RulesFormat.text, "--format", "-f", metavar="text|json|markdown",
        help="Output format: text, json, or markdown (a handbook page per department)."),
    department: Optional[str] = typer.Option(
        None, "--department", metavar="NAME", help="Only the rules this department owns."),
    conflicts: bool = typer.Option(
        False, "--conflicts",
        help="List rules that flag the wording another rule asks for (exit 1 if any)."),
) -> None:
    """List the loaded rules and built-in checks: id, kind, severity, owner, status, source."""
    from .catalog import entries
    from .catalog import listed as all_entries
    from .governance import today

    with _errors_exit_2():
        project = _load(config, rulebook)
        # the handbook is the rulebooks' rules; the table and JSON add the built-in checks
        listed = entries(project) if format is RulesFormat.markdown else all_entries(project)
        day = today()
        if conflicts:
            from .governance import conflicts as find_conflicts

            found = find_conflicts(project)
    if department is not None:
        listed = [e for e in listed if (e.owner or "") == department]
        if not listed:
            owners = sorted({e.owner for e in entries(project) if e.owner})
            raise _fail(f"no rule is owned by '{department}' (owners: "
                        f"{', '.join(owners) or 'none'})")
    if conflicts:
        if department is not None:
            found = [c for c in found if department in (c.owner, c.other_owner)]
        if format is RulesFormat.json:
            typer.echo(json.dumps([c.to_dict() for c in found], indent=2, ensure_ascii=False))
        else:
            for conflict in found:
                typer.echo(conflict.describe())
            typer.echo(f"{_plural(len(found), 'conflict')} between rules in effect.")
        raise typer.Exit(1 if found else 0)
    if format is RulesFormat.json:
        typer.echo(json.dumps([e.to_dict() for e in listed], indent=2, ensure_ascii=False))
        return
    if format is RulesFormat.markdown:
        from .report.handbook import render
        from .responsibility import Responsibilities

        duties = Responsibilities(project.config).duties()
        typer.echo(render(listed, day=day, responsibilities=duties), nl=False)
        return
    from .catalog import BuiltinEntry

    header = ("ID", "KIND", "SEVERITY", "OWNER", "STATUS", "SOURCE")
    rows = [(e.id, e.kind, e.severity, e.owner or "-", e.status,
             str(e.location) if e.location else e.rulebook) for e in listed]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [str(cell).ljust(width) for cell, width in zip(row, widths)]
        typer.echo("  ".join([*cells, str(row[-1])]))
    rules = [e for e in listed if not isinstance(e, BuiltinEntry)]
    builtin = [e for e in listed if isinstance(e, BuiltinEntry)]
    summary = f"{_plural(len(rules), 'rule')}, {sum(e.status == 'on' for e in rules)} on"
    if builtin:
        summary += (f"; {_plural(len(builtin), 'built-in check')}, "
                    f"{sum(e.status == 'on' for e in builtin)} on")
    typer.echo(summary + ".")


@app.command("explain")
def explain_command(
    rule_id: str = typer.Argument(..., metavar="RULE_ID",
                                  help="The id of a loaded rule or of a built-in check."),
    config: Optional[Path] = ConfigOption,
    rulebook: Optional[List[str]] = RulebookOption,
    no_cache: bool = NoCacheOption,
    format: Format = FormatOption,
) -> None:
    """Show what a rule or built-in check checks, why, who owns it and how to switch it off."""
    from .catalog import BuiltinEntry, find

    with _errors_exit_2():
        entry = find(_load(config, rulebook), rule_id)
    info = entry.to_dict()
    if format is Format.json:
        typer.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    if isinstance(entry, BuiltinEntry):
        typer.echo(_explain_builtin(info))
        return
    lines = [
        f"{info['id']}  ({info['kind']}, {info['severity']}, {info['status']})",
        f"  defined at: {info['source']}",
        f"  owner:      {info['owner'] or '-'}",
        f"  category:   {info['category'] or '-'}",
        f"  message:    {info['message']}",
    ]
    scope = info["scope"]
    lines.append("  scope:      " + ("; ".join(f"{k}: {', '.join(v)}" for k, v in scope.items())
                                     if scope else "everywhere"))
    if info["link"]:
        lines.append(f"  link:       {info['link']}")
    for key, value in info["keys"].items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"  {key + ':':<11} {shown}")
    for kind in ("bad", "good"):
        for example in info["examples"].get(kind, []):
            lines.append(f"  {kind + ':':<11} {example['text']}")
    typer.echo("\n".join(lines))


def _explain_builtin(info: dict) -> str:
    """``brandvoice explain`` of a built-in check: what it checks, the persona key that
    sets it, severity, owner, message, examples and how to switch it off."""
    what = "persona check" if info["kind"] == "persona" else "built-in check"
    lines = [
        f"{info['id']}  ({what}, {info['severity']}, {info['status']})",
        f"  checks:     {info['checks']}",
        f"  set by:     {info['setting']}" + (" (in the persona)" if info["kind"] == "persona"
                                              and not info["setting"].startswith("always")
                                              else ""),
        f"  owner:      {info['owner'] or '-'}",
        f"  category:   {info['category'] or '-'}",
    ]
    label = "message:"
    for key, text in info["messages"].items():
        when = key[len(info["id"]) + 1:]
        lines.append(f"  {label:<11} {text}" + (f"  ({info['setting']}: {when})" if when else ""))
        label = ""
    if info["fixable"]:
        lines.append("  fix:        yes, applied by brandvoice check --fix")
    if info["examples"]:
        if info["example_setting"]:
            lines.append(f"  example:    with {info['example_setting']}")
        for kind in ("bad", "good"):
            for example in info["examples"].get(kind, []):
                extra = [f"from {example['department']}"] if "department" in example else []
                if "context" in example:
                    extra.append(f"context {example['context']}")
                if "in_reply_to" in example:
                    extra.append(f"in reply to \"{example['in_reply_to']}\"")
                text = example["text"].replace("\n", "\\n")
                lines.append(f"  {kind + ':':<11} {text}"
                             + (f"  ({'; '.join(extra)})" if extra else ""))
    lines.append(f"  switch off: {info['switch_off']}")
    lines.append(f"  more:       {info['docs']}")
    return "\n".join(lines)


class SchemaKind(str, Enum):
    config = "config"
    persona = "persona"
    rulebook = "rulebook"


@app.command("init")
def init_command(
    folder: Path = typer.Argument(Path("."), metavar="FOLDER",
                                  help="Where to write the starter project."),
) -> None:
    """Write a starter config, persona, rulebook and sample reply that pass their checks."""
    from .starter import create

    with _errors_exit_2():
        written = create(folder)
    for path in written:
        typer.echo(f"wrote {display_path(path)}")
    typer.echo("Next: brandvoice test, then brandvoice check"
               + ("" if folder == Path(".") else f" (in {display_path(folder)})"))


@app.command("schema")
def schema_command(
    kind: Optional[SchemaKind] = typer.Argument(
        None, metavar="KIND", help="Which file's schema to print: config, persona or rulebook."),
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", "-o", metavar="FOLDER",
        help="Write all three schemas into this folder."),
) -> None:
    """JSON Schema of the config, persona and rulebook files, for editor completion."""
    import json as json_module

    from .schema import schema, write_all

    if output_dir is not None:
        for path in write_all(output_dir):
            typer.echo(f"wrote {display_path(path)}")
        return
    if kind is None:
        raise _fail("say which schema to print (config, persona or rulebook), "
                    "or write all three with --output-dir DIR")
    typer.echo(json_module.dumps(schema(kind.value), indent=2))


cache_app = _App(cls=_Commands, no_args_is_help=True,
                 help="The cache that makes the next start faster: where it is, clearing it.")
app.add_typer(cache_app, name="cache")


@cache_app.command("dir")
def cache_dir_command() -> None:
    """Print the cache's folder (BRANDVOICE_CACHE_DIR, else XDG_CACHE_HOME/brandvoice, else
    ~/.cache/brandvoice)."""
    from .cache import location

    where = location()
    if where is None:
        raise _fail("no home folder to keep a cache in; set BRANDVOICE_CACHE_DIR")
    typer.echo(str(where))


@cache_app.command("clear")
def cache_clear_command() -> None:
    """Remove everything brandvoice keeps in its cache (it is made again as needed)."""
    from .cache import clear

    where, removed = clear()
    typer.echo(f"brandvoice: removed {_plural(removed, 'file')} from {where or 'no cache'}",
               err=True)


def main() -> None:
    """The ``brandvoice`` command. Once it is done, the process ends at once, without the
    interpreter's teardown (every module unloaded, a last garbage collection: about 0.15 s
    that nothing needs, each time a pre-commit hook or an editor runs it). Its output is
    flushed first and its exit code kept; it has already closed what it opened (files
    written whole, worker processes stopped).

    What a start makes (the modules imported, the config read, the rules compiled) lives
    until the process ends, so Python's garbage collector need not look for garbage in
    it: it is left out of the collector's view (``gc.freeze``), and the collector is off
    until a command has built what it checks with (:func:`_collect_from_here`). Its full
    passes over these objects took 0.3 to 0.4 s of a 723-file check."""
    gc.freeze()
    gc.disable()
    try:
        app()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    _end(code)


def _collect_from_here() -> None:
    """The collector back on, for what checking makes, with everything made so far out of
    its view: a command calls it once its linter is built (see :func:`main`)."""
    gc.freeze()
    gc.enable()


def _end(code: object) -> None:
    """End the process with ``code`` (as ``sys.exit`` takes it), output flushed."""
    from .wordforms import keep

    keep()  # the interpreter's exit, which would have run it, is skipped
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe ("| head"), a closed stream
            pass
    os._exit(code)
