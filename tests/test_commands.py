"""`brandvoice test`, `rules` and `explain`, as users run them."""

from __future__ import annotations

import json

import pytest

from brandvoice.registry import CHECKS

from .conftest import run

BOOK = """
name: Support
owner: support
rules:
  - id: care.no-calm-down
    kind: forbid
    severity: error
    phrases: [calm down]
    link: https://intranet.example/care
    examples:
      bad: ["Please calm down.", {text: "Calm down, we are on it.", channel: twitter}]
      good: ["We hear you."]
  - id: care.dm
    kind: require
    require: [DM, direct message]
    scope: {contexts: [complaint]}
    examples:
      bad: ["We'll look into it."]
      good: ["Please send us a DM."]
  - id: care.off
    kind: forbid
    enabled: false
    phrases: [x]
    examples:
      bad: ["nothing here"]
"""

BROKEN = """
rules:
  - id: care.asap
    kind: forbid
    phrases: [asap]
    examples:
      bad:
        - "We will fix it soon."
      good:
        - "We will fix it ASAP."
"""


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": "rulebooks: [care.yaml]\ndisable: [care.dm]\n",
                    "care.yaml": BOOK, "broken.yaml": BROKEN})


def test_test_passes_and_scoped_rules_are_tested_in_scope(root):
    result = run(["test"], cwd=root)
    # care.dm only applies to complaints and is disabled in the config: tested anyway
    assert result.code == 0, result.output
    assert result.out.strip() == "Tested 5 examples of 2 rules: 5 passed, 0 failed."


def test_test_reports_each_failure_with_its_place_and_exits_1(root):
    result = run(["test", "--rulebook", "broken.yaml"], cwd=root)
    assert result.code == 1
    assert result.out.splitlines() == [
        "broken.yaml:7:11: bad example 1 did not trigger care.asap: 'We will fix it soon.'",
        "broken.yaml:9:11: good example 1 triggered care.asap ('ASAP'): 'We will fix it ASAP.'",
        "Tested 2 examples of 1 rule: 0 passed, 2 failed.",
    ]
    doc = json.loads(run(["test", "-r", "broken.yaml", "-f", "json"], cwd=root).out)
    assert doc["summary"] == {"rules": 1, "examples": 2, "failed": 2}
    assert doc["failures"][1]["matches"] == ["ASAP"]


def test_test_builtin_packs():
    from .conftest import ROOT
    result = run(["test", "--rulebook", "builtin:*"], cwd=ROOT)
    assert result.code == 0, result.output
    assert " 0 failed." in result.out


def test_rules_table_and_json(root):
    result = run(["rules"], cwd=root)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "SEVERITY", "OWNER", "STATUS", "SOURCE"]
    assert lines[1].split() == ["care.no-calm-down", "forbid", "error", "support", "on",
                                "care.yaml:4:9"]
    assert "off (disabled in the config)" in lines[2]
    assert "off (enabled: false)" in lines[3]
    assert lines[-1] == f"3 rules, 1 on; {len(CHECKS)} built-in checks, 14 on."
    listed = json.loads(run(["rules", "--format", "json"], cwd=root).out)
    assert [r["id"] for r in listed[:3]] == ["care.no-calm-down", "care.dm", "care.off"]
    assert listed[1]["scope"] == {"contexts": ["complaint"]}
    assert listed[1]["keys"]["require"] == ["DM", "direct message"]


def test_explain(root):
    result = run(["explain", "care.no-calm-down"], cwd=root)
    assert result.code == 0
    assert result.out.splitlines()[:7] == [
        "care.no-calm-down  (forbid, error, on)",
        "  defined at: care.yaml:4:9",
        "  owner:      support",
        "  category:   -",
        "  message:    Avoid '{match}'.",
        "  scope:      everywhere",
        "  link:       https://intranet.example/care",
    ]
    assert "  bad:        Calm down, we are on it." in result.out


def test_explain_unknown_id_exits_2_with_closest(root):
    result = run(["explain", "care.no-calmdown"], cwd=root)
    assert result.code == 2
    assert "no loaded rule has the id 'care.no-calmdown'; did you mean 'care.no-calm-down'" \
        in result.err


def test_persona_examples_are_tested(project):
    root = project({
        "brandvoice.yaml": "persona: p.yaml\n",
        "p.yaml": "name: Acme\nstyle: {max_exclamations: 1, shouting: false}\n"
                  "examples:\n  on_brand: [\"Thanks, Sam!\", \"HURRY!!\"]\n"
                  "  off_brand: [\"WOW!!!\", \"Thanks.\"]\n",
    })
    result = run(["test"], cwd=root)
    assert result.code == 1
    assert result.out.splitlines() == [
        "persona off_brand example 2 raised no persona finding: 'Thanks.'",
        "persona on_brand example 2 raised persona findings ('HURRY', '!'): 'HURRY!!'",
        "Tested 4 examples of 1 rule: 2 passed, 2 failed.",
    ]


UNTESTED = """
owner: hr
rules:
  - id: hr.no-guys
    kind: forbid
    phrases: [guys]
    examples:
      bad: ["Thanks, guys!"]
      good: ["Thanks, everyone!"]
  - id: hr.no-ninja
    kind: forbid
    phrases: [ninja]
  - id: hr.no-rockstar
    kind: forbid
    phrases: [rockstar]
  - id: hr.off
    kind: forbid
    enabled: false
    phrases: [x]
"""


def test_test_names_the_rules_without_examples(project):
    root = project({"brandvoice.yaml": "rulebooks: [hr.yaml]\n", "hr.yaml": UNTESTED})
    result = run(["test"], cwd=root)
    assert result.code == 0  # by default a rule without examples does not fail the run
    assert result.out.splitlines() == [
        "Tested 2 examples of 1 rule: 2 passed, 0 failed.",
        "2 rules have no examples, so nothing tests them: hr.no-ninja, hr.no-rockstar (add "
        "examples.bad and examples.good; see docs/rulebooks.md#examples).",
    ]
    strict = run(["test", "--require-examples"], cwd=root)
    assert strict.code == 1
    assert strict.out == result.out
    data = json.loads(run(["test", "--format", "json"], cwd=root).out)
    assert data["without_examples"] == ["hr.no-ninja", "hr.no-rockstar"]
