"""brandvoice audit --engine spark against the one-process audit, on the same Parquet file.

The shared replies (../shared/data/replies/replies.jsonl) repeated to ROWS, spread over
five departments and 24 months, written as Parquet; then both engines audit it and the
JSON scorecards are compared. Prints the wall time of each and the peak resident memory
of each run's brandvoice process (the Python driver with Spark), for each
size, so that one sees whether the driver grows with the rows.

    python3 benchmarks/spark_audit.py --rows 20000 100000 [--jobs 2] [--master local[*]] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPLIES = ROOT.parent / "shared" / "data" / "replies" / "replies.jsonl"
DEPARTMENTS = ("support", "billing", "sales", "social", "retention")
RULEBOOKS = ("builtin:legal-claims", "builtin:privacy", "builtin:plain-language")


def make(path: Path, rows: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    replies = [json.loads(line) for line in REPLIES.read_text(encoding="utf-8").splitlines()]
    writer = None
    for start in range(0, rows, 50_000):
        batch = []
        for i in range(start, min(rows, start + 50_000)):
            reply = replies[i % len(replies)]
            month = i // len(replies) % 24
            batch.append({"id": f"b{i}", "department": DEPARTMENTS[i % len(DEPARTMENTS)],
                          "channel": reply.get("channel"), "author": reply.get("author"),
                          "created_at": f"{2024 + month // 12}-{month % 12 + 1:02d}-15T10:00:00Z",
                          "in_reply_to": reply.get("in_reply_to"), "text": reply["text"]})
        table = pa.Table.from_pylist(batch)
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    writer.close()


def timed(args: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak memory (MB) of the largest process, and the output."""
    code = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], "
            "capture_output=True, text=True); sys.stderr.write(p.stderr); print(resource."
            "getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(p.stdout, end='')")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True)
    seconds = time.perf_counter() - started
    peak, _, out = done.stdout.partition("\n")
    return seconds, int(peak) // 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--keep", type=Path, help="a folder to write both JSON scorecards to")
    options = parser.parse_args()
    command = [sys.executable, "-m", "brandvoice", "audit", "--format", "json",
               "--by", "department,month", *(a for r in RULEBOOKS for a in ("-r", r))]
    print("| rows | one process (--jobs %d) | peak MB | --engine spark | peak MB | same |"
          % options.jobs)
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for rows in options.rows:
            path = Path(folder) / f"replies-{rows}.parquet"
            make(path, rows)
            one = timed([*command, str(path), "--jobs", str(options.jobs)])
            spark = timed([*command, str(path), "--engine", "spark", "--master",
                           options.master])
            same = json.loads(one[2]) == json.loads(spark[2])
            if options.keep:
                options.keep.mkdir(parents=True, exist_ok=True)
                (options.keep / f"one-{rows}.json").write_text(one[2], encoding="utf-8")
                (options.keep / f"spark-{rows}.json").write_text(spark[2], encoding="utf-8")
            print(f"| {rows:,} | {one[0]:.0f} s | {one[1]} | {spark[0]:.0f} s | {spark[1]} "
                  f"| {'yes' if same else 'NO'} |", flush=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
