"""How well the buying-cycle stage is read from customers' messages (brandvoice.stage).

    python3 benchmarks/eval_stage.py --labels STAGES.jsonl [--replies R.jsonl] [-v]

STAGES.jsonl: one object per line, ``id`` (a reply of --replies, whose ``in_reply_to`` is
the customer's message) and ``stage`` (pre-purchase, purchase, post-purchase or none: the
message does not show one), labelled by a person reading the message. Prints, per stage,
precision (messages read as that stage that are) and recall (messages of that stage read
as it), and how many messages get a stage at all. With -v, every message read wrong.

The labelled messages are not part of the repository; --replies defaults to
../shared/data/replies/replies.jsonl next to it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from brandvoice.conversation import infer_context  # noqa: E402
from brandvoice.stage import STAGES  # noqa: E402

REPLIES = ROOT.parent / "shared" / "data" / "replies" / "replies.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--replies", type=Path, default=REPLIES)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    messages = {}
    with args.replies.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            messages[row["id"]] = row.get("in_reply_to") or ""
    pairs: Counter = Counter()
    wrong = []
    with args.labels.open(encoding="utf-8") as lines:
        for line in lines:
            label = json.loads(line)
            message = messages[label["id"]]
            stage = infer_context(message).stage
            read = stage.stage if stage else "none"
            pairs[label["stage"], read] += 1
            if read != label["stage"] and (read != "none" or args.verbose):
                wrong.append((label["id"], label["stage"], read, message))
    total = sum(pairs.values())
    read_any = sum(n for (_, read), n in pairs.items() if read != "none")
    right = sum(n for (gold, read), n in pairs.items() if read != "none" and read == gold)
    print(f"{total} labelled messages; a stage read for {read_any} ({read_any / total:.0%}), "
          f"{right} of them right (precision {right / max(1, read_any):.2f})")
    print(f"{'stage':<15}{'labelled':>9}{'read':>6}{'right':>7}{'precision':>11}{'recall':>8}")
    for stage in STAGES:
        labelled = sum(n for (gold, _), n in pairs.items() if gold == stage)
        read = sum(n for (_, r), n in pairs.items() if r == stage)
        hit = pairs[stage, stage]
        print(f"{stage:<15}{labelled:>9}{read:>6}{hit:>7}{hit / max(1, read):>11.2f}"
              f"{hit / max(1, labelled):>8.2f}")
    if wrong:
        print("\nRead wrong (id, labelled, read, message):" if args.verbose else
              "\nRead as another stage (id, labelled, read, message):")
        for id_, gold, read, message in wrong:
            print(f"  {id_}  {gold} -> {read}: {' '.join(message.split())[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
