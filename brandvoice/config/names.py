"""Names of contexts, channels and departments: which ones a project knows, and the one
spelling each is compared and reported with.

A draft's ``context``, ``channel`` and ``department`` decide which rules run on it (a
rule's ``scope``, the persona's ``contexts`` and ``channels``), so a name that matches
nothing would switch rules off without a word. Names are therefore:

- compared without regard to case (``Complaint`` is ``complaint``), each reported with
  its known spelling (:attr:`Names.spelled`);
- known only when something names them (see :func:`collect` and docs/config.md, "Known
  names"); a name typed on the command line or in an API request that nothing knows is
  refused (:class:`~brandvoice.errors.UnknownName`), one in a draft's own metadata gets
  a ``brandvoice.input`` warning (:meth:`Names.unknown`);
- in the config, persona and rulebooks, a name that is not known yet but is very close
  to one that is (``complaints`` in a scope, with the built-in ``complaint``) is taken
  for a typo and reported with "did you mean".

Names are settled once, where they come in: the loader rewrites scopes, persona keys and
defaults to the known spelling, and the linter does the same for each draft's metadata.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..errors import Location, Problem, UnknownName

if TYPE_CHECKING:
    from .load import Project
    from .source import Source

KINDS = ("context", "channel", "department")
PLURALS = {"context": "contexts", "channel": "channels", "department": "departments"}
#: The contexts brandvoice knows without being told: what a customer's message
#: (``in_reply_to``) can be read as (see brandvoice.conversation), and the stages of the
#: buying cycle it can read there too (see brandvoice.stage).
BUILTIN_CONTEXTS = ("complaint", "question", "praise", "general", "pre-purchase", "purchase",
                    "post-purchase")
#: Where a new name of each kind is written (docs/config.md, "Known names").
DECLARED = {
    "context": "a key under 'contexts:' in the persona, or a rule's scope",
    "channel": "a key under 'channels:' in the persona, or a rule's scope",
    "department": "'departments:' in the config, a rulebook's or a rule's 'owner', "
                  "or a rule's scope",
}
#: How close (difflib's ratio) a name written in the config, persona or a rulebook must
#: be to a known one to be taken for a typo of it: "complaints" and "complaint" are
#: 0.95, "suport" and "support" 0.92; "compliment" and "complaint" (0.84), or
#: "pre-purchase" and "post-purchase" (0.80), are different names.
TYPO = 0.85


def key(name: str) -> str:
    """How names are compared: without regard to case or surrounding spaces."""
    return name.strip().casefold()


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to ``name`` (compared without regard to case), if any."""
    by_key = {key(k): k for k in known}
    found = difflib.get_close_matches(key(name), list(by_key), n=1, cutoff=cutoff)
    return by_key[found[0]] if found else None


@dataclass
class Names:
    """The names a project knows, of each kind: compared by :func:`key`, each with the
    spelling it is reported with."""

    spelled: dict[str, dict[str, str]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS})

    def canonical(self, kind: str, name: str) -> str | None:
        """The known spelling of ``name`` (None: no such name is known)."""
        return self.spelled[kind].get(key(name))

    def known(self, kind: str) -> list[str]:
        """The known names of ``kind``, sorted without regard to case."""
        return sorted(self.spelled[kind].values(), key=key)

    def unknown(self, kind: str, name: str) -> str:
        """Why ``name`` is not a known name of ``kind``: the closest known one, else
        the known ones and where a new one is added."""
        known = self.known(kind)
        close = closest(name, known)
        if close is not None:
            return f"unknown {kind} '{name}' (did you mean '{close}'?)"
        listed = (f"known {PLURALS[kind]}: {', '.join(known)}" if known else
                  f"no {kind} is named in the persona, the rulebooks or the config")
        return f"unknown {kind} '{name}'; {listed} (to add one: {DECLARED[kind]})"

    def resolve(self, kind: str, name: str | None, *, given_as: str | None = None
                ) -> str | None:
        """The known spelling of a name someone typed (an option, an API field), or
        :class:`UnknownName` saying what is known. None and "" stay as they are."""
        if name is None or not name.strip():
            return name
        found = self.canonical(kind, name)
        if found is None:
            prefix = f"{given_as}: " if given_as else ""
            raise UnknownName(prefix + self.unknown(kind, name))
        return found

    def resolve_all(self, metadata: dict[str, str | None], *, options: bool = False
                    ) -> dict[str, str | None]:
        """``metadata`` (channel, department, context) with each name resolved; with
        ``options``, a refusal names the command-line option (``--context``)."""
        return {kind: self.resolve(kind, value, given_as=f"--{kind}" if options else None)
                if kind in KINDS else value for kind, value in metadata.items()}


# --- collecting the names of a project -------------------------------------------------

@dataclass
class _Written:
    """A name written somewhere in the project's files, and how to put it back spelled
    as known."""

    kind: str
    name: str
    where: Location
    #: Why a typo here matters, added to the message.
    consequence: str
    #: Called with the known spelling to rewrite the name in the loaded model.
    settle: Any
    #: Whether writing the name here makes it known; where it does not (who answers what),
    #: a name nothing else knows is a mistake.
    declares: bool = True


def _persona_names(project: "Project", source: "Source | None") -> Iterator[_Written]:
    persona = project.persona
    if persona is None:
        return
    for kind, table in (("context", persona.contexts), ("channel", persona.channels)):
        for name in list(table):
            where = source.where((PLURALS[kind], name), key=True) if source is not None \
                else Location("<persona>", 0, 0)

            def settle(spelled: str, table=table, name=name) -> None:
                if spelled != name and spelled not in table:
                    table[spelled] = table.pop(name)
            yield _Written(kind, name, where, "; as written, these persona checks never run "
                           "on drafts marked '{close}'", settle)


def _defaults(project: "Project", source: "Source | None") -> Iterator[_Written]:
    defaults = project.config.defaults
    for kind in KINDS:
        name = getattr(defaults, kind)
        if name is None:
            continue
        where = source.where(("defaults", kind)) if source is not None \
            else Location("<settings>", 0, 0)
        yield _Written(kind, name, where, "",
                       lambda spelled, kind=kind: setattr(defaults, kind, spelled))


def _departments(project: "Project", source: "Source | None") -> Iterator[_Written]:
    listed = project.config.departments
    for number, name in enumerate(listed):
        where = source.where(("departments", number)) if source is not None \
            else Location("<settings>", 0, 0)

        def settle(spelled: str, number=number) -> None:
            listed[number] = spelled
        yield _Written("department", name, where, "", settle)


def _owners(project: "Project") -> Iterator[_Written]:
    for book in project.rulebooks:
        if book.book.owner is not None:
            yield _Written("department", book.book.owner, book.source.where(("owner",)), "",
                           lambda spelled, book=book: setattr(book.book, "owner", spelled))
        for index, rule in enumerate(book.rules):
            if rule.owner is not None:
                yield _Written("department", rule.owner,
                               book.source.where(("rules", index, "owner")), "",
                               lambda spelled, rule=rule: setattr(rule, "owner", spelled))


def _scopes(project: "Project") -> Iterator[_Written]:
    for book in project.rulebooks:
        for index, rule in enumerate(book.rules):
            for kind in KINDS:
                listed = getattr(rule.scope, PLURALS[kind])
                for number, name in enumerate(listed or ()):
                    def settle(spelled: str, listed=listed, number=number) -> None:
                        listed[number] = spelled
                    yield _Written(
                        kind, name,
                        book.source.where(("rules", index, "scope", PLURALS[kind], number)),
                        "; as written, this rule never runs on drafts marked '{close}'",
                        settle)


def _examples(project: "Project") -> Iterator[_Written]:
    for book in project.rulebooks:
        for index, rule in enumerate(book.rules):
            for which in ("bad", "good"):
                for number, example in enumerate(getattr(rule.examples, which)):
                    for kind in KINDS:
                        name = getattr(example, kind)
                        if name is None:
                            continue
                        yield _Written(
                            kind, name,
                            book.source.where(("rules", index, "examples", which, number,
                                               kind)), "",
                            lambda spelled, example=example, kind=kind:
                                setattr(example, kind, spelled))


def _responsibilities(project: "Project", source: "Source | None") -> Iterator[_Written]:
    """The contexts and departments of ``responsibilities``: each must be known already
    (a department nothing else names answers nothing; a context no draft can have is
    never checked)."""
    table = project.config.responsibilities
    raw = source.data.get("responsibilities") if source is not None and isinstance(
        source.data, dict) else None

    def where(*path: Any, key: bool = False) -> Location:
        return source.where(("responsibilities", *path), key=key) if source is not None \
            else Location("<settings>", 0, 0)

    for context in list(table):
        duty = table[context]

        def settle_context(spelled: str, context=context) -> None:
            if spelled != context and spelled not in table:
                table[spelled] = table.pop(context)
        yield _Written("context", context, where(context, key=True), "", settle_context,
                       declares=False)
        written = raw.get(context) if isinstance(raw, dict) else None
        short = isinstance(written, (list, str))  # the list of departments alone
        for number, name in enumerate(duty.answered_by):
            path = (context, number) if short else (context, "answered_by", number)

            def settle(spelled: str, listed=duty.answered_by, number=number) -> None:
                listed[number] = spelled
            yield _Written("department", name, where(*path), "", settle, declares=False)
        if duty.escalate_to is not None:
            yield _Written("department", duty.escalate_to, where(context, "escalate_to"), "",
                           lambda spelled, duty=duty: setattr(duty, "escalate_to", spelled),
                           declares=False)


def collect(project: "Project", config_source: "Source | None" = None,
            persona_source: "Source | None" = None) -> tuple[Names, list[Problem]]:
    """The names ``project`` knows, and the names in its files taken for typos.

    Names come, in this order, from: the built-in contexts and channel profiles; the
    persona's ``contexts`` and ``channels``; the config's ``departments``; rulebook and
    rule ``owner`` (departments);
    rules' ``scope``; the metadata of rules' examples; the config's ``defaults``. The
    names of ``responsibilities`` must be known by then (any that is not is a problem). A name
    that is not known yet but within :data:`TYPO` of one known before its group is a
    problem ("did you mean"); any other becomes known. Every name found is rewritten in
    the loaded models to its known spelling, so rules compare names once, as equals.
    """
    from ..persona.channels import BUILTIN as BUILTIN_CHANNELS

    names = Names()
    problems: list[Problem] = []
    builtin = {"context": BUILTIN_CONTEXTS, "channel": tuple(BUILTIN_CHANNELS),
               "department": ()}
    for kind, listed in builtin.items():
        for name in listed:
            names.spelled[kind].setdefault(key(name), name)
    groups = (_persona_names(project, persona_source), _departments(project, config_source),
              _owners(project), _scopes(project), _examples(project),
              _defaults(project, config_source), _responsibilities(project, config_source))
    for group in groups:
        before = {kind: list(names.spelled[kind].values()) for kind in KINDS}
        for written in group:
            known = names.canonical(written.kind, written.name)
            if known is None and not written.declares:
                problems.append(Problem(written.where, names.unknown(written.kind,
                                                                     written.name)))
                continue
            if known is None:
                close = closest(written.name, before[written.kind], TYPO)
                if close is not None:
                    problems.append(Problem(written.where, (
                        f"unknown {written.kind} '{written.name}' (did you mean '{close}'?)"
                        + written.consequence.replace("{close}", close))))
                    continue
                known = names.spelled[written.kind].setdefault(key(written.name),
                                                               written.name.strip())
            if known != written.name:
                written.settle(known)
    return names, problems
