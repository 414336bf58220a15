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

from ..errors import ConfigError, Location, Problem, UsageError
from ..kinds.base import RuleBase
from ..registry import BUILTIN_IDS
from .models import (
    INPUT_RULE,
    Persona,
    ProjectConfig,
    Rulebook,
)
from .source import Source, load_pyproject, load_yaml
from .validate import validate

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

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def rules(self) -> list[RuleBase]:
        return [rule for book in self.rulebooks for rule in book.rules]


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

def _load_config(path: Path) -> Source:
    if path.name == "pyproject.toml":
        source = load_pyproject(path)
        if source is None:
            raise ConfigError(Problem(Location(str(path)),
                                      "this pyproject.toml has no [tool.brandvoice] table"))
        return source
    source = load_yaml(path)
    if source.data is None:
        source.data = {}
    return source


def _require_mapping(source: Source, what: str) -> None:
    if source.data is None:
        raise ConfigError(Problem(Location(source.file), f"this file is empty; {what}"))
    if not isinstance(source.data, dict):
        raise ConfigError(Problem(source.where(()), f"this file should be a block of "
                                                    f"'key: value' lines; {what}"))


def load_persona(path: str | Path) -> Persona:
    source = load_yaml(path)
    _require_mapping(source, "a persona starts with 'name:'")
    return validate(Persona, source)


def load_rulebook(path: str | Path, *, name: str | None = None, text: str | None = None
                  ) -> LoadedRulebook:
    source = load_yaml(name or path, text) if text is not None else load_yaml(path)
    _require_mapping(source, "a rulebook has a 'rules:' list")
    book = validate(Rulebook, source)
    for index, rule in enumerate(book.rules):
        rule._location = source.where(("rules", index, "id"))
    return LoadedRulebook(name=str(name or path), book=book, source=source)


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
    source = _load_config(path)
    if not isinstance(source.data, dict):
        raise ConfigError(Problem(source.where(()), "the config should be a block of "
                                                    "'key: value' lines"))
    config = validate(ProjectConfig, source)
    return assemble(config, source, base=path.parent, path=path)


def assemble(config: ProjectConfig, source: Source, *, base: Path,
             path: Path | None = None,
             persona: Persona | None = None,
             extra_rulebooks: Iterable[LoadedRulebook] = ()) -> Project:
    """Read the persona and rulebooks a config names and check them together."""
    problems: list[Problem] = []
    project = Project(config=config, path=path, persona=persona)

    if config.persona is not None and persona is None:
        persona_path = base / config.persona
        missing = _missing(persona_path)
        if missing:
            problems.append(Problem(source.where(("persona",)),
                                    f"persona file '{config.persona}' {missing}"))
        else:
            try:
                project.persona = load_persona(persona_path)
            except ConfigError as exc:
                problems.extend(exc.problems)

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

    for index, entry in enumerate(config.rulebooks):
        where = source.where(("rulebooks", index))
        try:
            if entry.startswith(BUILTIN_PREFIX):
                packs = packs if packs is not None else builtin_packs()
                pack = entry[len(BUILTIN_PREFIX):].strip()
                if any(ch in pack for ch in "*?["):  # builtin:* loads every pack
                    chosen = fnmatch.filter(list(packs), pack)
                    if not chosen:
                        problems.append(Problem(where, f"no built-in pack matches '{pack}'; "
                                                       f"available: {', '.join(packs)}"))
                    for name in chosen:
                        if f"{BUILTIN_PREFIX}{name}" in listed:
                            continue  # a pattern takes the packs not listed before it
                        listed[f"{BUILTIN_PREFIX}{name}"] = entry
                        project.rulebooks.append(load_rulebook(
                            f"{BUILTIN_PREFIX}{name}", name=f"{BUILTIN_PREFIX}{name}",
                            text=packs[name].read_text(encoding="utf-8")))
                    continue
                if pack not in packs:
                    close = difflib.get_close_matches(pack, list(packs), n=1)
                    hint = f" (did you mean 'builtin:{close[0]}'?)" if close else ""
                    problems.append(Problem(where, f"unknown built-in pack '{pack}'{hint}; "
                                                   f"available: {', '.join(packs) or 'none'}"))
                    continue
                if not first_time(f"{BUILTIN_PREFIX}{pack}", entry, where):
                    continue
                project.rulebooks.append(load_rulebook(
                    f"{BUILTIN_PREFIX}{pack}", name=f"{BUILTIN_PREFIX}{pack}", text=packs[pack].read_text(encoding="utf-8")))
            else:
                book_path = base / entry
                missing = _missing(book_path)
                if missing:
                    problems.append(Problem(where, f"rulebook file '{entry}' {missing}"))
                    continue
                if not first_time(str(book_path.resolve()), entry, where):
                    continue
                project.rulebooks.append(load_rulebook(book_path))
        except ConfigError as exc:
            problems.extend(exc.problems)
    project.rulebooks.extend(extra_rulebooks)

    problems.extend(_duplicate_ids(project.rulebooks))
    problems.extend(_unknown_ids(project, source))
    if problems:
        raise ConfigError(problems)
    return project


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
    for index, book in enumerate(rulebooks):
        if isinstance(book, (str, Path)):
            paths.append(str(book))
            continue
        name = f"<rulebook {index + 1}>"
        data = book.model_dump(exclude_unset=True) if isinstance(book, Rulebook) else book
        source = Source(name, data, synthetic=True)
        loaded = validate(Rulebook, source)
        for rule in loaded.rules:
            rule._location = source.where(("rules",))
        extra.append(LoadedRulebook(name=name, book=loaded, source=source))
    persona_model: Persona | None = None
    persona_path: str | None = None
    if isinstance(persona, Persona):
        persona_model = persona
    elif isinstance(persona, Mapping):
        persona_model = validate(Persona, Source("<persona>", dict(persona), synthetic=True))
    elif persona is not None:
        persona_path = str(persona)
    source = Source(origin, dict(settings, rulebooks=paths, persona=persona_path), synthetic=True)
    config = validate(ProjectConfig, source)
    return assemble(config, source, base=Path.cwd(), persona=persona_model,
                    extra_rulebooks=extra)


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
    if problems:
        raise ConfigError(problems)
    return project


def _duplicate_ids(rulebooks: list[LoadedRulebook]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, RuleBase] = {}
    for book in rulebooks:
        for rule in book.rules:
            if rule.id in first:
                earlier = first[rule.id].location
                problems.append(Problem(
                    rule.location or Location(book.name),
                    f"rule id '{rule.id}' is already used at {earlier}; "
                    "every rule needs its own id",
                ))
            else:
                first[rule.id] = rule
    return problems


def _unknown_ids(project: Project, source: Source) -> list[Problem]:
    """``disable`` and ``severity`` must name rules that exist (a typo would do nothing)."""
    known = [rule.id for rule in project.rules] + list(BUILTIN_IDS)
    problems: list[Problem] = []
    if INPUT_RULE in project.config.disable:
        where = ("disable", project.config.disable.index(INPUT_RULE))
        problems.append(Problem(source.where(where), (
            f"'{INPUT_RULE}' cannot be switched off: a draft that cannot be read would pass "
            f"unseen. Lower its severity instead: severity: {{{INPUT_RULE}: warning}}")))
    entries = [(("disable", i), rule_id) for i, rule_id in enumerate(project.config.disable)]
    entries += [(("severity", rule_id), rule_id) for rule_id in project.config.severity]
    for where, rule_id in entries:
        if any(ch in rule_id for ch in "*?["):
            if not fnmatch.filter(known, rule_id):
                problems.append(Problem(source.where(where, key=where[0] == "severity"),
                                        f"'{rule_id}' matches no loaded rule"))
            continue
        if rule_id not in known:
            close = difflib.get_close_matches(rule_id, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(source.where(where, key=where[0] == "severity"),
                                    f"no loaded rule has the id '{rule_id}'{hint}"))
    return problems

