"""The pack pages (docs/packs.md, docs/packs/NAME.md) are generated from rules/*.yaml and
the stored firing rates, and stay in sync with them (scripts/pack_docs.py)."""

from __future__ import annotations

import importlib.util
import json

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("pack_docs", ROOT / "scripts" / "pack_docs.py")
pack_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pack_docs)


def test_pages_are_in_sync_with_the_rules():
    for path, text in pack_docs.pages().items():
        assert path.exists(), f"{path.name} is missing: run python3 scripts/pack_docs.py"
        assert path.read_text(encoding="utf-8") == text, \
            f"{path.name} is out of date: run python3 scripts/pack_docs.py"


def test_every_rule_was_measured_on_real_replies():
    rates = json.loads(pack_docs.RATES.read_text(encoding="utf-8"))
    assert rates["replies"] >= 1000
    ids = {rule["id"] for pack in pack_docs._packs().values() for rule in pack["rules"]}
    assert set(rates["counts"]) == ids, \
        "rules changed since the rates were measured: run scripts/pack_docs.py --replies ..."


def test_a_rule_that_fires_often_says_why():
    rates = json.loads(pack_docs.RATES.read_text(encoding="utf-8"))
    for pack in pack_docs._packs().values():
        for rule in pack["rules"]:
            share = rates["counts"][rule["id"]] / rates["replies"]
            if share > pack_docs.THRESHOLD:
                assert rule.get("_note"), (f"{rule['id']} fires on {share:.1%} of real "
                                           "replies: tighten it or explain why in a comment")


def test_the_precision_table_is_written_between_its_markers_only(tmp_path):
    """benchmarks/eval_gold.py --packs-table replaces what lies between the markers of
    docs/packs.md (which scripts/pack_docs.py keeps), and nothing else; here on a tiny
    labelled set written for the test."""
    import subprocess
    import sys

    script = ROOT / "benchmarks" / "eval_gold.py"
    spec = importlib.util.spec_from_file_location("eval_gold", script)
    eval_gold = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eval_gold)
    assert (eval_gold.PACKS_BEGIN, eval_gold.PACKS_END) == (pack_docs.PRECISION_BEGIN,
                                                            pack_docs.PRECISION_END)
    text = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    assert text.count(pack_docs.PRECISION_BEGIN) == text.count(pack_docs.PRECISION_END) == 1

    replies = tmp_path / "replies.jsonl"
    replies.write_text("".join(json.dumps(row) + "\n" for row in [
        {"id": "1", "text": "We guarantee it arrives Friday.", "in_reply_to": "Where is it?"},
        {"id": "2", "text": "Sorry! What is your phone number? We will call you."},
        {"id": "3", "text": "Thanks for waiting, Sam."},
    ]), encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(row) + "\n" for row in [
        {"id": "1", "verdict": "stop", "quality": 1,
         "issues": [{"category": "legal.promise"}]},
        {"id": "2", "verdict": "edit", "quality": 2,
         "issues": [{"category": "privacy.asks-public"}]},
        {"id": "3", "verdict": "ok", "quality": 5},
    ]), encoding="utf-8")
    page = tmp_path / "packs.md"
    page.write_text("# Before\n\n" + pack_docs.PRECISION_BEGIN + "\nold table\n"
                    + pack_docs.PRECISION_END + "\n\nAfter.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), "--labels", str(labels), "--replies",
                           str(replies), "--packs-table", str(page)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Evaluated 3 drafts" in done.stdout
    written = page.read_text(encoding="utf-8")
    head, rest = written.split(pack_docs.PRECISION_BEGIN)
    table, tail = rest.split(pack_docs.PRECISION_END)
    assert (head, tail) == ("# Before\n\n", "\n\nAfter.\n")
    assert "old table" not in table
    assert "| `legal-claims.guarantee` | error | 1 | 1 | 1.00 |" in table
    assert "| `privacy.ask-phone-number-without-dm` | error | 1 | 1 | 1.00 |" in table
    # the page generator keeps the table as it is
    assert pack_docs.precision_table(page) == table.strip("\n")

    missing = subprocess.run([sys.executable, str(script), "--labels",
                              str(tmp_path / "none.jsonl")],
                             capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert missing.returncode == 2 and "--labels" in missing.stderr
