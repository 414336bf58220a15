"""Every example in docs/ and the README's quick start is executed.

Conventions for fenced blocks in docs/*.md:

- ``yaml file=PATH``: written to PATH in the page's own temporary folder (in page order);
- ``yaml config`` / ``yaml persona`` / ``yaml rulebook`` / ``yaml rule``: validated as that
  kind of file (``rule``: one rule, or a list of rules);
- ``console``: each ``$ command`` runs in that folder with bash; the lines after it are its
  output (stdout and stderr), compared exactly; a last line ``(exit N)`` checks the exit code;
- ``python``: executed in that folder, one namespace per page;
- any other block with ``file=PATH`` (``markdown file=replies/a.md``, ``text file=m.csv``) is
  written to PATH as it is;
- ``text``, ``json`` and other blocks are illustrations and are not run.
A command with ``--engine spark`` and a ``python`` block that uses ``brandvoice.engines.spark``
need pyspark and Java: where one is missing they are not run, with a warning saying why.
A ``yaml`` block without one of those words fails this test, so no example goes unchecked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from brandvoice.config.models import Persona, ProjectConfig, Rulebook
from brandvoice.config.source import Source
from brandvoice.config.validate import validate

from .conftest import ROOT

DOCS = ROOT / "docs"
FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```\s*$",
                   re.S | re.M)
EXIT = re.compile(r"^\(exit (\d+)\)$")


def blocks(path: Path):
    text = path.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        indent = len(match["indent"])
        body = "".join(line[indent:] for line in match["body"].splitlines(keepends=True))
        line = text.count("\n", 0, match.start()) + 1
        yield match["info"].strip(), body, line


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("FORCE_COLOR", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "200"
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def spark_missing() -> str | None:
    """Why the Spark examples cannot run here (None: they can)."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (the spark extra)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java is not installed"
    return None


def run_console(body: str, cwd: Path, where: str) -> None:
    lines = body.rstrip("\n").splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), f"{where}: console blocks start each command with '$ '"
        command = lines[i][2:]
        i += 1
        expected: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        code = None
        if expected and EXIT.match(expected[-1]):
            code = int(EXIT.match(expected[-1])[1])
            expected.pop()
        if "--engine spark" in command and spark_missing():
            warnings.warn(f"{where}: not run, {spark_missing()}: $ {command}")
            continue
        proc = shell(command + " 2>&1", cwd)
        actual = [line.rstrip() for line in proc.stdout.rstrip("\n").splitlines()]
        assert actual == [line.rstrip() for line in expected], f"{where}: $ {command}"
        if code is not None:
            assert proc.returncode == code, f"{where}: $ {command} exited {proc.returncode}"


MODELS = {"config": ProjectConfig, "persona": Persona, "rulebook": Rulebook}


def check_yaml(words: list[str], body: str, cwd: Path, where: str) -> None:
    target = next((w[5:] for w in words if w.startswith("file=")), None)
    if target:
        path = cwd / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        return
    kind = next((w for w in words if w in (*MODELS, "rule")), None)
    assert kind, f"{where}: a yaml block needs file=PATH or one of config/persona/rulebook/rule"
    data = yaml.safe_load(body)
    if kind == "rule":
        data = {"rules": data if isinstance(data, list) else [data]}
        kind = "rulebook"
    validate(MODELS[kind], Source(where, data))


PAGES = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_doc_examples_run(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    ran = 0
    for info, body, line in blocks(page):
        words = info.split()
        lang = words[0] if words else ""
        where = f"{page.relative_to(ROOT)}:{line}"
        if lang == "yaml":
            check_yaml(words[1:], body, tmp_path, where)
        elif lang == "console":
            run_console(body, tmp_path, where)
        elif lang == "python" and "brandvoice.engines.spark" in body and spark_missing():
            warnings.warn(f"{where}: not run, {spark_missing()}")
            continue
        elif lang == "python":
            exec(compile(body, where, "exec"), namespace)
        elif any(word.startswith("file=") for word in words):
            target = tmp_path / next(w[5:] for w in words if w.startswith("file="))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        else:
            continue
        ran += 1
    assert ran, f"{page.name} has no example that runs"


def test_every_topic_has_a_page():
    from brandvoice.kinds import KINDS

    for name in ["config.md", "rulebooks.md", "persona.md", "check.md", "output.md",
                 "library.md", "errors.md", "pipeline.md", "commands.md", "drafts.md",
                 "pre-commit.md", "github-actions.md", "editors.md", "performance.md",
                 "audit.md", "serve.md", "conversation.md", "eval.md"]:
        assert (DOCS / name).is_file(), name
    for kind in KINDS:
        page = DOCS / "kinds" / f"{kind}.md"
        assert page.is_file(), f"the {kind} kind has no page"
        assert "brandvoice test" in page.read_text(encoding="utf-8"), \
            f"{page.name}: its examples are run through brandvoice test"


def test_readme_quick_start(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## A first check"):]
    found = list(FENCE.finditer(section))
    script, expected = found[0]["body"], found[1]["body"]
    proc = shell(script, tmp_path)
    assert proc.stdout.startswith(expected), proc.stdout + proc.stderr
    assert proc.returncode == 1  # the last line's draft fails


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = next(FENCE.finditer(readme))["body"].splitlines()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.split("#")[0].strip() for line in first]
    assert commands == ['python3 -m pip install -e ".[dev]"', "python3 -m pytest"]
    assert all(command in ci for command in commands)
    # what to have before the install: the Python the project requires, a virtual environment
    before = readme[:readme.index("```")]
    assert "Python 3.11 or newer" in before and ">=3.11" in (ROOT / "pyproject.toml").read_text()
    assert "`python3 -m venv .venv && . .venv/bin/activate`" in before
