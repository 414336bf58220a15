"""The politeness measure (brandvoice.politeness): brandvoice's own TF-IDF and dot product
give what scikit-learn's model gives, so the weights shipped as data mean what the
training script fitted; the shipped model reads polite and rude replies apart and says
why."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from brandvoice.politeness import Model, features, politeness, read_politeness

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import train_politeness as training  # noqa: E402

#: A few requests with made-up scores: enough to fit a model whose words and strategies
#: all carry weight.
REQUESTS = [
    ("Thanks so much! Could you please have a look at this when you get a chance?", 2.0),
    ("Hi, sorry to bother you, would you mind checking my edit?", 1.8),
    ("Great work on the article. Could you add a source for the second claim?", 1.5),
    ("I think the date might be wrong; could you check it?", 1.0),
    ("Can you fix the link?", 0.2),
    ("Why did you revert my edit?", -0.8),
    ("You should read the rules before posting.", -1.2),
    ("This is a stupid question. Read the FAQ.", -2.0),
    ("So what? Actually it is your fault.", -1.6),
    ("Stop changing the page. Why would you do that?", -1.9),
]


def test_the_shipped_weights_predict_what_scikit_learn_predicts(tmp_path):
    pytest.importorskip("sklearn")  # the train extra, which .[dev] installs
    texts = [text for text, _ in REQUESTS] * 2  # every word in two requests: min_df=2
    targets = np.array([score for _, score in REQUESTS] * 2)
    values = np.array([features(text)[0] for text in texts])
    vectorizer, fitted, predict = training.fit(texts, values, targets)
    expected = predict(texts, values)
    data = training.export(vectorizer, fitted, expected, {"toy": {"requests": len(texts)}})
    model = Model(json.loads(json.dumps(data)))  # as read from the file
    ours = [model.predict(text)[0] for text in texts]
    assert np.allclose(ours, expected, atol=1e-3)
    unseen = ["Thanks, could you check the date?", "Read the rules, it is your fault."]
    assert np.allclose([model.predict(t)[0] for t in unseen],
                       predict(unseen, np.array([features(t)[0] for t in unseen])), atol=1e-3)
    # 0..1: the share of the training requests predicted less polite
    assert model.percentile(min(expected) - 1) == 0.0
    assert model.percentile(max(expected) + 1) == 1.0
    assert 0.4 <= model.percentile(float(np.median(expected))) <= 0.6


def test_the_shipped_model_reads_polite_and_rude_apart_and_says_why():
    assert politeness("Thanks so much for waiting, Sam! Could you DM us your order "
                      "number?") > 0.9
    assert politeness("This is a stupid question, you should read the docs.") < 0.1
    assert politeness("🎉 ") is None  # no words, no measure
    curt = read_politeness("Read the FAQ before you ask. Why would you do that?")
    assert curt.summary().startswith("reads as curt")
    assert "no thanks" in curt.summary()
    rude = read_politeness("This is a stupid question, you should read the docs.")
    assert rude.used[0].name == "insult" and rude.used[0].effect < 0
    kind = read_politeness("Thanks for asking! Could you tell us which page you're on?")
    assert [e.name for e in kind.used[:2]] == ["gratitude", "counterfactual"]
    assert kind.to_dict()["strategies"][0] == {
        "strategy": "gratitude", "label": "thanks", "words": "Thanks",
        "effect": round(Model.shipped().weights[0], 3)}


def test_an_explanation_quotes_the_words_as_the_draft_writes_them():
    # the model's words are split at apostrophes ("don't" is "don"); the explanation
    # quotes the draft's own spelling
    reading = read_politeness("Our drivers don't throw parcels.")
    quoted = [words for words, _ in reading.words]
    assert "don't" in quoted and "don" not in quoted
    assert "'don't'" in reading.summary()


def test_the_shipped_model_says_where_it_comes_from():
    about = Model.shipped().about
    assert "Stanford Politeness Corpus" in about["about"] and "Apache-2.0" in about["licence"]
    assert about["measured"]["wikipedia"]["auc"] >= 0.9


def test_the_training_script_says_what_it_needs(tmp_path):
    """Run without a corpus, it fails with a readable message, not a traceback."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_politeness.py"),
                           "--corpus", str(tmp_path), "--output", str(tmp_path / "m.json")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and not (tmp_path / "m.json").exists()
    assert "wikipedia.jsonl, stack-exchange.jsonl not found in" in done.stderr
    assert "Traceback" not in done.stderr
