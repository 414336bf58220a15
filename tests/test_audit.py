"""brandvoice audit: scorecards of an export the test writes, checked against the same
replies checked one by one with the library."""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter
from datetime import datetime, timezone

import pytest

from brandvoice import Linter
from brandvoice.audit import WORKER_BATCH, parse_date, run_audit
from brandvoice.drafts import read_file

from .conftest import run, write

PERSONA = """
name: Acme Care
tone:
  sentiment: {min: 0.1}
readability:
  max_grade: 6
channels:
  twitter: {max_length: 280}
  email: {max_length: 5000}
"""
RULES = """
owner: legal
rules:
  - id: legal.no-guarantees
    kind: forbid
    severity: error
    phrases: [guarantee]
  - id: hr.no-guys
    kind: forbid
    owner: hr
    phrases: [guys]
"""
ROWS = [
    # id, department, channel, created_at, text
    ("r1", "support", "twitter", "2026-01-05T10:00:00Z", "Thanks for waiting, guys! We're on it."),
    ("r2", "support", "twitter", "Tue Jan 06 09:00:00 +0000 2026", "We guarantee a refund."),
    ("r3", "support", "email", "2026-02-01 08:30:00", "Sorry about that. We'll fix it today."),
    ("r4", "marketing", "twitter", "2026-02-11", "Hey guys, we guarantee the best prices!"),
    ("r5", "marketing", "twitter", "1767225600", "Our new plan is here. Have a look."),
    ("r6", "marketing", "myspace", "yesterday", "Hello guys, great to see you."),
    ("r7", "marketing", "twitter", "2026-02-12", ""),
]


@pytest.fixture
def export(tmp_path):
    write(tmp_path, {"persona.yaml": PERSONA, "rules.yaml": RULES,
                     "brandvoice.yaml": "persona: persona.yaml\nrulebooks: [rules.yaml]\n"
                                        "departments: [support, marketing]\n"})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "department", "channel", "created_at", "text"])
    writer.writerows(ROWS)
    (tmp_path / "export.csv").write_text(out.getvalue(), encoding="utf-8")
    return tmp_path


def direct(tmp_path):
    """The same replies checked with the library, one by one."""
    linter = Linter.from_config(tmp_path / "brandvoice.yaml")
    known = set(linter.names.known("channel"))
    # a channel the project does not know is refused here; the audit lists it as a bad
    # row and checks the reply as one without a channel (no rule is scoped by channel)
    return {row[0]: linter.check(row[4], id=row[0], department=row[1],
                                 channel=row[2] if row[2] in known else None)
            for row in ROWS if row[4]}


def test_scorecards_equal_a_direct_computation(export):
    linter = Linter.from_config(export / "brandvoice.yaml")
    audit = run_audit(linter, read_file(export / "export.csv"), by=["department"])
    results = direct(export)
    for department in ("support", "marketing"):
        ids = [row[0] for row in ROWS if row[1] == department and row[4]]
        mine = [results[i] for i in ids]
        card = audit.groups[(department,)].to_dict()
        assert card["replies"] == len(mine)
        assert card["passed"] == sum(r.passed for r in mine)
        assert card["score"]["mean"] == round(statistics.fmean(r.score for r in mine), 3)
        assert card["score"]["median"] == round(statistics.median(r.score for r in mine), 3)
        rules = Counter(f.rule for r in mine for f in r.findings)
        assert card["findings_by_rule_per_100"] == {
            rule: round(100 * n / len(mine), 1) for rule, n in rules.most_common()}
        owners = Counter(f.owner or "unowned" for r in mine for f in r.findings)
        assert card["findings_by_owner_per_100"] == {
            owner: round(100 * n / len(mine), 1) for owner, n in sorted(owners.items())}
        sentiments = [r.metrics["sentiment"] for r in mine]
        assert card["sentiment"]["mean"] == round(statistics.fmean(sentiments), 3)
        top = card["top_rules"][0]
        assert top["rule"] == rules.most_common(1)[0][0]
        assert len(top["examples"]) <= 2 and "text" not in top["examples"][0]
    assert audit.overall.replies == 6  # r7 has no text: a bad row, not a reply


def test_bad_rows_are_counted_and_listed_never_fatal(export):
    linter = Linter.from_config(export / "brandvoice.yaml")
    audit = run_audit(linter, read_file(export / "export.csv"), by=["month"])
    problems = [(row.id, row.problem) for row in audit.bad_rows]
    assert ("r6", "date not understood: 'yesterday'") in problems
    assert ("r6", "unknown channel: 'myspace'") in problems
    assert [problem for id, problem in problems if id == "r7"] == [
        "this draft is empty: there is no text to check"]
    assert audit.problems == {"date not understood": 1, "unknown channel": 1,
                              "this draft is empty": 1}
    months = {key[0]: card.replies for key, card in audit.groups.items()}
    assert months == {"2026-01": 3, "2026-02": 2, "unknown": 1}  # 1767225600 = 2026-01-01


def test_months_before_the_year_1000_sort_in_time_order(tmp_path):
    export = tmp_path / "old.jsonl"
    export.write_text("".join(
        f'{{"id": "{n}", "text": "Thanks, we are on it.", "created_at": "{date}"}}\n'
        for n, date in enumerate(["2020-01-05", "0999-12-01", "0005-03-02", "0999-02-11"])))
    audit = run_audit(Linter(), read_file(export), by=["month"])
    assert list(audit.months) == ["0005-03", "0999-02", "0999-12", "2020-01"]


def test_consistency_measures_distance_from_targets_and_from_everyone(export):
    linter = Linter.from_config(export / "brandvoice.yaml")
    audit = run_audit(linter, read_file(export / "export.csv"), by=["department"])
    results = direct(export)
    everyone = statistics.fmean(r.metrics["sentiment"] for r in results.values())
    rows = {row["department"]: row for row in audit.consistency}
    for department in ("support", "marketing"):
        mine = [results[row[0]] for row in ROWS if row[1] == department and row[4]]
        mean = round(statistics.fmean(r.metrics["sentiment"] for r in mine), 3)
        sentiment = rows[department]["sentiment"]
        assert sentiment["mean"] == mean
        assert sentiment["outside_target"] == (round(0.1 - mean, 3) if mean < 0.1 else 0.0)
        assert sentiment["from_all_replies"] == round(mean - round(everyone, 3), 3)
        grade = rows[department]["flesch_kincaid_grade"]
        assert grade["outside_target"] is not None  # max_grade 6 is a target


def test_parse_date_reads_common_export_formats():
    utc = timezone.utc
    assert parse_date("2026-01-05T10:00:00Z") == datetime(2026, 1, 5, 10, tzinfo=utc)
    assert parse_date("Tue Oct 31 22:10:47 +0000 2017") == datetime(2017, 10, 31, 22, 10, 47,
                                                                    tzinfo=utc)
    assert parse_date("1509487847") == datetime(2017, 10, 31, 22, 10, 47, tzinfo=utc)
    assert parse_date("1509487847000") == datetime(2017, 10, 31, 22, 10, 47, tzinfo=utc)
    assert parse_date("Oct 31, 2017 10:10 PM") == datetime(2017, 10, 31, 22, 10)
    assert parse_date("31/10/2017") is None  # day or month first? not guessed
    assert parse_date("") is None and parse_date(None) is None


def test_cli_formats_and_grouping(export):
    done = run(["audit", "export.csv", "--by", "department,channel", "--format", "json"],
               cwd=export)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    keys = {(g["department"], g["channel"]) for g in data["groups"]}
    assert ("support", "email") in keys and ("marketing", "myspace") in keys
    assert data["bad_rows"]["count"] == 3
    table = run(["audit", "export.csv", "--format", "csv"], cwd=export)
    rows = list(csv.DictReader(io.StringIO(table.out)))
    assert [r["department"] for r in rows] == ["marketing", "support", "all"]
    assert rows[-1]["replies"] == "6"
    text = run(["audit", "export.csv", "--show-text", "--format", "json"], cwd=export)
    examples = json.loads(text.out)["overall"]["top_rules"][0]["examples"]
    assert all("text" in example for example in examples)
    wrong = run(["audit", "export.csv", "--by", "weekday"], cwd=export)
    assert wrong.code == 2 and "cannot group by 'weekday'" in wrong.err


def test_jobs_give_the_same_audit(export):
    """With --jobs each worker audits batches of rows and the partial audits are merged:
    the same JSON, byte for byte, over several batches with rows of every sort (dates that
    are not dates, empty replies, customers' messages left unanswered, contexts read from
    the customer's message, response times, the same reply sent to many customers)."""
    lines = []
    for i, row in enumerate(ROWS * 200):
        entry = {"id": f"x{i}", "department": ["support", "marketing", "sales"][i % 3],
                 "created_at": row[3] if i % 50 == 0 else f"2026-0{1 + i % 3}-01T10:00:00Z",
                 "text": row[4], "customer": f"c{i % 40}"}
        if i % 4 == 0:
            entry["in_reply_to"] = ["My order is late again!", "Love the new app.",
                                    "Where is my refund?"][i % 3]
            entry["in_reply_to_created_at"] = f"2026-0{1 + i % 3}-01T0{i % 10}:00:00Z"
        if i % 25 == 0:
            entry["text"] = ""  # a customer's message nobody answered
        lines.append(json.dumps(entry))
    (export / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["audit", "big.jsonl", "--by", "department,month", "--format", "json",
            "--show-text"]
    one = run(args, cwd=export)
    two = run([*args, "--jobs", "2"], cwd=export)
    assert one.code == two.code == 0, two.err
    assert one.out == two.out
    data = json.loads(one.out)
    assert data["overall"]["replies"] > WORKER_BATCH * 2  # several batches per worker
    overall = data["overall"]
    assert data["bad_rows"]["count"] > 0 and overall["unanswered"]["share"] > 0
    assert overall["response_time"]["median_seconds"] is not None and overall["canned"]["replies"]


def _project(folder, persona: str) -> None:
    write(folder, {"persona.yaml": persona, "rules.yaml": RULES,
                   "brandvoice.yaml": "persona: persona.yaml\nrulebooks: [rules.yaml]\n"
                                      "defaults: {department: support}\n"})


def test_persona_findings_count_under_the_persona_owner(tmp_path):
    _project(tmp_path, "name: Acme Care\nowner: care\nstyle: {shouting: false}\n")
    (tmp_path / "export.jsonl").write_text(
        '{"id": "a", "department": "support", "text": "We are ON THE CASE, guys."}\n',
        encoding="utf-8")
    done = run(["audit", "export.jsonl", "--format", "json"], cwd=tmp_path)
    assert done.code == 0, done.err
    owners = json.loads(done.out)["overall"]["findings_by_owner_per_100"]
    assert owners == {"care": 100.0, "hr": 100.0}  # ON THE CASE; guys (hr); none unowned
    # without the key, persona checks belong to "brand"
    _project(tmp_path, "name: Acme Care\nstyle: {shouting: false}\n")
    done = run(["audit", "export.jsonl", "--format", "json"], cwd=tmp_path)
    assert json.loads(done.out)["overall"]["findings_by_owner_per_100"] == {
        "brand": 100.0, "hr": 100.0}


def test_persona_owner_is_checked_like_other_keys(tmp_path):
    _project(tmp_path, "name: Acme Care\nowner: [care]\n")
    done = run(["audit", "x.jsonl"], cwd=tmp_path)
    assert done.code == 2
    assert "persona.yaml:2:8: 'owner' should be text, not a list" in done.err
    _project(tmp_path, "name: Acme Care\nowners: care\n")
    done = run(["audit", "x.jsonl"], cwd=tmp_path)
    assert done.code == 2
    assert "persona.yaml:2:1: unknown key 'owners' (did you mean 'owner'?)" in done.err


def test_by_department_without_the_field_is_not_the_config_default(tmp_path):
    _project(tmp_path, "name: Acme Care\n")
    (tmp_path / "export.csv").write_text(
        "id,channel,text\nr1,twitter,Thanks for waiting.\nr2,email,Sorry about that.\n",
        encoding="utf-8")
    done = run(["audit", "export.csv", "--format", "csv"], cwd=tmp_path)
    assert done.code == 0, done.err
    assert [row.split(",")[0] for row in done.out.splitlines()] == [
        "department", "not given", "all"]
    text = run(["audit", "export.csv"], cwd=tmp_path).out
    assert "support" not in text.split("\n\n")[0]  # no group invented from the default
    assert ("2 replies of the export give no department: grouped as 'not given' (checked "
            "with the config's default, 'support').") in text
    data = json.loads(run(["audit", "export.csv", "-f", "json"], cwd=tmp_path).out)
    assert data["not_given"] == {"department": {"replies": 2, "checked_with": "support"}}
    # grouped by channel, which every row gives: nothing to say
    by_channel = json.loads(run(["audit", "export.csv", "--by", "channel", "-f", "json"],
                                cwd=tmp_path).out)
    assert by_channel["not_given"] == {}
    assert [g["channel"] for g in by_channel["groups"]] == ["email", "twitter"]


def test_groups_are_sorted_without_regard_to_case(tmp_path):
    _project(tmp_path, "name: Acme Care\n")
    rows = [("r1", "billing"), ("r2", "Care"), ("r3", "Billing"), ("r4", ""), ("r5", "care"),
            ("r6", "Accounts")]
    (tmp_path / "export.csv").write_text(
        "id,department,text\n" + "".join(f"{i},{d},Thanks for waiting.\n" for i, d in rows),
        encoding="utf-8")
    done = run(["audit", "export.csv", "--format", "csv"], cwd=tmp_path)
    assert [row.split(",")[0] for row in done.out.splitlines()] == [
        "department", "Accounts", "Billing", "billing", "Care", "care", "not given", "all"]
    text = run(["audit", "export.csv"], cwd=tmp_path).out
    assert [line.split()[0] for line in text.splitlines()[1:8]] == [
        "Accounts", "Billing", "billing", "Care", "care", "not", "all"]


def test_mapped_columns_and_parquet_give_the_same_audit(export):
    """The same replies with other column names, in CSV and in Parquet, audited with a
    column mapping: the scorecards of the original export."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow (the spark extra) is not installed")
    import pyarrow.parquet as pq

    renamed = ["ticket", "team", "where", "sent", "body"]
    table = pa.table({name: [row[i] for row in ROWS] for i, name in enumerate(renamed)})
    pq.write_table(table, export / "export.parquet")
    out = io.StringIO()
    csv.writer(out).writerows([renamed, *ROWS])
    (export / "renamed.csv").write_text(out.getvalue(), encoding="utf-8")
    mapping = ["--id-column", "ticket", "--department-column", "team", "--channel-column",
               "where", "--date-column", "sent", "--text-column", "body"]
    original = run(["audit", "export.csv", "--by", "department,month", "-f", "json"],
                   cwd=export)
    assert original.code == 0, original.err
    for name in ("renamed.csv", "export.parquet"):
        mapped = run(["audit", name, "--by", "department,month", "-f", "json", *mapping],
                     cwd=export)
        assert mapped.code == 0, mapped.err
        assert mapped.out == original.out.replace('"export.csv"', f'"{name}"'), name


def test_a_missing_column_is_named_and_nothing_is_checked(export):
    done = run(["audit", "export.csv", "--text-column", "body"], cwd=export)
    assert (done.code, done.out) == (2, "")
    assert done.err == ("brandvoice: export.csv has no column 'body' (given with "
                        "--text-column); its columns are: id, department, channel, "
                        "created_at, text\n")
    done = run(["audit", "export.csv", "--master", "local[2]"], cwd=export)
    assert done.code == 2 and "--master is for --engine spark" in done.err
