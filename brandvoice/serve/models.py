"""The API's request and response bodies as pydantic models: requests are validated with
them (unknown fields refused), responses are documented by them in the OpenAPI document
(the responses themselves are the library's JSON, as ``brandvoice check --format json``
writes it)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _text(value: str) -> str:
    """Text a person wrote: a JSON string with a lone surrogate (an escape such as
    ``\\ud800`` without its pair) decodes to a string that is no text, and is refused."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"is not text: character {error.start + 1} is a lone surrogate "
            f"(\\u{ord(value[error.start]):04x}, half of an escaped pair such as "
            "\\ud83d\\ude00); send the text as UTF-8") from None
    return value


#: A string that must be text (see :func:`_text`).
Text = Annotated[str, AfterValidator(_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Metadata(_Strict):
    channel: Optional[Text] = Field(None, description="Where it will be posted: twitter, "
                                   "email... (sets the length limit).", examples=["twitter"])
    department: Optional[Text] = Field(None, description="Who answers: support, marketing...")
    context: Optional[Text] = Field(None, description="What it answers: complaint, question, "
                                   "praise, general.", examples=["complaint"])


class DraftIn(Metadata):
    text: Text = Field(..., description="The draft reply.",
                      examples=["Hey guys, we guarantee it arrives Friday!"])
    id: Optional[Text] = Field(None, description="Your id for it, given back in the result.")
    in_reply_to: Optional[Text] = Field(None, description="The customer's message it answers.")


class ManyIn(Metadata):
    drafts: list[DraftIn] = Field(..., description="The drafts; metadata given beside "
                                  "`drafts` wins over each draft's own.")


class Problem(BaseModel):
    message: str = Field(..., description="What is wrong, for a person to read.")
    detail: Optional[list[dict[str, Any]]] = Field(
        None, description="For 422: each problem, with `loc` (where) and `type`.")


class FixOut(_Strict):
    start: int
    end: int
    replacement: str


class FindingOut(_Strict):
    rule: str
    also: list[str] = Field(
        default_factory=list,
        description="Other rules that found the same problem at the same place.")
    severity: Literal["error", "warning", "suggestion"]
    message: str
    match: str = Field(..., description="The text found.")
    line: int
    column: int
    start: int = Field(..., description="Offset of the match in the text, in code points.")
    end: int
    suggestions: list[str]
    fix: Optional[FixOut] = Field(None, description="A safe replacement, when there is one.")
    owner: Optional[str] = Field(None, description="The department that owns the rule.")
    link: Optional[str]
    category: Optional[str] = Field(None, description="What kind of problem it is (the "
                                    "rule's category), such as legal.promise.")
    end_line: int
    end_column: int


class MetricsOut(_Strict):
    words: int
    sentences: int
    flesch_kincaid_grade: Optional[float]
    flesch_reading_ease: Optional[float]
    sentiment: Optional[float]
    formality: Optional[float]
    length: int
    politeness: Optional[float] = Field(None, description="0 (rude) .. 1 (very polite); "
                                        "null for a draft without words.")


class LengthOut(_Strict):
    characters: int = Field(..., description="The length as the channel counts it.")
    limit: Optional[int] = Field(None, description="The channel's limit, if it has one.")
    counted_as: str = Field(..., description="characters, graphemes or twitter.")


class InferredOut(_Strict):
    context: str = Field(..., description="complaint, question, praise or general.")
    reason: str = Field(..., description="Why, in words.")
    sentiment: float = Field(..., description="VADER's score of the customer's message.")
    stage: Optional[str] = Field(None, description="The stage of the buying cycle the "
                                 "message shows (pre-purchase, purchase, post-purchase), "
                                 "or null when it shows none clearly.")
    stage_reason: Optional[str] = Field(None, description="The words that show the stage.")


class StrategyOut(_Strict):
    strategy: str
    label: str = Field(..., description="The strategy in words ('thanks', 'a bare command').")
    words: str = Field(..., description="The words of the draft that show it.")
    effect: float = Field(..., description="Its part of the prediction (positive: more "
                                           "polite).")


class WordsOut(_Strict):
    words: str
    effect: float


class ToneOut(_Strict):
    politeness: float = Field(..., description="0 (rude) .. 1 (very polite).")
    summary: str = Field(..., description="How it reads and why, in words.")
    strategies: list[StrategyOut]
    words: list[WordsOut] = Field(..., description="The words that moved it most.")
    missing: list[str] = Field(..., description="Polite strategies it does not use.")


class DraftOut(_Strict):
    id: str
    source: Optional[str]
    channel: Optional[str]
    department: Optional[str]
    context: Optional[str]
    score: int = Field(..., ge=0, le=100)
    passed: bool
    metrics: MetricsOut
    findings: list[FindingOut]
    channel_length: LengthOut
    context_inferred: Optional[InferredOut] = Field(
        None, description="Only when the context was read from `in_reply_to`.")
    tone: Optional[ToneOut] = Field(
        None, description="How polite the draft reads and why (null without words).")


class SummaryOut(_Strict):
    drafts: int
    passed: int
    failed: int
    error: int
    warning: int
    suggestion: int


class ReportOut(_Strict):
    version: int
    summary: SummaryOut
    drafts: list[DraftOut]


class FixedOut(_Strict):
    text: str = Field(..., description="The text with every safe fix applied.")
    changed: bool
    applied: int = Field(..., description="Fixes applied, over all passes.")
    settled: bool = Field(..., description="False when rules kept undoing each other.")
    draft: DraftOut = Field(..., description="The check of the fixed text.")
