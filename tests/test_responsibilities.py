"""Who answers what: the config's ``responsibilities``, the check brandvoice.responsibility
(CLI, library, API), the buying-cycle stage read from the customer's message, and the
audit's responsibility KPI (docs/responsibilities.md)."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from brandvoice import Linter
from brandvoice.conversation import infer_context
from brandvoice.serve import Service
from brandvoice.stage import read_stage

from .conftest import run, write

CONFIG = """\
departments: [support, marketing, sales]
responsibilities:
  complaint: [support]
  question:
    answered_by: [support, sales]
    escalate_to: support
  pre-purchase:
    answered_by: [sales]
    severity: error
  praise: marketing
"""
LATE = "My order never arrived and nobody answers my emails"
BEFORE = "How much is the green one? Thinking of buying it"
REPLY = "So sorry, Sam! DM us your order number and we'll chase it."


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    folder = write(tmp_path_factory.mktemp("duties"), {"brandvoice.yaml": CONFIG})
    return Linter.from_config(folder / "brandvoice.yaml")


def rules(result) -> list[str]:
    return [f.rule for f in result.findings]


def test_marketing_answering_a_complaint_read_from_the_message_is_told_who_answers(linter):
    result = linter.check(REPLY, department="marketing", in_reply_to=LATE)
    [finding] = result.findings
    assert finding.rule == "brandvoice.responsibility"
    assert finding.severity == "warning" and finding.category == "governance.responsibility"
    assert finding.message.startswith("The customer's message reads as a complaint (")
    assert finding.message.endswith("complaints are answered by support, not marketing. "
                                    "Hand it to support.")
    assert result.score == 90


def test_the_department_that_answers_it_and_a_draft_without_one_pass(linter):
    assert rules(linter.check(REPLY, department="support", in_reply_to=LATE)) == []
    assert rules(linter.check(REPLY, department="Support", in_reply_to=LATE)) == []
    assert rules(linter.check(REPLY, in_reply_to=LATE)) == []  # no department: not guessed
    # a context no list names is answered by anyone
    assert rules(linter.check("Noted.", department="marketing", context="general")) == []


def test_a_given_context_the_stage_and_the_order_between_them(linter):
    given = linter.check("Thanks!", department="marketing", context="complaint")
    assert given.findings[0].message.startswith("This draft answers a complaint;")
    # a question whose message shows it is before buying: the stage's list decides
    [staged] = linter.check("It's £20.", department="support", in_reply_to=BEFORE).findings
    assert staged.severity == "error"  # the stage's own severity
    assert "a question before buying ('how much is')" in staged.message
    assert staged.message.endswith("answered by sales, not support. Hand it to sales.")
    assert rules(linter.check("It's £20.", department="sales", in_reply_to=BEFORE)) == []
    # a complaint is a complaint whatever the stage: support answers it, not sales
    late_order = "My order hasn't arrived, this is ridiculous"
    assert infer_context(late_order).stage.stage == "purchase"
    assert rules(linter.check(REPLY, department="support", in_reply_to=late_order)) == []
    assert rules(linter.check(REPLY, department="sales", in_reply_to=late_order)) == \
        ["brandvoice.responsibility"]
    # escalate_to names who takes over; the short form takes one department
    [asked] = linter.check("Yes.", department="marketing", context="question").findings
    assert asked.message.endswith("support or sales, not marketing. Hand it to support.")
    assert rules(linter.check("Thanks!", department="support", context="praise")) == \
        ["brandvoice.responsibility"]


def test_severity_and_disable_in_the_config_win(tmp_path):
    write(tmp_path, {"brandvoice.yaml": CONFIG + "severity: {brandvoice.responsibility: "
                                                 "suggestion}\n"})
    relaxed = Linter.from_config(tmp_path / "brandvoice.yaml")
    [finding] = relaxed.check("It's £20.", department="support", in_reply_to=BEFORE).findings
    assert finding.severity == "suggestion"
    write(tmp_path, {"brandvoice.yaml": CONFIG + "disable: [brandvoice.responsibility]\n"})
    off = Linter.from_config(tmp_path / "brandvoice.yaml")
    assert rules(off.check("Thanks!", department="marketing", context="complaint")) == []


def test_the_command_line_reports_it_in_every_format(tmp_path):
    write(tmp_path, {"brandvoice.yaml": CONFIG, "replies.jsonl": "\n".join(json.dumps(row) for row in (
        {"id": "r1", "department": "marketing", "text": REPLY, "in_reply_to": LATE},
        {"id": "r2", "department": "support", "text": REPLY, "in_reply_to": LATE},
        {"id": "r3", "text": REPLY, "in_reply_to": LATE})) + "\n"})
    text = run(["check", "replies.jsonl"], tmp_path)
    assert text.code == 0
    assert text.out.splitlines()[0].startswith(
        "replies.jsonl:1:50: warning brandvoice.responsibility The customer's message reads "
        "as a complaint")
    data = json.loads(run(["check", "replies.jsonl", "--format", "json"], tmp_path).out)
    found = {d["id"]: [(f["rule"], f["category"]) for f in d["findings"]]
             for d in data["drafts"]}
    assert found == {"r1": [("brandvoice.responsibility", "governance.responsibility")],
                     "r2": [], "r3": []}
    assert data["drafts"][0]["context_inferred"]["stage"] == "purchase"
    assert data["drafts"][0]["context_inferred"]["stage_reason"] == "'my order never arrived'"
    github = run(["check", "replies.jsonl", "--format", "github"], tmp_path).out
    assert "title=brandvoice.responsibility" in github
    # --department for the run wins over the drafts' own
    every = run(["check", "replies.jsonl", "--department", "marketing"], tmp_path)
    assert every.out.count("brandvoice.responsibility") == 3


def test_the_api_reports_it(tmp_path):
    from .test_serve import InProcess

    folder = write(tmp_path, {"brandvoice.yaml": CONFIG})
    from brandvoice.config import load_project

    running = InProcess(Service(lambda: load_project(folder / "brandvoice.yaml"), workers=0))
    try:
        answer = running.post(REPLY, department="marketing", in_reply_to=LATE)
        assert answer.status_code == 200
        [finding] = answer.json()["findings"]
        assert finding["rule"] == "brandvoice.responsibility"
        assert finding["message"].endswith("Hand it to support.")
        assert running.post(REPLY, department="support", in_reply_to=LATE).json()[
            "findings"] == []
        unknown = running.post(REPLY, department="legal", in_reply_to=LATE)
        assert unknown.status_code == 422 and "unknown department 'legal'" in \
            unknown.json()["message"]
        rule = httpx.get(running.url + "/v1/rules/brandvoice.responsibility").json()
        assert rule["status"] == "on" and rule["category"] == "governance.responsibility"
    finally:
        running.stop()


@pytest.mark.parametrize("written, problem", [
    ("  complaint: [suport]\n", "brandvoice.yaml:3:15: unknown department 'suport' (did you "
                                "mean 'support'?)"),
    ("  complaint:\n    answered_by: [support]\n    escalate_to: legal\n",
     "brandvoice.yaml:5:18: unknown department 'legal'; known departments: marketing, sales, "
     "support (to add one: 'departments:' in the config, a rulebook's or a rule's 'owner', "
     "or a rule's scope)"),
    ("  complaints: [support]\n", "brandvoice.yaml:3:3: unknown context 'complaints' (did "
                                  "you mean 'complaint'?)"),
    ("  billing: [support]\n", "brandvoice.yaml:3:3: unknown context 'billing'; known "
                               "contexts: complaint, general, post-purchase, praise, "
                               "pre-purchase, purchase, question"),
    ("  complaint: []\n", "brandvoice.yaml:3:14: "),
])
def test_unknown_names_in_the_section_are_config_errors(tmp_path, written, problem):
    write(tmp_path, {"brandvoice.yaml": "departments: [support, marketing, sales]\n"
                                        "responsibilities:\n" + written})
    done = run(["check", "--text", "Thanks!"], tmp_path)
    assert done.code == 2 and "Traceback" not in done.err
    assert done.err.splitlines()[0].startswith(problem), done.err


def test_a_team_context_declared_elsewhere_may_be_given(tmp_path):
    write(tmp_path, {"brandvoice.yaml": "departments: [support, billing]\n"
                                        "defaults: {context: refunds}\n"
                                        "responsibilities: {refunds: [billing]}\n"})
    linter = Linter.from_config(tmp_path / "brandvoice.yaml")
    [finding] = linter.check("Done.", department="support").findings
    assert finding.message == ("This draft answers a 'refunds' message; 'refunds' messages "
                               "are answered by billing, not support. Hand it to billing.")


@pytest.mark.parametrize("message, stage", [
    ("How much is the XL in blue? Thinking of buying one", "pre-purchase"),
    ("do you sell gift cards in store?", "pre-purchase"),
    ("I'm trying to order on the app and my card keeps getting declined", "purchase"),
    ("Where is my parcel? Tracking number says delivered", "purchase"),
    ("My new headphones arrived damaged", "post-purchase"),
    ("I want a refund for the broken kettle", "post-purchase"),
    ("Since updating, my phone keeps crashing", "post-purchase"),
    ("I bought the console last week, do you sell the charger?", None),  # two stages
    ("Lovely weather today", None),
])
def test_the_stage_is_read_only_where_the_message_says_it(message, stage):
    found = read_stage(message)
    assert (found.stage if found else None) == stage


def test_the_audit_reports_who_answered_what(tmp_path):
    rows = [{"id": "a", "department": "marketing", "text": REPLY, "in_reply_to": LATE},
            {"id": "b", "department": "marketing", "text": "Thanks!", "context": "complaint"},
            {"id": "c", "department": "support", "text": REPLY, "in_reply_to": LATE},
            {"id": "d", "department": "support", "text": "It's £20.", "in_reply_to": BEFORE},
            {"id": "e", "text": REPLY, "in_reply_to": LATE}]
    write(tmp_path, {"brandvoice.yaml": CONFIG,
                     "export.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    data = json.loads(run(["audit", "export.jsonl", "--format", "json"], tmp_path).out)
    routing = data["responsibilities"]
    assert routing["departments"] == [
        {"department": "marketing", "replies": 2, "contexts": {"complaint": 2}, "checked": 2,
         "by_responsible": 0, "share": 0.0},
        {"department": "support", "replies": 2, "contexts": {"complaint": 1, "question": 1},
         "checked": 2, "by_responsible": 1, "share": 0.5}]
    assert routing["contexts"][0] == {
        "context": "complaint", "answered_by_responsible": ["support"], "replies": 3,
        "by_responsible": 1, "share": 0.333, "answered_by": {"marketing": 2, "support": 1}}
    assert routing["contexts"][1]["context"] == "pre-purchase"
    assert data["overall"]["responsibility"] == {"replies": 4, "by_responsible": 1,
                                                 "share": 0.25}
    table = list(csv.DictReader(io.StringIO(
        run(["audit", "export.jsonl", "--format", "csv"], tmp_path).out)))
    assert [(r["department"], r["responsible_share"]) for r in table] == [
        ("marketing", "0.0"), ("support", "0.5"), ("not given", ""), ("all", "0.25")]
    text = run(["audit", "export.jsonl", "--html", "report.html"], tmp_path).out
    assert "  marketing: complaint 2; its own to answer: 0/2 (0%)" in text
    assert ("  complaint (answered by support): 1/3 (33%) by them; written by marketing 2, "
            "support 1") in text
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<h2>Who answers what</h2>" in page and "<td>marketing 2, support 1</td>" in page


def test_without_the_section_the_audit_says_nothing_of_it(tmp_path):
    write(tmp_path, {"brandvoice.yaml": "departments: [support]\n",
                     "export.jsonl": json.dumps({"id": "a", "department": "support",
                                                 "text": "Thanks!"}) + "\n"})
    data = json.loads(run(["audit", "export.jsonl", "--format", "json"], tmp_path).out)
    assert data["responsibilities"] is None
    assert "Who answers what" not in run(["audit", "export.jsonl"], tmp_path).out


def test_the_handbook_opens_with_who_answers_what(tmp_path):
    write(tmp_path, {"brandvoice.yaml": CONFIG})
    page = run(["rules", "--format", "markdown"], tmp_path).out
    assert "## Who answers what" in page
    assert ("- **Pre-purchase questions** (`pre-purchase`): answered by sales. A reply from "
            "anyone else must not be posted: hand it to sales.") in page
    assert "- **Praise** (`praise`): answered by marketing." in page


def test_init_writes_a_starter_that_checks_who_answers(tmp_path):
    assert run(["init"], tmp_path).code == 0
    config = (tmp_path / "brandvoice.yaml").read_text(encoding="utf-8")
    assert "responsibilities:" in config and "complaint: [support]" in config
    linter = Linter.from_config(tmp_path / "brandvoice.yaml")
    assert rules(linter.check("Sorry to hear that! DM us and we'll sort it.",
                              department="marketing", in_reply_to=LATE)) == \
        ["brandvoice.responsibility"]
    # the starter's default department (support) answers complaints
    assert "brandvoice.responsibility" not in rules(linter.check(
        "Sorry to hear that! DM us and we'll sort it.", in_reply_to=LATE))


def test_the_section_in_pyproject(tmp_path):
    write(tmp_path, {"pyproject.toml": '[tool.brandvoice]\ndepartments = ["support", '
                                       '"marketing"]\n\n[tool.brandvoice.responsibilities]\n'
                                       'complaint = ["support"]\nquestion = ["suport"]\n'})
    done = run(["check", "--text", "Thanks!", "--department", "marketing", "--context",
                "complaint"], tmp_path)
    assert done.code == 2
    assert done.err.startswith("pyproject.toml:6:13: unknown department 'suport' (did you "
                               "mean 'support'?)"), done.err
    write(tmp_path, {"pyproject.toml": '[tool.brandvoice]\ndepartments = ["support", '
                                       '"marketing"]\n\n[tool.brandvoice.responsibilities]\n'
                                       'complaint = ["support"]\n'})
    done = run(["check", "--text", "Thanks!", "--department", "marketing", "--context",
                "complaint"], tmp_path)
    assert done.code == 0 and "brandvoice.responsibility This draft answers a complaint" \
        in done.out


def test_editors_accept_the_short_forms(tmp_path):
    """The JSON Schema of the config (brandvoice schema config, which editors read) takes
    a list of departments, one department, or the block."""
    import jsonschema

    from brandvoice.schema import schema

    validator = jsonschema.Draft202012Validator(schema("config"))
    for value in (["support"], "support", {"answered_by": ["support"], "severity": "error"}):
        assert not list(validator.iter_errors({"responsibilities": {"complaint": value}}))
    for value in ([], {"answerd_by": ["support"]}, {"answered_by": ["support"],
                                                   "severity": "high"}):
        assert list(validator.iter_errors({"responsibilities": {"complaint": value}}))
