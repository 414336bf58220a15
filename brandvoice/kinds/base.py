"""What every rule kind shares: the common keys, and the compiled check they become.

A kind is one module in this package with:

- ``KIND``: the name used in ``kind:``;
- ``Rule``: a pydantic model of its keys, subclassing :class:`RuleBase`;
- ``Check``: the compiled rule, subclassing :class:`Check`, whose ``check()``
  yields findings for one draft.

The linter core only orchestrates: it builds each ``Check`` once, runs the one
phrase pass per draft, and asks the checks whose phrases were found (or that
ask to run on every draft) for their findings.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import typing
from typing import TYPE_CHECKING, Annotated, Any, Callable, ClassVar, Iterator, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..errors import Location
from ..pipeline import Needs
from ..result import Finding, Fix

if TYPE_CHECKING:
    from ..drafts import Draft
    from ..lint import DraftContext

Severity = Literal["error", "warning", "suggestion"]
SEVERITIES: tuple[str, ...] = ("suggestion", "warning", "error")  # lowest to highest
MatchMode = Literal["exact", "lower", "lemma"]

#: A word or phrase to look for: text with at least one character that is not a space.
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _some_alternative(value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    for wrong, right in value.items():
        if isinstance(right, list) and not right:
            raise ValueError(f"'{wrong}' has an empty list of alternatives; give at least one")
    return value


Span = tuple[int, int]  # character offsets in the draft

#: Words or phrases mapped to what to write instead (one, or a non-empty list).
Replacements = Annotated[dict[Phrase, Phrase | list[Phrase]], AfterValidator(_some_alternative)]

#: Where a rule does not report a match (key ``unless``): in the scope of a negation
#: ("we can't guarantee") or of a hope or wish ("we hope it won't happen again").
#: See :mod:`brandvoice.negation`.
Unless = Literal["negated", "hedged"]


def _listed(value: object) -> object:
    if isinstance(value, str):
        if value not in typing.get_args(Unless):
            raise ValueError(f"write negated, hedged or a list of both, such as "
                             f"[negated, hedged] (not the text '{value}')")
        return [value]
    return value


#: ``unless: negated`` or ``unless: [negated, hedged]``.
UnlessList = Annotated[list[Unless],
                       BeforeValidator(_listed, json_schema_input_type=Unless | list[Unless])]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
RESERVED_PREFIXES = ("persona.", "brandvoice.")

#: The categories of the labelling guide (what kind of problem a reviewer records), in its
#: order. A rule's ``category`` is one of these or a team's own dotted name.
GUIDE_CATEGORIES: tuple[str, ...] = (
    "privacy.asks-public", "privacy.shows-data", "privacy.thread-exposure",
    "legal.promise", "legal.liability", "legal.other",
    "hr.conduct",
    "care.no-empathy", "care.non-apology", "care.dismissive", "care.dead-end",
    "care.template-mismatch", "care.sensitive-incident",
    "marketing.promo-in-complaint",
    "brand.off-voice",
)
#: A category: lower-case words joined by dots, at least two ("legal.promise", "style.tone").
CATEGORY_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$")


def check_category(value: str) -> str:
    if not CATEGORY_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a category: write lower-case words joined by dots, such as "
            "'legal.promise' or 'care.no-empathy' (see docs/rulebooks.md#category), or a "
            "team's own such as 'style.plain-language'")
    return value


#: What kind of problem a rule catches, for ``brandvoice eval`` and reports.
Category = Annotated[str, AfterValidator(check_category), WithJsonSchema({
    "type": "string",
    # the guide's categories, which editors offer as completions, or a team's own
    "anyOf": [{"enum": list(GUIDE_CATEGORIES)},
              {"pattern": CATEGORY_PATTERN.pattern,
               "patternErrorMessage": "not a category: write lower-case words joined by "
                                      "dots, such as 'legal.promise'"}],
    "description": "What kind of problem the rule catches: one of the labelling guide's "
                   "categories (legal.promise, care.no-empathy...) or a team's own dotted "
                   "name (style.plain-language).",
})]


class Strict(BaseModel):
    """Base of every model of a file users write: unknown keys are mistakes."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


def check_rule_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a valid rule id: use lowercase letters, digits, '.', '_' "
            "and '-', starting with a letter or digit (for example 'legal.no-guarantees')"
        )
    return value


class Scope(Strict):
    """Where a rule applies. Each list defaults to all."""

    # An empty list would switch the rule off silently: leave the key out instead.
    channels: list[str] | None = Field(None, min_length=1)
    departments: list[str] | None = Field(None, min_length=1)
    contexts: list[str] | None = Field(None, min_length=1)

    def admits(self, channel: str | None, department: str | None, context: str | None) -> bool:
        return (
            (self.channels is None or channel in self.channels)
            and (self.departments is None or department in self.departments)
            and (self.contexts is None or context in self.contexts)
        )


class ExampleDraft(Strict):
    """An example draft with its metadata; metadata left out puts the draft in the rule's scope."""

    text: str
    channel: str | None = None
    department: str | None = None
    context: str | None = None


def _example(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


#: An example is plain text, or a block with ``text`` and metadata.
# In the JSON Schema an example is text or a mapping, as authors may write either.
Example = Annotated[ExampleDraft,
                    BeforeValidator(_example, json_schema_input_type=str | ExampleDraft)]


class Examples(Strict):
    """Drafts that document a rule: each ``bad`` one must trigger it, no ``good`` one may."""

    bad: list[Example] = Field(default_factory=list)
    good: list[Example] = Field(default_factory=list)


def check_dates(effective: datetime.date | None, expires: datetime.date | None) -> None:
    """``effective`` must come before ``expires``."""
    if effective is not None and expires is not None and expires <= effective:
        raise ValueError(f"'expires' ({expires}) must come after 'effective' ({effective})")


class RuleBase(Strict):
    """The keys every kind accepts."""

    id: str
    kind: str
    severity: Severity = "warning"
    message: str | None = None
    scope: Scope = Field(default_factory=Scope)
    link: str | None = None
    owner: str | None = None
    enabled: StrictBool = True
    examples: Examples = Field(default_factory=Examples)
    #: What kind of problem it catches (a category of the labelling guide, or a team's own);
    #: carried by its findings.
    category: Category | None = None
    #: Why the rule exists (shown by `brandvoice rules` and in the handbook).
    rationale: str | None = None
    #: The first day the rule runs, and the day it stops running (see docs/rulebooks.md).
    effective: datetime.date | None = None
    expires: datetime.date | None = None

    #: The message used when a rule gives none.
    default_message: ClassVar[str] = "'{match}' breaks this rule."

    # Where the rule was written; set by the loader, used in error messages.
    _location: Location | None = PrivateAttr(default=None)

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        check_rule_id(value)
        if value.startswith(RESERVED_PREFIXES):
            raise ValueError(
                f"rule ids starting with {' or '.join(repr(p) for p in RESERVED_PREFIXES)} "
                "are reserved for brandvoice's own checks; choose another prefix"
            )
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> "RuleBase":
        check_dates(self.effective, self.expires)
        return self

    @property
    def location(self) -> Location | None:
        return self._location

    def needs(self) -> Needs:
        """What this rule needs from the pipeline (default: tokens and lemmas only)."""
        return Needs()


def places(draft: "Draft", start: int, end: int, fix: Fix | None
           ) -> tuple[int, int, int, int, Fix | None]:
    """Where the draft's characters ``start``..``end`` are in its file (line, column, end
    line, end column), and ``fix`` with its place and its replacement as written there."""
    line, column = draft.locate(start)
    end_line, end_column = draft.locate(end)
    if fix is not None:
        written = draft.encode(fix.replacement) if draft.encode else fix.replacement
        fix = dataclasses.replace(
            fix, where=(*draft.locate(fix.start), *draft.locate(fix.end)), written=written)
    return line, column, end_line, end_column, fix


def replace_places(finding: Finding, draft: "Draft") -> Finding:
    """``finding`` placed in ``draft``'s file (for findings made on a copy of the draft
    that did not know its file, as in worker processes)."""
    line, column, end_line, end_column, fix = places(draft, finding.start, finding.end,
                                                     finding.fix)
    parts = tuple(replace_places(part, draft) for part in finding.parts)
    return dataclasses.replace(finding, line=line, column=column, end_line=end_line,
                               end_column=end_column, fix=fix, parts=parts)


def matched_entries(ctx: "DraftContext", entries: dict[str, Any],
                    spelled: Callable[[Any], str] | None = None
                    ) -> list[tuple[int, int, Any]]:
    """The matches of a check that registered each of its entries under a key of its own
    (``entries``: key -> entry), as (start, end, entry) in text order; where matches
    overlap, the first and longest is kept.

    The entry comes from the key that matched, never from the matched text: spaCy splits
    "cannot" into "can" + "not", so the phrase "cannot" also matches "can not" and
    "Can Not", and "won't" matches "wo n't" and "won’t". Where several entries match the
    same words (in ``lemma`` mode "didn't" is a match of "don't" too), the one whose
    phrase, ``spelled(entry)``, is the text found wins.
    """
    def rank(start: int, end: int, key: str) -> tuple[int, int, int]:
        exact = spelled is not None and same_spelling(ctx.text[start:end].lower(),
                                                      spelled(entries[key]).lower())
        return (start, -end, 0 if exact else 1)

    found = sorted(((start, end, key) for key in entries for start, end in ctx.spans(key)),
                   key=lambda item: rank(*item))
    kept: list[tuple[int, int, Any]] = []
    last_end = -1
    for start, end, key in found:
        if start < last_end:
            continue
        last_end = end
        kept.append((start, end, entries[key]))
    return kept


def same_spelling(written: str, expected: str) -> bool:
    """Whether ``written`` is ``expected`` up to the apostrophe (' or ’) and the space
    between words (as a phrase matches: "can not" is "cannot" to spaCy)."""
    def squeeze(text: str) -> str:
        return "".join(text.replace("\u2019", "'").split())
    return squeeze(written) == squeeze(expected)


class Check:
    """A compiled rule. Subclasses set ``keys`` or ``always`` and implement ``check``."""

    #: Phrase keys (from :meth:`Compiler.phrases`) whose matches wake this check up.
    keys: tuple[str, ...] = ()
    #: True when the check must look at every draft in scope, matched or not.
    always: bool = False
    #: True when a finding says the words found are wrong; False when it says something
    #: is missing or a measure of the whole draft is out of range, which more wording can
    #: mend (``require``, ``metric``, a ``limit`` with ``min``). Only findings about
    #: wording can make a conflict (:func:`brandvoice.governance.conflicts`).
    flags_wording: bool = True

    def __init__(self, rule: RuleBase, *, severity: str, owner: str | None,
                 category: str | None = None):
        self.rule = rule
        self.id = rule.id
        self.severity = severity
        self.owner = owner
        #: The rule's category, else its rulebook's (given by the linter).
        self.category = category or getattr(rule, "category", None)
        self.scope = rule.scope
        self.link = rule.link
        self.message = rule.message or rule.default_message
        #: ``unless``: the scopes (negated, hedged) in which a match is not reported
        self.unless: tuple[str, ...] = tuple(dict.fromkeys(getattr(rule, "unless", None) or ()))

    def asserted(self, ctx: "DraftContext", spans: list[Span]) -> list[Span]:
        """``spans`` less those in the scope of a negation or hedge the rule's ``unless``
        names (all of them when it names none)."""
        if not self.unless or not spans:
            return spans
        scope = ctx.negation
        return [span for span in spans if not scope.covers(span[0], self.unless)]

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        ctx: "DraftContext",
        start: int,
        end: int,
        *,
        message: str | None = None,
        suggestions: list[str] | tuple[str, ...] = (),
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of this rule for the text between ``start`` and ``end`` of the draft."""
        match = ctx.text[start:end]
        line, column, end_line, end_column, fix = places(ctx.draft, start, end, fix)
        return Finding(
            rule=self.id,
            severity=self.severity,
            message=(message or self.message).replace("{match}", match),
            match=match,
            line=line,
            column=column,
            start=start,
            end=end,
            suggestions=list(suggestions),
            fix=fix,
            owner=self.owner,
            link=self.link,
            category=self.category,
            end_line=end_line,
            end_column=end_column,
        )

