"""Throughput, rule-count scaling and cold start of brandvoice, printed as a table.

    python3 benchmarks/bench.py                       # generated drafts
    python3 benchmarks/bench.py --corpus replies.jsonl --n 10000 --json out.json

The corpus is a JSONL file with a "text" field per line (repeated to fill N).
Timings are wall-clock on this machine; run it on a quiet machine and compare ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("we you your order refund sorry wait team today please send us a message so can "
         "look into this for help account delivery arrive soon thanks again check details "
         "happy to update issue fixed price plan service guarantee promise best").split()


def generated(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 28))).capitalize() + "."
            for _ in range(n)]


def corpus(path: Path | None, n: int) -> list[str]:
    if path is None:
        return generated(n)
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return (texts * (n // len(texts) + 1))[:n]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL file with a 'text' field per line")
    parser.add_argument("--n", type=int, default=2000, help="number of drafts (default 2000)")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = parser.parse_args()

    from brandvoice import Linter
    from brandvoice.config import builtin_packs

    texts = corpus(args.corpus, args.n)
    words = sum(len(t.split()) for t in texts)
    rows: list[tuple[str, float, str]] = []

    packs = [f"builtin:{name}" for name in builtin_packs()]
    build = timed(lambda: Linter(rulebooks=packs))
    rows.append(("build Linter (all built-in packs)", build, "s"))
    linter = Linter(rulebooks=packs)
    linter.check_many(texts[:50])  # warm up
    floor = timed(lambda: list(linter.nlp.pipe(texts)))
    lint = timed(lambda: linter.check_many(texts))
    rows.append(("nlp.pipe alone (floor)", len(texts) / floor, "drafts/s"))
    rows.append(("check_many, all packs", len(texts) / lint, "drafts/s"))
    rows.append(("check_many, all packs", words / lint, "words/s"))
    rows.append(("ratio to the floor", lint / floor, "x"))
    first = linter.check_many(texts[:1])
    rows.append(("first metrics (loads textstat, CMU dict)", timed(lambda: first[0].metrics), "s"))
    results = linter.check_many(texts)
    metrics = timed(lambda: [r.metrics for r in results])
    rows.append(("metrics (readability, sentiment)", len(results) / metrics, "drafts/s"))

    sample = texts[:1000]
    rng = random.Random(3)
    for count in (10, 100, 1000, 10000):
        phrases = [f"{rng.choice(WORDS)} zq{i}" for i in range(count - 1)] + ["guarantee"]
        rules = [{"id": f"b.r{i}", "kind": "forbid", "phrases": [p]} for i, p in enumerate(phrases)]
        scaled = Linter(rulebooks=[{"rules": rules}])
        seconds = timed(lambda: scaled.check_many(sample))
        rows.append((f"{count:>5} forbid rules", 1e3 * seconds / len(sample), "ms/draft"))

    redos = Linter(rulebooks=[{"rules": [{"id": "b.redos", "kind": "pattern",
                                          "pattern": "(a+)+$"}]}])
    rows.append(("pattern (a+)+$ on 50,000 a's + '!'",
                 timed(lambda: redos.check("a" * 50_000 + "!")), "s"))

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "brandvoice.yaml").write_text("rulebooks: [builtin:legal-claims]\n")
        cmd = [sys.executable, "-m", "brandvoice", "check", "--text", "We guarantee it."]
        cold = min(timed(lambda: subprocess.run(cmd, cwd=folder, capture_output=True))
                   for _ in range(3))
        rows.append(("cold start: check --text (best of 3)", cold, "s"))

    print(f"{len(texts)} drafts, {words / len(texts):.1f} words each "
          f"({'corpus ' + str(args.corpus) if args.corpus else 'generated'})")
    for name, value, unit in rows:
        print(f"{name:<40} {value:>12,.2f} {unit}")
    if args.json:
        args.json.write_text(json.dumps(
            [{"measure": n, "value": round(v, 4), "unit": u} for n, v, u in rows], indent=2))


if __name__ == "__main__":
    main()
