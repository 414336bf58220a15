"""Politeness: how polite a reply reads to the person it answers, from 0 (rude) to 1 (very
polite), and which politeness strategies made it so.

The measure is a linear model over two kinds of features, trained on the Stanford
Politeness Corpus (Danescu-Niculescu-Mizil et al., ACL 2013; Apache-2.0) by
``scripts/train_politeness.py`` and shipped as data (``brandvoice/data/politeness.json``):

- the **strategies** of :data:`STRATEGIES`, which a person can read: gratitude, an apology,
  "please", a greeting, deference, hedges, indirect requests ("could you"), "we"; and
  against: a request opening with "please", a direct question, a bare command, "you
  should", blaming "you", factuality markers ("actually", "in fact"), sarcasm, insults;
  each is there or not (0 or 1), plus the share of positive and of negative words
  (VADER's lexicon);
- the **words** and pairs of words of the text, with "?", "!" and where each sentence
  starts (TF-IDF over the terms the training requests share, see :func:`terms`), which
  catch what the strategies do not name.

The model predicts how polite annotators would rate the text (their score standardised
within each community); :func:`politeness` gives the share of the training requests that
read less polite than that, so 0.5 is as polite as the median request of the corpus.
:func:`read_politeness` says which strategies carried the value, for ``--explain-tone``,
the JSON ``tone`` object and the message of ``persona.tone.politeness``.
Documented in docs/persona.md#politeness.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .vader import vader

#: Where the trained model is (inside the package, so the wheel ships it).
MODEL = ("brandvoice", "data/politeness.json")


@dataclass(frozen=True)
class Strategy:
    """One politeness strategy: its name, how a message says it, and what finds it."""

    name: str
    #: How an explanation names it ("thanks", "a bare command").
    label: str
    pattern: str
    #: Whether it counts only at the start of a sentence.
    opening: bool = False


#: The strategies, after the paper's (section 3) and what care teams ask of replies.
STRATEGIES: tuple[Strategy, ...] = (
    Strategy("gratitude", "thanks",
             r"thanks?|thank (?:you|u)|thx|appreciated?|appreciates|grateful"),
    Strategy("apology", "an apology",
             r"sorry|apologi[sz]e[sd]?|apolog(?:y|ies)|oops|woops|excuse me|forgive me|"
             r"my bad|i regret"),
    Strategy("please", "'please'", r"(?<!^)(?<![.!?]\s)please|pls|plz"),
    Strategy("please_start", "a request opening with 'please'", r"please", opening=True),
    Strategy("greeting", "a greeting",
             r"hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|greetings",
             opening=True),
    Strategy("deference", "a compliment first",
             r"great|good|nice|interesting|cool|excellent|awesome|wonderful|impressive|"
             r"fantastic|brilliant", opening=True),
    Strategy("hedge", "hedging ('I think', 'maybe')",
             r"i think|i believe|i guess|i suppose|i feel|maybe|perhaps|possibly|probably|"
             r"might|seems?|apparently|somewhat|sort of|kind of|i wonder|wondering|"
             r"suggest\w*|not sure|unsure|if possible|if you can|when you get a chance"),
    Strategy("counterfactual", "an indirect request ('could you')",
             r"(?:could|would) you|would it be possible|would you mind|do you mind"),
    Strategy("indicative", "a request ('can you')", r"(?:can|will) you"),
    Strategy("by_the_way", "'by the way'", r"by the way|btw"),
    Strategy("first_plural", "'we'", r"we|our|us|let's|ours|ourselves"),
    Strategy("first_person", "'I'", r"i|my|me|mine|myself|i'm|i've|i'd|i'll"),
    Strategy("first_start", "a sentence opening with 'I'", r"i|i'm|i've|i'd|i'll",
             opening=True),
    Strategy("second_person", "'you'", r"you|your|yours|yourself|u|ur"),
    Strategy("second_start", "a sentence opening with 'you'", r"you|your|u|ur",
             opening=True),
    Strategy("direct_question", "a direct question",
             r"what|why|who|how|where|when|which", opening=True),
    Strategy("direct_start", "a sentence opening with 'so', 'and' or 'but'",
             r"so|then|and|but|or", opening=True),
    Strategy("factuality", "insisting ('actually', 'in fact')",
             r"really|actually|honestly|surely|in fact|the point is|obviously|clearly|"
             r"of course|seriously"),
    Strategy("you_should", "telling them what they should do",
             r"you (?:should|must|need to|have to|ought to|better)|you'd better"),
    Strategy("command", "a bare command",
             r"do|don't|stop|read|look|go|fix|check|try|see|use|remove|give|tell|make|"
             r"explain|answer|add|put|show|provide|send|note|leave|get|delete|change",
             opening=True),
    Strategy("blame", "blaming 'you'",
             r"your fault|you (?:didn't|did not|failed|forgot|never|broke|messed|ignored|"
             r"misread|don't understand|clearly)"),
    Strategy("sarcasm", "sarcasm",
             r"yeah right|oh great|oh wonderful|thanks a lot|nice going|way to go|"
             r"good luck with that|as if|whatever|/s"),
    Strategy("insult", "an insult or a swear word",
             r"stupid|dumb|wtf|idiot\w*|nonsense|ridiculous|lazy|useless|crap|hell|damn\w*|"
             r"shut up|moron\w*|pathetic|ffs|stfu|bs|bullshit|sucks?|lame"),
    Strategy("question", "a question mark", r"\?"),
    Strategy("exclamation", "an exclamation mark", r"!"),
    Strategy("emphasis", "emphasis (CAPITALS, *stars*)", r"[A-Z]{4,}|\*\w[^*]*\*"),
)
#: The continuous features after the strategies: share of positive and negative words
#: (VADER's lexicon), and the length in words (up to 100, over 100).
LEXICON = ("positive_words", "negative_words", "length")
LEXICON_LABELS = {"positive_words": "positive words", "negative_words": "negative words",
                  "length": "its length"}
FEATURES = tuple(s.name for s in STRATEGIES) + LEXICON
#: The least part of a prediction (standard deviations) an explanation names.
NOTABLE = 0.1
#: What counts as a word for :func:`politeness` (a text without one has no measure).
TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: The tokens of the TF-IDF part: words (one letter too: "i", "u") and "?" and "!".
WORD = re.compile(r"(?u)\b\w+\b|[?!]")
#: The token that starts each sentence, so that "_s_ please" is a sentence opening with
#: "please" and "? _s_ why" a second question opening with "why".
START = "_s_"
_SPLIT = re.compile(r"(?<=[.!?\n])\s+|\n")
_SENTENCE = re.compile(r"(?:^|(?<=[.!?\n]))\s*")
_CASED = {"emphasis", "question", "exclamation"}


def terms(text: str) -> list[str]:
    """The terms of ``text`` for the TF-IDF part, lower case: each sentence's words after
    :data:`START`, and every pair of consecutive ones. The training script gives this
    function to scikit-learn as the analyzer, so both count the same terms."""
    tokens: list[str] = []
    for sentence in _SPLIT.split(text.lower()):
        words = WORD.findall(sentence)
        if words:
            tokens += [START, *words]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def _compile(strategy: Strategy) -> re.Pattern:
    flags = 0 if strategy.name in _CASED else re.IGNORECASE
    if strategy.name in ("question", "exclamation", "emphasis"):
        return re.compile(strategy.pattern, flags)
    body = r"(?<![\w'])(?:" + strategy.pattern + r")(?![\w'])"
    if strategy.opening:  # at the start of the text or of a sentence, after any @handles
        body = r"(?:^|(?<=[.!?\n]))[\s\"'(]*(?:@\w+[\s,:]*)*" + body
    return re.compile(body, flags | re.MULTILINE)


_PATTERNS = tuple((strategy, _compile(strategy)) for strategy in STRATEGIES)


def strategies(text: str) -> dict[str, str]:
    """The strategies ``text`` uses, each with the first words that show it."""
    text = text.replace("\u2019", "'")
    found: dict[str, str] = {}
    for strategy, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            found[strategy.name] = match[0].strip(" \t\n\"'(").strip()
    return found


def features(text: str) -> tuple[list[float], dict[str, str]]:
    """The strategy and lexicon features of ``text`` (in :data:`FEATURES` order), and the
    words that show each strategy used."""
    used = strategies(text)
    scores = vader().polarity_scores(text) if text.strip() else {"pos": 0.0, "neg": 0.0}
    words = len(text.split())
    values = [1.0 if s.name in used else 0.0 for s in STRATEGIES]
    values += [scores["pos"], scores["neg"], min(words, 100) / 100]
    return values, used


@dataclass(frozen=True)
class Effect:
    """What one strategy did to a text's politeness."""

    name: str
    label: str
    #: The words that show it ("" for a lexicon feature).
    words: str
    #: Its part of the model's prediction, in standard deviations of annotators' scores
    #: (positive: more polite).
    effect: float

    def to_dict(self) -> dict[str, Any]:
        return {"strategy": self.name, "label": self.label, "words": self.words,
                "effect": round(self.effect, 3)}


@dataclass(frozen=True)
class Reading:
    """A text's politeness and why: the strategies it uses, most telling first, and the
    polite ones it does not use (the model's heaviest)."""

    politeness: float
    used: tuple[Effect, ...]
    missing: tuple[str, ...]
    #: The words (and pairs) that moved the value most, with their part of it.
    words: tuple[tuple[str, float], ...] = ()

    def against(self) -> list[str]:
        """What made it less polite, most telling first: strategies, else words."""
        found = [e.label for e in self.used if e.effect <= -NOTABLE]
        return found or [f"'{word}'" for word, effect in self.words if effect <= -NOTABLE]

    def summary(self) -> str:
        """'reads as curt: a bare command; no thanks, an apology or hedging'."""
        if self.politeness >= 0.5:
            polite = [e.label for e in self.used if e.effect >= NOTABLE][:3] or \
                [f"'{word}'" for word, effect in self.words if effect >= NOTABLE][:3]
            return "reads as polite" + (f": {_listed(polite)}" if polite else "")
        against = self.against()[:2]
        parts = [_listed(against)] if against else []
        if self.missing:
            parts.append("no " + _listed(list(self.missing[:3]), "or"))
        return "reads as curt" + (": " + "; ".join(parts) if parts else "")

    def to_dict(self) -> dict[str, Any]:
        return {"politeness": self.politeness, "summary": self.summary(),
                "strategies": [e.to_dict() for e in self.used],
                "words": [{"words": w, "effect": round(e, 3)} for w, e in self.words],
                "missing": list(self.missing)}


def _listed(parts: list[str], word: str = "and") -> str:
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1] if len(parts) > 1 else \
        (parts[0] if parts else "")


class Model:
    """The trained model (see :mod:`brandvoice.politeness`)."""

    def __init__(self, data: dict[str, Any]):
        self.intercept = float(data["intercept"])
        self.weights = [float(data["features"][name]) for name in FEATURES]
        self.terms: dict[str, tuple[float, float]] = {
            term: (float(idf), float(weight)) for term, (idf, weight) in data["terms"].items()}
        self.quantiles: list[float] = [float(q) for q in data["quantiles"]]
        self.about = {k: v for k, v in data.items()
                      if k not in ("features", "terms", "quantiles", "intercept")}

    @classmethod
    @lru_cache(maxsize=1)
    def shipped(cls) -> "Model":
        package, name = MODEL
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        return cls(json.loads(text))

    def _words(self, text: str) -> tuple[float, dict[str, float]]:
        """The TF-IDF part of the prediction, and each term's share of it."""
        counts = Counter(terms(text))
        weighted: dict[str, tuple[float, float]] = {}
        norm = 0.0
        for term, count in counts.items():
            known = self.terms.get(term)
            if known is None:
                continue
            idf, weight = known
            value = (1.0 + math.log(count)) * idf
            norm += value * value
            weighted[term] = (value, weight)
        if not norm:
            return 0.0, {}
        norm = math.sqrt(norm)
        parts = {term: value / norm * weight for term, (value, weight) in weighted.items()}
        return sum(parts.values()), parts

    def predict(self, text: str) -> tuple[float, list[float], dict[str, str]]:
        """The predicted standardised score of ``text``, its features and strategies."""
        values, used = features(text)
        words, _ = self._words(text)
        score = self.intercept + words + sum(w * v for w, v in zip(self.weights, values))
        return score, values, used

    def percentile(self, score: float) -> float:
        """The share of the training requests predicted less polite than ``score``."""
        quantiles = self.quantiles
        index = bisect.bisect_left(quantiles, score)
        if index == 0:
            return 0.0
        if index >= len(quantiles):
            return 1.0
        low, high = quantiles[index - 1], quantiles[index]
        step = 1.0 / (len(quantiles) - 1)
        return round((index - 1 + (score - low) / (high - low or 1.0)) * step, 3)

    def read(self, text: str) -> Reading:
        score, values, used = self.predict(text)
        _, parts = self._words(text)
        named = [(term, part) for term, part in parts.items()
                 if TOKEN.search(term.replace(START, ""))]  # not "_s_" or "?" alone
        words = tuple((_surface(text, term), part) for term, part in
                      sorted(named, key=lambda item: -abs(item[1]))[:3])
        effects = []
        for strategy, weight, value in zip(FEATURES, self.weights, values):
            if strategy in used:
                label = next(s.label for s in STRATEGIES if s.name == strategy)
                effects.append(Effect(strategy, label, used[strategy], weight * value))
        effects.sort(key=lambda e: -abs(e.effect))
        polite = sorted(((w, s) for s, w in zip(STRATEGIES, self.weights)
                         if w > 0 and not s.opening and s.name not in used
                         and s.name not in ("first_person", "second_person", "question",
                                            "exclamation", "first_plural", "counterfactual",
                                            "indicative", "by_the_way")),
                        key=lambda pair: -pair[0])
        return Reading(self.percentile(score), tuple(effects),
                       tuple(s.label for _, s in polite[:3]), words)


def _surface(text: str, term: str) -> str:
    """``term`` (one or two of :func:`terms`'s lower-case words) as ``text`` writes it:
    "don" is "don't", "we re" is "we're", so that an explanation quotes the draft."""
    tokens = [token for token in term.split() if token != START] or [term]
    pattern = r"[\s\W]*".join(re.escape(token) + r"(?:['’]\w+)?" for token in tokens)
    found = re.search(r"(?<!\w)" + pattern + r"(?!\w)", text, re.IGNORECASE)
    return found[0] if found else term


def politeness(text: str) -> float | None:
    """0 (rude) .. 1 (very polite): the share of the corpus's requests that read less
    polite than ``text``; None for a text without words."""
    if not TOKEN.search(text):
        return None
    score, _, _ = Model.shipped().predict(text)
    return Model.shipped().percentile(score)


def read_politeness(text: str) -> Reading | None:
    """:func:`politeness` with the strategies that carried it; None without words."""
    if not TOKEN.search(text):
        return None
    return Model.shipped().read(text)
