"""VADER sentiment (vaderSentiment), loaded once and shared by the sentiment measure
(:mod:`brandvoice.metrics`) and the politeness model (:mod:`brandvoice.politeness`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class Analyzer(SentimentIntensityAnalyzer):
        """VADER, with the same scores in time linear in the length of the text.

        VADER's negation and idiom checks lower-case the whole text's word list for every
        sentiment word, to look at the three words before it and two after: on a long
        draft that is quadratic. They are handed those words only (indices moved to
        match), so they see exactly what they look at.
        """

        @staticmethod
        def _negation_check(valence, words_and_emoticons, start_i, i):  # type: ignore
            low = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(
                valence, words_and_emoticons[low:i + 1], start_i, i - low)

        @staticmethod
        def _special_idioms_check(valence, words_and_emoticons, i):  # type: ignore
            low = max(0, i - 3)
            return SentimentIntensityAnalyzer._special_idioms_check(
                valence, words_and_emoticons[low:i + 3], i - low)

    return Analyzer()
