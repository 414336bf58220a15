"""``sequence``: a sequence of tokens, described as spaCy Matcher patterns.

Keys (besides the common ones):

- ``tokens``: one pattern (a list of token descriptions) or a list of such patterns.
  Each token description uses spaCy's attributes: ``LOWER``, ``TEXT``, ``LEMMA``,
  ``POS``, ``TAG``, ``MORPH``, ``DEP``, ``ENT_TYPE``, ``IS_PUNCT``, ``LIKE_NUM``...
  with ``OP`` (``?``, ``*``, ``+``, ``!``, ``{n,m}``) and ``IN`` / ``NOT_IN`` lists;
- ``unless``: ``negated`` and/or ``hedged``: a match in the scope of a negation or a
  hope is not reported (as for ``forbid``).

Patterns are checked when the rulebook is loaded (with spaCy's own reason when one is
wrong). ``POS``, ``TAG`` or ``MORPH`` load the statistical English pipeline; ``DEP``
also its parser, ``ENT_TYPE`` its entity recognizer. ``REGEX`` is not accepted inside
token patterns: it would run on Python's backtracking engine; use a ``pattern`` rule.

Example (passive voice that hides who acted: "mistakes were made")::

    - id: care.hidden-actor
      kind: sequence
      tokens:
        - {LEMMA: be}
        - {TAG: VBN}
        - {LOWER: by, OP: "!"}
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Literal

from pydantic import Field, field_validator

from ..pipeline import Needs
from ..result import Finding
from .base import Check as BaseCheck
from .base import RuleBase, UnlessList

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..lint import DraftContext

KIND = "sequence"

TAG_ATTRS = {"POS", "TAG", "MORPH"}
PARSE_ATTRS = {"DEP"}
ENTITY_ATTRS = {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"}


@lru_cache(maxsize=1)
def _vocab() -> Any:
    """A bare vocabulary: enough to validate patterns, without building a pipeline."""
    from spacy.vocab import Vocab

    return Vocab()


def _attributes(patterns: list[list[dict]]) -> set[str]:
    return {key.upper() for pattern in patterns for token in pattern for key in token}


def _has_regex(value: Any) -> bool:
    if isinstance(value, dict):
        return any(str(k).upper() == "REGEX" or _has_regex(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_regex(v) for v in value)
    return False


#: The most times ``OP: "{n,m}"`` may repeat a token: spaCy writes each repeat out.
MAX_REPEAT = 20
_REPEAT = re.compile(r"^\{(\d*),?(\d*)\}$")


def _odd_key(value: Any) -> Any:
    """The first key that is not text in the blocks inside ``value`` (None if none)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            odd = next((key for key in current if not isinstance(key, str)), None)
            if odd is not None:
                return odd
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return None


def _check_tokens(patterns: list[Any]) -> None:
    """What spaCy's Matcher accepts when a pattern is added but fails on (or runs out of
    memory for) when it is built or matched, in plain words."""
    for number, pattern in enumerate(patterns, 1):
        where = f"pattern {number}, " if len(patterns) > 1 else ""
        if not isinstance(pattern, list):
            continue  # spaCy's own validation says what is wrong
        for index, token in enumerate(pattern, 1):
            if not isinstance(token, dict):
                continue
            if "_" in token:
                raise ValueError(
                    f"{where}token {index}: custom attributes ('_') cannot be used, as "
                    "brandvoice registers none; use spaCy's own, such as LOWER or LEMMA")
            for attr, value in token.items():
                inner = _odd_key(value)
                if inner is not None:
                    raise ValueError(
                        f"{where}token {index} {attr}: '{inner}' is not an operator; "
                        "use IN, NOT_IN, IS_SUBSET, IS_SUPERSET, INTERSECTS, FUZZY or a "
                        "comparison such as '>='")
            op = token.get("OP")
            found = _REPEAT.match(op) if isinstance(op, str) else None
            if found and any(len(n) > 3 or int(n) > MAX_REPEAT for n in found.groups() if n):
                raise ValueError(
                    f"{where}token {index}: OP '{op[:20]}' repeats a token more than "
                    f"{MAX_REPEAT} times; use '+' or '*' for any number")


def _explain(message: str) -> str:
    lines = [line.strip()[2:] for line in message.splitlines() if line.strip().startswith("- ")]
    words = []
    for line in lines or [message]:
        # "[pattern -> 1 -> POSS] Extra inputs are not permitted"
        if line.startswith("[pattern -> "):
            where, _, reason = line[len("[pattern -> "):].partition("] ")
            parts = where.split(" -> ")
            token = int(parts[0]) + 1 if parts[0].isdigit() else parts[0]
            attr = parts[1] if len(parts) > 1 else ""
            words.append(f"token {token}{' ' + attr if attr else ''}: {reason}")
        else:
            words.append(line)
    return "; ".join(dict.fromkeys(words))


class Rule(RuleBase):
    kind: Literal["sequence"]
    tokens: list[dict[str, Any]] | list[list[dict[str, Any]]] = Field(min_length=1)
    unless: UnlessList = Field(default_factory=list)

    default_message = "'{match}' matches a word sequence this rule forbids."

    @property
    def patterns(self) -> list[list[dict[str, Any]]]:
        if self.tokens and isinstance(self.tokens[0], dict):
            return [self.tokens]  # type: ignore[list-item]
        return self.tokens  # type: ignore[return-value]

    @field_validator("tokens")
    @classmethod
    def _valid(cls, value: Any) -> Any:
        from spacy.errors import MatchPatternError
        from spacy.matcher import Matcher

        patterns = [value] if value and isinstance(value[0], dict) else value
        _check_tokens(patterns)
        if _has_regex(patterns):
            raise ValueError("REGEX is not accepted inside token patterns (it could make "
                             "checking slow); use a 'pattern' rule for regular expressions")
        matcher = Matcher(_vocab(), validate=True)
        for index, pattern in enumerate(patterns):
            if not pattern:
                raise ValueError(f"pattern {index + 1} has no tokens")
            try:
                matcher.add("check", [pattern])
            except MatchPatternError as exc:
                raise ValueError("this token pattern is not valid: "
                                 + _explain(str(exc))) from None
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"this token pattern is not valid: {exc} "
                                 f"(pattern: {json.dumps(pattern)})") from None
        return value

    def needs(self) -> Needs:
        attrs = _attributes(self.patterns)
        return Needs(tags=bool(attrs & TAG_ATTRS), parse=bool(attrs & PARSE_ATTRS),
                     entities=bool(attrs & ENTITY_ATTRS))


class Check(BaseCheck):
    def __init__(self, rule: Rule, compiler: "Compiler", **common):
        super().__init__(rule, **common)
        self.key = compiler.sequence(rule.patterns)
        self.keys = (self.key,)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        for start, end in self.asserted(ctx, ctx.spans(self.key)):
            yield self.finding(ctx, start, end)
