"""Governance of rules: rationale and dates in effect, conflicts between departments'
rules, and the handbook a department trains with."""

from __future__ import annotations

import datetime
import json

import pytest

from brandvoice.registry import CHECKS

from .conftest import run, write

TODAY = datetime.date.today()
PAST = (TODAY - datetime.timedelta(days=30)).isoformat()
FUTURE = (TODAY + datetime.timedelta(days=30)).isoformat()

LEGAL = f"""
owner: legal
rationale: Promises in public are binding offers under consumer law.
rules:
  - id: legal.no-free
    kind: forbid
    severity: error
    phrases: [free, totally free]
    suggest: [included, at no extra cost]
    examples:
      bad: ["It's totally free!"]
      good: ["It's included in your plan."]
  - id: legal.old-claim
    kind: forbid
    phrases: [best in class]
    expires: {PAST}
  - id: legal.new-claim
    kind: forbid
    phrases: [number one]
    effective: {FUTURE}
    rationale: The regulator's new guidance starts then.
"""
MARKETING = """
owner: marketing
rules:
  - id: mk.upbeat
    kind: replace
    replace:
      at no extra cost: free
      purchase: buy
"""
SUPPORT = """
owner: support
effective: 2020-01-01
expires: 2099-01-01
rules:
  - id: support.dm
    kind: require
    when: [order number]
    require: [DM us for free, send us a DM]
"""


@pytest.fixture
def root(tmp_path):
    return write(tmp_path, {"brandvoice.yaml": "rulebooks: [legal.yaml, marketing.yaml, "
                                               "support.yaml]\n",
                            "legal.yaml": LEGAL, "marketing.yaml": MARKETING,
                            "support.yaml": SUPPORT})


def rules_of(done) -> list[str]:
    return [f["rule"] for d in json.loads(done.out)["drafts"] for f in d["findings"]]


def test_rules_run_only_between_their_dates(root):
    text = "We're number one and best in class."
    today = run(["check", "--format", "json", "--text", text], cwd=root)
    assert rules_of(today) == []  # one expired, one not yet in effect
    later = run(["check", "--format", "json", "--text", text], cwd=root,
                env={"BRANDVOICE_TODAY": FUTURE})  # the day it starts: it runs
    assert rules_of(later) == ["legal.new-claim"]
    earlier = run(["check", "--format", "json", "--text", text], cwd=root,
                  env={"BRANDVOICE_TODAY": (TODAY - datetime.timedelta(days=31)).isoformat()})
    assert rules_of(earlier) == ["legal.old-claim"]  # the day before it expired
    book = run(["check", "--format", "json", "--text", "Your order number? DM us."],
               cwd=root, env={"BRANDVOICE_TODAY": "2099-01-01"})
    assert "support.dm" not in rules_of(book)  # the rulebook's own dates
    assert "support.dm" in rules_of(run(["check", "--format", "json", "--text",
                                         "Your order number? DM us."], cwd=root))


def test_rules_shows_why_a_rule_is_off_and_its_rationale(root):
    done = run(["rules"], cwd=root)
    lines = {line.split()[0]: line for line in done.out.splitlines()[1:-1]}
    assert f"off (expired on {PAST})" in lines["legal.old-claim"]
    assert f"off (not in effect until {FUTURE})" in lines["legal.new-claim"]
    assert " on " in lines["legal.no-free"]
    assert done.out.splitlines()[-1] == f"5 rules, 3 on; {len(CHECKS)} built-in checks, 14 on."
    listed = {e["id"]: e for e in json.loads(run(["rules", "--format", "json"],
                                                 cwd=root).out)}
    assert listed["legal.no-free"]["rationale"] == ("Promises in public are binding offers "
                                                    "under consumer law.")
    assert listed["legal.new-claim"]["rationale"] == "The regulator's new guidance starts then."
    assert listed["legal.new-claim"]["effective"] == FUTURE
    assert listed["support.dm"]["expires"] == "2099-01-01"  # from its rulebook


def test_dates_in_the_wrong_order_or_not_dates_are_config_errors(tmp_path):
    root = write(tmp_path, {"brandvoice.yaml": "rulebooks: [r.yaml]\n", "r.yaml": """
        rules:
          - id: a.b
            kind: forbid
            phrases: [x]
            effective: 2026-05-01
            expires: 2026-04-01
          - id: a.c
            kind: forbid
            phrases: [y]
            expires: next year
        """})
    done = run(["check", "--text", "x"], cwd=root)
    assert done.code == 2
    assert done.err.splitlines()[:2] == [
        "r.yaml:2:5: rule 'a.b': 'expires' (2026-04-01) must come after 'effective' "
        "(2026-05-01)",
        "r.yaml:10:14: rule 'a.c': 'expires' should be a date written as YYYY-MM-DD, such as "
        "2027-01-31 (not the text 'next year')"]


def test_a_bad_today_is_a_clear_error(root):
    done = run(["rules"], cwd=root, env={"BRANDVOICE_TODAY": "31/01/2027"})
    assert done.code == 2
    assert "BRANDVOICE_TODAY='31/01/2027' is not a date: write it as YYYY-MM-DD" in done.err


def test_conflicts_between_departments_are_listed(root):
    done = run(["rules", "--conflicts"], cwd=root)
    assert done.code == 1
    assert done.out.splitlines() == [
        "legal.no-free (legal) suggests 'at no extra cost', which mk.upbeat (marketing) "
        "flags: Write 'free' instead of 'at no extra cost'.",
        "mk.upbeat (marketing) replaces 'at no extra cost' with 'free', which legal.no-free "
        "(legal) flags: Avoid 'free'.",
        "support.dm (support) requires 'DM us for free', which legal.no-free (legal) flags: "
        "Avoid 'free'.",
        "3 conflicts between rules in effect.",
    ]
    data = json.loads(run(["rules", "--conflicts", "--format", "json"], cwd=root).out)
    assert {(c["rule"], c["other"]) for c in data} == {
        ("legal.no-free", "mk.upbeat"), ("mk.upbeat", "legal.no-free"),
        ("support.dm", "legal.no-free")}
    only = run(["rules", "--conflicts", "--department", "support"], cwd=root)
    assert only.out.splitlines()[-1] == "1 conflict between rules in effect."


def test_no_conflicts_and_rules_not_in_effect_do_not_count(tmp_path):
    root = write(tmp_path, {"brandvoice.yaml": "rulebooks: [legal.yaml, marketing.yaml]\n",
                            "legal.yaml": LEGAL.replace("severity: error",
                                                        f"expires: {PAST}"),
                            "marketing.yaml": MARKETING})
    done = run(["rules", "--conflicts"], cwd=root)
    assert done.code == 0 and done.out == "0 conflicts between rules in effect.\n"


def test_rules_that_ask_for_more_are_not_conflicts(tmp_path):
    """A suggestion that wakes a `require` rule, or that a `metric` or a `limit` with `min`
    finds too short, can be written alongside what they ask for: no conflict. A
    `require` rule that asks for a phrase another rule flags still is one."""
    root = write(tmp_path, {"brandvoice.yaml": "rulebooks: [a.yaml, b.yaml]\n", "a.yaml": """
        owner: support
        rules:
          - id: support.dm
            kind: forbid
            phrases: [PM us]
            suggest: [send us a DM with your order number]
          - id: support.free
            kind: require
            when: [refund]
            require: [totally free refund]
        """, "b.yaml": """
        owner: legal
        rules:
          - id: legal.order-dm
            kind: require
            when: [order number]
            require: [privately]
          - id: legal.long-enough
            kind: metric
            metric: words
            min: 12
          - id: legal.sign-off
            kind: limit
            pattern: '\\^[A-Z]{2}'
            min: 1
          - id: legal.no-free
            kind: forbid
            phrases: [totally free]
        """})
    done = run(["rules", "--conflicts"], cwd=root)
    assert done.out.splitlines() == [
        "support.free (support) requires 'totally free refund', which legal.no-free (legal) "
        "flags: Avoid 'totally free'.",
        "1 conflict between rules in effect."]
    assert done.code == 1


def test_the_handbook_has_a_page_per_department(root):
    done = run(["rules", "--format", "markdown"], cwd=root)
    assert done.code == 0
    headings = [line for line in done.out.splitlines() if line.startswith("## ")]
    assert headings == ["## legal", "## marketing", "## support"]
    legal = done.out.split("## legal")[1].split("## marketing")[0]
    assert "### Avoid “free”, “totally free”" in legal
    assert "`legal.no-free` · forbid · error: a reply that breaks it must not be posted." \
        in legal
    assert "**Why:** Promises in public are binding offers under consumer law." in legal
    assert "- ✗ It's totally free!" in legal and "- ✓ It's included in your plan." in legal
    assert "**Try instead:** included, at no extra cost." in legal
    assert f"**Not running: expired on {PAST}.**" in legal
    assert "1 rule in effect, 2 not running." in legal
    one = run(["rules", "--format", "markdown", "--department", "marketing"], cwd=root)
    assert [line for line in one.out.splitlines() if line.startswith("## ")] == [
        "## marketing"]
    assert "**Write instead:** 'at no extra cost' → 'free', 'purchase' → 'buy'." in one.out
    nobody = run(["rules", "--format", "markdown", "--department", "hr"], cwd=root)
    assert nobody.code == 2
    assert "no rule is owned by 'hr' (owners: legal, marketing, support)" in nobody.err


def test_findings_name_the_department_that_owns_the_rule(root):
    done = run(["check", "--format", "json", "--text", "It's totally free."], cwd=root)
    [finding] = json.loads(done.out)["drafts"][0]["findings"]
    assert (finding["rule"], finding["owner"]) == ("legal.no-free", "legal")
