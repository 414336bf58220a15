"""Scores, pass/fail, and the config keys that steer them (FORMAT.md sections 1 and 5)."""

from __future__ import annotations

import pytest

from brandvoice import Linter

RULES = {
    "name": "t",
    "owner": "legal",
    "rules": [
        {"id": "t.err", "kind": "forbid", "severity": "error", "phrases": ["guarantee"]},
        {"id": "t.warn", "kind": "forbid", "severity": "warning", "phrases": ["asap"]},
        {"id": "t.sugg", "kind": "forbid", "severity": "suggestion", "phrases": ["utilize"]},
        {"id": "t.other", "kind": "forbid", "owner": "hr", "phrases": ["guys"]},
    ],
}


def lint(**settings) -> Linter:
    return Linter(rulebooks=[RULES], **settings)


def test_score_is_100_minus_default_penalties():
    result = lint().check("We guarantee it asap, guys, and utilize it.")
    assert sorted(f.severity for f in result.findings) == ["error", "suggestion", "warning",
                                                           "warning"]
    assert result.score == 100 - 25 - 10 - 10 - 3
    assert result.passed is False  # an error, and fail_on defaults to error


def test_score_is_floored_at_zero():
    result = lint(penalties={"error": 60, "warning": 50}).check("We guarantee it asap.")
    assert result.score == 0


def test_a_rule_costs_its_penalty_once_per_draft():
    once = lint().check("We guarantee it.")
    thrice = lint().check("We guarantee it, guarantee it, guarantee it.")
    assert [f.rule for f in thrice.findings] == ["t.err"] * 3  # each is still reported
    assert once.score == thrice.score == 75
    # two rules are two problems
    assert lint().check("We guarantee it asap.").score == 100 - 25 - 10


def test_custom_penalties():
    result = lint(penalties={"error": 50, "warning": 1, "suggestion": 0}).check(
        "We guarantee it asap and utilize it.")
    assert result.score == 100 - 50 - 1 - 0


def test_warnings_pass_by_default_and_fail_with_fail_on_warning():
    text = "Reply asap."
    assert lint().check(text).passed is True
    assert lint(fail_on="warning").check(text).passed is False
    assert lint(fail_on="warning").check("utilize it").passed is True
    assert lint(fail_on="suggestion").check("utilize it").passed is False


def test_min_score_fails_a_draft_without_errors():
    text = "asap, guys, utilize"  # 2 warnings + 1 suggestion = 77
    assert lint().check(text).score == 77
    assert lint().check(text).passed is True
    assert lint(min_score=80).check(text).passed is False
    assert lint(min_score=77).check(text).passed is True


def test_disable_switches_rules_off_by_id_and_pattern():
    text = "We guarantee it asap."
    assert [f.rule for f in lint(disable=["t.err"]).check(text).findings] == ["t.warn"]
    assert lint(disable=["t.*"]).check(text).findings == []


def test_severity_override_changes_severity_and_score():
    result = lint(severity={"t.err": "suggestion"}).check("We guarantee it.")
    [finding] = result.findings
    assert finding.severity == "suggestion"
    assert result.score == 97 and result.passed is True


def test_defaults_fill_metadata_and_scope_uses_them():
    rules = {"rules": [{"id": "t.tw", "kind": "forbid", "phrases": ["dm"],
                        "scope": {"channels": ["twitter"]}}]}
    linter = Linter(rulebooks=[rules], defaults={"channel": "twitter", "department": "support"})
    result = linter.check("Send us a DM")
    assert (result.channel, result.department, result.context) == ("twitter", "support", None)
    assert [f.rule for f in result.findings] == ["t.tw"]
    assert linter.check("Send us a DM", channel="email").findings == []


def test_owner_defaults_to_the_rulebook_and_can_be_set_per_rule():
    result = lint().check("guarantee, guys")
    assert {f.rule: f.owner for f in result.findings} == {"t.err": "legal", "t.other": "hr"}


def test_finding_carries_offsets_link_and_no_fix_for_forbid():
    rules = {"rules": [{"id": "t.l", "kind": "forbid", "phrases": ["risk-free"],
                        "link": "https://example.org/why"}]}
    [finding] = Linter(rulebooks=[rules]).check("It’s risk-free.").findings
    assert (finding.start, finding.end, finding.line, finding.column) == (5, 14, 1, 6)
    assert finding.link == "https://example.org/why"
    assert finding.fix is None


@pytest.mark.parametrize("text", ["!!!", "🙂"])
def test_drafts_without_words_are_checked_without_error(text):
    result = lint().check(text)
    assert result.findings == [] and result.score == 100
    assert result.metrics["words"] == 0


@pytest.mark.parametrize("text", ["", "   \n"])
def test_an_empty_draft_gets_an_input_warning_and_passes(text):
    result = lint().check(text)
    assert [(f.rule, f.severity) for f in result.findings] == [("brandvoice.input", "warning")]
    assert result.passed and result.score == 90


def test_exact_severity_override_wins_over_patterns_and_longer_patterns_win():
    linter = lint(severity={"t.*": "suggestion", "t.err": "warning", "t.w*": "error"})
    kinds = {f.rule: f.severity for f in linter.check("guarantee asap utilize guys").findings}
    assert kinds == {"t.err": "warning", "t.warn": "error", "t.sugg": "suggestion",
                     "t.other": "suggestion"}
