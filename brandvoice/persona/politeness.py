"""``persona.tone.politeness``: a reply less (or more) polite than the persona's range,
with the strategies that made it so in the message ("reads as curt: a bare command; no
thanks or apology"). The measure is :mod:`brandvoice.politeness`, on the reply's prose."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

from ..kinds import metric
from ..politeness import read_politeness

if TYPE_CHECKING:
    from ..lint import DraftContext
    from ..result import Finding


class Politeness(metric.Check):
    """The persona's politeness range; its message explains the value."""

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        for finding in super().check(ctx):
            reading = read_politeness(ctx.social.prose)
            why = reading.summary() if reading is not None else "reads as it does"
            yield replace(finding, message=finding.message.replace("{why}", why))
