"""Train the politeness model that brandvoice ships (brandvoice/data/politeness.json).

    python3 -m pip install -e ".[train]"     # scikit-learn, for this script only
    python3 scripts/train_politeness.py [--corpus DIR] [--output FILE] [--folds 5]

DIR holds the Stanford Politeness Corpus as JSON Lines, ``wikipedia.jsonl`` and
``stack-exchange.jsonl`` (``text`` and ``score``, the annotators' normalised mean; default
../shared/data/politeness next to the repository). The corpus is Apache-2.0
(Danescu-Niculescu-Mizil, Sudhof, Jurafsky, Leskovec and Potts, ACL 2013; the public
repository sudhof/politeness).

The model (see brandvoice/politeness.py): ridge regression of each request's score,
standardised within its community, on the strategies of brandvoice.politeness (0 or 1
each, plus the share of positive and negative words and the length) and on TF-IDF of the
terms of brandvoice.politeness.terms (words, "?" and "!", a mark of each sentence's start,
and pairs of them) at least two requests share (sublinear term frequency, l2 norm, as
scikit-learn computes them; brandvoice computes the same at run time without it).

Before fitting on every request, the script measures the model on requests it was not
trained on: k-fold cross-validation, each fold's model fitted on the other folds and
scored on the paper's task (the most polite quarter of a community's requests against the
least polite quarter, quartiles within each community), with VADER's compound score on the
same requests for comparison. It prints those AUCs and the strategies' weights, and writes
them into the model file (``measured``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from brandvoice.politeness import FEATURES, features, terms  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "politeness"
OUTPUT = ROOT / "brandvoice" / "data" / "politeness.json"
COMMUNITIES = {"wikipedia": "wikipedia.jsonl", "stack-exchange": "stack-exchange.jsonl"}
#: Ridge's regularisation (chosen by cross-validation over 0.5, 1, 2 and 4).
ALPHA = 2.0
#: Points of the distribution of predictions kept to turn a prediction into a share.
QUANTILES = 201


def load(folder: Path) -> list[dict]:
    import numpy as np

    rows = []
    for community, name in COMMUNITIES.items():
        with (folder / name).open(encoding="utf-8") as lines:
            part = [json.loads(line) for line in lines]
        scores = np.array([row["score"] for row in part])
        low, high = np.quantile(scores, [0.25, 0.75])
        for row, score in zip(part, scores):
            rows.append({"text": row["text"], "community": community,
                         "z": (score - scores.mean()) / scores.std(),
                         "quarter": 1 if score >= high else (0 if score <= low else None)})
    return rows


def fit(texts, strategy_values, targets):
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    vectorizer = TfidfVectorizer(analyzer=terms, min_df=2, sublinear_tf=True)
    matrix = hstack([vectorizer.fit_transform(texts), csr_matrix(strategy_values)]).tocsr()
    model = Ridge(alpha=ALPHA).fit(matrix, targets)

    def predict(new_texts, new_values):
        return model.predict(hstack([vectorizer.transform(new_texts),
                                     csr_matrix(new_values)]).tocsr())
    return vectorizer, model, predict


def auc(rows, predictions, community):
    from sklearn.metrics import roc_auc_score

    pairs = [(row["quarter"], p) for row, p in zip(rows, predictions)
             if row["community"] == community and row["quarter"] is not None]
    return roc_auc_score([q for q, _ in pairs], [p for _, p in pairs])


def export(vectorizer, model, predictions, measured: dict[str, dict]) -> dict[str, Any]:
    """The model file's data: what brandvoice.politeness.Model reads."""
    import numpy as np

    coefficients = model.coef_
    vocabulary = vectorizer.vocabulary_
    words = len(vocabulary)
    return {
        "about": "Politeness model of brandvoice (brandvoice/politeness.py), trained by "
                 "scripts/train_politeness.py on the Stanford Politeness Corpus "
                 "(Danescu-Niculescu-Mizil et al., ACL 2013; Apache-2.0).",
        "licence": "Apache-2.0 (the corpus it was trained on)",
        "trained": datetime.date.today().isoformat(),
        "trained_on": {community: figures["requests"]
                       for community, figures in measured.items()},
        "alpha": ALPHA,
        "measured": measured,
        "intercept": round(float(model.intercept_), 5),
        "features": {name: round(float(w), 5)
                     for name, w in zip(FEATURES, coefficients[words:])},
        "quantiles": [round(float(q), 5) for q in np.quantile(
            predictions, np.linspace(0, 1, QUANTILES))],
        "terms": {term: [round(float(vectorizer.idf_[index]), 5),
                         round(float(coefficients[index]), 5)]
                  for term, index in sorted(vocabulary.items())},
    }


def measure(corpus: Path, folds: int) -> tuple[list[dict], Any, Any, dict[str, dict]]:
    """The corpus's rows, their features and targets, and per community the AUC of the
    paper's task on requests not trained on (``folds``-fold), with VADER's beside it."""
    import numpy as np
    from sklearn.model_selection import KFold

    from brandvoice.metrics import sentiment

    rows = load(corpus)
    texts = [row["text"] for row in rows]
    values = np.array([features(text)[0] for text in texts])
    targets = np.array([row["z"] for row in rows])
    # requests never used for training: each fold predicted by a model of the others
    held_out = np.zeros(len(rows))
    for train, test in KFold(folds, shuffle=True, random_state=0).split(texts):
        _, _, predict = fit([texts[i] for i in train], values[train], targets[train])
        held_out[test] = predict([texts[i] for i in test], values[test])
    compound = [sentiment(text) for text in texts]
    measured = {community: {"requests": sum(row["community"] == community for row in rows),
                            "auc": round(auc(rows, held_out, community), 3),
                            "auc_vader": round(auc(rows, compound, community), 3)}
                for community in COMMUNITIES}
    return rows, values, targets, measured


def needs_train_extra(what: str) -> bool:
    """Whether scikit-learn is missing (said on stderr, with how to install it)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print(f"{what} needs scikit-learn: python3 -m pip install -e \".[train]\"",
              file=sys.stderr)
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if needs_train_extra("this script"):
        return 2
    missing = [name for name in COMMUNITIES.values() if not (args.corpus / name).is_file()]
    if missing:
        print(f"{', '.join(missing)} not found in {args.corpus}: give the folder of the "
              "corpus with --corpus", file=sys.stderr)
        return 2
    rows, values, targets, measured = measure(args.corpus, args.folds)
    texts = [row["text"] for row in rows]
    for community, figures in measured.items():
        print(f"{community}: AUC {figures['auc']:.3f} on requests not trained on "
              f"({args.folds}-fold), VADER {figures['auc_vader']:.3f}")

    vectorizer, model, predict = fit(texts, values, targets)
    data = export(vectorizer, model, predict(texts, values), measured)
    print("strategies, by weight (standard deviations of the annotators' score):")
    for name, weight in sorted(data["features"].items(), key=lambda item: -abs(item[1])):
        print(f"  {name:<16} {weight:+.3f}")
    words = len(data["terms"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                           encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes, {words:,} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
