"""The command line as a new user meets it: help that speaks of files and text rather
than Python types, unknown commands that point to the right one, and ruff-like
--select, --ignore and --statistics on `check`."""

from __future__ import annotations

import re

import pytest
import typer

from brandvoice.cli import app

from .conftest import run

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
PYTHON_TYPES = re.compile(r"<bool>|<str>|<int|<float|<path>|list\[|<class|<[a-z|]+>")


def test_every_command_is_covered():
    assert {"check", "test", "rules", "explain", "audit", "eval", "serve", "init", "schema"} <= \
        set(COMMANDS)


@pytest.mark.parametrize("command", [[], *[[name] for name in COMMANDS]],
                         ids=["brandvoice", *COMMANDS])
def test_help_shows_no_python_types(tmp_path, command):
    result = run([*command, "--help"], cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 0, result.output
    assert not PYTHON_TYPES.findall(result.out), result.out


def test_check_help_names_what_a_user_types(tmp_path):
    result = run(["check", "--help"], cwd=tmp_path, env={"COLUMNS": "200"})
    assert re.search(r" check \[OPTIONS\] \[PATH\]\.\.\. *\n", result.out), result.out
    rows = {line.split()[1]: line.split()[2:4] for line in result.out.splitlines()
            if line.startswith("│ --")}
    assert rows["--config"] == ["-c", "PATH"]
    assert rows["--text"] == ["-t", "TEXT"]
    assert rows["--channel"][0] == "NAME"
    assert rows["--format"] == ["-f", "text|json|sarif|github"]
    assert rows["--fix"][0] == "Apply"  # a flag: no value shown


def test_fix_is_not_a_command_and_says_what_is(tmp_path):
    result = run(["fix", "reply.txt"], cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 2
    assert "there is no 'fix' command: use brandvoice check --fix (or brandvoice check " \
           "--diff to see the fixes first)" in result.err


def test_an_unknown_command_names_the_closest(tmp_path):
    result = run(["chek"], cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 2
    assert "No such command 'chek'. Did you mean 'check'" in result.err


PROJECT = {
    "brandvoice.yaml": "persona: persona.yaml\nrulebooks: [hr.yaml]\n",
    "persona.yaml": "name: Acme\nstyle: {shouting: false}\nterms: [AcmePay]\n",
    "hr.yaml": "owner: hr\nrules:\n  - id: hr.no-guys\n    kind: forbid\n"
               "    phrases: [guys]\n  - id: hr.no-folks\n    kind: forbid\n"
               "    phrases: [folks]\n",
    "reply.txt": "Thanks guys and folks, we are REALLY sorry. HELLO GUYS, acmepay is back.\n",
}


def _rules(out: str) -> list[str]:
    return [line.split()[2] for line in out.splitlines() if line.startswith("reply.txt:1:")]


def test_ignore_adds_to_disable_and_select_keeps_only_matching_rules(project):
    root = project(PROJECT)
    every = run(["check", "reply.txt"], cwd=root)
    assert _rules(every.out) == ["hr.no-guys", "hr.no-folks", "persona.style.shouting",
                                 "persona.style.shouting", "hr.no-guys", "persona.terms"]
    ignored = run(["check", "reply.txt", "--ignore", "hr.no-guys,persona.terms",
                   "--ignore", "hr.no-folks"], cwd=root)
    assert ignored.code == 0
    assert _rules(ignored.out) == ["persona.style.shouting", "persona.style.shouting"]
    selected = run(["check", "reply.txt", "--select", "hr.*"], cwd=root)
    assert _rules(selected.out) == ["hr.no-guys", "hr.no-folks", "hr.no-guys"]
    both = run(["check", "reply.txt", "--select", "hr.*,persona.terms", "--ignore",
                "hr.no-folks"], cwd=root)
    assert _rules(both.out) == ["hr.no-guys", "hr.no-guys", "persona.terms"]
    assert both.code == 1  # persona.terms is an error


def test_select_and_ignore_refuse_what_names_no_rule(project):
    root = project(PROJECT)
    result = run(["check", "reply.txt", "--select", "hr.no-gys", "--ignore",
                  "persona.style.shoutng,legal.*"], cwd=root)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [
        "brandvoice: --select: no loaded rule has the id 'hr.no-gys' (did you mean "
        "'hr.no-guys'?)",
        "brandvoice: --ignore: no loaded rule has the id 'persona.style.shoutng' (did you "
        "mean 'persona.style.shouting'?)",
        "brandvoice: --ignore: 'legal.*' matches no loaded rule",
    ]
    unreadable = run(["check", "reply.txt", "--ignore", "brandvoice.input"], cwd=root)
    assert unreadable.code == 2
    assert unreadable.err == ("brandvoice: --ignore: 'brandvoice.input' cannot be switched "
                              "off: a draft that cannot be read would pass unseen\n")


def test_statistics_count_the_findings_of_each_rule(project):
    root = project(PROJECT)
    result = run(["check", "reply.txt", "--statistics"], cwd=root)
    assert result.code == 1
    assert result.out.splitlines()[-5:] == [
        "     2  hr.no-guys              warning",
        "     2  persona.style.shouting  warning",
        "     1  hr.no-folks             warning",
        "     1  persona.terms           error       1 fixable",
        "6 findings of 4 rules.",
    ]
    as_json = run(["check", "reply.txt", "--statistics", "--format", "json"], cwd=root)
    import json
    assert json.loads(as_json.out)["summary"]["drafts"] == 1  # stdout stays one document
    assert as_json.err.splitlines()[-1] == "6 findings of 4 rules."
