"""`brandvoice check` over a folder of mixed draft files, as a whole process.

    python3 benchmarks/folder.py                          # 1,000 files of generated replies
    python3 benchmarks/folder.py --corpus replies.jsonl --files 1000

Writes a folder of .txt, .md (front matter, code, links) and .jsonl files (five entries
each) in nested folders, runs `brandvoice check FOLDER --format json` twice, and prints the
wall time, the drafts reported, and whether every draft was reported once and in the same
order both times.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import corpus  # noqa: E402

CONFIG = """rulebooks: ["builtin:*"]
defaults: {channel: twitter, department: support}
"""


def build(root: Path, texts: list[str], files: int) -> list[str]:
    """Write ``files`` draft files under ``root``; the expected draft ids, in file order."""
    (root / "brandvoice.yaml").write_text(CONFIG, encoding="utf-8")
    expected: dict[str, list[str]] = {}
    pick = iter(texts * (5 * files // max(len(texts), 1) + 1))
    for number in range(files):
        folder = root / "replies" / f"team{number % 7}" / f"week{number % 13:02}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = number % 3
        if kind == 0:
            path = folder / f"r{number:05}.txt"
            path.write_text(next(pick) + "\n", encoding="utf-8")
            ids = [path.relative_to(root).as_posix()]
        elif kind == 1:
            path = folder / f"r{number:05}.md"
            path.write_text(f"---\nid: md-{number}\ncontext: complaint\n---\n{next(pick)}\n\n"
                            "See `order --status` or [help](https://example.com/help).\n",
                            encoding="utf-8")
            ids = [f"md-{number}"]
        else:
            path = folder / f"r{number:05}.jsonl"
            ids = [f"j{number}-{k}" for k in range(5)]
            path.write_text("".join(json.dumps({"id": i, "text": next(pick)}) + "\n"
                                    for i in ids), encoding="utf-8")
        expected[path.relative_to(root).as_posix()] = ids
    return [i for key in sorted(expected) for i in expected[key]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL file with a 'text' field per line")
    parser.add_argument("--files", type=int, default=1000, help="number of files (1000)")
    args = parser.parse_args()
    texts = corpus(args.corpus, 5 * args.files)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        expected = build(root, texts, args.files)
        runs = []
        for _ in range(2):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "brandvoice", "check", "replies",
                                   "--format", "json"], cwd=root, capture_output=True)
            elapsed = time.perf_counter() - start
            if proc.returncode not in (0, 1):
                sys.exit(proc.stderr.decode())
            ids = [d["id"] for d in json.loads(proc.stdout)["drafts"]]
            runs.append((elapsed, ids))
    (first, ids), (second, again) = runs
    print(f"files: {args.files}   drafts expected: {len(expected)}   reported: {len(ids)}")
    print(f"wall time: {first:.2f} s, then {second:.2f} s")
    print(f"every draft once: {sorted(ids) == sorted(expected) and len(set(ids)) == len(ids)}")
    print(f"stable order (file names, then entries): {ids == again == expected}")


if __name__ == "__main__":
    main()
