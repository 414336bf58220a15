"""How well politeness is measured (brandvoice.politeness), on the paper's task, and what it
costs per draft.

    python3 -m pip install -e ".[train]"          # scikit-learn
    python3 benchmarks/eval_politeness.py [--corpus DIR] [--folds 5] [--replies R.jsonl]
                                          [--labels L.jsonl]

The task of Danescu-Niculescu-Mizil et al. (2013): tell the most polite quarter of a
community's requests (by the annotators' score) from the least polite quarter, as an AUC.
The model is trained as scripts/train_politeness.py trains the shipped one, but k-fold:
each request is scored by a model that never saw it. VADER's compound score is measured on
the same requests, side by side, and so is one annotator against the other four (the
quartiles of their mean): how far one person agrees with the rest. Then the cost per draft
of the shipped model, of its explanation and of VADER, over the texts of --replies (real
brand replies), warm; and, with --labels (reviewers' labels of some of those replies),
how politeness and VADER rank them against the reviewers' quality.

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
LABELS = ROOT.parent / "shared" / "data" / "gold" / "labels.jsonl"


def per_draft(function, texts: list[str]) -> float:
    """Milliseconds per text, the best of three passes."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return 1000 * best / len(texts)


def one_annotator(path: Path) -> float | None:
    """The AUC of one annotator's score on the paper's task set by the other four (the
    quartiles of their mean), averaged over the five places of a request's ``scores``: how
    far one person agrees with the rest, a reference for the model. None when the corpus
    has no annotators' scores."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line).get("scores") for line in lines]
    scores = np.array([row for row in rows if row and len(row) == 5], dtype=float)
    if not len(scores):
        return None
    aucs = []
    for one in range(5):
        others = np.delete(scores, one, axis=1).mean(axis=1)
        low, high = np.quantile(others, [0.25, 0.75])
        kept = (others <= low) | (others >= high)
        aucs.append(roc_auc_score(others[kept] >= high, scores[kept, one]))
    return float(np.mean(aucs))


def main(argv: list[str] | None = None) -> int:
    import train_politeness as training

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=training.CORPUS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--replies", type=Path, default=REPLIES)
    parser.add_argument("--labels", type=Path, default=LABELS,
                        help="reviewers' labels with quality (1-5) of some of --replies")
    args = parser.parse_args(argv)
    if training.needs_train_extra("this benchmark"):
        return 2
    from brandvoice.metrics import sentiment
    from brandvoice.politeness import politeness, read_politeness

    _, _, _, measured = training.measure(args.corpus, args.folds)
    print(f"The paper's task (most against least polite quarter), AUC on requests not "
          f"trained on ({args.folds}-fold):")
    print(f"{'community':<16}{'requests':>9}{'politeness':>12}{'VADER':>8}"
          f"{'one annotator':>15}")
    for community, figures in measured.items():
        human = one_annotator(args.corpus / training.COMMUNITIES[community])
        print(f"{community:<16}{figures['requests']:>9,}{figures['auc']:>12.3f}"
              f"{figures['auc_vader']:>8.3f}" + (f"{human:>15.3f}" if human else f"{'-':>15}"))
    if args.replies.is_file() and args.labels.is_file():
        from brandvoice.evaluation import spearman

        with args.labels.open(encoding="utf-8") as lines:
            quality = {str(row["id"]): row["quality"] for row in map(json.loads, lines)
                       if row.get("quality") is not None}
        with args.replies.open(encoding="utf-8") as lines:
            rated = [(row["text"], quality[str(row["id"])]) for row in map(json.loads, lines)
                     if str(row["id"]) in quality]
        marks = [mark for _, mark in rated]
        print(f"\nRank correlation (Spearman) with reviewers' quality, {len(rated):,} labelled "
              f"real replies:")
        print(f"  politeness               "
              f"{spearman([politeness(text) for text, _ in rated], marks):.2f}")
        print(f"  VADER sentiment          "
              f"{spearman([sentiment(text) for text, _ in rated], marks):.2f}")
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
