"""Built-in packs: they load as builtin:NAME, each rule is documented, every example holds."""

from __future__ import annotations

import pytest

from brandvoice.config import build_project, builtin_packs
from brandvoice.selftest import run_examples

from .conftest import run

PACKS = builtin_packs()
PROJECT = build_project(rulebooks=["builtin:*"])


def test_packs_exist_and_load_together():
    assert set(PACKS) == {"legal-claims", "inclusive-language", "privacy", "social-care",
                          "plain-language", "marketing-compliance"}
    assert len(PROJECT.rules) >= 120
    assert {book.name for book in PROJECT.rulebooks} == {f"builtin:{n}" for n in PACKS}


@pytest.mark.parametrize("rule", PROJECT.rules, ids=[r.id for r in PROJECT.rules])
def test_rule_is_documented(rule):
    pack = next(b.name for b in PROJECT.rulebooks if rule in b.rules)[len("builtin:"):]
    assert rule.id.startswith(pack + "."), "a pack's rule ids start with the pack's name"
    assert rule.message and rule.link, "every built-in rule says why and links its source"
    assert len(rule.examples.bad) >= 2 and len(rule.examples.good) >= 2


OUTCOMES = run_examples(PROJECT)


@pytest.mark.parametrize("outcome", OUTCOMES,
                         ids=[f"{o.rule}:{o.kind}{o.number}" for o in OUTCOMES])
def test_example(outcome):
    assert outcome.passed, outcome.describe()


def test_the_packs_together_do_not_contradict_each_other(tmp_path):
    """No pack suggests, fixes to or asks for wording another pack flags, as a team that
    loads them all would check with `brandvoice rules --conflicts`."""
    done = run(["rules", "--rulebook", "builtin:*", "--conflicts"], cwd=tmp_path)
    assert done.out == "0 conflicts between rules in effect.\n", done.out
    assert done.code == 0


def test_no_rule_is_in_two_packs():
    """A problem is reported once, by the pack whose topic it is: no two rules of
    different packs flag the same words in each other's bad examples for the same reason
    (each pair below is about different things)."""
    from brandvoice import Linter

    different = {("inclusive-language.sir-madam", "social-care.dear-valued-customer"),
                 ("legal-claims.compensation-amount", "privacy.account-number-in-reply"),
                 ("marketing-compliance.contest-purchase-to-enter", "plain-language.need"),
                 ("plain-language.can", "social-care.cant-help-dead-end"),
                 ("plain-language.inform", "social-care.regret-to-inform"),
                 ("plain-language.letter-speak", "social-care.hide-behind-policy"),
                 ("plain-language.letter-speak", "social-care.per-my-last"),
                 ("privacy.account-status", "social-care.hidden-actor"),
                 ("privacy.confirm-customer", "social-care.hidden-actor"),
                 ("privacy.confirm-customer", "social-care.per-our-records"),
                 # "you look great for your age": a joke on age, and a remark on looks
                 ("inclusive-language.age-stereotypes", "social-care.remark-on-looks"),
                 # asking for a security answer in public / "maiden" as a gendered word
                 ("inclusive-language.maiden", "privacy.ask-security-answer")}
    linter = Linter(project=PROJECT)
    pack = {rule.id: book.name for book in PROJECT.rulebooks for rule in book.rules}
    found = set()
    for rule in PROJECT.rules:
        for example in rule.examples.bad:
            findings = linter.check(example.text, channel=example.channel,
                                    department=example.department,
                                    context=example.context).findings
            own = [f for f in findings if f.rule == rule.id]
            found |= {tuple(sorted((rule.id, f.rule))) for f in findings
                      if f.rule in pack and pack[f.rule] != pack[rule.id]
                      and any(f.start < o.end and o.start < f.end for o in own)}
    assert found <= different, sorted(found - different)
