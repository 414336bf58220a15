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
