"""Rule self-tests: every ``bad`` example must trigger its rule, no ``good`` one may.

The persona's own examples are tested too: each ``on_brand`` reply must raise no
``persona.*`` finding, each ``off_brand`` reply at least one.

Each example is checked by the whole linter, as a real draft would be. Metadata an
example leaves out is taken from the rule's scope (its first channel, department and
context), so that a scoped rule is tested where it applies. Rules switched off with
``enabled: false`` are skipped; rules disabled in the config are tested anyway (the
config decides where a rule runs, not whether it is right).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .config import Project
from .drafts import Draft
from .errors import Location
from .lint import Linter


@dataclass
class ExampleOutcome:
    rule: str
    kind: str  # "bad" or "good"
    number: int  # 1-based, within the rule's bad or good list
    text: str
    location: Location | None
    passed: bool
    matches: list[str]  # what the rule matched in this example

    def describe(self) -> str:
        if self.rule == "persona":
            which = "off_brand" if self.kind == "bad" else "on_brand"
            verdict = ("raised no persona finding" if self.kind == "bad" else
                       "raised persona findings (" + ", ".join(repr(m) for m in self.matches)
                       + ")")
            return f"persona {which} example {self.number} {verdict}: {self.text!r}"
        if self.kind == "bad":
            return (f"bad example {self.number} did not trigger {self.rule}: {self.text!r}")
        found = ", ".join(repr(m) for m in self.matches)
        return f"good example {self.number} triggered {self.rule} ({found}): {self.text!r}"


def without_examples(project: Project) -> list[str]:
    """The ids of the rules that run (not ``enabled: false``) and have no example at all,
    so that ``brandvoice test`` cannot test them."""
    return [rule.id for book in project.rulebooks for rule in book.rules
            if rule.enabled and not (rule.examples.bad or rule.examples.good)]


def run_examples(project: Project) -> list[ExampleOutcome]:
    config = project.config.model_copy(update={"disable": []})
    linter = Linter(project=replace(project, config=config))
    cases: list[tuple[str, str, int, str, Location | None]] = []
    drafts: list[Draft] = []
    for book in project.rulebooks:
        for index, rule in enumerate(book.rules):
            if not rule.enabled:
                continue
            scope = rule.scope
            for kind in ("bad", "good"):
                for number, example in enumerate(getattr(rule.examples, kind), start=1):
                    where = book.source.where(("rules", index, "examples", kind, number - 1))
                    cases.append((rule.id, kind, number, example.text, where))
                    drafts.append(Draft(
                        example.text,
                        id=f"{rule.id}:{kind}:{number}",
                        channel=example.channel or (scope.channels or [None])[0],
                        department=example.department or (scope.departments or [None])[0],
                        context=example.context or (scope.contexts or [None])[0],
                    ))
    persona = project.persona
    if persona is not None:
        # on_brand replies must raise no persona finding; off_brand ones at least one.
        for kind, texts in (("bad", persona.examples.off_brand),
                            ("good", persona.examples.on_brand)):
            for number, text in enumerate(texts, start=1):
                cases.append(("persona", kind, number, text, None))
                drafts.append(Draft(text, id=f"persona:{kind}:{number}"))
    outcomes: list[ExampleOutcome] = []
    for (rule_id, kind, number, text, where), result in zip(cases, linter.check_many(drafts)):
        # A finding other rules also report (f.also) is a finding of each of them.
        matches = [f.match for f in result.findings
                   if rule_id in f.rules or (rule_id == "persona" and any(
                       rule.startswith("persona.") for rule in f.rules))]
        passed = bool(matches) if kind == "bad" else not matches
        outcomes.append(ExampleOutcome(rule_id, kind, number, text, where, passed, matches))
    return outcomes
