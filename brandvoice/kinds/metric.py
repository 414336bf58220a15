"""``metric``: a draft-level measure out of range.

Keys (besides the common ones):

- ``metric``: one of ``words``, ``sentences``, ``characters``, ``sentiment`` (VADER,
  -1..1), ``formality`` (0..1; loads the statistical pipeline), or a textstat measure:
  ``flesch_kincaid_grade``, ``flesch_reading_ease``, ``gunning_fog``, ``smog_index``,
  ``coleman_liau_index``, ``automated_readability_index``,
  ``dale_chall_readability_score``, ``linsear_write_formula``, ``difficult_words``,
  ``syllable_count``, ``polysyllabcount``, ``reading_time`` (seconds);
- ``max`` and/or ``min``: the allowed range (inclusive).

The finding covers the whole draft. Drafts without words are not measured.

Example::

    - id: support.short-replies
      kind: metric
      metric: words
      max: 60
      message: "Keep replies short: {value} words (at most {max})."
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import model_validator

from ..metrics import (
    ENGLISH_MEASURES,
    MEASURES,
    MIN_READABILITY_WORDS,
    READABILITY_FORMULAS,
    TAGGED_MEASURES,
)
from ..pipeline import Needs
from ..result import Finding
from .base import Check as BaseCheck
from .base import RuleBase

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "metric"

Measure = Literal[tuple(MEASURES)]  # type: ignore[valid-type]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class Rule(RuleBase):
    kind: Literal["metric"]
    metric: Measure
    max: float | None = None
    min: float | None = None

    default_message = "{metric} is {value}; allowed: {range}."

    @model_validator(mode="after")
    def _bounds(self) -> "Rule":
        if self.max is None and self.min is None:
            raise ValueError("a metric rule needs 'max', 'min' or both")
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ValueError(f"'min' ({_number(self.min)}) is larger than 'max' "
                             f"({_number(self.max)})")
        return self

    def needs(self) -> Needs:
        return Needs(tags=self.metric in TAGGED_MEASURES)


class Check(BaseCheck):
    always = True
    flags_wording = False

    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.metric, self.max, self.min = rule.metric, rule.max, rule.min
        bounds = []
        if self.min is not None:
            bounds.append(f"at least {_number(self.min)}")
        if self.max is not None:
            bounds.append(f"at most {_number(self.max)}")
        self.range = " and ".join(bounds)

    def value(self, ctx: "DraftContext") -> float | None:
        """The measure this check compares with its range (None: not measured). Measures
        of English only (readability formulas, sentiment, formality) are not given for a
        reply in another language, and a readability formula not for one with fewer than
        MIN_READABILITY_WORDS words of prose."""
        if self.metric in ENGLISH_MEASURES and not ctx.english:
            return None
        if self.metric in READABILITY_FORMULAS and ctx.prose_words < MIN_READABILITY_WORDS:
            return None
        return ctx.measure(self.metric)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        if ctx.measure("words") == 0:
            return
        value = self.value(ctx)
        if value is None:
            return
        if (self.max is not None and value > self.max) or (self.min is not None
                                                           and value < self.min):
            message = (self.message.replace("{metric}", self.metric.replace("_", " "))
                       .replace("{value}", _number(value)).replace("{range}", self.range)
                       .replace("{max}", _number(self.max) if self.max is not None else "")
                       .replace("{min}", _number(self.min) if self.min is not None else ""))
            yield self.finding(ctx, *ctx.whole, message=message)
