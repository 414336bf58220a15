"""`brandvoice check` as users run it: real processes, real files, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import LEGAL, run

CONFIG = """
persona: voice/persona.yaml
rulebooks: [voice/legal.yaml]
defaults: {channel: twitter, department: support}
"""


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": CONFIG, "voice/persona.yaml": "name: Acme Care\n",
                    "voice/legal.yaml": LEGAL})


def test_stdin_with_forbidden_phrase_exits_1(root):
    result = run(["check", "-"], cwd=root, input="We guarantee it")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "-:1:4: error legal.no-guarantees Don't promise outcomes ('guarantee'). Say what we "
        "will do instead. Try: \"we expect\", \"we'll do everything we can\".")
    assert "Checked 1 draft: 0 passed, 1 failed; 1 error" in result.out


def test_clean_text_exits_0(root):
    result = run(["check", "--text", "Sorry about the wait, Sam. We'll DM you today."], cwd=root)
    assert result.code == 0, result.output
    assert result.out.strip() == ("Checked 1 draft: 1 passed, 0 failed; 0 errors, 0 warnings, "
                                  "0 suggestions.")


def test_files_and_folders_report_positions_in_each_file(root):
    (root / "replies").mkdir()
    (root / "replies" / "ok.txt").write_text("Thanks for waiting!\n", encoding="utf-8")
    (root / "replies" / "bad.txt").write_text("Hi Sam,\n\nwe promise a fix.\n", encoding="utf-8")
    (root / "replies" / "notes.csv").write_text("guarantee", encoding="utf-8")  # not a draft
    result = run(["check", "replies"], cwd=root)
    assert result.code == 1
    assert result.out.splitlines()[0].startswith(
        "replies/bad.txt:3:1: error legal.no-guarantees Don't promise outcomes ('we promise')")
    assert "Checked 2 drafts: 1 passed, 1 failed" in result.out


def test_json_output_matches_the_documented_shape(root):
    (root / "a.txt").write_text("We guarantee a refund.", encoding="utf-8")
    (root / "b.txt").write_text("We'll look into it today.", encoding="utf-8")
    result = run(["check", "a.txt", "b.txt", "--format", "json", "--context", "complaint"],
                 cwd=root)
    assert result.code == 1
    doc = json.loads(result.out)
    assert doc["version"] == 1
    assert doc["summary"] == {"drafts": 2, "passed": 1, "failed": 1, "error": 1,
                              "warning": 0, "suggestion": 0}
    first = doc["drafts"][0]
    assert {k: first[k] for k in ("id", "source", "channel", "department", "context", "score",
                                  "passed")} == {
        "id": "a.txt", "source": "a.txt", "channel": "twitter", "department": "support",
        "context": "complaint", "score": 75, "passed": False}
    assert set(first["metrics"]) == {"words", "sentences", "flesch_kincaid_grade",
                                     "flesch_reading_ease", "sentiment", "formality", "length",
                                     "politeness"}
    [finding] = first["findings"]
    assert finding == {
        "rule": "legal.no-guarantees", "also": [], "severity": "error",
        "message": "Don't promise outcomes ('guarantee'). Say what we will do instead.",
        "match": "guarantee", "line": 1, "column": 4, "start": 3, "end": 12,
        "suggestions": ["we expect", "we'll do everything we can"], "fix": None,
        "owner": "legal", "link": "https://intranet.example/legal/claims",
        "category": None, "end_line": 1, "end_column": 13}


def test_metadata_flags_steer_scope(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\ndefaults: {department: support}\n",
                    "r.yaml": "rules:\n  - id: mk.discount\n    kind: forbid\n"
                              "    phrases: [discount]\n    scope: {departments: [support]}\n"})
    assert run(["check", "--text", "a discount"], cwd=root).out.count("mk.discount") == 1
    assert run(["check", "--text", "a discount", "--department", "marketing"],
               cwd=root).out.count("mk.discount") == 0


def test_min_score_flag_fails_a_draft(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\n",
                    "r.yaml": "rules:\n  - id: st.asap\n    kind: forbid\n    phrases: [asap]\n"})
    assert run(["check", "--text", "asap"], cwd=root).code == 0
    result = run(["check", "--text", "asap", "--min-score", "95"], cwd=root)
    assert result.code == 1 and "score 90, failed" in result.out
    assert run(["check", "--text", "asap", "--fail-on", "warning"], cwd=root).code == 1


def test_config_flag_points_anywhere(root, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = run(["check", "--config", str(root / "brandvoice.yaml"), "--text", "we promise"],
                 cwd=elsewhere)
    assert result.code == 1 and "legal.no-guarantees" in result.out


def test_usage_errors_exit_2(root):
    assert run(["check"], cwd=root).code == 2
    assert "nothing to check" in run(["check"], cwd=root).err
    missing = run(["check", "nope.txt"], cwd=root)
    assert missing.code == 2 and "'nope.txt': no such file or folder" in missing.err
    assert run(["check", "--format", "xml", "--text", "x"], cwd=root).code == 2
    assert run(["check", "--min-score", "101", "--text", "x"], cwd=root).code == 2
    assert run(["frobnicate"], cwd=root).code == 2


def test_files_include_and_exclude_from_config(project):
    root = project({
        "brandvoice.yaml": "rulebooks: [r.yaml]\nfiles:\n  include: ['replies/**/*.txt']\n"
                           "  exclude: ['replies/archive/**']\n",
        "r.yaml": "rules:\n  - id: t.x\n    kind: forbid\n    phrases: [guarantee]\n",
        "replies/new/a.txt": "We guarantee it.",
        "replies/archive/old.txt": "We guarantee it.",
    })
    result = run(["check"], cwd=root)
    assert "replies/new/a.txt:1:4" in result.out and "archive" not in result.out
    assert "Checked 1 draft" in result.out


def test_no_colour_when_piped_or_no_color(root):
    piped = run(["check", "--text", "we promise"], cwd=root, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in piped.out  # FORCE_COLOR asks for colour even in a pipe
    plain = run(["check", "--text", "we promise"], cwd=root, env={"FORCE_COLOR": "1",
                                                                  "NO_COLOR": "1"})
    assert "\x1b[" not in plain.out
    assert "\x1b[" not in run(["check", "--text", "we promise"], cwd=root).out


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux 'script' for a TTY")
def test_colour_on_a_terminal(root):
    proc = subprocess.run(
        ["script", "-qec", f"{sys.executable} -m brandvoice check --text 'we promise'",
         "/dev/null"], cwd=root, capture_output=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm",
             "BRANDVOICE_CACHE_DIR": os.environ["BRANDVOICE_CACHE_DIR"]})
    assert b"\x1b[" in proc.stdout


def test_console_script_and_launcher(root):
    script = shutil.which("brandvoice")
    assert script, "the install command puts a 'brandvoice' command on PATH"
    proc = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("brandvoice ")
    from .conftest import ROOT
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", "--text",
                           "we promise"], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 1 and "legal.no-guarantees" in proc.stdout


def test_folders_skip_hidden_and_tool_folders(root):
    for name in ["replies/a.txt", ".git/x.txt", "replies/.cache/b.txt", "node_modules/c.txt",
                 ".venv/lib/LICENSE.txt"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("we promise", encoding="utf-8")
    result = run(["check", "."], cwd=root)
    assert "replies/a.txt:1:1" in result.out
    assert "Checked 1 draft" in result.out
    # a hidden file named on its own is read
    assert "Checked 1 draft" in run(["check", ".git/x.txt"], cwd=root).out


def test_json_with_no_drafts_is_still_a_document(root):
    (root / "empty").mkdir()
    result = run(["check", "empty", "--format", "json"], cwd=root)
    assert result.code == 0
    assert json.loads(result.out)["summary"]["drafts"] == 0
    assert "no drafts found" in result.err


def test_unknown_channel_option_is_refused_with_the_known_ones(project):
    root = project({"brandvoice.yaml": "persona: p.yaml\n", "p.yaml": "name: Acme\n"})
    result = run(["check", "--channel", "myspace", "--text", "Hello there."], cwd=root)
    assert result.code == 2
    assert result.err == (
        "brandvoice: --channel: unknown channel 'myspace'; known channels: bluesky, chat, "
        "email, facebook, instagram, linkedin, sms, threads, tiktok, twitter, x (to add "
        "one: a key under 'channels:' in the persona, or a rule's scope)\n")
    assert result.out == ""


def test_quoted_glob_patterns(root):
    for name in ["replies/a/x.txt", "replies/b/y.txt", "replies/b/z.md"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("we promise", encoding="utf-8")
    result = run(["check", "replies/**/*.txt"], cwd=root)
    assert "Checked 2 drafts" in result.out
    missing = run(["check", "nothing/*.txt"], cwd=root)
    assert missing.code == 2 and "no file matches this pattern" in missing.err
