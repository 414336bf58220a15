"""--format sarif (validated against the official SARIF 2.1.0 schema) and --format github."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from .conftest import run

# The OASIS SARIF 2.1.0 schema, vendored with its provenance (tests/data/sarif/PROVENANCE.md).
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))

RULES = """
owner: legal
rules:
  - id: legal.x
    kind: forbid
    severity: error
    phrases: [guarantee]
    link: https://intranet.example/legal/claims
  - id: plain.wordy
    kind: replace
    replace: {utilize: use}
    severity: suggestion
"""

FILES = {
    "reply.txt": "Hi,\nwe guarantee to utilize it.\n",
    "macros.jsonl": '{"id": "m1", "text": "Caf\\u00e9 \\"utilize\\" it"}\n{"id": "m2"}\n',
    "page.md": "<!-- brandvoice-disable nope.rule -->\nWe utilize `utilize`.\n",
}


@pytest.fixture
def root(project):
    folder = project({"brandvoice.yaml": "rulebooks: [rules.yaml]\n", "rules.yaml": RULES})
    for name, content in FILES.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _apply(text: str, replacements: list[tuple[dict, str]]) -> str:
    """Apply SARIF replacements (line/column regions in code points) to ``text``."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    spans = sorted(((offset(r["startLine"], r["startColumn"]),
                     offset(r.get("endLine", r["startLine"]),
                            r.get("endColumn", r["startColumn"])), new)
                    for r, new in replacements), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def test_sarif_is_valid_and_points_at_the_findings(root):
    result = run(["check", *FILES, "--format", "sarif"], cwd=root)
    assert result.code == 1
    log = json.loads(result.out)
    jsonschema.validate(log, SCHEMA)
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["legal.x", "plain.wordy", "brandvoice.input",
                                        "brandvoice.suppression"]
    assert rules[0]["helpUri"] == "https://intranet.example/legal/claims"
    assert rules[0]["properties"] == {"owner": "legal"}
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    assert rules[1]["defaultConfiguration"] == {"level": "note"}
    found = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              r["locations"][0]["physicalLocation"]["region"]) for r in sarif_run["results"]]
    assert found[:3] == [
        ("legal.x", "reply.txt", {"startLine": 2, "startColumn": 4, "endLine": 2,
                                  "endColumn": 13}),
        ("plain.wordy", "reply.txt", {"startLine": 2, "startColumn": 17, "endLine": 2,
                                      "endColumn": 24}),
        ("plain.wordy", "macros.jsonl", {"startLine": 1, "startColumn": 35, "endLine": 1,
                                         "endColumn": 42}),
    ]
    for rule_id, uri, region in found:  # every region holds what the rule matched
        if rule_id in ("legal.x", "plain.wordy"):
            line = FILES[uri].splitlines()[region["startLine"] - 1]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] in (
                "guarantee", "utilize")
    assert ("brandvoice.input", "macros.jsonl") in {(r, u) for r, u, _ in found}
    assert ("brandvoice.suppression", "page.md") in {(r, u) for r, u, _ in found}


def test_sarif_fixes_applied_to_the_files_equal_fix(root):
    log = json.loads(run(["check", *FILES, "--format", "sarif"], cwd=root).out)
    changes: dict[str, list] = {}
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    changes.setdefault(change["artifactLocation"]["uri"], []).append(
                        (replacement["deletedRegion"], replacement["insertedContent"]["text"]))
    assert sorted(changes) == sorted(["reply.txt", "macros.jsonl", "page.md"])
    patched = {uri: _apply(FILES[uri], edits) for uri, edits in changes.items()}
    run(["check", "--fix", *FILES], cwd=root)
    for uri, text in patched.items():
        assert (root / uri).read_text(encoding="utf-8") == text, uri
    assert '"Caf\\u00e9 \\"use\\" it"' in patched["macros.jsonl"]  # escaped as JSON


def test_github_annotations(root):
    (root / "a,b.txt").write_text("We guarantee it:\nutilize", encoding="utf-8")
    result = run(["check", "a,b.txt", "macros.jsonl", "--format", "github"], cwd=root)
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error file=a%2Cb.txt,line=1,col=4,endLine=1,endColumn=13,title=legal.x::"
        "Avoid 'guarantee'.",
        "::notice file=a%2Cb.txt,line=2,col=1,endLine=2,endColumn=8,title=plain.wordy::"
        "Write 'use' instead of 'utilize'.",
        "::notice file=macros.jsonl,line=1,col=35,endLine=1,endColumn=42,title=plain.wordy::"
        "Write 'use' instead of 'utilize'.",
        "::error file=macros.jsonl,line=2,col=1,title=brandvoice.input::"
        "this entry has no 'text'",
    ]


def test_github_output_is_empty_when_all_is_well(root):
    (root / "ok.txt").write_text("All fine.", encoding="utf-8")
    result = run(["check", "ok.txt", "--format", "github"], cwd=root)
    assert (result.code, result.out) == (0, "")


PERSONA = """
name: Acme Care
owner: care
style: {contractions: prefer}
"""

DESCRIBED = """
owner: legal
rules:
  - id: legal.x
    kind: forbid
    severity: error
    message: "Don't promise outcomes ('{match}')."
    phrases: [guarantee]
    rationale: A promise in public is a contract.
    link: https://intranet.example/legal/claims
    examples:
      bad: ["We guarantee it."]
      good: ["We expect it Friday."]
"""


@pytest.fixture
def described(project):
    folder = project({"brandvoice.yaml": "persona: voice/persona.yaml\n"
                                         "rulebooks: [voice/legal.yaml]\n",
                      "voice/persona.yaml": PERSONA, "voice/legal.yaml": DESCRIBED})
    (folder / "replies").mkdir()
    (folder / "replies" / "a.txt").write_text("We guarantee it is fixed.\n", encoding="utf-8")
    return folder


def test_sarif_describes_rules_not_findings_with_relative_paths(described):
    result = run(["check", "replies/a.txt", "--format", "sarif"], cwd=described)
    assert result.code == 1
    assert str(described) not in result.out  # no path of the machine that ran it
    log = json.loads(result.out)
    jsonschema.validate(log, SCHEMA)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert sorted(rules) == ["legal.x", "persona.style.contractions"]
    legal = rules["legal.x"]
    assert legal["shortDescription"] == {"text": "Don't promise outcomes (this wording)."}
    assert legal["fullDescription"] == {
        "text": "Don't promise outcomes (this wording). A promise in public is a contract."}
    assert legal["help"]["text"] == (
        "Don't promise outcomes (this wording). Why: A promise in public is a contract. "
        "Rule kind: forbid, from voice/legal.yaml. Owner: legal. "
        'Flagged: "We guarantee it." Fine: "We expect it Friday." '
        "More: https://intranet.example/legal/claims")
    assert legal["help"]["markdown"] == (
        "**Don't promise outcomes (this wording).**\n\nA promise in public is a contract.\n\n"
        "Rule kind `forbid`, from `voice/legal.yaml`; owner: legal.\n\n"
        "Flagged:\n\n- `We guarantee it.`\n\nFine:\n\n- `We expect it Friday.`\n\n"
        "[More about this rule](https://intranet.example/legal/claims)")
    # The persona check is described as a check, not by the first finding ("Write 'it's'")
    contractions = rules["persona.style.contractions"]
    assert contractions["shortDescription"] == {
        "text": "Contractions used (or left out) against the brand's style."}
    assert contractions["help"]["markdown"] == (
        "**Contractions used (or left out) against the brand's style.**\n\n"
        "Set by `style.contractions` in voice/persona.yaml; owner: care.")
    assert contractions["properties"] == {"owner": "care"}
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert "Write 'it's': the brand voice uses contractions." in messages


def _fingerprints(folder: Path) -> dict[str, list[tuple[str, int]]]:
    log = json.loads(run(["check", "replies/a.txt", "--format", "sarif"], cwd=folder).out)
    found: dict[str, list[tuple[str, int]]] = {}
    for result in log["runs"][0]["results"]:
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        found.setdefault(result["partialFingerprints"]["brandvoiceFinding/v1"], []).append(
            (result["ruleId"], line))
    return found


def test_sarif_fingerprints_stay_when_lines_move(described):
    reply = described / "replies" / "a.txt"
    reply.write_text("We guarantee it.\nWe guarantee it again.\n", encoding="utf-8")
    first = _fingerprints(described)
    assert _fingerprints(described) == first  # the same on every run
    # two findings of the same rule and text are told apart by their order
    assert sorted(v for values in first.values() for v in values if v[0] == "legal.x") == [
        ("legal.x", 1), ("legal.x", 2)]
    assert all(len(values) == 1 for values in first.values())
    reply.write_text("Hello,\n\nWe guarantee it.\nWe guarantee it again.\n", encoding="utf-8")
    moved = _fingerprints(described)
    assert moved.keys() == first.keys()
    assert {key: [(rule, line + 2) for rule, line in values]
            for key, values in first.items()} == moved


def test_github_annotations_keep_the_suggestions(project):
    folder = project({"brandvoice.yaml": "rulebooks: [rules.yaml]\n", "rules.yaml": """
rules:
  - id: legal.x
    kind: forbid
    severity: error
    phrases: [guarantee]
    suggest: ["we expect", "100%, we'll try"]
"""})
    (folder / "a.txt").write_text("We guarantee it.", encoding="utf-8")
    result = run(["check", "a.txt", "--format", "github"], cwd=folder)
    assert result.code == 1
    assert result.out == (
        "::error file=a.txt,line=1,col=4,endLine=1,endColumn=13,title=legal.x::"
        "Avoid 'guarantee'. Try: \"we expect\", \"100%25, we'll try\".\n")
    text = run(["check", "a.txt"], cwd=folder).out
    assert "Avoid 'guarantee'. Try: \"we expect\", \"100%, we'll try\"." in text


def test_sarif_names_the_documentation_the_package_declares(monkeypatch):
    from email.message import Message
    from importlib import metadata

    from brandvoice.report import sarif

    declared = Message()
    declared["Project-URL"] = "Homepage, https://example.org/brandvoice"
    declared["Project-URL"] = "Documentation, https://example.org/brandvoice/docs"
    monkeypatch.setattr(metadata, "metadata", lambda name: declared)
    log = json.loads(sarif.render([]))
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == \
        "https://example.org/brandvoice/docs"
    monkeypatch.setattr(metadata, "metadata", lambda name: Message())
    assert "informationUri" not in json.loads(sarif.render([]))["runs"][0]["tool"]["driver"]
