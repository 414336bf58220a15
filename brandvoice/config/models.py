"""Models of the files users write: the project config, the persona, rulebooks.

Unknown keys are rejected everywhere (see :class:`~brandvoice.kinds.base.Strict`).
Rule models live with their kind in :mod:`brandvoice.kinds`.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, field_validator, model_validator

from ..kinds import AnyRule
from ..kinds.base import Category, Phrase, Replacements, Severity, Strict, check_dates

# The built-in ids (persona checks, brandvoice.input, brandvoice.suppression) are listed once,
# in brandvoice.registry; they are named here too, where the config's models are.
from ..registry import INPUT_RULE, PERSONA_CHECK_IDS, SUPPRESSION_RULE  # noqa: F401

# --- project config (brandvoice.yaml or [tool.brandvoice]) -----------------------------

#: The longest name of one file or folder, in bytes, on every common file system; and the
#: longest path Linux opens.
NAME_MAX = 255
PATH_MAX = 4096
#: The most folders a pattern of ``files`` may go down (each is one more step of search).
PATTERN_PARTS = 64


def check_path(value: str) -> str:
    """A path the system can open: no NUL or unpaired surrogate, no name over NAME_MAX bytes."""
    bad = next((ch for ch in value if ch == "\0" or "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:
        what = "a NUL character" if bad == "\0" else f"the character U+{ord(bad):04X}"
        raise ValueError(f"this path contains {what}, which no file name can hold")
    size = len(value.encode("utf-8"))
    if size > PATH_MAX:
        raise ValueError(f"this path is {size:,} bytes long; a path can be at most "
                         f"{PATH_MAX:,} bytes")
    for part in re.split(r"[\\/]", value):
        size = len(part.encode("utf-8"))
        if size > NAME_MAX:
            raise ValueError(f"the name '{part[:20]}...' in this path is {size:,} bytes long; "
                             f"a file or folder name can be at most {NAME_MAX} bytes")
    return value


def _book_path(value: str) -> str:
    return value if value.startswith("builtin:") else check_path(value)


def _pattern(value: str) -> str:
    if not value.strip():
        raise ValueError("this pattern is empty; write one such as 'replies/**/*.txt'")
    check_path(value)
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        raise ValueError("patterns are relative to the config's folder; remove the "
                         "leading '/' (or drive)")
    parts = [part for part in re.split(r"[\\/]", value) if part]
    if len(parts) > PATTERN_PARTS:
        raise ValueError(f"this pattern goes down {len(parts)} folders; at most "
                         f"{PATTERN_PARTS} are searched")
    if parts.count("**") > 2:
        raise ValueError("'**' may appear at most twice in a pattern (each one searches "
                         "every folder below)")
    return value


FilePath = Annotated[str, AfterValidator(check_path)]
BookPath = Annotated[str, AfterValidator(_book_path)]
Pattern = Annotated[str, AfterValidator(_pattern)]

class Defaults(Strict):
    """Metadata for drafts that do not carry their own."""

    channel: str | None = None
    department: str | None = None
    context: str | None = None


class Penalties(Strict):
    """Points taken off a draft's score of 100 per finding of each severity."""

    error: int = Field(25, ge=0)
    warning: int = Field(10, ge=0)
    suggestion: int = Field(3, ge=0)


class Files(Strict):
    """Which files ``brandvoice check`` reads when it is given no path (glob patterns)."""

    include: list[Pattern] = Field(default_factory=list)
    exclude: list[Pattern] = Field(default_factory=list)


class Responsibility(Strict):
    """Who answers one context: the departments that answer it, who takes over from a
    department that does not, and how serious a reply from another department is.

    Written in full (``{answered_by: [support], escalate_to: support}``) or as the list of
    departments alone (``[support]``)."""

    answered_by: list[Phrase] = Field(min_length=1)
    escalate_to: Phrase | None = None
    severity: Severity = "warning"

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        if isinstance(value, (list, str)):
            return {"answered_by": [value] if isinstance(value, str) else value}
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):  # type: ignore[override]
        """Editors accept the short forms too: the list of departments, or one."""
        written = handler(core_schema)
        departments = written["properties"]["answered_by"]
        return {"anyOf": [written, {**departments, "description": "The departments that "
                                                                  "answer this context."},
                          {**departments["items"], "description": "The department that "
                                                                  "answers this context."}]}


class ProjectConfig(Strict):
    persona: FilePath | None = None
    rulebooks: list[BookPath] = Field(default_factory=list)
    defaults: Defaults = Field(default_factory=Defaults)
    #: Departments that write replies, known besides those rules name (owner, scope).
    departments: list[Phrase] = Field(default_factory=list)
    fail_on: Severity = "error"
    min_score: int = Field(0, ge=0, le=100)
    penalties: Penalties = Field(default_factory=Penalties)
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    files: Files = Field(default_factory=Files)
    #: The longest draft checked, in characters; a longer one is an input problem.
    max_draft_length: int = Field(100_000, ge=1)
    #: Who answers what: for each context, the departments that answer it
    #: (brandvoice.responsibility).
    responsibilities: dict[Phrase, Responsibility] = Field(default_factory=dict)

    def disables(self, rule_id: str) -> bool:
        """Whether ``disable`` names the rule, by id or by a pattern such as ``hr.*``."""
        return any(_selects(pattern, rule_id) for pattern in self.disable)

    def severity_for(self, rule_id: str, default: str) -> str:
        """The rule's severity after ``severity`` overrides: an exact id wins over patterns,
        and a longer (more specific) pattern over a shorter one."""
        if rule_id in self.severity:
            return self.severity[rule_id]
        matching = [p for p in self.severity if _selects(p, rule_id)]
        return self.severity[max(matching, key=len)] if matching else default


def _selects(pattern: str, rule_id: str) -> bool:
    return rule_id == pattern or fnmatch.fnmatchcase(rule_id, pattern)


# --- persona ---------------------------------------------------------------------------

class Range(Strict):
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is larger than 'max' ({self.max})")
        return self


class Readability(Strict):
    max_grade: float | None = Field(None, ge=0)
    min_reading_ease: float | None = None
    max_sentence_words: int | None = Field(None, ge=1)


class Tone(Strict):
    sentiment: Range | None = None
    formality: Range | None = None
    #: How polite a reply reads, 0 (rude) .. 1 (very polite): brandvoice.politeness.
    politeness: Range | None = None

    @field_validator("sentiment")
    @classmethod
    def _sentiment_range(cls, value: Range | None) -> Range | None:
        for bound in (value.min, value.max) if value else ():
            if bound is not None and not -1 <= bound <= 1:
                raise ValueError("sentiment is measured from -1 to 1; use values in that range")
        return value

    @field_validator("formality", "politeness")
    @classmethod
    def _unit_range(cls, value: Range | None, info) -> Range | None:
        for bound in (value.min, value.max) if value else ():
            if bound is not None and not 0 <= bound <= 1:
                raise ValueError(f"{info.field_name} is measured from 0 to 1; use values in "
                                 "that range")
        return value


class Style(Strict):
    max_exclamations: int | None = Field(None, ge=0)
    max_emoji: int | None = Field(None, ge=0)
    max_hashtags: int | None = Field(None, ge=0)
    shouting: StrictBool | None = None
    allow_caps: list[str] = Field(default_factory=list)
    contractions: Literal["prefer", "avoid", "either"] = "either"


class Vocabulary(Strict):
    prefer: Replacements = Field(default_factory=dict)
    avoid: list[Phrase] = Field(default_factory=list)


class ContextRules(Strict):
    require_empathy: StrictBool = False
    forbid_promotion: StrictBool = False
    #: More phrases that count as empathy, added to the built-in list.
    empathy: list[str] = Field(default_factory=list)
    #: More phrases that count as promotion, added to the built-in list.
    promotion: list[str] = Field(default_factory=list)
    #: The reply must say what happens next or how to get help (a phrase of NEXT_STEP or
    #: of ``next_step``).
    require_next_step: StrictBool = False
    #: More phrases that count as a next step, added to the built-in list.
    next_step: list[str] = Field(default_factory=list)


class Channel(Strict):
    max_length: int | None = Field(None, ge=1)
    #: How length is counted: code points, user-perceived characters, or X/Twitter's weights.
    count: Literal["characters", "graphemes", "twitter"] | None = None


class PersonaExamples(Strict):
    on_brand: list[str] = Field(default_factory=list)
    off_brand: list[str] = Field(default_factory=list)


#: Who answers for the persona's checks when the persona does not say.
PERSONA_OWNER = "brand"


class Persona(Strict):
    name: str
    summary: str | None = None
    #: Who answers for the persona's checks (audit, JSON and SARIF show it).
    owner: str = Field(PERSONA_OWNER, min_length=1)
    readability: Readability = Field(default_factory=Readability)
    tone: Tone = Field(default_factory=Tone)
    style: Style = Field(default_factory=Style)
    terms: list[str] = Field(default_factory=list)
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)
    contexts: dict[str, ContextRules] = Field(default_factory=dict)
    channels: dict[str, Channel] = Field(default_factory=dict)
    examples: PersonaExamples = Field(default_factory=PersonaExamples)


# --- rulebooks -------------------------------------------------------------------------

class Rulebook(Strict):
    name: str | None = None
    owner: str | None = None
    version: str | None = None
    description: str | None = None
    #: Why these rules exist; each rule may give its own.
    rationale: str | None = None
    #: What kind of problem these rules catch; each rule may give its own.
    category: Category | None = None
    #: When every rule of the book starts and stops running (a rule's own dates win).
    effective: datetime.date | None = None
    expires: datetime.date | None = None
    rules: list[AnyRule]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Rulebook":
        check_dates(self.effective, self.expires)
        return self
