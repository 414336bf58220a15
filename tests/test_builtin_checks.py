"""Every id a finding can carry is listed by `brandvoice rules` and explained by
`brandvoice explain` (and the server's /v1/rules): the built-in checks of
brandvoice.registry as well as the rulebooks' rules."""

from __future__ import annotations

import json

import pytest

from brandvoice import Linter
from brandvoice.registry import BUILTIN_IDS, CHECKS

from .conftest import run

#: A persona that sets every key a built-in check's example is written for.
PERSONA = {
    "name": "Acme",
    "readability": {"max_grade": 8, "min_reading_ease": 60, "max_sentence_words": 25},
    "tone": {"sentiment": {"min": -0.1}, "formality": {"min": 0.2, "max": 0.7},
             "politeness": {"min": 0.3}},
    "style": {"max_exclamations": 1, "max_emoji": 2, "max_hashtags": 2, "shouting": False,
              "allow_caps": ["DM"], "contractions": "prefer"},
    "terms": ["AcmePay"],
    "vocabulary": {"prefer": {"utilize": "use"}, "avoid": ["synergy"]},
    "contexts": {"complaint": {"require_empathy": True, "forbid_promotion": True,
                               "require_next_step": True}},
}


@pytest.fixture(scope="module")
def linter():
    # and the config keys the config's checks run with (who answers what)
    return Linter(persona=PERSONA, departments=["support", "marketing"],
                  responsibilities={"complaint": ["support"]})


@pytest.mark.parametrize("check", [c for c in CHECKS if c.bad or c.good], ids=lambda c: c.id)
def test_each_builtin_example_is_right(linter, check):
    """What `brandvoice explain` shows as a bad example raises the check; the good one
    does not."""
    for number, (text, expected) in enumerate(((check.bad, True), (check.good, False))):
        if text is None:
            continue
        department = check.departments[number] if check.departments else None
        result = linter.check(text, context=check.context, in_reply_to=check.in_reply_to,
                              department=department)
        assert (check.id in {f.rule for f in result.findings}) is expected, (text, result)


def test_every_finding_id_of_a_run_is_a_builtin_or_a_rule(linter):
    """The ids findings carry are the registry's (here: a draft breaking most checks)."""
    result = linter.check("WOW!!! We utilized synergies 🎉🎉🎉 #a #b #c. Use code SAVE20 for "
                          "20% off ACMEPAY. We do not know.", context="complaint")
    assert {f.rule for f in result.findings} <= set(BUILTIN_IDS)
    assert len({f.rule for f in result.findings}) >= 9


def test_findings_of_builtin_checks_carry_their_category(linter):
    """A built-in check's findings carry its category (the labelling guide's where one
    fits): what `brandvoice eval` counts per category."""
    from brandvoice.kinds.base import check_category

    for check in CHECKS:
        if check.category is not None:
            check_category(check.category)
    result = linter.check("Your ticket is logged. We wrote to jo@example.com TODAY.",
                          context="complaint", in_reply_to="I wrote from jo@example.com")
    found = {f.rule: f.category for f in result.findings}
    assert found["persona.context.empathy"] == "care.no-empathy"
    assert found["persona.style.shouting"] == "brand.off-voice"
    assert found["persona.context.echo-pii"] == "privacy.shows-data"
    promotion = linter.check("Sorry! Use code SAVE20 for 20% off.", context="complaint")
    assert {f.category for f in promotion.findings if f.rule == "persona.context.promotion"} \
        == {"marketing.promo-in-complaint"}


SHOUTY = {
    "brandvoice.yaml": "persona: persona.yaml\nrulebooks: [hr.yaml]\n"
                       "disable: [persona.style.emoji]\n",
    "persona.yaml": "name: Acme\nstyle: {shouting: false, allow_caps: [DM], max_emoji: 1}\n",
    "hr.yaml": "owner: hr\nrules:\n  - id: hr.no-guys\n    kind: forbid\n"
               "    phrases: [guys]\n",
}


def test_explain_a_persona_check(project):
    root = project(SHOUTY)
    found = run(["check", "--text", "We are REALLY sorry."], cwd=root)
    assert "persona.style.shouting" in found.out
    result = run(["explain", "persona.style.shouting"], cwd=root)
    assert result.code == 0, result.output
    assert result.out.splitlines() == [
        "persona.style.shouting  (persona check, warning, on)",
        "  checks:     Text in capitals (ALL CAPS reads as shouting): a word of five capitals "
        "or more, or three words in capitals in a row, once per passage; not acronyms (two "
        "to four capitals), codes with digits, the persona's allow_caps, handles, hashtags, "
        "links, the sign-off or quoted text.",
        "  set by:     style.shouting, style.allow_caps (in the persona)",
        "  owner:      brand",
        "  category:   brand.off-voice",
        "  message:    '{match}' reads as shouting: write it in lower case, or add it to "
        "allow_caps.",
        "  example:    with style.shouting: false, style.allow_caps: [DM]",
        "  bad:        We are REALLY sorry.",
        "  good:       We are really sorry. Send us a DM. ^JK",
        "  switch off: disable: [persona.style.shouting] in the config, or leave "
        "style.shouting out of the persona; in one draft: brandvoice-disable "
        "persona.style.shouting",
        "  more:       docs/persona.md#checks",
    ]


def test_explain_says_why_a_builtin_check_is_off(project):
    root = project(SHOUTY)
    emoji = run(["explain", "persona.style.emoji"], cwd=root)
    assert emoji.out.splitlines()[0] == \
        "persona.style.emoji  (persona check, warning, off (disabled in the config))"
    terms = run(["explain", "persona.terms"], cwd=root)
    assert terms.out.splitlines()[0] == \
        "persona.terms  (persona check, error, off (not set in the persona))"
    assert "  fix:        yes, applied by brandvoice check --fix" in terms.out
    data = json.loads(run(["explain", "brandvoice.input", "--format", "json"], cwd=root).out)
    assert (data["builtin"], data["status"], data["severity"]) == (True, "on", "error")
    assert data["switch_off"] == ("it cannot be switched off; lower its severity instead: "
                                  "severity: {brandvoice.input: warning}")


def test_explain_a_typo_of_a_builtin_id_names_it(project):
    root = project(SHOUTY)
    result = run(["explain", "persona.style.shoutin"], cwd=root)
    assert result.code == 2
    assert result.err.startswith("brandvoice: no loaded rule has the id "
                                 "'persona.style.shoutin'; did you mean "
                                 "'persona.style.shouting'")


def test_rules_lists_every_builtin_check(project):
    root = project(SHOUTY)
    result = run(["rules"], cwd=root)
    assert result.code == 0
    rows = {line.split()[0]: line.split() for line in result.out.splitlines()[1:-1]}
    assert set(rows) == {"hr.no-guys", *BUILTIN_IDS}
    assert rows["persona.style.shouting"] == ["persona.style.shouting", "persona", "warning",
                                              "brand", "on", "persona:", "style.shouting"]
    assert rows["brandvoice.input"][1:5] == ["brandvoice", "error", "-", "on"]
    assert result.out.splitlines()[-1] == f"1 rule, 1 on; {len(CHECKS)} built-in checks, 16 on."
    listed = json.loads(run(["rules", "--format", "json"], cwd=root).out)
    assert [r["id"] for r in listed] == ["hr.no-guys", *BUILTIN_IDS]


def test_disable_accepts_exactly_the_listed_ids(project):
    """The config's disable: takes what `rules` lists, and nothing else."""
    root = project({**SHOUTY, "brandvoice.yaml": "persona: persona.yaml\n"
                                                 "disable: [persona.style.shoutng]\n"})
    result = run(["check", "--text", "Hi"], cwd=root)
    assert result.code == 2
    assert ("no loaded rule has the id 'persona.style.shoutng' (did you mean "
            "'persona.style.shouting'?)") in result.err
