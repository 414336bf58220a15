"""The benchmark script runs from a clone (its figures are read by people, not asserted:
docs/performance.md holds them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_and_reports_every_measure(tmp_path):
    corpus = tmp_path / "replies.jsonl"
    corpus.write_text("".join(json.dumps({"text": text}) + "\n" for text in [
        "Sorry about the wait, Sam! We guarantee a refund by Friday.",
        "Thanks for reaching out. Please send us a DM with your order number.",
        "You should have read the terms, guys. Call 202-555-0143.",
    ]), encoding="utf-8")
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick",
                           "--corpus", str(corpus), "--json", str(out)],
                          capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    sections = {row["section"] for row in rows}
    assert {"throughput, fast path", "throughput, statistical path", "rule count",
            "proselint, same drafts as files", "cold start (whole process, median)",
            "memory, 2,000 drafts streamed from JSONL",
            "--jobs, 1,000 drafts read from JSONL"} <= sections
    worst = {row["section"].split(" (")[0] for row in rows
             if row["section"].startswith("worst case")}
    assert worst == {"worst case, fast path", "worst case, statistical path"}
    ratios = [row for row in rows if row["section"].startswith("worst case")
              and row["unit"] == "x"]
    cases = {path: {row["measure"].rsplit(", ", 1)[0] for row in ratios
                    if row["section"].startswith(f"worst case, {path}")}
             for path in ("fast path", "statistical path")}
    # every adversarial draft (the repeating sequence one included) on both paths, once
    assert cases["fast path"] == cases["statistical path"]
    assert "'! ' * n then 'wow'" in cases["fast path"] and len(cases["fast path"]) >= 6
    assert len(ratios) == 2 * len(cases["fast path"])
    assert all(row["value"] > 0 for row in ratios)
    against = [row["measure"] for row in rows
               if row["section"] == "proselint, same drafts as files" and row["unit"] == "x"
               and "proselint's" in row["measure"] and row["target"] == "<= 1.0x"]
    assert len(against) == 2 and "readability and sentiment" in against[1]
    same = [row for row in rows if row["measure"] == "same results, same order"]
    assert same[0]["value"] == "yes"
    assert "drafts/s" in done.stdout and "fast path" in done.stdout


def test_the_serve_load_benchmark_runs(tmp_path):
    out = tmp_path / "load.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "serve_load.py"),
                           "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert [(row["clients"], row["requests"], row["errors"]) for row in rows] == [
        (1, 100, 0), (4, 100, 0)]
    assert all(0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"] for row in rows)
    assert "req/s" in done.stdout


def test_the_department_script_gives_an_export_the_audit_reads_by_department(tmp_path):
    """benchmarks/departments.py puts care-desk accounts under support and brands' own
    accounts under marketing; the audit of its output reports who answered what."""
    replies = tmp_path / "replies.jsonl"
    replies.write_text("".join(json.dumps(row) + "\n" for row in [
        {"id": "1", "author": "AmazonHelp", "text": "So sorry! DM us.",
         "in_reply_to": "My parcel never arrived, ridiculous"},
        {"id": "2", "author": "Delta", "text": "Sorry to hear that.",
         "in_reply_to": "My flight was cancelled and nobody helps"},
        {"id": "3", "author": "SpotifyCares", "text": "Glad you like it!",
         "in_reply_to": "Love the new playlist, great job"},
    ]), encoding="utf-8")
    export = tmp_path / "export.jsonl"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "departments.py"),
                           "--replies", str(replies), "-o", str(export)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "3 replies: 2 support, 1 marketing\n"
    (tmp_path / "brandvoice.yaml").write_text(
        "departments: [support, marketing]\nresponsibilities: {complaint: [support]}\n",
        encoding="utf-8")
    audit = subprocess.run([sys.executable, "-m", "brandvoice", "audit", str(export),
                            "--format", "json"], capture_output=True, text=True,
                           timeout=300, cwd=tmp_path)
    [complaints] = json.loads(audit.stdout)["responsibilities"]["contexts"]
    assert complaints["answered_by"] == {"support": 1, "marketing": 1}
    assert complaints["share"] == 0.5


def test_the_ceiling_report_says_what_the_labels_alone_allow(tmp_path):
    """benchmarks/eval_gold.py --ceiling ranks the labelled replies by verdict alone and
    gives the mean quality of the passed ones by kind of customer message."""
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(row) + "\n" for row in [
        {"id": "1", "customer": "praise", "verdict": "ok", "quality": 5, "issues": []},
        {"id": "2", "customer": "complaint", "verdict": "ok", "quality": 3, "issues": []},
        {"id": "3", "customer": "complaint", "verdict": "edit", "quality": 2, "issues": []},
        {"id": "4", "customer": "complaint", "verdict": "stop", "quality": 1, "issues": []},
    ]), encoding="utf-8")
    replies = tmp_path / "replies.jsonl"
    replies.write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_gold.py"),
                           "--ceiling", "--labels", str(labels), "--replies", str(replies)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # verdicts 2, 2, 1, 0 against qualities 5, 3, 2, 1: ties share their rank
    assert lines[0] == "Spearman of verdict alone (ok > edit > stop) with quality: 0.95 (4 replies)"
    assert "  complaint  3.00  (1 reply)" in lines and "  praise     5.00  (1 reply)" in lines


def test_a_second_reading_is_compared_with_the_labels_and_with_brandvoice(tmp_path):
    """benchmarks/eval_gold.py --second-reading: agreement of two readings of the same
    replies (share and Cohen's kappa), and each taken as a flagger against the labels,
    brandvoice beside it (the starter project with every pack)."""
    def jsonl(name: str, rows: list[dict]) -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        return path

    def label(key: str, verdict: str, quality: int) -> dict:
        issues = [] if verdict == "ok" else [
            {"category": "legal.promise", "quote": "x", "why": "y"}]
        return {"id": key, "customer": "none", "verdict": verdict, "quality": quality,
                "issues": issues}

    labels = jsonl("labels.jsonl", [label("1", "ok", 5), label("2", "edit", 2),
                                    label("3", "edit", 3), label("4", "ok", 4)])
    second = jsonl("second.jsonl", [label("1", "ok", 5), label("2", "edit", 2),
                                    label("3", "ok", 4), label("4", "edit", 3),
                                    label("5", "ok", 5)])  # not in the labels: left out
    replies = jsonl("replies.jsonl", [
        {"id": "1", "text": "Thanks for waiting, Sam!"},
        {"id": "2", "text": "We guarantee it will arrive tomorrow."},
        {"id": "3", "text": "Thanks for the photo, Sam!"},
        {"id": "4", "text": "Glad it arrived, Sam!"}])
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_gold.py"),
                           "--labels", str(labels), "--replies", str(replies),
                           "--second-reading", str(second)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    assert done.stdout.startswith("4 replies read twice")
    # each reading would change two replies; they agree on half, no better than chance
    assert ["would", "change", "(edit", "or", "stop)", "2", "2", "0.50", "0.00"] in lines
    assert ["legal.promise", "2", "2", "0.50", "0.00"] in lines
    assert ["quality,", "Spearman", "of", "the", "two", "readings:", "0.80"] in lines
    assert "  the second reading  precision 0.50 (1/2), recall 0.50 (1/2)" in \
        done.stdout.splitlines()
    # brandvoice flags the guarantee only
    assert "  brandvoice          precision 1.00 (1/1), recall 0.50 (1/2)" in \
        done.stdout.splitlines()


def test_a_second_reading_that_is_not_labels_is_said_with_its_line(tmp_path):
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "1", "customer": "none", "verdict": "ok",
                                  "quality": 4, "issues": []}) + "\n", encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text('{"id": "1", "customer": "none", "verdict": "maybe", "quality": 4, '
                      '"issues": []}\n', encoding="utf-8")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"id": "1", "text": "Thanks, Sam!"}) + "\n",
                       encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_gold.py"),
                           "--labels", str(labels), "--replies", str(replies),
                           "--second-reading", str(second)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"{second}:1:" in done.stderr and "'maybe' is not a verdict" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_challenge_sets_are_labels_with_their_replies():
    """benchmarks/challenge/: each set's labels read as `brandvoice eval` reads labels,
    every label has its reply and customer's message, and each issue's quote is words of
    the reply (or of the customer's message, for the two customer-side categories)."""
    from brandvoice.evaluation import read_labels

    folder = ROOT / "benchmarks" / "challenge"
    for name in ("dev", "held", "third", "dev2", "fourth", "dev3", "fifth", "dev4", "sixth",
                 "dev5", "dev6", "seventh", "dev7", "dev8"):
        labels = read_labels(folder / f"{name}-labels.jsonl")
        replies = {row["id"]: row for row in map(json.loads, (
            folder / f"{name}-replies.jsonl").read_text(encoding="utf-8").splitlines())}
        rows = [json.loads(line) for line in (folder / f"{name}-labels.jsonl")
                .read_text(encoding="utf-8").splitlines()]
        assert len(rows) == len(replies) and {row["id"] for row in rows} == set(replies)
        assert {label.verdict for label in labels.items} == {"ok", "edit", "stop"}
        for row in rows:
            reply = replies[row["id"]]
            assert reply["text"].strip() and reply["in_reply_to"].strip(), row["id"]
            for issue in row.get("issues", []):
                where = (reply["in_reply_to"] if issue["category"] in (
                    "privacy.thread-exposure", "care.sensitive-incident") else reply["text"])
                assert issue["quote"] in where, row["id"]
