"""One problem that several rules find is one finding: reported once, naming every rule,
scored once; switching one of the rules off (config, --ignore, a baseline) leaves the
problem to the rules still on. Cases as data: tests/cases/duplicates.yaml."""

from __future__ import annotations

import json

from brandvoice import Linter
from brandvoice.drafts import read_file

from .conftest import run, write

TEAM = {"name": "Team", "owner": "hr", "rules": [
    {"id": "team.no-guys", "kind": "forbid", "phrases": ["guys"], "suggest": ["everyone"],
     "examples": {"bad": ["The guys at our store will help."]}}]}
PACK = "builtin:inclusive-language"
DRAFT = "The guys at our Leeds store will sort this out."
FILES = {
    "brandvoice.yaml": "rulebooks: [team.yaml, 'builtin:inclusive-language']\n",
    "team.yaml": """
        name: Team
        owner: hr
        rules:
          - id: team.no-guys
            kind: forbid
            phrases: [guys]
            suggest: [everyone]
            examples:
              bad: ["The guys at our store will help."]
        """,
    "reply.txt": DRAFT + "\n",
}


def test_one_problem_two_rules_find_costs_one_penalty():
    both = Linter(rulebooks=[TEAM, PACK]).check(DRAFT)
    team_only = Linter(rulebooks=[TEAM]).check(DRAFT)
    pack_only = Linter(rulebooks=[PACK]).check(DRAFT)
    [finding] = both.findings
    assert sorted(finding.rules) == ["inclusive-language.guys", "team.no-guys"]
    assert both.score == team_only.score == pack_only.score < 100


def test_a_higher_severity_wins_whichever_rule_has_it():
    severe = {**TEAM, "rules": [{**TEAM["rules"][0], "severity": "error",
                                 "message": "Team: no 'guys'."}]}
    [finding] = Linter(rulebooks=[PACK, severe]).check(DRAFT).findings
    assert (finding.rule, finding.also, finding.severity, finding.message) == (
        "team.no-guys", ["inclusive-language.guys"], "error", "Team: no 'guys'.")


def test_the_config_switching_one_rule_off_leaves_the_other_finding():
    for off, left in (("team.no-guys", "inclusive-language.guys"),
                      ("inclusive-language.*", "team.no-guys")):
        [finding] = Linter(rulebooks=[TEAM, PACK], disable=[off]).check(DRAFT).findings
        assert (finding.rule, finding.also) == (left, [])


def test_reports_name_the_other_rules(tmp_path):
    root = write(tmp_path, FILES)
    text = run(["check", "reply.txt"], cwd=root)
    assert ("reply.txt:1:5: warning inclusive-language.guys 'guys' is gendered: not everyone "
            "you talk to or about is a guy. Say who you mean.") in text.out
    assert "(also: team.no-guys)" in text.out and text.out.count("guys'") == 1
    data = json.loads(run(["check", "reply.txt", "--format", "json"], cwd=root).out)
    [finding] = data["drafts"][0]["findings"]
    assert (finding["rule"], finding["also"]) == ("inclusive-language.guys", ["team.no-guys"])
    assert data["summary"]["warning"] == 1
    sarif = json.loads(run(["check", "reply.txt", "--format", "sarif"], cwd=root).out)
    [result] = sarif["runs"][0]["results"]
    assert result["properties"]["also"] == ["team.no-guys"]
    github = run(["check", "reply.txt", "--format", "github"], cwd=root).out
    assert github.count("::warning") == 1 and "(also: team.no-guys)" in github


def test_ignore_and_select_leave_the_problem_to_the_rule_still_on(tmp_path):
    root = write(tmp_path, FILES)
    for option in (["--ignore", "inclusive-language.guys"], ["--select", "team.*"]):
        data = json.loads(run(["check", "reply.txt", "--format", "json", *option],
                              cwd=root).out)
        assert [(f["rule"], f["also"]) for f in data["drafts"][0]["findings"]] == [
            ("team.no-guys", [])], option


def test_a_baseline_accepts_each_rule_of_a_finding(tmp_path):
    root = write(tmp_path, FILES)
    assert run(["check", "reply.txt", "--write-baseline", "baseline.json"], cwd=root).code == 0
    path = root / "baseline.json"
    baseline = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(e["rule"] for e in baseline["findings"]) == [
        "inclusive-language.guys", "team.no-guys"]
    quiet = run(["check", "reply.txt", "--baseline", "baseline.json", "--format", "json"],
                cwd=root)
    assert json.loads(quiet.out)["drafts"][0]["findings"] == []

    # A baseline written before the team had its rule accepts the pack's finding only:
    # the team's rule still reports the problem, alone.
    baseline["findings"] = [e for e in baseline["findings"] if e["rule"] != "team.no-guys"]
    path.write_text(json.dumps(baseline), encoding="utf-8")
    left = run(["check", "reply.txt", "--baseline", "baseline.json", "--format", "json"],
               cwd=root)
    draft = json.loads(left.out)["drafts"][0]
    assert [(f["rule"], f["also"], f["suggestions"]) for f in draft["findings"]] == [
        ("team.no-guys", [], ["everyone"])]
    assert draft["score"] < 100


def test_a_rules_example_reported_with_another_rule_still_counts(tmp_path):
    root = write(tmp_path, FILES)
    tested = run(["test"], cwd=root)
    assert tested.code == 0, tested.output


def test_worker_processes_place_every_rule_of_a_finding(tmp_path):
    collection = tmp_path / "macros.jsonl"
    collection.write_text('{"id": "a", "text": "Hello."}\n'
                          f'{{"id": "b", "text": "{DRAFT}"}}\n', encoding="utf-8")
    linter = Linter(rulebooks=[TEAM, PACK])

    def places(jobs: int) -> list:
        results = linter.check_many(read_file(collection, "macros.jsonl"), jobs=jobs,
                                    batch_size=1)
        return [(p.rule, p.line, p.column) for r in results for f in r.findings
                for p in f.split()]

    assert places(2) == places(1) == [("inclusive-language.guys", 2, 26),
                                      ("team.no-guys", 2, 26)]
