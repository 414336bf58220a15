"""``brandvoice.responsibility``: who answers what.

The config's ``responsibilities`` say, for each context (complaint, question, praise,
general, the buying-cycle stages pre-purchase, purchase and post-purchase, or a team's
own), which departments answer it. A draft from a department that does not answer its
context gets a finding that says who does. A draft without a department is not guessed at.

Which context's list applies (:meth:`Responsibilities.duty`): a complaint's, when the draft
is a complaint and the config lists who answers complaints (a disgruntled customer goes to
the people trained for it, whatever they were buying); else the stage's, when the
customer's message shows a stage of the buying cycle (read with the context, see
:mod:`brandvoice.stage`) and the config lists who answers it; else the draft's context's.
The audit counts the same (:func:`Responsibilities.judge`). Documented in
docs/responsibilities.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator

from .config.models import ProjectConfig
from .config.names import key
from .persona.style import PersonaCheck

if TYPE_CHECKING:
    from .config.names import Names
    from .lint import DraftContext
    from .result import Finding

RESPONSIBILITY_ID = "brandvoice.responsibility"

#: How a finding names the messages of a context ("complaints are answered by ...").
PLURAL = {"complaint": "complaints", "question": "questions", "praise": "praise",
          "general": "general messages", "pre-purchase": "pre-purchase questions",
          "purchase": "orders and bookings under way",
          "post-purchase": "messages after a purchase"}
#: How a finding says what the draft answers ("This reads as a complaint").
AS = {"complaint": "a complaint", "question": "a question", "praise": "praise",
      "general": "a general message", "pre-purchase": "a question before buying",
      "purchase": "an order or booking under way",
      "post-purchase": "a message about something already bought"}


def either(names: list[str] | tuple[str, ...]) -> str:
    """'support', 'support or sales', 'support, sales or pr'."""
    names = list(names)
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


@dataclass(frozen=True)
class Duty:
    """The departments that answer a draft, as one context of ``responsibilities`` says."""

    #: The context whose list applies (as the config spells it).
    context: str
    answered_by: tuple[str, ...]
    escalate_to: str | None
    severity: str
    #: Whether that context was read from the customer's message (not given).
    read: bool
    #: The words of the message that show it (for a stage read from it).
    words: str | None = None

    def answers(self, department: str) -> bool:
        return key(department) in {key(name) for name in self.answered_by}

    @property
    def handler(self) -> str:
        """Who a draft from another department is handed to."""
        return self.escalate_to or either(self.answered_by)

    def message(self, department: str) -> str:
        what = AS.get(self.context, f"a '{self.context}' message")
        if self.read and self.words:
            said = f"The customer's message reads as {what} ({self.words})"
        elif self.read:
            said = f"The customer's message reads as {what}"
        else:
            said = f"This draft answers {what}"
        plural = PLURAL.get(self.context, f"'{self.context}' messages")
        return (f"{said}; {plural} are answered by {either(self.answered_by)}, not "
                f"{department}. Hand it to {self.handler}.")


class Responsibilities:
    """The config's ``responsibilities``, looked up by context."""

    def __init__(self, config: ProjectConfig, names: "Names | None" = None):
        self.severity_for = config.severity_for
        self.names = names
        self._table = {key(context): (context, duty)
                       for context, duty in config.responsibilities.items()}

    def __bool__(self) -> bool:
        return bool(self._table)

    def duties(self) -> list[Duty]:
        """Each context's list, in the config's order, with its severity as it runs."""
        return [self.duty(context) for context, _ in self._table.values()]  # type: ignore

    def duty(self, context: str | None, stage: str | None = None, *, read: bool = False,
             stage_words: str | None = None, context_words: str | None = None
             ) -> Duty | None:
        """Which list answers a draft of ``context`` (``read``: taken from the customer's
        message, for the reason ``context_words``) whose message shows ``stage`` (in the
        words ``stage_words``); None when the config lists none."""
        def made(name: str, *, is_read: bool, words: str | None = None) -> Duty:
            spelled, written = self._table[key(name)]
            return Duty(spelled, tuple(written.answered_by), written.escalate_to,
                        self.severity_for(RESPONSIBILITY_ID, written.severity), is_read, words)

        if context and key(context) == "complaint" and "complaint" in self._table:
            return made(context, is_read=read, words=context_words if read else None)
        if stage and key(stage) in self._table:
            return made(stage, is_read=True, words=stage_words)
        if context and key(context) in self._table:
            return made(context, is_read=read)
        return None

    def judge(self, department: str | None, context: str | None, inferred=None
              ) -> tuple[Duty, bool] | None:
        """The list that answers a draft and whether ``department`` is on it; None for a
        draft without a (known) department or whose context no list names.
        ``inferred``: the context read from the customer's message, with its stage."""
        if not department or (self.names is not None
                              and self.names.canonical("department", department) is None):
            return None
        stage = inferred.stage if inferred is not None else None
        duty = self.duty(context, stage.stage if stage else None, read=inferred is not None,
                         stage_words=stage.reason if stage else None,
                         context_words=inferred.reason if inferred is not None else None)
        if duty is None:
            return None
        return duty, duty.answers(department)


class ResponsibilityCheck(PersonaCheck):
    """A draft from a department that does not answer its context (see the module)."""

    always = True

    def __init__(self, responsibilities: Responsibilities, **common):
        super().__init__(RESPONSIBILITY_ID, **common)
        self.responsibilities = responsibilities

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        draft = ctx.draft
        judged = self.responsibilities.judge(draft.department, draft.context, draft.inferred)
        if judged is None or judged[1]:
            return
        duty, _ = judged
        finding = self.finding(ctx, *ctx.whole, message=duty.message(draft.department))
        yield replace(finding, severity=duty.severity) if finding.severity != duty.severity \
            else finding
