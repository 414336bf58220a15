"""Run every rule kind's cases in tests/cases/*.yaml (one generic test, cases as data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandvoice import Linter
from brandvoice.config.source import _read
from brandvoice.drafts import from_text

CASES = Path(__file__).parent / "cases"


def load(path: Path) -> list[dict]:
    """A cases file, read by brandvoice's own YAML reader: a key written twice in a case,
    which yaml.safe_load would take silently (keeping the last, so one check is lost),
    stops the run with where it is."""
    parsed, problems = _read(str(path.relative_to(CASES.parent)), path.read_text(encoding="utf-8"))
    if problems:
        raise ValueError("; ".join(f"{p.location.file}:{p.location.line}: {p.message}"
                                   for p in problems))
    return parsed.data


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        for group in load(path):
            for case in group["cases"]:
                yield pytest.param(group, case, id=f"{path.stem}: {case['name']}")


_linters: dict[str, Linter] = {}


def _linter(group: dict) -> Linter:
    """A linter with only the group's rule, or only its persona; or, for findings that
    several rules report, its ``rulebooks`` (``builtin:`` packs) with its own ``rules``
    and its ``persona``, all together."""
    key = repr({k: group.get(k) for k in ("rule", "rules", "rulebooks", "persona")})
    if key not in _linters:
        if "rule" in group:
            _linters[key] = Linter(rulebooks=[{"name": "cases", "rules": [group["rule"]]}])
        elif "rules" in group or "rulebooks" in group:
            books = list(group.get("rulebooks", []))
            if "rules" in group:
                books.append({"name": "cases", "owner": "team", "rules": group["rules"]})
            _linters[key] = Linter(persona=group.get("persona"), rulebooks=books)
        else:
            _linters[key] = Linter(persona=group["persona"])
    return _linters[key]


@pytest.mark.parametrize("group, case", list(_cases()))
def test_case(group, case):
    linter = _linter(group)
    metadata = {key: case.get(key) for key in ("channel", "department", "context")}
    if "file" in case:  # read as a file of that name is (brandvoice-disable comments)
        drafts = list(from_text(case["text"], case["file"], Path(case["file"]).suffix))
        result = linter.check_many(drafts, **metadata)[0]
    else:
        result = linter.check(case["text"], in_reply_to=case.get("in_reply_to"), **metadata)
    check = group["rule"]["id"] if "rule" in group else group["check"]
    # a finding that other rules also report (its `also`) is a finding of each of them
    findings = [f for f in result.findings if check in f.rules]
    if "rules" in case:
        assert [sorted(f.rules) for f in findings] == [sorted(r) for r in case["rules"]]
    if "count" in case:  # findings of any rule at all
        assert len(result.findings) == case["count"], result.findings
    if "rule" in group:
        assert findings == result.findings
    assert [f.match for f in findings] == case["expect"]
    for finding in findings:
        assert case["text"][finding.start:finding.end] == finding.match
    if "messages" in case:
        assert [f.message for f in findings] == case["messages"]
    if "positions" in case:
        assert [[f.line, f.column] for f in findings] == case["positions"]
    if "categories" in case:
        assert [f.category for f in findings] == case["categories"]
    if "severities" in case:
        assert [f.severity for f in findings] == case["severities"]
    if "suggestions" in case:
        assert [f.suggestions for f in findings] == case["suggestions"]
    if "fixes" in case:
        assert [f.fix.replacement if f.fix else None for f in findings] == case["fixes"]
        for finding in findings:
            if finding.fix:
                assert (finding.fix.start, finding.fix.end) == (finding.start, finding.end)


def test_every_persona_check_has_cases():
    from brandvoice.config import PERSONA_CHECK_IDS

    groups = load(CASES / "persona.yaml")
    covered = {g["check"] for g in groups}
    assert covered == set(PERSONA_CHECK_IDS)
    for check in PERSONA_CHECK_IDS:
        cases = [c for g in groups if g["check"] == check for c in g["cases"]]
        assert any(c["expect"] for c in cases) and any(not c["expect"] for c in cases), check


def test_persona_default_severities():
    linter = Linter(persona={
        "name": "A", "terms": ["AcmePay"], "style": {"max_exclamations": 0},
        "contexts": {"complaint": {"require_empathy": True}}})
    severities = {f.rule: f.severity
                  for f in linter.check("acmepay!", context="complaint").findings}
    # a style nit is a suggestion (reviewers do not hold a reply for it); a complaint
    # answered without empathy is a change to make; a misspelt brand term holds the reply
    assert severities == {"persona.terms": "error", "persona.style.exclamations": "suggestion",
                          "persona.context.empathy": "warning"}
