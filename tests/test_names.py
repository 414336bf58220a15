"""Context, channel and department names: compared without regard to case, and a name
nothing knows is an error where it is typed (or a brandvoice.input warning on a draft),
never a silent switch that turns rules off."""

from __future__ import annotations

import json

import pytest

from brandvoice import ConfigError, Linter, UnknownName

from .conftest import run

CONFIG = """
persona: persona.yaml
rulebooks: ['builtin:*']
"""
PERSONA = """
name: Acme
contexts:
  complaint: {require_empathy: true, forbid_promotion: true}
channels:
  community: {max_length: 500}
"""
PROMO = "Use code SAVE20 for 20% off."


@pytest.fixture
def shop(project):
    return project({"brandvoice.yaml": CONFIG, "persona.yaml": PERSONA})


def test_context_is_compared_without_regard_to_case(shop):
    lower = run(["check", "--context", "complaint", "--text", PROMO], cwd=shop)
    capital = run(["check", "--context", "Complaint", "--text", PROMO], cwd=shop)
    assert lower.code == capital.code == 1
    assert "2 errors, 2 warnings" in capital.out  # the empathy check is a warning
    assert capital.out == lower.out
    data = json.loads(run(["check", "--context", "COMPLAINT", "--text", PROMO,
                           "--format", "json"], cwd=shop).out)
    assert data["drafts"][0]["context"] == "complaint"  # the known spelling


def test_unknown_context_option_is_exit_2_with_did_you_mean(shop):
    result = run(["check", "--context", "complaints", "--text", PROMO], cwd=shop)
    assert result.code == 2
    assert result.out == ""
    assert result.err == ("brandvoice: --context: unknown context 'complaints' (did you "
                          "mean 'complaint'?)\n")


def test_unknown_channel_and_department_options_say_what_is_known(shop):
    channel = run(["check", "--channel", "myspace", "--text", "Hello there."], cwd=shop)
    assert channel.code == 2
    assert channel.err == (
        "brandvoice: --channel: unknown channel 'myspace'; known channels: bluesky, chat, "
        "community, email, facebook, instagram, linkedin, sms, threads, tiktok, twitter, x "
        "(to add one: a key under 'channels:' in the persona, or a rule's scope)\n")
    department = run(["check", "--department", "legl", "--text", "Hello there."], cwd=shop)
    assert department.code == 2
    assert department.err == ("brandvoice: --department: unknown department 'legl' (did "
                              "you mean 'legal'?)\n")


def test_collection_entry_names_are_settled_or_warned_at_the_entry(project):
    root = project({
        "brandvoice.yaml": CONFIG, "persona.yaml": PERSONA,
        "macros.yaml": """
            - id: promo
              context: Complaint
              text: Use code SAVE20 for 20% off.
            - id: typo
              context: complaints
              text: Use code SAVE20 for 20% off.
            """})
    result = run(["check", "macros.yaml"], cwd=root)
    assert result.code == 1
    assert "macros.yaml (promo): score 55, failed" in result.out  # each rule costs once
    assert ("macros.yaml:4:3: warning brandvoice.input unknown context 'complaints' (did "
            "you mean 'complaint'?); rules for some contexts only are not run on it"
            in result.out)
    # the entry is still checked: rules for every context ran on it
    assert "macros.yaml:6:29: warning marketing-compliance.discount-terms" in result.out
    data = json.loads(run(["check", "macros.yaml", "--format", "json"], cwd=root).out)
    assert [(d["id"], d["context"]) for d in data["drafts"]] == [
        ("promo", "complaint"), ("typo", "complaints")]


def test_front_matter_and_csv_names_are_warned_too(project):
    root = project({
        "brandvoice.yaml": CONFIG, "persona.yaml": PERSONA,
        "reply.md": "---\nchannel: Twiter\n---\nThanks for writing in.\n",
        "export.csv": "id,department,text\nr1,Legal,Thanks for writing in.\n"
                      "r2,suport,Thanks for writing in.\n"})
    result = run(["check", "reply.md", "export.csv", "--format", "json"], cwd=root)
    drafts = {d["id"]: d for d in json.loads(result.out)["drafts"]}
    assert [f["message"] for f in drafts["reply.md"]["findings"]] == [
        "unknown channel 'Twiter' (did you mean 'twitter'?); rules for some channels only "
        "are not run on it"]
    assert drafts["r1"]["department"] == "legal" and drafts["r1"]["findings"] == []
    [warning] = drafts["r2"]["findings"]
    assert (warning["rule"], warning["severity"], warning["line"], warning["column"]) == (
        "brandvoice.input", "warning", 3, 1)
    assert warning["message"].startswith("unknown department 'suport' (did you mean "
                                         "'support'?)")


CARE = """
owner: support
rules:
  - id: care.no-promo-code
    kind: forbid
    severity: error
    phrases: [promo code]
    scope:
      contexts: [complaints]
      departments: [Support]
"""


def test_a_scope_typo_is_a_config_error_at_its_place(project):
    root = project({"brandvoice.yaml": "rulebooks: [care.yaml]\n", "care.yaml": CARE})
    result = run(["check", "--text", "Use promo code SORRY10."], cwd=root)
    assert result.code == 2
    assert result.err == (
        "care.yaml:8:18: unknown context 'complaints' (did you mean 'complaint'?); as "
        "written, this rule never runs on drafts marked 'complaint'\n"
        "brandvoice: 1 problem in the configuration; nothing was checked\n")


def test_department_spelled_differently_in_config_and_collection(project):
    fixed = CARE.replace("complaints", "complaint")
    root = project({
        "brandvoice.yaml": "rulebooks: [care.yaml]\ndefaults:\n  department: SUPPORT\n",
        "care.yaml": fixed,
        "macros.yaml": """
            - id: a
              department: support
              context: Complaint
              text: Use promo code SORRY10.
            - id: b
              context: complaint
              text: Use promo code SORRY10.
            """})
    result = run(["check", "macros.yaml"], cwd=root)
    assert result.code == 1
    assert "macros.yaml:4:13: error care.no-promo-code" in result.out
    assert "macros.yaml:7:13: error care.no-promo-code" in result.out  # from the default
    (root / "brandvoice.yaml").write_text("rulebooks: [care.yaml]\n"
                                          "defaults:\n  department: suport\n")
    typo = run(["check", "macros.yaml"], cwd=root)
    assert typo.code == 2
    assert typo.err.startswith("brandvoice.yaml:3:15: unknown department 'suport' (did "
                               "you mean 'support'?)\n")


def test_a_persona_channel_close_to_a_built_in_one_is_a_typo(project):
    root = project({"brandvoice.yaml": "persona: persona.yaml\n",
                    "persona.yaml": "name: Acme\nchannels:\n  twiter: {max_length: 10}\n"})
    result = run(["check", "--text", "Hello there."], cwd=root)
    assert result.code == 2
    assert result.err.startswith(
        "persona.yaml:3:3: unknown channel 'twiter' (did you mean 'twitter'?); as written, "
        "these persona checks never run on drafts marked 'twitter'\n")


def test_library_check_settles_names_and_refuses_unknown_ones():
    linter = Linter(persona={"name": "Acme", "contexts": {"Complaint": {
        "forbid_promotion": True}}})
    result = linter.check(PROMO, context="complaint")
    assert result.context == "complaint"
    assert {f.rule for f in result.findings} == {"persona.context.promotion"}
    with pytest.raises(UnknownName, match=r"unknown context 'complaints' \(did you mean "
                                          r"'complaint'\?\)"):
        linter.check(PROMO, context="complaints")
    [entry] = linter.check_many([{"text": PROMO, "context": "COMPLAINT"}])
    assert entry.context == "complaint" and not entry.passed
    with pytest.raises(ConfigError, match="unknown context 'praises'"):
        Linter(defaults={"context": "praises"})


def test_departments_key_declares_departments_and_audit_merges_their_spellings(project):
    root = project({
        "brandvoice.yaml": "rulebooks: ['builtin:legal-claims']\n"
                           "departments: [Support, sales]\n",
        "export.jsonl": "".join(
            json.dumps({"id": f"r{n}", "department": department, "text": "Thanks, on it."})
            + "\n" for n, department in enumerate(["support", "SUPPORT", "Sales", "suport"]))})
    result = run(["check", "--department", "SALES", "--text", "Hi there.", "--format",
                  "json"], cwd=root)
    assert json.loads(result.out)["drafts"][0]["department"] == "sales"
    audit = run(["audit", "export.jsonl", "--format", "json"], cwd=root)
    assert audit.code == 0, audit.err
    data = json.loads(audit.out)
    assert {g["department"]: g["replies"] for g in data["groups"]} == {
        "Support": 2, "sales": 1, "suport": 1}
    assert data["bad_rows"]["rows"] == [
        {"id": "r3", "source": "export.jsonl", "problem": "unknown department: 'suport'"}]
