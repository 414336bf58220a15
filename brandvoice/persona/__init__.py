"""Persona: how the brand sounds, compiled into checks with stable ``persona.*`` ids.

Most expectations are served by the rule kinds themselves (a ``metric`` for readability
and tone, ``limit`` for exclamations and hashtags, ``capitalize`` for terms, ``replace``
and ``forbid`` for vocabulary, ``require`` and ``forbid``/``pattern`` for contexts); the
rest (emoji, shouting, contractions, sentence length, channel length) live in
:mod:`.style` and :mod:`.channels`. Every check reads the draft's social-media structure
(handles, links, the sign-off, thread markers, quoted text) from one shared reading,
``ctx.social`` (:mod:`brandvoice.social`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from ..kinds import capitalize, forbid, limit, metric, pattern, replace, require
from ..kinds.base import Check, Scope
from ..registry import CATEGORY, MESSAGES, SEVERITY
from .channels import ChannelLength, profiles
from .empathy import Empathy, OwnSentiment
from .lexicon import NEXT_STEP, PROMOTION, PROMOTION_ASKED, PROMOTION_PATTERNS
from .politeness import Politeness
from .style import Contractions, Emoji, SentenceLength, Shouting

if TYPE_CHECKING:
    from ..compile import Compiler
    from ..config.models import Persona, ProjectConfig
    from ..lint import DraftContext
    from ..result import Finding

# Default severities and message templates: brandvoice.registry, with every built-in id.


class Builder:
    """Turns one persona into checks, honouring the config's ``disable`` and ``severity``."""

    def __init__(self, compiler: "Compiler", config: "ProjectConfig", owner: str = "brand"):
        self.compiler = compiler
        self.config = config
        self.owner = owner
        self.checks: list[Check] = []

    def wanted(self, check_id: str) -> str | None:
        """The severity of ``check_id``, or None when the config disables it."""
        if self.config.disables(check_id):
            return None
        return self.config.severity_for(check_id, SEVERITY[check_id])

    def rule(self, module: Any, check_id: str, *, message: str | None = None,
             scope: Scope | None = None, check_class: type | None = None,
             **keys: Any) -> Check | None:
        """A check of a rule kind (of ``check_class``, a subclass of the kind's check, when
        given), built from a rule model the persona implies."""
        severity = self.wanted(check_id)
        if severity is None:
            return None
        model = module.Rule.model_construct(
            id=check_id, kind=module.KIND, severity=severity,
            message=message or MESSAGES[check_id], scope=scope or Scope(), **keys)
        check = (check_class or module.Check)(model, self.compiler, severity=severity,
                                              owner=self.owner, category=CATEGORY[check_id])
        self.checks.append(check)
        return check

    def custom(self, cls: type, check_id: str, *args: Any, message_key: str | None = None,
               message: str | None = None, **kwargs: Any) -> None:
        """A check of its own class; ``message`` overrides the registry's text."""
        severity = self.wanted(check_id)
        if severity is None:
            return
        self.checks.append(cls(*args, severity=severity, owner=self.owner,
                               message=message or MESSAGES[message_key or check_id],
                               **kwargs))


class ContextRequire(require.Check):
    """A context's required phrases (empathy, a next step), not asked of a thread
    continuation: a reply marked as part 2 or later of a thread ("2/2", "(3/3)") goes on
    from a part that already answered (see :mod:`brandvoice.social`)."""

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        if ctx.social.continuation:
            return
        yield from super().check(ctx)


class AnswersPromotion:
    """A context's promotion check (``forbid`` and ``pattern``), left out when the
    customer's message is itself about a promotion ("my voucher code doesn't work"):
    naming the code or the offer then answers the customer."""

    asked = re.compile(PROMOTION_ASKED)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        message = ctx.draft.in_reply_to
        if message and self.asked.search(message):
            return
        yield from super().check(ctx)  # type: ignore[misc]


class PromotionForbid(AnswersPromotion, forbid.Check):
    pass


class PromotionPattern(AnswersPromotion, pattern.Check):
    pass


#: Parts of a reply where the persona's exclamation marks are not counted.
NOT_EXCLAIMED = frozenset({"quote", "signoff", "url", "domain", "email", "handle"})
#: Parts of a reply where a '#' starts no hashtag of the brand's.
NOT_TAGGED = frozenset({"quote", "url", "domain", "email"})


def compile_persona(persona: "Persona", compiler: "Compiler", config: "ProjectConfig"
                    ) -> list[Check]:
    b = Builder(compiler, config, persona.owner)
    read, tone, style = persona.readability, persona.tone, persona.style

    if read.max_grade is not None:
        b.rule(metric, "persona.readability.grade", metric="flesch_kincaid_grade",
               max=read.max_grade, min=None)
    if read.min_reading_ease is not None:
        b.rule(metric, "persona.readability.ease", metric="flesch_reading_ease",
               min=read.min_reading_ease, max=None)
    if read.max_sentence_words is not None:
        b.custom(SentenceLength, "persona.readability.sentence-length", read.max_sentence_words)

    classes = {"sentiment": OwnSentiment, "politeness": Politeness}
    for name, measure in (("sentiment", tone.sentiment), ("formality", tone.formality),
                          ("politeness", tone.politeness)):
        if measure is not None:
            b.rule(metric, f"persona.tone.{name}", metric=name, min=measure.min,
                   max=measure.max, check_class=classes.get(name))

    if style.max_exclamations is not None:
        counted = b.rule(limit, "persona.style.exclamations", pattern="!",
                         max=style.max_exclamations, min=None, per="draft", phrases=None,
                         ignore_case=False)
        if counted is not None:
            counted.outside = NOT_EXCLAIMED
    if style.max_hashtags is not None:
        tags = b.rule(limit, "persona.style.hashtags", pattern=r"\B#\d*[^\W\d]\w*",
                      max=style.max_hashtags, min=None, per="draft", phrases=None,
                      ignore_case=False)
        if tags is not None:
            tags.outside = NOT_TAGGED
    if style.max_emoji is not None:
        b.custom(Emoji, "persona.style.emoji", style.max_emoji)
    if style.shouting is False:
        b.custom(Shouting, "persona.style.shouting", style.allow_caps)
    if style.contractions != "either":
        b.custom(Contractions, "persona.style.contractions", style.contractions, compiler,
                 message_key=f"persona.style.contractions.{style.contractions}")

    if persona.terms:
        b.rule(capitalize, "persona.terms", terms=persona.terms)
    if persona.vocabulary.prefer:
        b.rule(replace, "persona.vocabulary.prefer", replace=persona.vocabulary.prefer,
               match="lemma")
    if persona.vocabulary.avoid:
        b.rule(forbid, "persona.vocabulary.avoid", phrases=persona.vocabulary.avoid,
               match="lemma", exceptions=[], suggest=[])

    for name, expects in persona.contexts.items():
        scope = Scope(contexts=[name])
        if expects.require_empathy:
            b.custom(Empathy, "persona.context.empathy", name, expects.empathy, compiler,
                     message=MESSAGES["persona.context.empathy"].replace("{context}", name))
        if expects.require_next_step:
            b.rule(require, "persona.context.next-step", scope=scope,
                   check_class=ContextRequire, when=[], when_pattern=None,
                   require=[*NEXT_STEP, *expects.next_step], match="lower",
                   message=MESSAGES["persona.context.next-step"].replace("{context}", name))
        if expects.forbid_promotion:
            message = MESSAGES["persona.context.promotion"].replace("{context}", name)
            b.rule(forbid, "persona.context.promotion", scope=scope, message=message,
                   phrases=[*PROMOTION, *expects.promotion], match="lemma", exceptions=[],
                   suggest=[], check_class=PromotionForbid)
            for regex in PROMOTION_PATTERNS:
                b.rule(pattern, "persona.context.promotion", scope=scope, message=message,
                       pattern=regex, ignore_case=False, check_class=PromotionPattern)

    b.custom(ChannelLength, "persona.channel.length", profiles(persona.channels))
    return b.checks
