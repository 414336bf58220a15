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
