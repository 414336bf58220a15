"""Run every rule kind's cases in tests/cases/*.yaml (one generic test, cases as data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from brandvoice import Linter

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8")):
            for case in group["cases"]:
                yield pytest.param(group["rule"], case, id=f"{path.stem}: {case['name']}")


_linters: dict[str, Linter] = {}


def _linter(rule: dict) -> Linter:
    key = repr(rule)
    if key not in _linters:
        _linters[key] = Linter(rulebooks=[{"name": "cases", "rules": [rule]}])
    return _linters[key]


@pytest.mark.parametrize("rule, case", list(_cases()))
def test_case(rule, case):
    result = _linter(rule).check(case["text"], channel=case.get("channel"),
                                 department=case.get("department"), context=case.get("context"))
    assert [f.match for f in result.findings] == case["expect"]
    assert all(f.rule == rule["id"] for f in result.findings)
    for finding in result.findings:
        assert case["text"][finding.start:finding.end] == finding.match
    if "messages" in case:
        assert [f.message for f in result.findings] == case["messages"]
    if "positions" in case:
        assert [[f.line, f.column] for f in result.findings] == case["positions"]
    if "suggestions" in case:
        assert [f.suggestions for f in result.findings] == case["suggestions"]
    if "fixes" in case:
        assert [f.fix.replacement if f.fix else None for f in result.findings] == case["fixes"]
        for finding in result.findings:
            if finding.fix:
                assert (finding.fix.start, finding.fix.end) == (finding.start, finding.end)
