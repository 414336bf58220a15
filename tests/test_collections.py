"""Collections of canned responses: every entry is a draft, and every finding's line and
column point at the matched text in the file, through JSON escapes and CSV quoting."""

from __future__ import annotations

import json

import pytest

from .conftest import run

RULES = """
rules:
  - id: legal.x
    kind: forbid
    phrases: [guarantee]
"""

FILES = {
    "macros.jsonl":
        '{"id": "a", "text": "We guarantee it.", "channel": "facebook"}\n'
        '\n'
        '{"id": "b", "context": "complaint", "text": "Caf\\u00e9 \\"quote\\"\\nwe guarantee it"}\n'
        '{"id": "c", "text": "All fine."}\n',
    "macros.json": json.dumps([
        {"id": "a", "text": "Line one.\nWe guarantee \"this\" \u2014 guarantee."},
        {"id": "b", "department": "sales", "text": "🙂 guarantee"},
    ], indent=2, ensure_ascii=True),
    "wrapped.json": '{"drafts": [{"id": "w", "text": "Tab\\there: guarantee"}]}',
    "macros.csv":
        'id,channel,text,disable\r\n'
        'a,twitter,"We ""really"" guarantee it,\nsecond line guarantee",\r\n'
        'b,email,plain guarantee,legal.x\r\n'
        'c,,"multi\n\nguarantee",\r\n',
    "macros.yaml": """# canned responses
- id: y1
  channel: twitter
  text: |
    Hello!
    We guarantee a refund.
- id: y2
  text: >
    Folded lines
    and we guarantee
    it.
- id: y3
  text: "Escapes \\u00e9 \\"q\\" \\
    then guarantee"
- id: y4
  text: 'It''s a guarantee'
- id: y5
  text: plain text that
    continues with guarantee
---
drafts:
  - {id: y6, text: "flow guarantee"}
""",
}

EXPECTED = {
    "macros.jsonl": [("a", 1, 25), ("b", 3, 70)],
    "macros.json": [("a", 4, 28), ("a", 4, 54), ("b", 9, 27)],
    "wrapped.json": [("w", 1, 45)],
    "macros.csv": [("a", 2, 26), ("a", 3, 13), ("c", 7, 1)],
    "macros.yaml": [("y1", 6, 8), ("y2", 10, 12), ("y3", 14, 10), ("y4", 16, 18),
                    ("y5", 19, 20), ("y6", 22, 26)],
}


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": "rulebooks: [r.yaml]\ndepartments: [sales]\n",
                    "r.yaml": RULES})


@pytest.mark.parametrize("windows", [False, True], ids=["lf", "bom-crlf"])
@pytest.mark.parametrize("name", list(FILES))
def test_positions_point_at_the_match_in_the_file(root, name, windows):
    path = root / name
    content = FILES[name]
    if windows:  # as Windows tools save: a byte order mark and CRLF line ends
        content = "\ufeff" + content.replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(content.encode("utf-8"))
    result = run(["check", name, "--format", "json"], cwd=root)
    doc = json.loads(result.out)
    found = [(d["id"], f["line"], f["column"]) for d in doc["drafts"] for f in d["findings"]]
    assert found == EXPECTED[name]
    lines = FILES[name].replace("\r\n", "\n").split("\n")
    for _, line, column in found:
        written = lines[line - 1][column - 1:]
        assert written.startswith("guarantee"), (line, column, written)


def test_metadata_and_per_entry_disable(root):
    (root / "macros.jsonl").write_text(FILES["macros.jsonl"], encoding="utf-8")
    (root / "macros.csv").write_text(FILES["macros.csv"], encoding="utf-8", newline="")
    doc = json.loads(run(["check", "macros.jsonl", "macros.csv", "-f", "json"], cwd=root).out)
    meta = {d["id"]: (d["channel"], d["context"], len(d["findings"])) for d in doc["drafts"]}
    assert meta["b"] == ("email", None, 0)  # csv entry b disables legal.x
    assert [d["id"] for d in doc["drafts"]][:3] == ["a", "b", "c"]
    assert doc["drafts"][1]["context"] == "complaint"  # jsonl b


def test_bad_entries_are_findings_and_other_entries_still_checked(root):
    (root / "bad.jsonl").write_text('{"id": "a", "text": "We guarantee."}\n'
                                    '{"id": "b", "txt": "oops"}\n'
                                    '{"id": "c", "text": \n'
                                    '{"id": "d", "text": "guarantee"}\n', encoding="utf-8")
    result = run(["check", "bad.jsonl"], cwd=root)
    assert result.code == 1
    lines = result.out.splitlines()
    assert "bad.jsonl:1:25: warning legal.x Avoid 'guarantee'." in lines
    assert "bad.jsonl:2:1: error brandvoice.input this entry has no 'text'" in lines
    assert any(line.startswith("bad.jsonl:3:20: error brandvoice.input this line is not valid "
                               "JSON") for line in lines)
    assert "bad.jsonl:4:22: warning legal.x Avoid 'guarantee'." in lines


@pytest.mark.parametrize("name, content, where", [
    ("d.jsonl", '{"text": "We guarantee.", "disable": ["legal.y"]}\n', "1:38"),
    ("d.yaml", "- text: We guarantee.\n  disable:\n    - legal.y\n", "3:5"),
    ("d.csv", 'text,disable\nWe guarantee.,"legal.y, legal.x"\n', "2:15"),
])
def test_unknown_id_in_an_entry_disable_points_at_the_field(root, name, content, where):
    (root / name).write_text(content, encoding="utf-8")
    result = run(["check", name], cwd=root)
    assert (f"{name}:{where}: warning brandvoice.suppression 'legal.y' in this entry's "
            "'disable' list is not the id of a loaded rule") in result.out
    if name == "d.csv":  # the known id in the same list still switches its rule off
        assert "legal.x" not in result.out.replace("legal.y, legal.x", "")
    else:
        assert f"{name}:1:" in result.out and "legal.x Avoid 'guarantee'" in result.out
