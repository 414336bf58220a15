"""Bad configs, personas and rulebooks: exit 2, no traceback, file:line:column and plain words."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from brandvoice import ConfigError, Linter
from brandvoice.cli import app

from .conftest import LEGAL, run

CONFIG = "persona: voice/persona.yaml\nrulebooks: [voice/legal.yaml]\n"
PERSONA = "name: Acme Care\n"

GOOD_RULE = """
rules:
  - id: legal.no-guarantees
    kind: forbid
    phrases: [guarantee]
"""

CASES = {
    "malformed yaml": (
        {"voice/legal.yaml": "rules:\n  - id: a.b\n    kind: forbid\n    phrases: [guarantee\n"},
        "voice/legal.yaml:4:14: this is not valid YAML: the bracket or quote opened here is "
        "never closed",
    ),
    "tab indentation": (
        {"voice/legal.yaml": "rules:\n\t- id: a.b\n"},
        "voice/legal.yaml:2:1: this is not valid YAML: found character '\\t' that cannot start "
        "any token; use spaces, not tabs, to indent",
    ),
    "unknown key": (
        {"voice/legal.yaml": "rules:\n  - id: legal.no-guarantees\n    kind: forbid\n"
                             "    phrases: [a]\n    phrase: [guarantee]\n"},
        "voice/legal.yaml:5:5: rule 'legal.no-guarantees': unknown key 'phrase' "
        "(did you mean 'phrases'?)",
    ),
    "unknown key in scope": (
        {"voice/legal.yaml": GOOD_RULE + "    scope: {channel: [twitter]}\n"},
        "voice/legal.yaml:5:13: rule 'legal.no-guarantees': unknown key 'channel' in 'scope' "
        "(did you mean 'channels'?)",
    ),
    "wrong type": (
        {"voice/legal.yaml": "rules:\n  - id: legal.no-guarantees\n    kind: forbid\n"
                             "    phrases: guarantee\n"},
        "voice/legal.yaml:4:14: rule 'legal.no-guarantees': 'phrases' should be a list",
    ),
    "wrong type of boolean": (
        {"voice/legal.yaml": GOOD_RULE + "    enabled: maybe\n"},
        "voice/legal.yaml:5:14: rule 'legal.no-guarantees': 'enabled' should be true or false, "
        "not the text 'maybe'",
    ),
    "yes/no words in a true-or-false key": (
        {"voice/legal.yaml": GOOD_RULE + "    enabled: no\n",
         "voice/persona.yaml": PERSONA + "style: {shouting: yes}\n"},
        "voice/persona.yaml:2:19: 'style.shouting' should be true or false, not the text "
        "'yes'; write true (brandvoice reads only true and false as yes or no, so that words "
        "such as 'no' and 'on' stay words)\n"
        "voice/legal.yaml:5:14: rule 'legal.no-guarantees': 'enabled' should be true or false, "
        "not the text 'no'; write false",
    ),
    "missing required key": (
        {"voice/legal.yaml": "rules:\n  - id: legal.no-guarantees\n    kind: forbid\n"},
        "voice/legal.yaml:2:5: rule 'legal.no-guarantees': missing required key 'phrases'",
    ),
    "missing kind": (
        {"voice/legal.yaml": "rules:\n  - id: legal.no-guarantees\n    phrases: [a]\n"},
        "voice/legal.yaml:2:5: rule 'legal.no-guarantees': missing required key 'kind'",
    ),
    "unknown kind": (
        {"voice/legal.yaml": "rules:\n  - id: legal.no-guarantees\n    kind: forbidd\n"
                             "    phrases: [a]\n"},
        "voice/legal.yaml:3:11: rule 'legal.no-guarantees': unknown kind 'forbidd' "
        "(did you mean 'forbid'?)",
    ),
    "empty rulebook file": (
        {"voice/legal.yaml": ""},
        "voice/legal.yaml:1:1: this file is empty; a rulebook has a 'rules:' list",
    ),
    "empty persona file": (
        {"voice/persona.yaml": "\n# nothing yet\n"},
        "voice/persona.yaml:1:1: this file is empty; a persona starts with 'name:'",
    ),
    "invalid severity": (
        {"voice/legal.yaml": GOOD_RULE + "    severity: fatal\n"},
        "voice/legal.yaml:5:15: rule 'legal.no-guarantees': 'severity' must be one of: error, "
        "warning, suggestion (not the text 'fatal')",
    ),
    "invalid id": (
        {"voice/legal.yaml": "rules:\n  - id: Legal No Guarantees\n    kind: forbid\n"
                             "    phrases: [a]\n"},
        "voice/legal.yaml:2:9: rule 'Legal No Guarantees': 'Legal No Guarantees' is not a valid "
        "rule id",
    ),
    "reserved id": (
        {"voice/legal.yaml": "rules:\n  - id: persona.terms\n    kind: forbid\n"
                             "    phrases: [a]\n"},
        "voice/legal.yaml:2:9: rule 'persona.terms': rule ids starting with 'persona.'",
    ),
    "empty phrase": (
        {"voice/legal.yaml": "rules:\n  - id: a.b\n    kind: forbid\n    phrases: [ok, '  ']\n"},
        "voice/legal.yaml:4:19: rule 'a.b': 'phrases item 2' is empty text",
    ),
    "empty scope list": (
        {"voice/legal.yaml": GOOD_RULE + "    scope:\n      channels: []\n"},
        "voice/legal.yaml:6:17: rule 'legal.no-guarantees': 'scope.channels' is empty",
    ),
    "limit without max or min": (
        {"voice/legal.yaml": "rules:\n  - id: a.limit\n    kind: limit\n    phrases: [sorry]\n"},
        "voice/legal.yaml:2:5: rule 'a.limit': a limit needs 'max', 'min' or both",
    ),
    "replace with an empty map": (
        {"voice/legal.yaml": "rules:\n  - id: a.rep\n    kind: replace\n    replace: {}\n"},
        "voice/legal.yaml:4:14: rule 'a.rep': 'replace' is empty; give at least one item",
    ),
    "unknown pii detector": (
        {"voice/legal.yaml": "rules:\n  - id: a.pii\n    kind: pii\n"
                             "    detect: [email, passport]\n"},
        "voice/legal.yaml:4:21: rule 'a.pii': 'detect item 2' must be one of: email, phone, card, "
        "iban, ssn, url, handle (not the text 'passport')",
    ),
    "invalid matcher pattern": (
        {"voice/legal.yaml": "rules:\n  - id: a.seq\n    kind: sequence\n"
                             "    tokens: [{LOWER: we}, {POSS: VERB}]\n"},
        "voice/legal.yaml:4:13: rule 'a.seq': 'tokens': this token pattern is not valid: "
        "token 2 POSS: Extra inputs are not permitted",
    ),
    "regex with a back-reference": (
        {"voice/legal.yaml": "rules:\n  - id: a.re\n    kind: pattern\n"
                             "    pattern: '(\\w+) \\1'\n"},
        "voice/legal.yaml:4:14: rule 'a.re': 'pattern': this regular expression uses a "
        "back-reference such as \\1 ('the same text again'), which patterns cannot have",
    ),
    "regex with a look-ahead": (
        {"voice/legal.yaml": "rules:\n  - id: a.re\n    kind: require\n"
                             "    when_pattern: 'refund(?= now)'\n    require: [terms]\n"},
        "voice/legal.yaml:4:19: rule 'a.re': 'when_pattern': this regular expression uses a "
        "look-ahead '(?=...)' ('followed by'), which patterns cannot have",
    ),
    "invalid regex": (
        {"voice/legal.yaml": "rules:\n  - id: a.re\n    kind: limit\n"
                             "    pattern: '[abc'\n    max: 2\n"},
        "voice/legal.yaml:4:14: rule 'a.re': 'pattern': this regular expression is not valid: "
        "a '[' is never closed",
    ),
    "unknown metric": (
        {"voice/legal.yaml": "rules:\n  - id: a.m\n    kind: metric\n"
                             "    metric: word_count\n    max: 3\n"},
        "voice/legal.yaml:4:13: rule 'a.m': 'metric' must be one of: words, sentences, characters",
    ),
    "duplicate key in one rule": (
        {"voice/legal.yaml": GOOD_RULE + "    phrases: [other]\n"},
        "voice/legal.yaml:5:5: key 'phrases' appears twice in the same block (first at line 4)",
    ),
    "missing rulebook file": (
        {"brandvoice.yaml": "rulebooks:\n  - voice/legal.yaml\n  - voice/hr.yaml\n"},
        "brandvoice.yaml:3:5: rulebook file 'voice/hr.yaml' not found",
    ),
    "missing persona file": (
        {"brandvoice.yaml": "persona: voice/voice.yaml\nrulebooks: [voice/legal.yaml]\n"},
        "brandvoice.yaml:1:10: persona file 'voice/voice.yaml' not found",
    ),
    "unknown builtin pack": (
        {"brandvoice.yaml": "rulebooks:\n  - builtin:legal-claim\n"},
        "brandvoice.yaml:2:5: unknown built-in pack 'legal-claim' (did you mean "
        "'builtin:legal-claims'?); available: inclusive-language, legal-claims, "
        "marketing-compliance, plain-language, privacy, social-care",
    ),
    "unknown config key": (
        {"brandvoice.yaml": CONFIG + "fail-on: warning\n"},
        "brandvoice.yaml:3:1: unknown key 'fail-on' (did you mean 'fail_on'?)",
    ),
    "invalid fail_on": (
        {"brandvoice.yaml": CONFIG + "fail_on: critical\n"},
        "brandvoice.yaml:3:10: 'fail_on' must be one of: error, warning, suggestion",
    ),
    "min_score out of range": (
        {"brandvoice.yaml": CONFIG + "min_score: 120\n"},
        "brandvoice.yaml:3:12: 'min_score' must be at most 100",
    ),
    "disable names no rule": (
        {"brandvoice.yaml": CONFIG + "disable: [legal.no-guarante]\n"},
        "brandvoice.yaml:3:11: no loaded rule has the id 'legal.no-guarante' "
        "(did you mean 'legal.no-guarantees'?)",
    ),
    "persona unknown key": (
        {"voice/persona.yaml": "name: Acme\nreadability: {max_grad: 8}\n"},
        "voice/persona.yaml:2:15: unknown key 'max_grad' in 'readability' "
        "(did you mean 'max_grade'?)",
    ),
    "persona missing name": (
        {"voice/persona.yaml": "summary: Warm.\n"},
        "voice/persona.yaml:1:1: missing required key 'name'",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_exits_2_with_position(name, project, monkeypatch):
    overrides, expected = CASES[name]
    files = {"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA, "voice/legal.yaml": LEGAL}
    files.update(overrides)
    root = project(files)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "We guarantee it."])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert "nothing was checked" in result.stderr


def test_duplicate_rule_id_names_both_places(project, monkeypatch):
    root = project({
        "brandvoice.yaml": "rulebooks: [voice/legal.yaml, voice/hr.yaml]\n",
        "voice/legal.yaml": GOOD_RULE,
        "voice/hr.yaml": "name: HR\nrules:\n  - kind: forbid\n    id: legal.no-guarantees\n"
                         "    phrases: [guys]\n",
    })
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "hi"])
    assert result.exit_code == 2
    assert ("voice/hr.yaml:4:9: rule id 'legal.no-guarantees' is already used at "
            "voice/legal.yaml:2:9") in result.stderr


@pytest.mark.parametrize("rulebooks, said", [
    ("[builtin:privacy, builtin:privacy]",
     "brandvoice.yaml:1:30: the rulebook 'builtin:privacy' is listed twice"),
    ("['builtin:*', builtin:privacy]",
     "brandvoice.yaml:1:26: the rulebook 'builtin:privacy' is already loaded by 'builtin:*'"),
    ("[voice/hr.yaml, ./voice/hr.yaml]",
     "brandvoice.yaml:1:28: the rulebook './voice/hr.yaml' is already loaded by 'voice/hr.yaml'"),
])
def test_a_rulebook_listed_twice_is_named_once_where_it_repeats(project, monkeypatch,
                                                                 rulebooks, said):
    root = project({
        "brandvoice.yaml": f"rulebooks: {rulebooks}\n",
        "voice/hr.yaml": "rules:\n  - id: hr.guys\n    kind: forbid\n    phrases: [guys]\n",
    })
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "hi"])
    assert result.exit_code == 2
    assert said in result.stderr
    assert "already used" not in result.stderr  # not one line per rule of the pack


def test_a_pack_pattern_takes_the_packs_not_listed_before_it(project, monkeypatch):
    root = project({"brandvoice.yaml": "rulebooks: [builtin:privacy, 'builtin:*']\n"})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "Email me at jo@example.com"])
    assert result.exit_code == 1, result.stderr
    assert result.stdout.count("privacy.email-address") == 1


def test_all_problems_of_a_file_are_reported_at_once(project, monkeypatch):
    root = project({
        "brandvoice.yaml": "rulebooks: [voice/legal.yaml]\n",
        "voice/legal.yaml": "rules:\n  - id: a.one\n    kind: forbid\n    phrase: [x]\n"
                            "  - id: a.two\n    kind: forbid\n    phrases: [y]\n"
                            "    severity: high\n",
    })
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "hi"])
    lines = [line for line in result.stderr.splitlines() if line.startswith("voice/")]
    assert [line.split(": ")[0] for line in lines] == [
        "voice/legal.yaml:2:5", "voice/legal.yaml:4:5", "voice/legal.yaml:8:15"]
    assert "3 problems in the configuration" in result.stderr


RULE_HEAD = "rules:\n  - id: legal.no-guarantees\n    kind: forbid\n"

YAML_MISTAKES = {
    "a key indented less than its list item": (
        RULE_HEAD + "  phrases: [guarantee]\n",
        "voice/legal.yaml:4:3: this is not valid YAML: this line is indented less than the "
        "list item above it (line 2); indent 'phrases:' to line up with 'id:' (column 5)"),
    "a key indented more than the one above": (
        RULE_HEAD + "      phrases: [guarantee]\n",
        "voice/legal.yaml:4:7: this is not valid YAML: this line is indented more than the "
        "line above it (line 3); indent 'phrases:' to line up with 'kind:' (column 5)"),
    "a list item out of line": (
        RULE_HEAD + "    phrases: [guarantee]\n - id: legal.b\n",
        "voice/legal.yaml:5:2: this is not valid YAML: this list item is not lined up with "
        "the one above it (line 2); start its '- ' at column 3, like that one"),
    "an apostrophe in single quotes": (
        RULE_HEAD + "    phrases: [guarantee]\n    message: 'Don't promise'\n",
        "voice/legal.yaml:5:19: this is not valid YAML: the text in single quotes ends before "
        "this point, and more text follows it; inside '...' write an apostrophe twice "
        "('Don''t'), or put the text in double quotes instead (\"Don't\")"),
    "a bracket not closed on its line": (
        RULE_HEAD + "    phrases: [guarantee, risk-free\n    message: No.\n",
        "voice/legal.yaml:4:14: this is not valid YAML: the '[' opened here is not closed on "
        "its line; end it with ']' (text that contains ':', ',' or '#' goes in quotes)"),
    "a colon in an unquoted value": (
        RULE_HEAD + "    phrases: [guarantee]\n    message: Note: we never promise.\n",
        "voice/legal.yaml:5:18: this is not valid YAML: this value contains ': ', which YAML "
        "reads as the start of another key; put the whole value in quotes: message: "
        "\"Note: we never promise.\""),
    "no space after a colon": (
        "rules:\n  - id: legal.no-guarantees\n    kind:forbid\n    phrases: [guarantee]\n",
        "voice/legal.yaml:3:5: this is not valid YAML: put a space after the ':' of 'kind': "
        "write 'kind: forbid'"),
    "no colon": (
        "rules:\n  - id: legal.no-guarantees\n    kind forbid\n    phrases: [guarantee]\n",
        "voice/legal.yaml:3:5: this is not valid YAML: this line has no ':'; write it as "
        "'key: value', with ': ' after the key"),
    "a dash without a space": (
        "rules:\n  -id: legal.no-guarantees\n    kind: forbid\n",
        "voice/legal.yaml:2:3: this is not valid YAML: a list item starts with '- ' (a dash, "
        "then a space); write '- id: legal.no-guarantees'"),
    "a value starting with @": (
        RULE_HEAD + "    phrases: [@acme]\n",
        "voice/legal.yaml:4:15: this is not valid YAML: a value cannot start with '@' in "
        "YAML; put the whole value in quotes: '@acme'"),
    "a value starting with *": (
        RULE_HEAD + "    phrases: [guarantee]\n    message: *never* promise\n",
        "voice/legal.yaml:5:14: this is not valid YAML: a value that starts with '*' is read "
        "as an alias ('*name'); put the whole value in quotes (such as '*important*')"),
    "a message starting with {": (
        RULE_HEAD + "    phrases: [guarantee]\n    message: {match} is a promise\n",
        "voice/legal.yaml:5:22: this is not valid YAML: a value that starts with '{' is read "
        "as a block; put the whole value in quotes: \"{match} is a promise\""),
}


@pytest.mark.parametrize("name", list(YAML_MISTAKES))
def test_yaml_mistakes_are_said_plainly(name, project, monkeypatch):
    text, expected = YAML_MISTAKES[name]
    root = project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                    "voice/legal.yaml": text})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "We guarantee it."])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        expected, "brandvoice: 1 problem in the configuration; nothing was checked"]


FIRST_AUTHOR = {
    "brandvoice.yaml": (
        "persona: voice/persona.yaml\n"
        "rulebooks: [voice/legal.yaml, voice/hr.yaml]\n"
        "fail_on: eror\n"
        "disable: [hr.no-guy, legal.no-promises]\n"
    ),
    "voice/persona.yaml": (
        "name: Acme Care\n"
        "readabilty: {max_grade: high}\n"
        "style:\n"
        "  max_emoji: two\n"
    ),
    "voice/legal.yaml": (
        "owner: legal\n"
        "rules:\n"
        "  - id: legal.no-guarantees\n"
        "    kind: forbid\n"
        "    phrases: [guarantee]\n"
        "  - id: legal.details-by-dm\n"
        "    kind: pattern\n"
        "    pattern: 'details(?!.*DM)'\n"
        "  - id: legal.no-promises\n"
        "    kind: forbidd\n"
        "    phrases: [promise]\n"
    ),
    "voice/hr.yaml": (
        "owner: hr\n"
        "rules:\n"
        "  - id: hr.no-guys\n"
        "    kind: forbid\n"
        "    phrases: [guys]\n"
        "    message: Say 'folks'.\n"
        "    message: Say 'everyone'.\n"
        "  - id: legal.no-guarantees\n"
        "    kind: forbid\n"
        "    phrases: [guarantee]\n"
        "    severity: high\n"
    ),
}


def test_a_first_authors_mistakes_are_all_reported_in_one_run(project):
    """Mistakes in the config, the persona and two rulebooks, of every sort: one run names
    them all, file by file in the order they are read, each at its line and column. The
    rule with an unknown kind is still a rule `disable` may name (it is not 'unknown')."""
    root = project(FIRST_AUTHOR)
    result = run(["check", "--text", "hi guys"], cwd=root)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [
        "brandvoice.yaml:3:10: 'fail_on' must be one of: error, warning, suggestion "
        "(not the text 'eror')",
        "brandvoice.yaml:4:11: no loaded rule has the id 'hr.no-guy' (did you mean "
        "'hr.no-guys'?)",
        "voice/persona.yaml:2:1: unknown key 'readabilty' (did you mean 'readability'?)",
        "voice/persona.yaml:2:25: 'readabilty.max_grade' should be a number, not the text "
        "'high'",
        "voice/persona.yaml:4:14: 'style.max_emoji' should be a whole number, not the text "
        "'two'",
        "voice/legal.yaml:8:14: rule 'legal.details-by-dm': 'pattern': this regular "
        "expression uses a negative look-ahead '(?!...)' ('not followed by'), which patterns "
        "cannot have: they run on a linear-time engine (RE2) so that no pattern can make "
        "checking slow. To flag a draft that says one thing without another (such as "
        "'details' without 'DM'), use kind 'require' (the first in 'when' or 'when_pattern', "
        "the second in 'require'); to allow a phrase inside some longer phrases, use kind "
        "'forbid' with 'exceptions'",
        "voice/legal.yaml:10:11: rule 'legal.no-promises': unknown kind 'forbidd' (did you "
        "mean 'forbid'?); the kinds are: forbid, replace, pattern, require, limit, "
        "capitalize, sequence, pii, metric",
        "voice/hr.yaml:7:5: key 'message' appears twice in the same block (first at line 6); "
        "keep only one",
        "voice/hr.yaml:8:9: rule id 'legal.no-guarantees' is already used at "
        "voice/legal.yaml:3:9; every rule needs its own id",
        "voice/hr.yaml:11:15: rule 'legal.no-guarantees': 'severity' must be one of: error, "
        "warning, suggestion (not the text 'high')",
        "brandvoice: 10 problems in the configuration; nothing was checked",
    ]


def test_ids_in_disable_wait_for_a_rulebook_that_cannot_be_read(project):
    """A rulebook that is not YAML (or is missing) may hold any id: `disable` and `severity`
    are not judged against the others, so no 'unknown id' is reported that fixing the
    rulebook would make wrong. The rest of the config is still checked."""
    root = project({**FIRST_AUTHOR, "voice/legal.yaml": "rules:\n  - id: legal.a\n"
                                                        "    phrases: [a\n"})
    result = run(["check", "--text", "hi"], cwd=root)
    assert result.code == 2
    assert "no loaded rule has the id" not in result.err
    assert result.err.splitlines()[0].startswith("brandvoice.yaml:3:10: 'fail_on'")
    assert ("voice/legal.yaml:3:14: this is not valid YAML: the bracket or quote opened here "
            "is never closed") in result.err


def test_yaml_words_are_not_booleans(project):
    root = project({"legal.yaml": "rules:\n  - id: a.b\n    kind: forbid\n"
                                  "    phrases: [no, off, yes]\n"})
    linter = Linter(rulebooks=[root / "legal.yaml"])
    assert [f.match for f in linter.check("No, we are off now").findings] == ["No", "off"]


def test_pyproject_table_errors_name_the_line(project, monkeypatch):
    root = project({
        "pyproject.toml": "[project]\nname = 'x'\n\n[tool.brandvoice]\nrulebooks = []\n"
                          "fail_on = 'sometimes'\n",
    })
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--text", "hi"])
    assert result.exit_code == 2
    assert ("pyproject.toml:6:11: 'fail_on' must be one of: error, warning, suggestion"
            in result.stderr)


def test_library_raises_config_error_with_problems(project):
    root = project({"legal.yaml": "rules:\n  - id: a.b\n    kind: forbid\n    phrases: []\n"})
    with pytest.raises(ConfigError) as info:
        Linter(rulebooks=[root / "legal.yaml"])
    [problem] = info.value.problems
    assert (problem.location.line, problem.location.column) == (4, 14)
    assert "'phrases' is empty" in problem.message


def test_no_config_found_is_a_usage_error(tmp_path):
    result = run(["check", "--text", "hi"], cwd=tmp_path)
    assert result.code == 2
    assert "no brandvoice.yaml found" in result.err
    assert "Traceback" not in result.err


def test_real_process_reports_without_traceback(project):
    root = project({"brandvoice.yaml": "rulebooks: [builtin:nope]\n"})
    result = run(["check", "--text", "hi"], cwd=root)
    assert result.code == 2
    assert result.err.startswith("brandvoice.yaml:1:13: unknown built-in pack 'nope'")
    assert "Traceback" not in result.err


def test_catastrophic_pattern_does_not_hang():
    import threading
    import time

    linter = Linter(rulebooks=[{"rules": [{"id": "t.redos", "kind": "pattern",
                                           "pattern": "(a+)+$"}]}])
    text = "a" * 50_000 + "!"
    elapsed: list[float] = []

    def work() -> None:
        start = time.perf_counter()
        linter.check(text)
        elapsed.append(time.perf_counter() - start)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=30)  # a backtracking engine would still be running
    assert elapsed, "checking (a+)+$ against 50,000 a's did not finish"
