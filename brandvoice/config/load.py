"""Load a project: find the config, read the persona and rulebooks, check them together.

Every problem found is collected and raised at once as a :class:`ConfigError`, each
naming the file, line and column to look at.
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

from pydantic import ValidationError

from ..errors import ConfigError, Location, Problem, UsageError
from ..kinds.base import RuleBase
from ..registry import known_ids, unmatched
from .models import (
    INPUT_RULE,
    Persona,
    ProjectConfig,
    Rulebook,
)
from .names import Names, collect
from .source import Source, load_pyproject, read_yaml
from .validate import check, validate

CONFIG_NAMES = ("brandvoice.yaml", "brandvoice.yml", ".brandvoice.yaml", ".brandvoice.yml")
BUILTIN_PREFIX = "builtin:"


@dataclass
class LoadedRulebook:
    """A rulebook with the file it came from (``builtin:NAME`` for a shipped pack)."""

    name: str
    book: Rulebook
    source: Source

    @property
    def rules(self) -> list[RuleBase]:
        return self.book.rules


@dataclass
class Project:
    """Everything a Linter is built from."""

    config: ProjectConfig = field(default_factory=ProjectConfig)
    persona: Persona | None = None
    rulebooks: list[LoadedRulebook] = field(default_factory=list)
    path: Path | None = None  # the config file, when there is one
    #: The contexts, channels and departments the project knows (see config/names.py).
    names: Names = field(default_factory=Names)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def rules(self) -> list[RuleBase]:
        return [rule for book in self.rulebooks for rule in book.rules]

    def files(self) -> list[Path]:
        """The files the project was read from (the built-in packs left out): the config,
        the persona and the rulebooks; what a running server watches to reload it."""
        found = [self.path] if self.path else []
        if self.config.persona and self.path:
            found.append(self.root / self.config.persona)
        found += [Path(book.name) for book in self.rulebooks
                  if not book.name.startswith(BUILTIN_PREFIX)]
        return found


def signature(paths: Iterable[Path]) -> tuple:
    """What tells whether files changed since: each one's path, modification time and size
    (None for one that cannot be read, such as a file deleted since)."""
    def stamp(path: Path) -> tuple:
        try:
            info = path.stat()
        except OSError:
            return (str(path), None)
        return (str(path), info.st_mtime_ns, info.st_size)

    return tuple(stamp(path) for path in paths)


# --- finding the config ----------------------------------------------------------------

def find_config(start: Path | None = None) -> Path | None:
    """The nearest brandvoice.yaml (or pyproject.toml with [tool.brandvoice]) upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "tool.brandvoice" in text and load_pyproject(path) is not None


# --- built-in packs --------------------------------------------------------------------

def _packs_folder() -> Any:
    """The folder of built-in packs: inside the installed wheel, or rules/ in a checkout."""
    try:
        folder = resources.files("brandvoice.rules")
        if any(entry.name.endswith(".yaml") for entry in folder.iterdir()):
            return folder
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_packs() -> dict[str, Any]:
    """Names of the shipped packs and where they are."""
    folder = _packs_folder()
    return {entry.name[:-5]: entry for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".yaml")}


# --- loading ---------------------------------------------------------------------------

def _load_config(path: Path) -> tuple[Source, list[Problem]]:
    if path.name == "pyproject.toml":
        source = load_pyproject(path)
        if source is None:
            raise ConfigError(Problem(Location(str(path)),
                                      "this pyproject.toml has no [tool.brandvoice] table"))
        return source, []
    source, problems = read_yaml(path)
    if source.data is None:
        source.data = {}
    return source, problems


def _not_mapping(source: Source, what: str) -> list[Problem]:
    """The problem of a file that is not a block of 'key: value' lines (none when it is)."""
    if source.data is None:
        return [Problem(Location(source.file), f"this file is empty; {what}")]
    if not isinstance(source.data, dict):
        return [Problem(source.where(()), f"this file should be a block of "
                                          f"'key: value' lines; {what}")]
    return []


def load_persona(path: str | Path) -> Persona:
    persona, problems, _ = _read_persona(path)
    if problems:
        raise ConfigError(problems)
    return persona  # type: ignore[return-value]


def _read_persona(path: str | Path) -> tuple[Persona | None, list[Problem], Source | None]:
    """The persona, or None, every problem in its file, and its source (to point at the
    names it declares)."""
    try:
        source, problems = read_yaml(path)
    except ConfigError as exc:  # not YAML: nothing more can be read from it
        return None, exc.problems, None
    wrong = _not_mapping(source, "a persona starts with 'name:'")
    if wrong:
        return None, problems + wrong, source
    persona, invalid = check(Persona, source)
    return (persona if not problems else None), _in_order(problems + invalid), source


def load_rulebook(path: str | Path, *, name: str | None = None, text: str | None = None
                  ) -> LoadedRulebook:
    book, _, problems = _read_rulebook(path, name=name, text=text)
    if problems:
        raise ConfigError(problems)
    return book  # type: ignore[return-value]


def _read_rulebook(path: str | Path, *, name: str | None = None, text: str | None = None
                   ) -> tuple[LoadedRulebook | None, Source | None, list[Problem]]:
    """The rulebook (None when it has a problem), what was read of it (None when it is not
    YAML), and every problem in it."""
    try:
        source, problems = (read_yaml(name or path, text) if text is not None
                            else read_yaml(path))
    except ConfigError as exc:
        return None, None, exc.problems
    wrong = _not_mapping(source, "a rulebook has a 'rules:' list")
    if wrong:
        return None, source, problems + wrong
    book, invalid = check(Rulebook, source)
    problems = _in_order(problems + invalid)
    if book is None or problems:
        return None, source, problems
    for index, rule in enumerate(book.rules):
        rule._location = source.where(("rules", index, "id"))
    return LoadedRulebook(name=str(name or path), book=book, source=source), source, []


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.location.line, p.location.column))


def load_project(path: str | Path | None = None, *, start: Path | None = None) -> Project:
    """Load the config at ``path``, or the one found from ``start`` (default: cwd)."""
    if path is None:
        found = find_config(start)
        if found is None:
            raise UsageError(
                "no brandvoice.yaml found in this folder or any folder above it; "
                "create one (see docs/config.md) or pass --config PATH"
            )
        path = found
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"config file '{path}' not found")
    source, problems = _load_config(path)
    if not isinstance(source.data, dict):
        raise ConfigError(problems + [Problem(source.where(()), "the config should be a block "
                                                                "of 'key: value' lines")])
    config, invalid = check(ProjectConfig, source)
    if config is None:
        # Keep what is right, so that the persona and rulebooks are checked in this run too.
        config, dropped = _usable(ProjectConfig, source.data)
        problems += invalid
    else:
        dropped = set()
    return assemble(config, source, base=path.parent, path=path, problems=problems,
                    check_ids="rulebooks" not in dropped)


def _usable(model: type[ProjectConfig], data: dict[str, Any]) -> tuple[ProjectConfig, set[str]]:
    """The config made of the keys of ``data`` that are right on their own, and the keys
    left out."""
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        try:
            model.model_validate({key: value})
        except ValidationError:
            continue
        kept[key] = value
    return model.model_validate(kept), {key for key in data if key not in kept}


def assemble(config: ProjectConfig, source: Source, *, base: Path,
             path: Path | None = None,
             persona: Persona | None = None,
             extra_rulebooks: Iterable[LoadedRulebook] = (),
             problems: Iterable[Problem] = (),
             check_ids: bool = True) -> Project:
    """Read the persona and rulebooks a config names and check them together.

    Every problem is collected, so that one run reports them all: ``problems`` are the
    ones already found (in the config itself), and ``check_ids`` is False when the
    config's ``rulebooks`` could not be read, so that ``disable`` and ``severity`` are
    not judged against rules that were never looked for.
    """
    problems = list(problems)
    project = Project(config=config, path=path, persona=persona)
    #: Every rulebook that could be read as YAML, loaded or not: their rule ids count
    #: for unique ids and for ``disable``/``severity``.
    read: list[Source] = []
    unreadable = False  # a rulebook whose rules cannot be known (missing, not YAML)
    persona_source: Source | None = None

    if config.persona is not None and persona is None:
        persona_path = base / config.persona
        missing = _missing(persona_path)
        if missing:
            problems.append(Problem(source.where(("persona",)),
                                    f"persona file '{config.persona}' {missing}"))
        else:
            project.persona, found, persona_source = _read_persona(persona_path)
            problems.extend(found)

    packs: dict[str, Any] | None = None
    listed: dict[str, str] = {}  # a rulebook's identity -> the entry that loaded it

    def first_time(identity: str, entry: str, where: Location) -> bool:
        """False (with a problem) when an earlier entry already loaded this rulebook."""
        if identity in listed:
            earlier = listed[identity]
            how = "is listed twice" if earlier == entry else f"is already loaded by '{earlier}'"
            problems.append(Problem(where, f"the rulebook '{entry}' {how}; "
                                           "list each rulebook once"))
            return False
        listed[identity] = entry
        return True

    def add(book_path: str | Path, **how: Any) -> None:
        nonlocal unreadable
        book, book_source, found = _read_rulebook(book_path, **how)
        problems.extend(found)
        if book is not None:
            project.rulebooks.append(book)
        if book_source is None:
            unreadable = True
        else:
            read.append(book_source)

    for index, entry in enumerate(config.rulebooks):
        where = source.where(("rulebooks", index))
        if entry.startswith(BUILTIN_PREFIX):
            packs = packs if packs is not None else builtin_packs()
            pack = entry[len(BUILTIN_PREFIX):].strip()
            if any(ch in pack for ch in "*?["):  # builtin:* loads every pack
                chosen = fnmatch.filter(list(packs), pack)
                if not chosen:
                    problems.append(Problem(where, f"no built-in pack matches '{pack}'; "
                                                   f"available: {', '.join(packs)}"))
                    unreadable = True
                for name in chosen:
                    if f"{BUILTIN_PREFIX}{name}" in listed:
                        continue  # a pattern takes the packs not listed before it
                    listed[f"{BUILTIN_PREFIX}{name}"] = entry
                    add(f"{BUILTIN_PREFIX}{name}", name=f"{BUILTIN_PREFIX}{name}",
                        text=packs[name].read_text(encoding="utf-8"))
                continue
            if pack not in packs:
                close = difflib.get_close_matches(pack, list(packs), n=1)
                hint = f" (did you mean 'builtin:{close[0]}'?)" if close else ""
                problems.append(Problem(where, f"unknown built-in pack '{pack}'{hint}; "
                                               f"available: {', '.join(packs) or 'none'}"))
                unreadable = True
                continue
            if not first_time(f"{BUILTIN_PREFIX}{pack}", entry, where):
                continue
            add(f"{BUILTIN_PREFIX}{pack}", name=f"{BUILTIN_PREFIX}{pack}",
                text=packs[pack].read_text(encoding="utf-8"))
        else:
            book_path = base / entry
            missing = _missing(book_path)
            if missing:
                problems.append(Problem(where, f"rulebook file '{entry}' {missing}"))
                unreadable = True
                continue
            if not first_time(str(book_path.resolve()), entry, where):
                continue
            add(book_path)
    for book in extra_rulebooks:
        project.rulebooks.append(book)
        read.append(book.source)

    written = _written_ids(read)
    problems.extend(_duplicate_ids(written))
    if check_ids and not unreadable:
        problems.extend(_unknown_ids(project, source, [rule_id for rule_id, _ in written]))
    else:
        problems.extend(_undisabled(project, source))
    project.names, typos = collect(project, source, persona_source)
    problems.extend(typos)
    if problems:
        raise ConfigError(_file_order(problems, [source.file, *(
            [str(base / config.persona)] if config.persona else []), *(
            s.file for s in read)]))
    return project


def _file_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems file by file, in the order the files are read (the config, the persona,
    the rulebooks), and in each file from top to bottom."""
    rank = {name: index for index, name in enumerate(files)}
    first_seen: dict[str, int] = {}
    for problem in problems:
        first_seen.setdefault(problem.location.file, len(first_seen))
    return sorted(problems, key=lambda p: (
        rank.get(p.location.file, len(rank) + first_seen[p.location.file]),
        p.location.line, p.location.column))


def _missing(path: Path) -> str | None:
    """Why the file at ``path`` cannot be read (None when it is there)."""
    try:
        if path.is_file():
            return None
        return f"not found (looked for {path.resolve()})"
    except OSError as exc:  # a path the system refuses, such as a name that is too long
        return f"cannot be opened: {exc.strerror}"


def build_project(persona: Any = None, rulebooks: Iterable[Any] = (), *,
                  origin: str = "<settings>", **settings: Any) -> Project:
    """A project from arguments instead of a config file.

    ``persona``: a path, a mapping or a :class:`Persona`; ``rulebooks``: paths,
    ``builtin:NAME`` packs, mappings or :class:`Rulebook` models; ``settings``: any key
    of the project config. Paths are relative to the working folder.
    """
    paths: list[str] = []
    extra: list[LoadedRulebook] = []
    problems: list[Problem] = []
    for index, book in enumerate(rulebooks):
        if isinstance(book, (str, Path)):
            paths.append(str(book))
            continue
        name = f"<rulebook {index + 1}>"
        data = book.model_dump(exclude_unset=True) if isinstance(book, Rulebook) else book
        source = Source(name, data, synthetic=True)
        loaded, found = check(Rulebook, source)
        problems.extend(found)
        if loaded is None:
            continue
        for rule in loaded.rules:
            rule._location = source.where(("rules",))
        extra.append(LoadedRulebook(name=name, book=loaded, source=source))
    persona_model: Persona | None = None
    persona_path: str | None = None
    if isinstance(persona, Persona):
        persona_model = persona
    elif isinstance(persona, Mapping):
        persona_model, found = check(Persona, Source("<persona>", dict(persona), synthetic=True))
        problems.extend(found)
    elif persona is not None:
        persona_path = str(persona)
    source = Source(origin, dict(settings, rulebooks=paths, persona=persona_path), synthetic=True)
    config = validate(ProjectConfig, source)
    return assemble(config, source, base=Path.cwd(), persona=persona_model,
                    extra_rulebooks=extra, problems=problems, check_ids=not problems)


def override(project: Project, **settings: Any) -> Project:
    """The project with some config keys changed (as ``--min-score`` does on the command line).

    Mappings (``penalties``, ``defaults``, ``severity``, ``files``) are merged into the
    config's; other keys replace it. ``disable`` and ``severity`` must name loaded rules.
    """
    fixed = {"rulebooks", "persona"} & settings.keys()
    if fixed:
        raise UsageError(f"{' and '.join(sorted(fixed))} cannot be overridden here; "
                         "build the Linter with Linter(persona=..., rulebooks=[...]) instead")
    data = project.config.model_dump()
    for key, value in settings.items():
        current = data.get(key)
        data[key] = {**current, **value} if isinstance(value, Mapping) and isinstance(
            current, dict) else value
    source = Source("<settings>", data, synthetic=True)
    project.config = validate(ProjectConfig, source)
    problems = _unknown_ids(project, source)
    names, typos = collect(project, source)
    problems.extend(typos)
    if problems:
        raise ConfigError(problems)
    project.names = names
    return project


def _written_ids(sources: list[Source]) -> list[tuple[str, Location]]:
    """Every rule id written in these rulebooks, with its place, whether or not the rule
    (or its rulebook) has other mistakes."""
    written: list[tuple[str, Location]] = []
    for source in sources:
        rules = source.data.get("rules") if isinstance(source.data, dict) else None
        for index, rule in enumerate(rules if isinstance(rules, list) else ()):
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            if isinstance(rule_id, (int, float)) and not isinstance(rule_id, bool):
                rule_id = str(rule_id)  # as the model reads it
            if isinstance(rule_id, str):
                written.append((rule_id, source.where(("rules", index, "id"))))
    return written


def _duplicate_ids(written: list[tuple[str, Location]]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Location] = {}
    for rule_id, where in written:
        if rule_id in first:
            problems.append(Problem(
                where,
                f"rule id '{rule_id}' is already used at {first[rule_id]}; "
                "every rule needs its own id",
            ))
        else:
            first[rule_id] = where
    return problems


def _undisabled(project: Project, source: Source) -> list[Problem]:
    """``brandvoice.input`` cannot be switched off."""
    if INPUT_RULE not in project.config.disable:
        return []
    where = ("disable", project.config.disable.index(INPUT_RULE))
    return [Problem(source.where(where), (
        f"'{INPUT_RULE}' cannot be switched off: a draft that cannot be read would pass "
        f"unseen. Lower its severity instead: severity: {{{INPUT_RULE}: warning}}"))]


def _unknown_ids(project: Project, source: Source, written: list[str] | None = None
                 ) -> list[Problem]:
    """``disable`` and ``severity`` must name rules that exist (a typo would do nothing).

    ``written``: the ids written in the rulebooks, including rules with mistakes of their
    own (those are reported where they are, not as unknown here).
    """
    known = known_ids([*(rule.id for rule in project.rules), *(written or ())])
    problems = _undisabled(project, source)
    entries = [(("disable", i), rule_id) for i, rule_id in enumerate(project.config.disable)]
    entries += [(("severity", rule_id), rule_id) for rule_id in project.config.severity]
    for where, rule_id in entries:
        why = unmatched(rule_id, known)
        if why:
            problems.append(Problem(source.where(where, key=where[0] == "severity"), why))
    return problems
