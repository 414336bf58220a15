"""Built-in packs: they load as builtin:NAME, and every rule's examples hold."""

from __future__ import annotations

import pytest

from brandvoice import Linter
from brandvoice.config import builtin_packs, load_rulebook

PACKS = builtin_packs()


def _rules():
    for name, entry in PACKS.items():
        book = load_rulebook(f"builtin:{name}", name=f"builtin:{name}",
                             text=entry.read_text(encoding="utf-8"))
        for rule in book.rules:
            yield pytest.param(name, rule, id=rule.id)


@pytest.fixture(scope="module")
def linters():
    return {name: Linter(rulebooks=[f"builtin:{name}"]) for name in PACKS}


def test_packs_exist():
    assert "legal-claims" in PACKS


@pytest.mark.parametrize("pack, rule", list(_rules()))
def test_rule_is_documented(pack, rule):
    assert rule.id.startswith(pack + "."), "a pack's rule ids start with the pack's name"
    assert rule.message and rule.link, "every built-in rule says why and links its source"
    assert len(rule.examples.bad) >= 2 and len(rule.examples.good) >= 2


@pytest.mark.parametrize("pack, rule", list(_rules()))
def test_bad_examples_fire_and_good_ones_do_not(linters, pack, rule):
    linter = linters[pack]
    for text in (e.text for e in rule.examples.bad):
        fired = [f.rule for f in linter.check(text).findings]
        assert rule.id in fired, f"bad example did not fire {rule.id}: {text!r}"
    for text in (e.text for e in rule.examples.good):
        fired = [f.rule for f in linter.check(text).findings]
        assert rule.id not in fired, f"good example fired {rule.id}: {text!r}"
