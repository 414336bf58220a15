"""Baselines: old findings stay quiet while the files around them change; new ones fail."""

from __future__ import annotations

import json

from .conftest import run, write

RULES = """
owner: hr
rules:
  - id: hr.no-guys
    kind: forbid
    phrases: [guys]
"""
FILES = {
    "brandvoice.yaml": "rulebooks: [rules.yaml, builtin:legal-claims]\n",
    "rules.yaml": RULES,
    "canned/refund.txt": "Hey guys, we guarantee a refund.\n",
    "canned/library.jsonl": '{"id": "r1", "text": "We guarantee it, guys."}\n'
                            '{"id": "r2", "text": "Thanks for waiting!"}\n',
}


def findings(out: str) -> list[tuple[str, str, str]]:
    """(draft id, rule, matched text) of each finding in a JSON report."""
    return [(draft["id"], f["rule"], f["match"]) for draft in json.loads(out)["drafts"]
            for f in draft["findings"]]


def test_edits_around_an_old_finding_keep_it_quiet_and_a_new_one_fails(tmp_path):
    root = write(tmp_path, FILES)
    wrote = run(["check", "canned", "--write-baseline", "baseline.json"], cwd=root)
    assert wrote.code == 0, wrote.err  # the library fails today; the baseline accepts it
    assert "wrote 4 findings to the baseline baseline.json" in wrote.err
    entries = json.loads((root / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {(e["file"], e["id"], e["rule"], e["match"]) for e in entries} == {
        ("canned/refund.txt", "canned/refund.txt", "hr.no-guys", "guys"),
        ("canned/refund.txt", "canned/refund.txt", "legal-claims.guarantee", "guarantee"),
        ("canned/library.jsonl", "r1", "hr.no-guys", "guys"),
        ("canned/library.jsonl", "r1", "legal-claims.guarantee", "guarantee")}

    quiet = run(["check", "canned", "--baseline", "baseline.json", "--format", "json"],
                cwd=root)
    assert quiet.code == 0 and findings(quiet.out) == []
    assert "4 findings in the baseline baseline.json not reported" in quiet.err

    # edits elsewhere: lines above the old finding, another draft before r1, r2 changed
    write(root, {"canned/refund.txt": "Hello!\n\nWe are sorry.\nHey guys, we guarantee a "
                                      "refund.\n",
                 "canned/library.jsonl": '{"id": "r0", "text": "A new, clean reply."}\n'
                                         '{"id": "r2", "text": "Thanks for your patience!"}\n'
                                         '{"id": "r1", "text": "We guarantee it, guys."}\n'})
    moved = run(["check", "canned", "--baseline", "baseline.json", "--format", "json"],
                cwd=root)
    assert moved.code == 0 and findings(moved.out) == [], moved.out

    # a new finding in a draft that had old ones: only it is reported, and it fails
    write(root, {"canned/library.jsonl": '{"id": "r1", "text": "We guarantee it, guys. '
                                         'Results are guaranteed!"}\n'})
    new = run(["check", "canned", "--baseline", "baseline.json", "--format", "json"],
              cwd=root)
    assert new.code == 1
    assert findings(new.out) == [("r1", "legal-claims.guarantee", "guaranteed")]
    draft = [d for d in json.loads(new.out)["drafts"] if d["id"] == "r1"][0]
    assert draft["score"] == 75 and not draft["passed"]  # scored on what is left


def test_a_finding_counted_twice_needs_two_entries(tmp_path):
    root = write(tmp_path, {**FILES, "canned/refund.txt": "Hi guys.\n"})
    run(["check", "canned", "--write-baseline", "baseline.json"], cwd=root)
    write(root, {"canned/refund.txt": "Hi guys. Bye guys.\n"})
    again = run(["check", "canned/refund.txt", "--baseline", "baseline.json", "--format",
                 "json"], cwd=root)
    assert findings(again.out) == [("canned/refund.txt", "hr.no-guys", "guys")]
    first = json.loads(again.out)["drafts"][0]["findings"][0]
    assert first["column"] == 14  # the first occurrence is the baseline's, the second is new


def test_the_baseline_names_files_relative_to_itself(tmp_path):
    root = write(tmp_path, FILES)
    run(["check", "canned", "--write-baseline", "baseline.json"], cwd=root)
    elsewhere = run(["check", "refund.txt", "library.jsonl", "--baseline",
                     "../baseline.json", "--config", "../brandvoice.yaml"],
                    cwd=root / "canned")
    assert elsewhere.code == 0, elsewhere.out + elsewhere.err
    assert "4 findings in the baseline" in elsewhere.err


def test_entries_no_longer_found_are_counted(tmp_path):
    root = write(tmp_path, FILES)
    run(["check", "canned", "--write-baseline", "baseline.json"], cwd=root)
    write(root, {"canned/refund.txt": "Hello everyone, we will refund you.\n"})
    done = run(["check", "canned", "--baseline", "baseline.json"], cwd=root)
    assert done.code == 0
    assert ("2 findings in the baseline baseline.json not reported; 2 entries of the "
            "checked files no longer found (--write-baseline baseline.json drops them)"
            ) in done.err


def test_a_bad_baseline_is_refused_before_anything_is_checked_or_fixed(tmp_path):
    root = write(tmp_path, {**FILES, "plain.yaml": "rules:\n  - id: plain.wordy\n    kind: "
                                                   "replace\n    replace: {utilize: use}\n",
                            "canned/refund.txt": "Please utilize the app.\n"})
    cases = {
        "missing.json": "baseline 'missing.json' not found: write one with --write-baseline",
        "broken.json": "broken.json:1:2: the baseline is not valid JSON",
        "other.json": "other.json: not a brandvoice baseline",
        "entry.json": "entry.json: entry 1 of 'findings' needs 'file', 'id', 'rule' and "
                      "'match'",
    }
    write(root, {"broken.json": "{oops", "other.json": '{"version": 9, "findings": []}',
                 "entry.json": '{"version": 1, "findings": [{"file": "x"}]}'})
    for name, message in cases.items():
        done = run(["check", "canned/refund.txt", "--fix", "--rulebook", "plain.yaml",
                    "--baseline", name], cwd=root)
        assert done.code == 2 and message in done.err, (name, done.err)
        assert (root / "canned/refund.txt").read_text(encoding="utf-8") == \
            "Please utilize the app.\n"  # not fixed
    nowhere = run(["check", "canned", "--write-baseline", "no/such/folder/b.json"], cwd=root)
    assert nowhere.code == 2 and "the folder no/such/folder does not exist" in nowhere.err
