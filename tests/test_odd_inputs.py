"""Text that is not text, and draft files that are not what they claim to be: each becomes
a `brandvoice.input` finding at its place (or an undated reply in an audit), never a
traceback; `--fix` fixes only the entries it can read and leaves every other byte as it
is."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandvoice import Linter
from brandvoice.audit import parse_date
from brandvoice.drafts import Draft, read_file
from brandvoice.fix import fix_file
from brandvoice.report import json as json_report
from brandvoice.report.text import print_report

from .conftest import run

RULES = """
rules:
  - id: plain.wordy
    kind: replace
    replace: {utilize: use}
  - id: legal.x
    kind: forbid
    phrases: [guarantee]
"""
BROKEN = "has a broken character (U+{:04X}, half of a UTF-16 pair"


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": "rulebooks: [rules.yaml]\n", "rules.yaml": RULES})


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    return Linter(rulebooks=[str(folder / "rules.yaml")])


def _lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(name + ":")]


def test_lone_surrogates_in_collections_are_findings_at_their_place(root):
    (root / "s.jsonl").write_text(
        '{"id": "t", "text": "We utilize \\ud800 it"}\n'
        '{"id": "r", "text": "We utilize it", "in_reply_to": "hi \\udc00"}\n'
        '{"id": "\\ud800", "text": "fine"}\n'
        '{"id": "ok", "text": "We utilize it"}\n', encoding="utf-8")
    # a high half followed by an escape that is not a low half: two broken characters
    (root / "s.json").write_text('[{"text": "x \\udbff\\uffff y"}]', encoding="utf-8")
    result = run(["check", "s.jsonl", "s.json"], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 1
    assert _lines(result.out, "s.jsonl") == [
        "s.jsonl:1:33: error brandvoice.input this draft's text " + BROKEN.format(0xD800)
        + ": a JSON escape such as \\ud800 without its other half, or bytes that are not "
        "UTF-8); nothing was checked",
        "s.jsonl:2:1: error brandvoice.input this draft's 'in_reply_to' "
        + BROKEN.format(0xDC00) + ": a JSON escape such as \\ud800 without its other half, "
        "or bytes that are not UTF-8); nothing was checked",
        "s.jsonl:3:1: error brandvoice.input this draft's 'id' " + BROKEN.format(0xD800)
        + ": a JSON escape such as \\ud800 without its other half, or bytes that are not "
        "UTF-8); nothing was checked",
        "s.jsonl:4:26: warning plain.wordy Write 'use' instead of 'utilize'.",
    ]
    assert "s.jsonl (\\ud800): score 75, failed" in result.out  # the id, printable
    assert _lines(result.out, "s.json")[0].startswith(
        "s.json:1:14: error brandvoice.input this draft's text " + BROKEN.format(0xDBFF))


def test_text_argument_that_is_not_utf8_is_a_finding(root):
    # bytes that are not UTF-8 in an argument reach Python as lone surrogates
    result = run(["check", "--text", "We utilize\nit \udcff now"], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 1
    assert result.out.startswith(
        "<text>:2:4: error brandvoice.input this draft's text " + BROKEN.format(0xDCFF))


def test_drafts_from_python_with_lone_surrogates_are_findings(linter):
    checked = linter.check("We utilize \ud800 it")
    assert [(f.rule, f.line, f.column) for f in checked.findings] == [("brandvoice.input", 1, 12)]
    replied, mapped = linter.check_many([
        Draft("We utilize it", in_reply_to="\udfff"),
        {"text": "We utilize it", "channel": "sms\ud800"}])
    assert replied.findings[0].message.startswith(
        "this draft's 'in_reply_to' " + BROKEN.format(0xDFFF))
    assert mapped.findings[0].message.startswith("this draft's 'channel' " + BROKEN.format(0xD800))
    assert mapped.channel == "sms\\ud800"  # kept printable
    out = io.StringIO()
    json_report.write([checked, replied, mapped], out)
    out.getvalue().encode("utf-8")  # every report can be written as UTF-8


def test_file_names_that_are_not_utf8_are_read_and_reported(root):
    name = "reply-\udcff.txt"  # the byte 0xff in a file name
    (root / name).write_text("We utilize it.", encoding="utf-8")
    result = run(["check", "."], cwd=root)
    assert "Traceback" not in result.output
    assert "reply-\\udcff.txt:1:4: warning plain.wordy Write 'use' instead of 'utilize'." \
        in result.out.splitlines()
    fixed = run(["check", "--fix", name], cwd=root)
    assert "Traceback" not in fixed.output
    assert (root / name).read_text(encoding="utf-8") == "We use it."


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_line_ends_of_every_kind_give_the_same_positions(linter, tmp_path, end):
    page = end.join(["Hello utilize", "", "<div>", "utilize in html", "</div>", "",
                     "We utilize it", "[x]: https://utilize.example", "", "Then utilize."])
    path = tmp_path / "page.md"
    path.write_bytes(("---" + end + "id: p" + end + "channel: sms" + end + "---" + end + page
                      + end).encode("utf-8"))
    [draft] = read_file(path)
    [result] = linter.check_many([draft])
    assert (result.id, result.channel) == ("p", "sms")
    assert [(f.line, f.column) for f in result.findings] == [(5, 7), (11, 4), (14, 6)]


def test_mixed_line_ends_and_disable_next_line_with_carriage_returns(linter, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"one utilize\rbrandvoice-disable-next-line plain.wordy\r\n"
                     b"utilize skipped\nthree utilize\r\nfour utilize")
    [result] = linter.check_many(read_file(path))
    assert [(f.line, f.column) for f in result.findings] == [(1, 5), (4, 7), (5, 6)]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"one\rtwo\r\nth\xffree")
    [unreadable] = linter.check_many(read_file(bad))
    assert (unreadable.findings[0].line, unreadable.findings[0].column) == (3, 3)


def test_deep_nesting_in_json_is_a_finding_with_its_place(root):
    deep = "[" * 100_000 + "]" * 100_000
    (root / "deep.json").write_text('[{"text": ' + deep + "}]", encoding="utf-8")
    (root / "deep.jsonl").write_text('{"text": "We utilize it"}\n{"text": "x", "n": '
                                     + deep + "}\n", encoding="utf-8")
    result = run(["check", "deep.json", "deep.jsonl"], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 1
    message = ("error brandvoice.input this {} is not read: lists or objects are nested "
               "more than 100 levels deep here; an entry is an object with a 'text' field")
    assert _lines(result.out, "deep.json") == ["deep.json:1:109: " + message.format("file")]
    assert _lines(result.out, "deep.jsonl") == [
        "deep.jsonl:1:14: warning plain.wordy Write 'use' instead of 'utilize'.",
        "deep.jsonl:2:119: " + message.format("line")]


def test_fields_of_the_wrong_kind_are_findings(root):
    (root / "odd.jsonl").write_text("\n".join([
        '{"id": 5, "text": "We utilize it", "created_at": 3.5}',
        '{"id": "b", "text": "ok", "channel": []}',
        '{"id": "c", "text": {}}',
        '{"id": "d", "text": "ok", "in_reply_to": 12}',
        '{"id": "e", "text": "ok", "disable": 5}',
        '{"id": "f", "text": "ok", "disable": ["plain.wordy", 5]}',
        '{"id": ["g"], "text": "ok"}',
        '{"id": "h", "text": "ok", "disable": false}',
    ]) + "\n", encoding="utf-8")
    (root / "odd.yaml").write_text("- text: ok\n  department: {a: 1}\n"
                                   "- text: ok\n  disable: {a: 1}\n"
                                   "- {text: ok, disable: [[1]]}\n", encoding="utf-8")
    (root / "odd.md").write_text("---\nid: 7\nchannel: [1]\n---\nWe utilize it.\n",
                                 encoding="utf-8")
    result = run(["check", "odd.jsonl", "odd.yaml", "odd.md"], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 1
    assert [line.split(": error brandvoice.input ")[-1] for line in result.out.splitlines()
            if "brandvoice.input" in line] == [
        "this entry's 'channel' should be text, not a list",
        "this entry's 'text' should be text, not a mapping",
        "this entry's 'in_reply_to' should be text, not a number",
        "this entry's 'disable' should be a rule id or a list of rule ids, not a number",
        "this entry's 'disable' list should hold rule ids only, not a number",
        "this entry's 'id' should be text or a number, not a list",
        "this entry's 'disable' should be a rule id or a list of rule ids, not true or false",
        "this entry's 'department' should be text, not a mapping",
        "this entry's 'disable' should be a rule id or a list of rule ids, not a mapping",
        "this entry's 'disable' list should hold rule ids only, not lists or mappings",
        "the front matter's 'channel' should be text, not a list",
    ]
    # a number is a fine id (ticket numbers), and where the 'disable' value is is shown
    assert "odd.jsonl:1:23: warning plain.wordy Write 'use' instead of 'utilize'." in result.out
    assert "odd.jsonl (5): score 90, passed" in result.out
    assert "odd.jsonl:5:38: error brandvoice.input" in result.out
    assert "odd.yaml:4:12: error brandvoice.input" in result.out


@pytest.mark.parametrize("value", ["¹²³⁴⁵⁶⁷⁸⁹⁰", "²⁰²⁶-¹²-⁰¹", "١٢٣٤٥٦٧٨٩٠", "3.5", "", "-1",
                                   "9" * 40])
def test_dates_that_are_not_dates_are_not_understood(value):
    assert parse_date(value) is None


def test_audit_counts_replies_with_odd_dates_as_undated(root):
    rows = [{"id": "a", "text": "We utilize it", "created_at": "¹²³⁴⁵⁶⁷⁸⁹⁰"},
            {"id": "b", "text": "ok", "created_at": 1733400000},
            {"id": "c", "text": "ok", "created_at": 3.5},
            {"id": "d", "text": "ok", "created_at": "\ud800"}]
    (root / "export.jsonl").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(
        json.dumps(row) for row in rows).encode("utf-8"))
    result = run(["audit", "export.jsonl", "--by", "month", "--format", "json"], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 0
    report = json.loads(result.out)
    assert {g["month"]: g["replies"] for g in report["groups"]} == {"2024-12": 1, "unknown": 2}
    assert report["bad_rows"]["by_problem"] == {
        "date not understood": 2,
        "this draft's 'created_at' has a broken character (U+D800, half of a UTF-16 pair": 1}


def test_fix_fixes_the_entries_it_reads_and_keeps_every_other_byte(root):
    files = {
        # a JSONL file with a line that is not JSON: the other lines are fixed
        "part.jsonl": (b'\xef\xbb\xbf{"text": "We utilize it"}\r\n{"text": "We utilize \r\n'
                       b'{"text": "\\ud800 utilize"}\r\n{"text": "utilize", "disable": 5}\r\n'
                       b'{"text": "Then utilize."}\r\n',
                       b'\xef\xbb\xbf{"text": "We use it"}\r\n{"text": "We utilize \r\n'
                       b'{"text": "\\ud800 utilize"}\r\n{"text": "utilize", "disable": 5}\r\n'
                       b'{"text": "Then use."}\r\n'),
        # JSON Lines ending in a lone CR (a raw CR cannot be inside a JSON value)
        "cr.jsonl": (b'{"text": "We utilize it"}\r{"text": "Then utilize."}\r',
                     b'{"text": "We use it"}\r{"text": "Then use."}\r'),
        # a CSV file with a cell never closed: the rows before it are fixed
        "part.csv": (b'id,text\r\na,We utilize it\r\nb,"utilize\r\nc,utilize\r\n',
                     b'id,text\r\na,We use it\r\nb,"utilize\r\nc,utilize\r\n'),
    }
    unreadable = {
        "bad.json": b'[{"text": "We utilize it"},\n {"text": "utilize"\n',
        "bad.yaml": b"- text: We utilize it\n- text: x\n   id: y\n",
        "deep.json": b'[{"text": "utilize", "x": ' + b"[" * 500 + b"]" * 500 + b"}]",
        "latin.txt": "We utilize caf\xe9".encode("latin-1"),
        "nul.md": b"We utilize it\x00\n" * 3,
        "cr.csv": b'id,text\ra,"utilize',
    }
    for name, (before, _) in files.items():
        (root / name).write_bytes(before)
    for name, raw in unreadable.items():
        (root / name).write_bytes(raw)
    names = [*files, *unreadable]
    result = run(["check", "--fix", *names], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 1
    for name, (_, after) in files.items():
        assert (root / name).read_bytes() == after, name
    for name, raw in unreadable.items():
        assert (root / name).read_bytes() == raw, name
    again = run(["check", "--fix", *names], cwd=root)
    assert "Nothing to fix." in again.err
    for name, (_, after) in files.items():
        assert (root / name).read_bytes() == after, name


# --- mutated files, in process -------------------------------------------------------------

SEEDS = {
    ".txt": b"Hi Sam,\nWe utilize it.\nbrandvoice-disable-next-line plain.wordy\nutilize\n",
    ".md": b"---\nid: p\nchannel: sms\n---\n# Utilize\n\n<div>\nutilize\n</div>\n\n"
           b"We utilize `utilize` [it](https://utilize.example).\n",
    ".jsonl": b'{"id": "a", "text": "We \\"utilize\\" it\\n\\u00e9", "disable": ["legal.x"]}\n'
              b'{"id": 2, "text": "utilize", "in_reply_to": "Where is it?", "created_at": '
              b'"2026-01-05T10:00:00Z"}\n',
    ".json": b'{"drafts": [\n  {"id": "a", "text": "We utilize it"},\n'
             b'  {"text": "caf\\u00e9 utilize", "channel": "sms"}\n]}\n',
    ".csv": b'id,channel,text,disable\r\na,sms,"We ""utilize"" it, ok",\r\n'
            b'b,email,utilize,legal.x\r\n',
    ".yaml": b"- id: a\n  text: |\n    We utilize it\n- text: 'It''s utilize'\n"
             b"  disable: [legal.x]\n",
}
PIECES = [b"\\ud800", b"\\udbff\\uffff", b"\xed\xa0\x80", b"\xff", b"\x00", b"\r", b"\r\n",
          b"\xef\xbb\xbf", b'"', b"\\", b",", b"[" * 150, b"{", b"}", b"\n", b"---\n", b"<div>",
          b"```", "²⁰²⁶".encode(), b"\xe2\x80\xa8", b"x" * 5000, b": 5", b'"disable": 5, ']


def _mutate(raw: bytes, steps: list[tuple[int, int, int]]) -> bytes:
    for op, where, pick in steps:
        at = where % (len(raw) + 1)
        if op == 0:
            raw = raw[:at] + PIECES[pick % len(PIECES)] + raw[at:]
        elif op == 1:
            raw = raw[:at] + raw[at + 1 + pick % 8:]
        elif op == 2:
            raw = raw[:at]  # truncated
        elif op == 3:
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", [b"\r", b"\r\n"][pick % 2])
        else:
            raw = raw[:at] + bytes([pick % 256]) + raw[at:]
    return raw


def _render(results) -> None:
    out = io.StringIO()
    print_report(results, file=out)
    json_report.write(results, out)
    out.getvalue().encode("utf-8")  # what a report writes can be written as UTF-8


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(sorted(SEEDS)),
       steps=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 10_000),
                                st.integers(0, 255)), max_size=4))
def test_mutated_files_are_read_checked_and_fixed_safely(linter, tmp_path, suffix, steps):
    raw = _mutate(SEEDS[suffix], steps)
    path = tmp_path / f"drafts{suffix}"
    path.write_bytes(raw)
    drafts = list(read_file(path))
    results = linter.check_many(drafts)
    _render(results)
    once = fix_file(linter, path, path.name, write=True)
    _render(once.results)
    fixed = path.read_bytes()
    if all(draft.problem is not None for draft in drafts):
        assert fixed == raw  # nothing could be read: nothing is written
    if once.settled:
        twice = fix_file(linter, path, path.name, write=True)
        assert path.read_bytes() == fixed and not twice.changed

