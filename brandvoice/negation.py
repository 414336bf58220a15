"""Negation and hedges: which places of a draft a "not" or a "we hope" has in its scope.

"We can't guarantee it will arrive by Friday" is the disclaimer legal asks for, not a
guarantee; "We hope this won't happen again" is a hope, not a promise. A rule with
``unless: [negated]`` or ``unless: [hedged]`` (see docs/rulebooks.md) does not report a
match that such a word has in its scope. The draft is read once, on the tokens of the
default pipeline (a blank English pipeline with a sentencizer and lookup lemmas: no
parser, no statistical model), the first time a check asks (:attr:`DraftContext.negation`).

A match is in the scope of a *cue* when the cue comes before it, in the same clause, at
most :data:`WINDOW` tokens before its first word:

- *negated*: a negator (:data:`NEGATORS`: not, n't, never, no, cannot, unable, without,
  nothing ...). "No worries", "don't worry", "don't hesitate", "can't wait", "not only",
  "not a problem" and the like (:data:`NOT_NEGATING`) negate nothing that follows.
- *hedged*: a hope or a wish (:data:`HEDGES`: hope, hopefully, wish).

A clause ends at punctuation (, ; : . ! ? brackets, quotes, a dash between spaces), a line
break, an emoji, the start of a sentence, or a conjunction that turns the sentence
(:data:`TURNS`: but, although, however ...): in "We can't refund it, but we guarantee
delivery" the "guarantee" is said. A new subject ends the scope too ("Don't worry we
guarantee it", "If you're not happy you'll get a guaranteed refund"): I, we, they, he, she,
and you, it, this, that or there before a verb such as will, 's or can; except after a word
that takes a whole clause as its object (:data:`CLAUSE_TAKING`: say, promise, guarantee,
sure, know, way, hope ...), which carries the cue over it ("We can't promise it will
definitely arrive").

Only what comes before a match is read: "Guaranteed? No." is a guarantee.
"""

from __future__ import annotations

import bisect
from functools import cached_property
from typing import Any, Iterable

#: How many tokens before a match's first word a cue may be ("We are not able to say
#: that it will definitely ...": "not" is 7 tokens before "it").
WINDOW = 8

#: Words that negate what follows them in their clause (lower case, as spaCy splits
#: them: "can't" is "ca" + "n't", "cannot" "can" + "not", "dont" "do" + "nt").
NEGATORS = frozenset({
    "not", "n't", "n’t", "nt", "never", "no", "cannot", "nothing", "none", "nobody",
    "nowhere", "neither", "nor", "without", "unable", "impossible",
})

#: Words that hedge what follows them into a hope or a wish (lemmas).
HEDGES = frozenset({"hope", "hopefully", "wish"})

#: A negator followed by one of these (lemmas; after "a" or "to" too: "not a problem",
#: "not to worry") is a set phrase that negates nothing after it.
NOT_NEGATING = frozenset({
    "worry", "hesitate", "wait", "fear", "forget", "miss", "mind", "problem", "prob", "probs",
    "doubt", "matter", "wonder", "rush", "hassle", "fuss", "trouble", "biggie", "only",
    "just", "kid", "kidding", "joke", "question",
})

#: Conjunctions that start a clause of their own.
TURNS = frozenset({"but", "although", "though", "however", "whereas", "instead",
                   "otherwise", "except"})

#: Punctuation that ends a clause (a token made only of these characters).
CLAUSE_PUNCTUATION = frozenset(",;:.!?()[]{}…\"“”—–")

#: Subjects that always start a clause of their own (they are never objects).
SUBJECTS = frozenset({"i", "we", "they", "he", "she"})
#: Words that start a clause when a verb such as these follows them ("it will", "you'll").
MAYBE_SUBJECTS = frozenset({"you", "it", "this", "that", "there", "everything", "everyone"})
VERBS_AFTER_SUBJECT = frozenset({
    "will", "'ll", "’ll", "wo", "would", "'d", "’d", "shall", "should", "can", "ca", "could",
    "may", "might", "must", "is", "'s", "’s", "are", "'re", "’re", "was", "were", "has",
    "have", "'ve", "’ve", "had", "do", "does", "did", "get", "gets", "got",
})

#: Words whose object can be a whole clause: a negation or a hedge before one of them
#: reaches over the new subject that follows ("can't say it will", "hope this won't").
CLAUSE_TAKING = frozenset({
    "say", "tell", "promise", "guarantee", "know", "confirm", "ensure", "assure", "commit",
    "predict", "expect", "think", "believe", "sure", "certain", "way", "possible", "mean",
    "claim", "swear", "state", "foresee", "hope", "hopefully", "wish",
})

def _emoji(text: str) -> bool:
    from .text import _emoji_characters

    return not text.isascii() and any(ch in _emoji_characters() for ch in text)


class Negations:
    """The negations and hedges of one parsed draft, read once; ask :meth:`covers`."""

    def __init__(self, doc: Any):
        self.doc = doc
        self._starts = [token.idx for token in doc]

    @cached_property
    def _tokens(self) -> tuple[list[int], list[str | None], list[bool], list[bool]]:
        """Per token: where its clause starts, the cue it is (None, 'negated' or
        'hedged'), whether it starts a new subject, and whether it takes a clause."""
        doc = self.doc
        lowers = [token.lower_ for token in doc]
        lemmas = [token.lemma_.lower() for token in doc]
        count = len(lowers)
        clause: list[int] = []
        cues: list[str | None] = []
        subjects: list[bool] = []
        opens: list[bool] = []
        start = 0
        for i, token in enumerate(doc):
            lower = lowers[i]
            if self._ends_clause(token, lower, i):
                start = i + 1
            elif token.is_sent_start and i:
                start = i
            clause.append(start)
            nxt = lowers[i + 1] if i + 1 < count else ""
            cue = None
            if lower in NEGATORS or lower.endswith(("n't", "n’t")):
                after = i + 1
                if after < count and lowers[after] in ("a", "to"):
                    after += 1
                if after >= count or lemmas[after] not in NOT_NEGATING:
                    cue = "negated"
            elif lemmas[i] in HEDGES or lower in HEDGES:
                cue = "hedged"
            cues.append(cue)
            subjects.append(lower in SUBJECTS or (lower in MAYBE_SUBJECTS
                                                  and nxt in VERBS_AFTER_SUBJECT))
            opens.append(lemmas[i] in CLAUSE_TAKING or lower in CLAUSE_TAKING)
        return clause, cues, subjects, opens

    @staticmethod
    def _ends_clause(token: Any, lower: str, i: int) -> bool:
        text = token.text
        if token.is_space:
            return "\n" in text or "\r" in text
        if lower in TURNS:
            return True
        if all(ch in CLAUSE_PUNCTUATION for ch in text):
            return True
        if set(text) <= {"-"} and i and token.doc[i - 1].whitespace_:
            return True  # " - " between clauses; not the hyphen of "risk-free"
        return _emoji(text)

    def token_at(self, offset: int) -> int:
        """The index of the token at (or last before) character ``offset``."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def cues(self, offset: int) -> set[str]:
        """What has the place at character ``offset`` in its scope: a subset of
        {'negated', 'hedged'}."""
        if not self._starts:
            return set()
        clause, cues, subjects, opens = self._tokens
        i = self.token_at(offset)
        token = self.doc[i]
        if offset >= token.idx + len(token) and i + 1 < len(self._starts):
            i += 1  # a match that starts in the white space after a token
        found: set[str] = set()
        for j in range(i - 1, max(clause[i], i - WINDOW) - 1, -1):
            kind = cues[j]
            if kind is None or kind in found:
                continue
            if self._reaches(j, i, subjects, opens):
                found.add(kind)
        return found

    @staticmethod
    def _reaches(cue: int, target: int, subjects: list[bool], opens: list[bool]) -> bool:
        """Whether the cue at token ``cue`` reaches token ``target``: no new subject
        between them, unless a word that takes a clause comes first."""
        carried = opens[cue]
        for k in range(cue + 1, target):
            if subjects[k] and not carried:
                return False
            carried = carried or opens[k]
        return True

    def covers(self, offset: int, kinds: Iterable[str]) -> bool:
        """Whether the place at character ``offset`` is in the scope of any of ``kinds``."""
        wanted = set(kinds)
        return bool(wanted) and not wanted.isdisjoint(self.cues(offset))
