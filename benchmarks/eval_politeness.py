"""How well politeness is measured (brandvoice.politeness), on the paper's task, and what it
costs per draft.

    python3 -m pip install -e ".[train]"          # scikit-learn
    python3 benchmarks/eval_politeness.py [--corpus DIR] [--folds 5] [--replies R.jsonl]

The task of Danescu-Niculescu-Mizil et al. (2013): tell the most polite quarter of a
community's requests (by the annotators' score) from the least polite quarter, as an AUC.
The model is trained as scripts/train_politeness.py trains the shipped one, but k-fold:
each request is scored by a model that never saw it. VADER's compound score is measured on
the same requests, side by side. Then the cost per draft of the shipped model, of its
explanation and of VADER, over the texts of --replies (real brand replies), warm.

DIR (default ../shared/data/politeness) holds wikipedia.jsonl and stack-exchange.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

REPLIES = ROOT.parent / "shared" / "data" / "replies" / "replies.jsonl"


def per_draft(function, texts: list[str]) -> float:
    """Milliseconds per text, the best of three passes."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return 1000 * best / len(texts)


def main(argv: list[str] | None = None) -> int:
    import train_politeness as training

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=training.CORPUS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--replies", type=Path, default=REPLIES)
    args = parser.parse_args(argv)
    if training.needs_train_extra("this benchmark"):
        return 2
    from brandvoice.metrics import sentiment
    from brandvoice.politeness import politeness, read_politeness

    _, _, _, measured = training.measure(args.corpus, args.folds)
    print(f"The paper's task (most against least polite quarter), AUC on requests not "
          f"trained on ({args.folds}-fold):")
    print(f"{'community':<16}{'requests':>9}{'politeness':>12}{'VADER':>8}")
    for community, figures in measured.items():
        print(f"{community:<16}{figures['requests']:>9,}{figures['auc']:>12.3f}"
              f"{figures['auc_vader']:>8.3f}")
    if args.replies.is_file():
        with args.replies.open(encoding="utf-8") as lines:
            replies = [json.loads(line)["text"] for line in lines]
        politeness("warm up")
        sentiment("warm up")
        print(f"\nCost per draft over {len(replies):,} real replies (warm, best of 3):")
        print(f"  politeness               {per_draft(politeness, replies):.3f} ms")
        print(f"  politeness, explained    {per_draft(read_politeness, replies):.3f} ms")
        print(f"  VADER sentiment          {per_draft(sentiment, replies):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
