"""YAML that is well formed but impossible, huge or hostile, at every door that reads YAML:
the config, personas, rulebooks, pyproject.toml, Markdown front matter and YAML drafts.

Each gives a clear problem at file:line:column (exit 2 for the configuration, a
``brandvoice.input`` finding for drafts), never a traceback, and never a hang.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from brandvoice.cli import app

from .conftest import run

CONFIG = "persona: voice/persona.yaml\nrulebooks: [voice/rules.yaml]\n"
PERSONA = "name: Acme Care\n"
RULES = "rules:\n  - id: a.b\n    kind: forbid\n    phrases: [guarantee]\n"


def alias_bomb(last: str) -> str:
    """Nine levels of nine aliases: a few hundred bytes that stand for 9**9 values."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n" + last


SEQUENCE = "rules:\n  - id: a.seq\n    kind: sequence\n    tokens: {tokens}\n"

CASES = {
    # values their tag (or their form) cannot make
    "impossible date": (
        {"voice/persona.yaml": "name: 2026-13-45\n"},
        "voice/persona.yaml:1:7: '2026-13-45' looks like a date but is not one (month must be "
        "in 1..12); write a real date as YYYY-MM-DD, or put the value in quotes if it is text"),
    "impossible day in a rule date": (
        {"voice/rules.yaml": RULES + "    effective: 2027-02-30\n"},
        "voice/rules.yaml:5:16: '2027-02-30' looks like a date but is not one (day is out of "
        "range for month)"),
    "impossible hour": (
        {"voice/persona.yaml": "name: x\nsummary: 2026-01-01 25:00:00\n"},
        "voice/persona.yaml:2:10: '2026-01-01 25:00:00' looks like a date but is not one"),
    "!!timestamp that is no date": (
        {"voice/persona.yaml": "name: !!timestamp soon\n"},
        "voice/persona.yaml:1:7: 'soon' cannot be read as a date; write it as YYYY-MM-DD"),
    "!!int x": (
        {"voice/persona.yaml": "name: x\nstyle:\n  max_emoji: !!int x\n"},
        "voice/persona.yaml:3:14: 'x' cannot be read as a whole number; remove the tag '!!int' "
        "if it is text"),
    "!!int with nothing": (
        {"voice/persona.yaml": "name: x\nstyle:\n  max_emoji: !!int ''\n"},
        "voice/persona.yaml:3:14: '!!int' is given no number here"),
    "a number of 5,000 digits": (
        {"voice/persona.yaml": "name: x\nstyle:\n  max_emoji: " + "9" * 5000 + "\n"},
        "voice/persona.yaml:3:14: '9999999999999999999999999999999999999...' cannot be read as "
        "a whole number; it has too many digits"),
    "!!float x": (
        {"voice/persona.yaml": "name: x\nreadability: {max_grade: !!float x}\n"},
        "voice/persona.yaml:2:26: 'x' cannot be read as a number; remove the tag '!!float'"),
    "!!bool maybe": (
        {"voice/persona.yaml": "name: x\nstyle: {shouting: !!bool maybe}\n"},
        "voice/persona.yaml:2:19: 'maybe' cannot be read as true or false"),
    "!!binary garbage": (
        {"voice/persona.yaml": "name: !!binary abc\n"},
        "voice/persona.yaml:1:7: this is not valid YAML: failed to decode base64 data"),
    "!!python tag": (
        {"voice/rules.yaml": "rules: !!python/object/apply:os.system [echo hi]\n"},
        "voice/rules.yaml:1:8: the tag '!!python/object/apply:os.system' is not supported; "
        "brandvoice reads plain values"),
    "unknown local tag": (
        {"voice/persona.yaml": "name: !shout hello\n"},
        "voice/persona.yaml:1:7: the tag '!shout' is not supported"),
    "tag on the wrong kind of node": (
        {"voice/persona.yaml": "name: x\nterms: !!int [a]\n"},
        "voice/persona.yaml:2:8: this is not valid YAML: expected a scalar node, but found "
        "sequence; remove the tag"),
    "impossible date as a key": (
        {"voice/persona.yaml": "name: x\nvocabulary:\n  prefer:\n    2026-13-45: y\n"},
        "voice/persona.yaml:4:5: '2026-13-45' looks like a date but is not one"),
    # nesting and aliases
    "3,000 nested brackets": (
        {"voice/persona.yaml": "name: " + "[" * 3000 + "\n"},
        "voice/persona.yaml:1:56: lists and blocks are nested more than 50 levels deep here"),
    "100,000 nested and closed brackets": (
        {"voice/rules.yaml": "rules: " + "[" * 100_000 + "]" * 100_000 + "\n"},
        "voice/rules.yaml:1:57: lists and blocks are nested more than 50 levels deep here"),
    "deep block nesting": (
        {"voice/persona.yaml": "name: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(60))},
        "voice/persona.yaml:52:51: lists and blocks are nested more than 50 levels deep here"),
    "alias bomb": (
        {"voice/persona.yaml": alias_bomb("name: x\n")},
        "voice/persona.yaml:6:8: the alias '*e' brings the values repeated by aliases in this "
        "file over 100,000; write the values out, or use fewer aliases ('*name')"),
    "alias bomb of merge keys": (
        {"voice/rules.yaml": "a: &a {x: 1, y: 2}\n" + "".join(
            f"m{i}: &m{i} {{" + ", ".join([f"<<: *{'a' if i == 0 else f'm{i - 1}'}"] * 9)
            + "}\n" for i in range(9)) + RULES},
        "the values repeated by aliases in this file over 100,000"),
    "alias inside what it repeats": (
        {"voice/persona.yaml": "name: x\nterms: &t [a, *t]\n"},
        "voice/persona.yaml:2:15: the alias '*t' is inside the '&t' it repeats, so it would "
        "repeat itself forever"),
    "chain of merges deeper than the limit": (
        {"voice/persona.yaml": "name: x\nc0: &c0 {a: 1}\n" + "".join(
            f"c{i}: &c{i} {{<<: *c{i - 1}}}\n" for i in range(1, 80))},
        "the alias '*c48' nests lists and blocks more than 50 levels deep"),
    # paths named in the config
    "persona path with a NUL": (
        {"brandvoice.yaml": 'persona: "voice/per\\0sona.yaml"\n'},
        "brandvoice.yaml:1:10: 'persona': this path contains a NUL character, which no file "
        "name can hold"),
    "rulebook name over the system's limit": (
        {"brandvoice.yaml": "rulebooks: [" + "r" * 300 + ".yaml]\n"},
        "brandvoice.yaml:1:13: 'rulebooks item 1': the name 'rrrrrrrrrrrrrrrrrrrr...' in this "
        "path is 305 bytes long; a file or folder name can be at most 255 bytes"),
    "persona path over the system's limit": (
        {"brandvoice.yaml": "persona: " + "abcdefghi/" * 500 + "p.yaml\n"},
        "brandvoice.yaml:1:10: 'persona': this path is 5,006 bytes long; a path can be at most "
        "4,096 bytes"),
    "include pattern with an unpaired surrogate": (
        {"brandvoice.yaml": CONFIG + 'files: {include: ["a\\ud800/*.txt"]}\n'},
        "brandvoice.yaml:3:19: 'files.include item 1': this path contains the character U+D800"),
    "include pattern of 300 folders": (
        {"brandvoice.yaml": CONFIG + "files: {include: ['" + "*/" * 300 + "x']}\n"},
        "brandvoice.yaml:3:19: 'files.include item 1': this pattern goes down 301 folders; at "
        "most 64 are searched"),
    "include pattern with three **": (
        {"brandvoice.yaml": CONFIG + "files: {include: ['**/a/**/b/**/*.md']}\n"},
        "'files.include item 1': '**' may appear at most twice in a pattern"),
    "absolute include pattern": (
        {"brandvoice.yaml": CONFIG + "files: {exclude: [/tmp/*.md]}\n"},
        "brandvoice.yaml:3:19: 'files.exclude item 1': patterns are relative to the config's "
        "folder"),
    "empty include pattern": (
        {"brandvoice.yaml": CONFIG + "files: {include: ['']}\n"},
        "brandvoice.yaml:3:19: 'files.include item 1': this pattern is empty"),
    # sequence patterns spaCy accepts when added and fails on later
    "custom attribute in a token": (
        {"voice/rules.yaml": SEQUENCE.format(tokens="[{LOWER: we}, {_: {mood: sad}}]")},
        "voice/rules.yaml:4:13: rule 'a.seq': 'tokens': token 2: custom attributes ('_') "
        "cannot be used, as brandvoice registers none"),
    "a number as an operator": (
        {"voice/rules.yaml": SEQUENCE.format(tokens="[{LOWER: {IN: [a], 5: b}}]")},
        "voice/rules.yaml:4:13: rule 'a.seq': 'tokens': token 1 LOWER: '5' is not an operator"),
    "a repeat of billions": (
        {"voice/rules.yaml": SEQUENCE.format(
            tokens="[[{LOWER: a}], [{LOWER: we}, {LOWER: b, OP: '{99999999999}'}]]")},
        "voice/rules.yaml:4:13: rule 'a.seq': 'tokens': pattern 2, token 2: OP '{99999999999}' "
        "repeats a token more than 20 times"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_yaml_problem_exits_2_with_position(name, project, monkeypatch):
    overrides, expected = CASES[name]
    files = {"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA, "voice/rules.yaml": RULES}
    files.update(overrides)
    monkeypatch.chdir(project(files))
    result = CliRunner().invoke(app, ["check", "--text", "We guarantee it."])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert "nothing was checked" in result.stderr


@pytest.mark.parametrize("table, expected", [
    ("rulebooks = " + "[" * 3000 + "]" * 3000,
     "pyproject.toml:2:3012: lists and tables are nested too deeply here"),
    ("min_score = " + "9" * 5000, "pyproject.toml:2:13: this number has too many digits"),
])
def test_pyproject_problem_exits_2_with_position(table, expected, project, monkeypatch):
    monkeypatch.chdir(project({"pyproject.toml": f"[tool.brandvoice]\n{table}\n"}))
    result = CliRunner().invoke(app, ["check", "--text", "hi"])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_aliases_within_the_limit_still_work(project, monkeypatch):
    monkeypatch.chdir(project({
        "brandvoice.yaml": CONFIG,
        "voice/persona.yaml": PERSONA,
        "voice/rules.yaml": "rules:\n"
                            "  - &common {id: a.b, kind: forbid, severity: error,\n"
                            "             phrases: &words [guarantee, promise]}\n"
                            "  - {<<: *common, id: a.c, severity: warning, phrases: *words}\n",
    }))
    result = CliRunner().invoke(app, ["check", "--text", "We promise it."])
    assert result.exit_code == 1, result.output
    # the merge key gave a.c the same phrases: one finding at one place, naming both
    assert "error a.b Avoid 'promise'. (also: a.c)" in result.stdout


@pytest.mark.parametrize("draft, expected", [
    ("- text: hello\n- text: " + "[" * 100_000 + "]" * 100_000 + "\n",
     "d.yaml:2:57: error brandvoice.input lists and blocks are nested more than 50 levels "
     "deep here"),
    (alias_bomb("text: hi\n"),
     "d.yaml:6:8: error brandvoice.input the alias '*e' brings the values repeated by aliases "
     "in this file over 100,000"),
    ("- &m0 {text: hi}\n" + "".join(f"- &m{i} {{<<: *m{i - 1}}}\n" for i in range(1, 3000)),
     "d.yaml:50:13: error brandvoice.input the alias '*m48' nests lists and blocks more than "
     "50 levels deep"),
])
def test_yaml_draft_problem_is_an_input_finding(draft, expected, project, monkeypatch):
    monkeypatch.chdir(project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                               "voice/rules.yaml": RULES, "d.yaml": draft}))
    result = CliRunner().invoke(app, ["check", "d.yaml"])
    assert result.exit_code == 1, result.output
    assert expected in result.stdout, result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("front, expected", [
    ("id: 2026-13-45", "m.md:1:1: error brandvoice.input the front matter, line 2: "
                       "'2026-13-45' looks like a date but is not one"),
    ("id: " + "[" * 3000, "m.md:1:1: error brandvoice.input the front matter, line 2: lists "
                          "and blocks are nested more than 50 levels deep here"),
    ("channel: !!python/name:os.system x", "m.md:1:1: error brandvoice.input the front matter, "
                                           "line 2: the tag '!!python/name:os.system' is not "
                                           "supported"),
    ("x: &x [*x]", "the front matter, line 2: the alias '*x' is inside the '&x' it repeats"),
])
def test_front_matter_problem_is_an_input_finding(front, expected, project, monkeypatch):
    monkeypatch.chdir(project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": PERSONA,
                               "voice/rules.yaml": RULES, "m.md": f"---\n{front}\n---\nHello.\n"}))
    result = CliRunner().invoke(app, ["check", "m.md"])
    assert result.exit_code == 1, result.output
    assert expected in result.stdout, result.stdout
    assert "Traceback" not in result.output


def test_real_process_refuses_hostile_yaml_quickly(project):
    """In a real process (libyaml's composer crashed the interpreter on 100,000 nested
    brackets, and the alias bomb never finished): exit 2 with the place, no traceback."""
    root = project({"brandvoice.yaml": "persona: p.yaml\nrulebooks: [r.yaml]\n",
                    "p.yaml": alias_bomb("name: x\n"),
                    "r.yaml": "rules: " + "[" * 100_000 + "]" * 100_000 + "\n"})
    result = run(["check", "--text", "hi"], cwd=root)
    assert result.code == 2, result.err
    assert "p.yaml:6:8: the alias '*e' brings the values" in result.err
    assert "r.yaml:1:57: lists and blocks are nested more than 50 levels deep" in result.err
    assert "Traceback" not in result.err
