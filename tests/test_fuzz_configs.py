"""Property tests: any project (config, persona, rulebook), generated from the documented
keys with valid and invalid values, YAML tags, anchors and aliases, deep nesting and
duplicate keys, either loads and checks drafts, or stops with problems that each name
file:line:column; the real CLI then exits 2 saying so, never with a traceback."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from brandvoice import Linter
from brandvoice.errors import ConfigError
from brandvoice.selftest import run_examples

from . import strategies as gen
from .conftest import run
from .test_fuzz_drafts import hang_guard

FILES = ("brandvoice.yaml", "persona.yaml", "rules.yaml")
#: What every config problem starts with: the file, its line and column.
#: (A rule of a built-in pack is placed in it: builtin:NAME:line:column.)
LOCATION = re.compile(r"^(?P<file>[^\n]*?(?:" + "|".join(map(re.escape, FILES)) +
                      r")|builtin:[\w-]+):(?P<line>\d+):(?P<column>\d+): \S", re.MULTILINE)

BASE = {"brandvoice.yaml": "persona: persona.yaml\nrulebooks: [rules.yaml]\n",
        "persona.yaml": "name: Acme\n",
        "rules.yaml": "rules:\n  - id: qa.a\n    kind: forbid\n    phrases: [guarantee]\n"}


#: Configs from issue 18 that crashed or hung: always run.
KNOWN = [
    {**BASE, "persona.yaml": "name: 2026-13-45\n"},
    {**BASE, "persona.yaml": "name: Acme\nstyle:\n  max_emoji: !!int x\n"},
    {**BASE, "persona.yaml": "name: " + "[" * 3000 + "]" * 3000 + "\n"},
    {**BASE, "rules.yaml": gen.alias_bomb(9) + "rules: []\n"},
    {**BASE, "brandvoice.yaml": 'persona: "p\\0.yaml"\nrulebooks: [rules.yaml]\n'},
    {**BASE, "brandvoice.yaml": "persona: " + "x" * 300 + ".yaml\n"},
    {**BASE, "brandvoice.yaml": "rulebooks: [" + "y" * 5000 + "/rules.yaml]\n"},
    {**BASE, "brandvoice.yaml": "persona: persona.yaml\nrulebooks: [rules.yaml]\ndisable: 5\n"},
    {**BASE, "rules.yaml": "rules:\n  - id: qa.s\n    kind: sequence\n"
                           "    tokens: [{_: {a: 1}}]\n"},
    {**BASE, "rules.yaml": "rules:\n  - id: qa.s\n    kind: sequence\n"
                           "    tokens: [{IS_PUNCT: true, OP: '+'}]\n"},
    {**BASE, "rules.yaml": "effective: 2026-02-30\nrules: []\n"},
    {**BASE, "persona.yaml": "name: Acme\nname: Acme\n"},
    {**BASE, "persona.yaml": "&a name: *a\n"},
    {**BASE, "persona.yaml": "name: Acme\nvocabulary:\n  prefer: {not: []}\n"},
]


def write(files: dict[str, str]) -> tempfile.TemporaryDirectory:
    folder = tempfile.TemporaryDirectory(prefix="fuzzconfig")
    gen.write_project(folder.name, files)
    return folder


def load(folder: str) -> Linter | ConfigError:
    """The linter of the project in ``folder``, or the ConfigError it stops with; any other
    exception is a crash and fails the test."""
    try:
        with hang_guard():
            return Linter.from_config(Path(folder) / "brandvoice.yaml")
    except ConfigError as error:
        return error


def assert_located(error: ConfigError) -> None:
    assert error.problems
    for problem in error.problems:
        assert LOCATION.match(str(problem)), str(problem)


@settings(max_examples=gen.budget(40, 1000))
@given(files=gen.projects())
@example(files=KNOWN[0])
@example(files=KNOWN[1])
@example(files=KNOWN[2])
@example(files=KNOWN[3])
@example(files=KNOWN[4])
@example(files=KNOWN[5])
@example(files=KNOWN[6])
@example(files=KNOWN[7])
@example(files=KNOWN[8])
@example(files=KNOWN[9])
@example(files=KNOWN[10])
@example(files=KNOWN[11])
@example(files=KNOWN[12])
@example(files=KNOWN[13])
def test_a_config_loads_or_names_file_line_and_column(files):
    with write(files) as folder:
        loaded = load(folder)
        if isinstance(loaded, ConfigError):
            assert_located(loaded)
            return
        with hang_guard():
            for text in ("We can not guarantee it, guys!!! a@b.co #sale 😀",
                         "Sorry about the wait. We'll DM you."):
                result = loaded.check(text, context="complaint", channel="twitter")
                assert 0 <= result.score <= 100
            run_examples(loaded.project)


_RUNS = iter(range(10**9))


@settings(max_examples=gen.budget(6, 100))
@given(files=gen.projects(),
       command=st.sampled_from([["check", "--text", "We can not guarantee it, guys! 😀"],
                                ["test"], ["rules"], ["rules", "--conflicts"]]))
@example(files=KNOWN[0], command=["check", "--text", "hi"])
@example(files=KNOWN[3], command=["rules"])
@example(files=KNOWN[8], command=["check", "--text", "Hello, world!"])
def test_the_cli_exits_2_naming_the_place_or_runs(files, command):
    with write(files) as folder:
        loaded = load(folder)
        result = run(command, cwd=Path(folder))
    assert "Traceback" not in result.output, result.output[-3000:]
    if isinstance(loaded, ConfigError):
        assert result.code == 2, result.output[-3000:]
        assert LOCATION.search(result.err), result.err[-3000:]
    else:
        assert result.code in (0, 1), result.output[-3000:]
