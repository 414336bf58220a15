"""Drafts that cannot be checked: each one becomes a `brandvoice.input` finding at the
right place, and never stops the run or loses the other drafts' results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import LEGAL, run

CONFIG = "rulebooks: [legal.yaml]\n"
GOOD = "We expect the refund on Friday."

#: file name -> (bytes, the first line reported for it)
BAD = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                   "binary.txt:1:1: error brandvoice.input this looks like a binary file"),
    "latin.txt": ("Hello Sam,\nCaf\u00e9 guarantee".encode("cp1252"),
                  "latin.txt:2:4: error brandvoice.input this file is not UTF-8 text; it "
                  "looks like Windows-1252"),
    "russian.txt": ("Здравствуйте, мы гарантируем возврат денег в течение недели."
                    .encode("cp1251"),
                    "russian.txt:1:1: error brandvoice.input this file is not UTF-8 text; it "
                    "looks like Windows-1251 (Russian text)"),
    "utf16.txt": ("We guarantee it.".encode("utf-16"),
                  "utf16.txt:1:1: error brandvoice.input this file is not UTF-8 text; it "
                  "looks like UTF-16"),
    "empty.txt": (b"", "empty.txt:1:1: warning brandvoice.input this draft is empty"),
    "blank.md": (b"---\nid: blank\n---\n\n```\nonly code\n```\n",
                 "blank.md:1:1: warning brandvoice.input this draft is empty"),
    "bad.json": (b'[{"text": "fine"},\n {"text": "broken"\n',
                 "bad.json:3:1: error brandvoice.input this file is not valid JSON"),
    "bad.yaml": (b"- text: fine\n- text: broken\n  id: x\n   channel: sms\n",
                 "bad.yaml:4:4: error brandvoice.input this is not valid YAML: this line is indented more"),
    "bad.csv": (b'id,text\nc1,"never closed\nc2,fine\n',
                "bad.csv:2:4: error brandvoice.input this quoted cell is never closed"),
    "notext.jsonl": (b'{"id": "n1", "body": "oops"}\n{"id": "n2", "text": "We guarantee."}\n',
                     "notext.jsonl:1:1: error brandvoice.input this entry has no 'text'"),
    "nottext.yaml": (b"- id: y1\n  text: [a, list]\n",
                     "nottext.yaml:1:3: error brandvoice.input this entry's 'text' should be "
                     "text, not a list"),
}


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": CONFIG, "legal.yaml": LEGAL})


def test_every_bad_draft_is_a_finding_and_the_run_goes_on(root):
    for name, (raw, _) in BAD.items():
        (root / name).write_bytes(raw)
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "bom-crlf.txt").write_bytes("\ufeffHello Sam,\r\nwe guarantee it.\r\n"
                                        .encode("utf-8"))
    names = [*BAD, "good.txt", "bom-crlf.txt"]
    result = run(["check", *names], cwd=root)
    assert result.code == 1, result.output
    lines = result.out.splitlines()
    for name, (_, expected) in BAD.items():
        assert any(line.startswith(expected) for line in lines), (name, result.out)
    assert "notext.jsonl:2:26: error legal.no-guarantees" in result.out  # the entry after
    assert "bom-crlf.txt:2:4: error legal.no-guarantees" in result.out
    assert not any(line.startswith("good.txt:") for line in lines)
    # every file once, in the order given: collections count one draft per entry
    doc = json.loads(run(["check", *names, "-f", "json"], cwd=root).out)
    sources = list(dict.fromkeys(d["source"] for d in doc["drafts"]))
    assert sources == names
    assert doc["summary"]["drafts"] == len(names) + 1  # notext.jsonl has 2 entries
    good = next(d for d in doc["drafts"] if d["source"] == "good.txt")
    assert good["passed"] and good["findings"] == []


def test_an_empty_draft_warns_but_passes(root):
    (root / "empty.txt").write_bytes(b"  \n")
    result = run(["check", "empty.txt"], cwd=root)
    assert result.code == 0
    assert "empty.txt:1:1: warning brandvoice.input this draft is empty" in result.out


def test_a_50_mb_file_is_refused_quickly_and_the_others_are_checked(root):
    with open(root / "huge.txt", "wb") as out:
        line = b"We guarantee it. " * 60 + b"\n"
        for _ in range(50 * 2**20 // len(line) + 1):
            out.write(line)
    assert (root / "huge.txt").stat().st_size > 50 * 2**20
    (root / "next.txt").write_text("we guarantee", encoding="utf-8")
    result = run(["check", "huge.txt", "next.txt"], cwd=root)
    assert result.code == 1
    assert ("huge.txt:1:1: error brandvoice.input this file is 52.4 MB, far longer than "
            "the 100,000 characters a draft may have") in result.out
    assert "next.txt:1:4: error legal.no-guarantees" in result.out


def test_max_draft_length_applies_to_each_entry(project):
    root = project({"brandvoice.yaml": CONFIG + "max_draft_length: 40\n", "legal.yaml": LEGAL})
    (root / "m.jsonl").write_text(
        json.dumps({"id": "long", "text": "x" * 41}) + "\n"
        + json.dumps({"id": "short", "text": "We guarantee it."}) + "\n", encoding="utf-8")
    (root / "long.md").write_text("y " * 30, encoding="utf-8")
    result = run(["check", "m.jsonl", "long.md"], cwd=root)
    assert ("m.jsonl:1:1: error brandvoice.input this draft is 41 characters long, more than "
            "the 40 a draft may have (max_draft_length in the config)") in result.out
    assert "m.jsonl:2:29: error legal.no-guarantees" in result.out
    assert "long.md:1:1: error brandvoice.input this draft is 60 characters long" in result.out


def test_input_findings_take_a_severity_override_but_cannot_be_switched_off(project):
    root = project({"brandvoice.yaml": CONFIG + "severity: {brandvoice.input: warning}\n",
                    "legal.yaml": LEGAL})
    (root / "photo.txt").write_bytes(b"\x00\x01")
    result = run(["check", "photo.txt"], cwd=root)
    assert result.code == 0
    assert "photo.txt:1:1: warning brandvoice.input" in result.out
    (root / "brandvoice.yaml").write_text(CONFIG + "disable: [brandvoice.input]\n")
    refused = run(["check", "photo.txt"], cwd=root)
    assert refused.code == 2
    assert ("brandvoice.yaml:2:11: 'brandvoice.input' cannot be switched off: a draft that "
            "cannot be read would pass unseen") in refused.err


def test_a_missing_path_is_a_usage_error(root):
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run(["check", "good.txt", "missing.txt"], cwd=root)
    assert result.code == 2
    assert "brandvoice: 'missing.txt': no such file or folder" in result.err
    assert result.out == ""


def test_metadata_precedence_flag_then_draft_then_defaults(project):
    root = project({
        "brandvoice.yaml": CONFIG + "defaults: {channel: twitter, department: support, "
                                    "context: general}\n",
        "legal.yaml": LEGAL,
        "plain.txt": "Thanks!",
        "front.md": "---\nchannel: email\ncontext: complaint\n---\nThanks!\n",
        "m.jsonl": '{"id": "e", "text": "Thanks!", "department": "sales"}\n',
    })
    names = ["plain.txt", "front.md", "m.jsonl"]

    def meta(*flags: str) -> list[tuple[str, str, str]]:
        doc = json.loads(run(["check", *names, "-f", "json", *flags], cwd=root).out)
        return [(d["channel"], d["department"], d["context"]) for d in doc["drafts"]]

    assert meta() == [("twitter", "support", "general"), ("email", "support", "complaint"),
                      ("twitter", "sales", "general")]
    assert meta("--channel", "sms", "--context", "praise") == [
        ("sms", "support", "praise"), ("sms", "support", "praise"), ("sms", "sales", "praise")]


def _folder(root, count: int) -> None:
    for number in range(count):
        (root / "replies" / f"r{number:02}.txt").parent.mkdir(exist_ok=True)
        (root / "replies" / f"r{number:02}.txt").write_text(GOOD, encoding="utf-8")


def test_no_progress_when_piped(root):
    _folder(root, 12)
    result = run(["check", "replies"], cwd=root)
    assert result.code == 0 and result.err == ""


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux 'script' for a TTY")
def test_progress_on_a_terminal(root):
    _folder(root, 12)
    proc = subprocess.run(
        ["script", "-qec", f"{sys.executable} -m brandvoice check replies", "/dev/null"],
        cwd=root, capture_output=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm", "COLUMNS": "100",
             "BRANDVOICE_CACHE_DIR": os.environ["BRANDVOICE_CACHE_DIR"]})
    shown = proc.stdout.decode("utf-8", "replace")
    assert "Checking" in shown, shown  # the bar, on standard error
    assert "Checked 12 drafts: 12 passed" in shown


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux 'script' for a TTY")
def test_progress_counts_the_drafts_of_one_large_collection(root):
    lines = "".join(f'{{"id": "m{n}", "text": "{GOOD.strip()}"}}\n' for n in range(600))
    (root / "macros.jsonl").write_text(lines, encoding="utf-8")
    proc = subprocess.run(
        ["script", "-qec", f"{sys.executable} -m brandvoice check macros.jsonl", "/dev/null"],
        cwd=root, capture_output=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm", "COLUMNS": "100",
             "BRANDVOICE_CACHE_DIR": os.environ["BRANDVOICE_CACHE_DIR"]})
    shown = proc.stdout.decode("utf-8", "replace")
    assert "Checking" in shown and "drafts" in shown, shown
    assert "Checked 600 drafts: 600 passed" in shown
