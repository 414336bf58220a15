"""--fix and --diff on real files: fixes land only in the drafts' text, with the file's
quoting and escapes, everything else byte for byte; fixing twice equals fixing once."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandvoice import Linter
from brandvoice.fix import ChangedOnDisk, fix_text, write_atomic

from .conftest import run

RULES = """
rules:
  - id: plain.wordy
    kind: replace
    match: lemma
    replace: {utilize: use, "in order to": to, commence: begin}
  - id: plain.order
    kind: replace
    replace: {order: request}
    severity: suggestion
  - id: brand.terms
    kind: capitalize
    terms: [AcmePay]
  - id: legal.x
    kind: forbid
    phrases: [guarantee]
"""
PERSONA = """
name: Acme Care
style: {contractions: prefer}
vocabulary:
  prefer: {"reach out": contact}
"""

#: name -> (content before, content after --fix); bytes, so CRLF and BOM are exact.
FILES = {
    "reply.txt": (
        "\ufeffWe utilized acmepay in order to help.\r\nWe do not guarantee it.\r\n",
        "\ufeffWe used AcmePay to help.\r\nWe don't guarantee it.\r\n"),
    "page.md": (
        "---\ntitle: utilize acmepay\n---\n# Utilize AcmePay\n\nPlease reach out to us.\n"
        "Run `utilize --acmepay` or see [utilize it](https://acmepay.example/utilize).\n"
        "<!-- utilize -->\n",
        "---\ntitle: utilize acmepay\n---\n# Use AcmePay\n\nPlease contact us.\n"
        "Run `utilize --acmepay` or see [use it](https://acmepay.example/utilize).\n"
        "<!-- utilize -->\n"),
    "macros.jsonl": (
        '{"id": "a", "text": "We \\"utilize\\" acmepay\\nin order to go", "n": 1}\n'
        '{"id": "b",   "text":"Caf\\u00e9: commence!"}\n',
        '{"id": "a", "text": "We \\"use\\" AcmePay\\nto go", "n": 1}\n'
        '{"id": "b",   "text":"Caf\\u00e9: begin!"}\n'),
    "macros.json": (
        '[\n  {"text": "utilize", "id": "utilize"},\n  {"id": "x", "text": "fine"}\n]\n',
        '[\n  {"text": "use", "id": "utilize"},\n  {"id": "x", "text": "fine"}\n]\n'),
    "macros.csv": (
        'id,text,note\r\na,"We ""utilize"" it, acmepay",utilize\r\nb,in order to win,\r\n',
        'id,text,note\r\na,"We ""use"" it, AcmePay",utilize\r\nb,to win,\r\n'),
    "macros.yaml": (
        "# utilize: a comment\n- id: utilize\n  text: |\n    We utilize acmepay\n"
        "- text: 'It''s utilized in order to'  # utilize\n"
        "- {text: \"q \\\"utilize\\\"\", id: q}\n- text: plain utilize\n    in order to x\n",
        "# utilize: a comment\n- id: utilize\n  text: |\n    We use AcmePay\n"
        "- text: 'It''s used to'  # utilize\n"
        "- {text: \"q \\\"use\\\"\", id: q}\n- text: plain use\n    to x\n"),
}


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": "persona: persona.yaml\nrulebooks: [rules.yaml]\n",
                    "persona.yaml": PERSONA, "rules.yaml": RULES})


def _write(root, name: str, content: str) -> None:
    (root / name).write_bytes(content.encode("utf-8"))


def test_fix_changes_only_the_drafts_text_in_every_format(root):
    for name, (before, _) in FILES.items():
        _write(root, name, before)
    result = run(["check", "--fix", *FILES], cwd=root)
    for name, (_, after) in FILES.items():
        assert (root / name).read_bytes().decode("utf-8") == after, name
    # what is left is reported, at its place in the fixed file
    assert "reply.txt:2:10: warning legal.x Avoid 'guarantee'." in result.out
    assert result.code == 0
    assert "Fixed 22 problems in 6 files." in result.err
    again = run(["check", "--fix", *FILES], cwd=root)  # fixing twice equals fixing once
    assert "Nothing to fix." in again.err
    for name, (_, after) in FILES.items():
        assert (root / name).read_bytes().decode("utf-8") == after, name


def test_diff_shows_the_fixes_and_writes_nothing(root):
    before, _ = FILES["macros.jsonl"]
    _write(root, "macros.jsonl", before)
    result = run(["check", "--diff", "macros.jsonl"], cwd=root)
    assert result.code == 1
    assert result.out.splitlines()[:3] == [
        "--- a/macros.jsonl", "+++ b/macros.jsonl", "@@ -1,2 +1,2 @@"]
    assert '+{"id": "b",   "text":"Caf\\u00e9: begin!"}' in result.out.splitlines()
    assert "Would fix 4 problems in 1 file." in result.err
    assert (root / "macros.jsonl").read_bytes().decode("utf-8") == before
    _write(root, "clean.txt", "All good.")
    clean = run(["check", "--diff", "clean.txt"], cwd=root)
    assert (clean.code, clean.out) == (0, "")


def test_fix_on_standard_input_prints_the_fixed_text(root):
    result = run(["check", "--fix", "-"], cwd=root, input="Please utilize acmepay.\n")
    assert result.out == "Please use AcmePay.\n"
    assert "Checked 1 draft: 1 passed" in result.err


def test_fix_keeps_the_file_mode(root):
    _write(root, "reply.txt", "utilize it")
    os.chmod(root / "reply.txt", 0o640)
    run(["check", "--fix", "reply.txt"], cwd=root)
    assert (root / "reply.txt").read_text() == "use it"
    assert stat.S_IMODE((root / "reply.txt").stat().st_mode) == 0o640
    assert sorted(p.name for p in root.iterdir() if "brandvoice-fix" in p.name) == []


def test_overlapping_fixes_are_resolved_the_same_way_every_time(root):
    # "in order to" (plain.wordy) and "order" (plain.order) overlap: the earlier, longer wins,
    # and "order" is gone, so the second pass has nothing left to fix.
    _write(root, "reply.txt", "Sorry, in order to help: your order ships.")
    run(["check", "--fix", "reply.txt"], cwd=root)
    assert (root / "reply.txt").read_text() == "Sorry, to help: your request ships."


def test_a_failed_write_leaves_the_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "reply.txt"
    path.write_bytes(b"original")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(path, b"fixed", b"original")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]  # no temporary file left


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(b"edited by someone else")
    with pytest.raises(ChangedOnDisk):
        write_atomic(path, b"fixed", b"what we read")
    assert path.read_bytes() == b"edited by someone else"


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fixprops")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    return Linter(persona={"name": "Acme", "style": {"contractions": "prefer"},
                           "terms": ["AcmePay"],
                           "vocabulary": {"prefer": {"reach out": "contact"}}},
                  rulebooks=[str(folder / "rules.yaml")])


WORDS = st.sampled_from([
    "we", "do", "not", "utilize", "utilized", "Utilize", "in", "order", "to", "commence",
    "acmepay", "ACMEPAY", "AcmePay", "reach", "out", "it", "is", "cannot", "will", "guarantee",
    "the", "help", "you", "are", ",", ".", "!", "\n", "`code`", "https://acme.example/utilize",
    "us", "with", "reached", "shortly", "be",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, min_size=1, max_size=30), suffix=st.sampled_from([".txt", ".md"]))
def test_fixing_twice_equals_fixing_once(linter, words, suffix):
    text = " ".join(words)
    once = fix_text(linter, text, "draft" + suffix, suffix)
    twice = fix_text(linter, once.text, "draft" + suffix, suffix)
    assert twice.text == once.text
    assert twice.applied == 0
    assert not any(f.fix for r in once.results for f in r.findings)


def test_fix_on_standard_input_that_is_not_utf8_is_reported_not_crashed(root):
    result = run(["check", "--fix", "-"], cwd=root, input="Caf\xe9 utilize\n".encode("latin-1"))
    assert result.code == 1 and result.out == ""
    assert "-:1:4: error brandvoice.input this file is not UTF-8 text" in result.err
