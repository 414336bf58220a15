"""``persona.context.sensitive-incident``: a customer who reports something serious (see
:mod:`brandvoice.incident` for how the message is read) is not answered with a routine
template: the reply shows care, or urgency and escalation. Documented in
docs/conversation.md#sensitive-incidents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .incident import answers_with_care, incident
from .persona.style import MessageCheck

if TYPE_CHECKING:
    from .lint import DraftContext

INCIDENT_ID = "persona.context.sensitive-incident"


class SensitiveIncident(MessageCheck):
    """A reply to a report of a serious incident (``in_reply_to``) with no care, no urgency
    and no escalation."""

    def __init__(self, **common):
        super().__init__(INCIDENT_ID, **common)

    def read(self, message: str) -> tuple[str, str] | None:
        return incident(message)

    def read_draft(self, ctx: "DraftContext") -> tuple[str, str] | None:
        return ctx.incident  # read once, with the empathy check

    def answers(self, ctx: "DraftContext") -> bool:
        return answers_with_care(ctx.text)
