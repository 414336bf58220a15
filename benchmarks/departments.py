"""Add a `department` column to an export of replies, from the account that posted each.

    python3 benchmarks/departments.py [--replies R.jsonl] [-o OUT.jsonl]
    brandvoice audit OUT.jsonl --by department      # who answered what

Brands answer on two kinds of account: a care desk (AmazonHelp, AppleSupport,
SpotifyCares, AskPlayStation, ArgosHelpers...) and the brand's own account (Delta,
ChipotleTweets, Tesco, British_Airways...), where the social and marketing team posts. An
account whose name says it is a desk (help, support, care, cares, assist, ask, service,
helpers) is put under `support`; any other under `marketing`. That is a rough stand-in for
the department column a helpdesk export has, enough to see the audit's responsibility KPI
on real replies; it is not a claim about who wrote each reply.

--replies defaults to ../shared/data/replies/replies.jsonl next to the repository (JSON
Lines with `author`, `text`, `in_reply_to`...). Writes JSON Lines to OUT (or stdout), each
row as read plus `department`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPLIES = ROOT.parent / "shared" / "data" / "replies" / "replies.jsonl"
#: What a care desk's account name says.
DESK = re.compile(r"help|support|cares?(?![a-z])|assist|^ask|service|helpers", re.IGNORECASE)


def department(account: str) -> str:
    return "support" if DESK.search(account or "") else "marketing"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=Path, default=REPLIES)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    rows = []
    with args.replies.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            row["department"] = department(row.get("author", ""))
            rows.append(json.dumps(row, ensure_ascii=False))
    text = "\n".join(rows) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    counts = Counter(json.loads(row)["department"] for row in rows)
    print(f"{len(rows)} replies: " + ", ".join(f"{n} {name}" for name, n in
                                               counts.most_common()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
