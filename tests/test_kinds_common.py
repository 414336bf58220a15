"""The common keys work the same for every kind, and one pass serves all phrase kinds."""

from __future__ import annotations

import pytest

from brandvoice import Linter
from brandvoice.kinds import KINDS

TEXT = "We guarantee AcmePay acmepay refunds, mail sam@example.com. Mistakes were made!!"

# One rule per kind that fires on TEXT.
RULES = {
    "forbid": {"phrases": ["guarantee"]},
    "replace": {"replace": {"refunds": "refund"}},
    "pattern": {"pattern": "!!"},
    "require": {"when": ["guarantee"], "require": ["terms apply"]},
    "limit": {"phrases": ["acmepay"], "max": 1},
    "capitalize": {"terms": ["AcmePay"]},
    "sequence": {"tokens": [{"LOWER": "mistakes"}, {"LEMMA": "be"}]},
    "pii": {"detect": ["email"]},
    "metric": {"metric": "words", "max": 5},
}


def test_every_kind_has_a_firing_rule_here():
    assert set(RULES) == set(KINDS)


def lint(kind: str, **common) -> list:
    rule = {"id": f"t.{kind}", "kind": kind, **RULES[kind], **common}
    linter = Linter(rulebooks=[{"owner": "legal", "rules": [rule]}],
                    departments=["support", "marketing"])
    return linter.check(TEXT, channel="twitter", department="support",
                        context="complaint").findings


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_common_keys(kind):
    [finding, *_] = lint(kind)
    assert finding.rule == f"t.{kind}"
    assert finding.severity == "warning"  # the default
    assert finding.owner == "legal"  # from the rulebook
    assert TEXT[finding.start:finding.end] == finding.match

    [finding, *_] = lint(kind, severity="error", owner="hr", link="https://example.org/why",
                         message="Found '{match}'.")
    assert (finding.severity, finding.owner, finding.link) == ("error", "hr",
                                                               "https://example.org/why")
    assert finding.message == f"Found '{finding.match}'."

    assert lint(kind, enabled=False) == []
    assert lint(kind, scope={"channels": ["facebook"]}) == []
    assert lint(kind, scope={"departments": ["marketing"]}) == []
    assert lint(kind, scope={"contexts": ["praise"]}) == []
    assert lint(kind, scope={"channels": ["twitter"], "departments": ["support"],
                             "contexts": ["complaint"]}) != []


def test_one_matcher_per_mode_serves_every_phrase_kind():
    rules = [{"id": f"t.{kind}", "kind": kind, **RULES[kind]} for kind in RULES
             if kind not in ("sequence", "metric")]
    rules += [{"id": "t.lemma1", "kind": "forbid", "phrases": ["promise"], "match": "lemma"},
              {"id": "t.lemma2", "kind": "limit", "phrases": ["sorry"], "max": 0,
               "match": "lemma"}]
    linter = Linter(rulebooks=[{"rules": rules}])
    assert len(linter.index.phrase_matchers) == 2  # lower and lemma: one PhraseMatcher each
    fired = {f.rule for f in linter.check(TEXT + " We promised, sorry.").findings}
    assert {"t.forbid", "t.replace", "t.require", "t.limit", "t.capitalize", "t.lemma1",
            "t.lemma2"} <= fired
