"""`pip install brandvoice` is lean: the server and the HTML report are extras. A command
that needs a missing extra says which one to install (exit 2), and checking drafts needs
neither. "Not installed" is played by blocking the import of the extra's module."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from .conftest import ROOT, write

SERVE = "brandvoice: brandvoice serve needs the 'serve' extra: pip install 'brandvoice[serve]'\n"
LSP = "brandvoice: brandvoice lsp needs the 'lsp' extra: pip install 'brandvoice[lsp]'\n"
HTML = ("brandvoice: brandvoice audit --html needs the 'html' extra: "
        "pip install 'brandvoice[html]'\n")


def without(modules: list[str], args: list[str], cwd) -> subprocess.CompletedProcess:
    """`brandvoice ARGS` in a Python where ``modules`` cannot be imported."""
    code = ("import sys; sys.modules.update(dict.fromkeys(%r)); "
            "from brandvoice.cli import main; main()" % (modules,))
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=300)


def test_serve_without_the_serve_extra_says_which_to_install(tmp_path):
    for module in ["fastapi", "uvicorn"]:
        proc = without([module], ["serve", "--rulebook", "builtin:privacy"], tmp_path)
        assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", SERVE), module


def test_audit_html_without_the_html_extra_says_so_before_the_audit(tmp_path):
    write(tmp_path, {"brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n",
                     "posted.jsonl": '{"id": 1, "text": "We guarantee it."}\n'})
    proc = without(["matplotlib"], ["audit", "posted.jsonl", "--html", "report.html"], tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", HTML)
    assert not (tmp_path / "report.html").exists()
    # the text report needs no extra
    proc = without(["matplotlib"], ["audit", "posted.jsonl"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "legal-claims.guarantee" in proc.stdout


def test_lsp_without_the_lsp_extra_says_which_to_install(tmp_path):
    for module in ["pygls", "lsprotocol"]:
        proc = without([module], ["lsp"], tmp_path)
        assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", LSP), module


def test_audit_on_spark_without_the_spark_extra_says_which_to_install(tmp_path):
    write(tmp_path, {"brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n",
                     "posted.jsonl": '{"id": 1, "text": "We guarantee it."}\n'})
    proc = without(["pyspark"], ["audit", "posted.jsonl", "--engine", "spark"], tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("brandvoice: brandvoice audit --engine spark (and a Parquet export, "
                           "or mapped columns) needs the 'spark' extra: "
                           "pip install 'brandvoice[spark]'\n")


def test_check_needs_neither_extra(tmp_path):
    write(tmp_path, {"brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n"})
    proc = without(["fastapi", "uvicorn", "matplotlib"],
                   ["check", "--text", "We guarantee it."], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "<text>:1:4: error legal-claims.guarantee" in proc.stdout


def test_lean_install_and_the_readme_install_of_everything():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = " ".join(project["dependencies"])
    assert not any(name in required for name in ["fastapi", "uvicorn", "matplotlib", "pygls"])
    extras = project["optional-dependencies"]
    assert [r.split(">")[0] for r in extras["serve"]] == ["fastapi", "uvicorn"]
    assert [r.split(">")[0] for r in extras["html"]] == ["matplotlib"]
    assert [r.split(">")[0] for r in extras["train"]] == ["scikit-learn"]
    assert [r.split(">")[0] for r in extras["lsp"]] == ["pygls", "lsprotocol"]
    assert [r.split(">")[0] for r in extras["spark"]] == ["pyspark", "pyarrow", "pandas"]
    assert not any(name in required for name in ["pyspark", "pyarrow", "pandas"])
    assert [r.split(">")[0] for r in extras["bench"]] == ["proselint"]
    # the README installs ".[dev]": every extra, the benchmark's peer included
    assert "brandvoice[serve,html,train,lsp,spark,bench]" in extras["dev"]
