"""Markdown drafts and inline suppression, through the real command line."""

from __future__ import annotations

import json

import pytest

from .conftest import run

RULES = """
rules:
  - id: legal.x
    kind: forbid
    phrases: [guarantee]
  - id: hr.guys
    kind: forbid
    phrases: [guys]
"""

MD = """---
id: refund-1
channel: twitter
context: complaint
---
# Refunds for guys

We guarantee a refund. Run `guarantee --now` or see [the guarantee](https://x.example/guarantee).
<!-- a guarantee in a comment -->

```
guarantee in code
```

    guarantee in an indented code block

<!-- brandvoice-disable-next-line legal.x -->
We guarantee it here too.
<!-- brandvoice-disable legal.*, hr.guys -->
Guarantee again, guys.
<!-- brandvoice-enable -->
Last guarantee.
"""


@pytest.fixture
def root(project):
    return project({"brandvoice.yaml": "rulebooks: [r.yaml]\n", "r.yaml": RULES,
                    "replies/refund.md": MD})


def test_only_prose_is_checked_and_positions_hold(root):
    result = run(["check", "replies", "--format", "json"], cwd=root)
    doc = json.loads(result.out)
    [draft] = doc["drafts"]
    assert (draft["id"], draft["channel"], draft["context"]) == ("refund-1", "twitter",
                                                                  "complaint")
    found = [(f["rule"], f["line"], f["column"], f["match"]) for f in draft["findings"]]
    assert found == [("hr.guys", 6, 15, "guys"), ("legal.x", 8, 4, "guarantee"),
                     ("legal.x", 8, 58, "guarantee"), ("legal.x", 22, 6, "guarantee")]
    lines = MD.splitlines()
    for _, line, column, match in found:
        assert lines[line - 1][column - 1:column - 1 + len(match)] == match


def test_unknown_rule_in_a_suppression_is_reported(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\n", "r.yaml": RULES,
                    "a.md": "<!-- brandvoice-disable legal.typo -->\nWe guarantee it.\n"})
    result = run(["check", "a.md"], cwd=root)
    assert ("a.md:1:1: warning brandvoice.suppression 'legal.typo' in this brandvoice-disable "
            "comment is not the id of a loaded rule") in result.out
    assert "a.md:2:4: warning legal.x" in result.out


def test_text_drafts_take_directives_on_their_own_lines(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\n", "r.yaml": RULES,
                    "a.txt": "brandvoice-disable-next-line legal.x\nWe guarantee it, guys.\n"
                             "We guarantee it.\n"})
    result = run(["check", "a.txt"], cwd=root)
    assert [line.split(" ")[0] for line in result.out.splitlines()[:2]] == [
        "a.txt:2:18:", "a.txt:3:4:"]


def test_bad_front_matter_is_an_input_finding(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\n", "r.yaml": RULES,
                    "a.md": "---\nid: [unclosed\n---\nHello.\n", "b.md": "We guarantee.\n"})
    result = run(["check", "a.md", "b.md"], cwd=root)
    assert "a.md:1:1: error brandvoice.input the front matter is not valid YAML" in result.out
    assert "b.md:1:4: warning legal.x" in result.out


def test_front_matter_takes_ids_and_dates_as_collections_do(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\n", "r.yaml": RULES,
                    "a.md": "---\nid: 12\ncreated_at: 2026-01-01\n---\nWe guarantee.\n",
                    "b.md": "---\nchannel: [twitter]\n---\nHello.\n"})
    result = run(["check", "a.md", "b.md"], cwd=root)
    assert "a.md:5:4: warning legal.x" in result.out
    assert "a.md (12): score" in result.out
    assert ("b.md:1:1: error brandvoice.input the front matter's 'channel' should be text, "
            "not a list") in result.out
