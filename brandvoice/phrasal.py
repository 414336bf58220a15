"""Replacing a verb of several words with a one-word verb, grammatically.

"reach out" -> "contact" is right in "Please reach out to us" only if the "to" goes too
("Please contact us"), and cannot be made right by a swap in "Our team will reach out
shortly" ("will contact shortly" needs an object: who?). This module decides, for one
match of a ``replace`` entry whose wrong phrase is a verb of several words (a phrasal verb
such as "reach out", "get in touch", "touch base", or a wordy one such as "be of
assistance") and whose replacement is one verb, how far the fix reaches and whether it can
be made automatically. It is used by the ``replace`` kind, so by the persona's
``vocabulary.prefer`` too.

What the replacement verb does with an object decides it, from the word lists below:

- a verb that takes its object directly (``contact``, ``help``, ``email``...):
  - followed by "to" or "with" (or "out to") and then an object, the fix takes the
    preposition too: "reached out to us" -> "contacted us", "get in touch with Sam" ->
    "contact Sam", "be of assistance to you" -> "help you";
  - followed by an object straight away, the fix is the swap: "fill out the form" ->
    "complete the form";
  - followed by no object, the swap is right for a verb that can stand alone ("happy to
    be of assistance" -> "happy to help"), and for a verb in the passive ("will be
    reached out to" -> "will be contacted"); for one that needs an object ("contact")
    there is no fix: the finding says what to write and that the object must be added;
- a verb without an object (``talk``, ``decide``...): the swap, the words after it kept
  ("touch base with the team" -> "talk with the team");
- a verb in neither list: a fix only where an object follows straight away; else a
  suggestion, since whether the words after it must change cannot be known.

A wrong phrase that ends in a preposition ("reach out to", "make use of") already takes
its object along ("Who did you reach out to?" -> "Who did you contact?"), and one with
"and" or "or" ("null and void") or after a determiner ("the end result") is no verb: each
is replaced as it is.

"with" is taken only before a person (us, you, @handle, a name), since after other verbs
it names a means ("reach out with your order number"); "to" only before a word that is
not a verb ("reach out to ask" is "to" of a verb). Where in doubt, no fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import wordforms

#: Verbs that take their object directly, never through "to" or "with" (lemmas of verbs a
#: wordy or phrasal verb is often replaced with).
DIRECT = frozenset({
    "contact", "email", "e-mail", "message", "dm", "call", "phone", "ring", "text", "tell",
    "inform", "notify", "update", "remind", "advise", "thank", "help", "assist", "support",
    "serve", "join", "meet", "visit", "attend", "approach", "consult", "ask", "answer",
    "investigate", "examine", "inspect", "review", "check", "discuss", "explore",
    "research", "consider", "fix", "repair", "resolve", "solve", "address", "handle",
    "cancel", "postpone", "delay", "complete", "finish", "submit", "send", "remove",
    "delete", "create", "configure", "install", "use", "need", "provide", "give", "buy",
    "purchase", "order", "choose", "pick", "select", "find", "learn", "stop", "start",
    "begin", "open", "close", "book", "reserve", "refund", "replace", "ping", "brief",
    "escalate", "mention", "raise", "include", "omit", "follow", "understand", "receive",
    "collect", "discover", "confirm", "verify", "test", "try",
})

#: Of :data:`DIRECT`, the verbs that can also stand without an object ("happy to help",
#: "we'll call", "boarding will start").
ALONE = frozenset({
    "help", "call", "phone", "ring", "email", "e-mail", "message", "text", "dm", "join",
    "visit", "meet", "ask", "answer", "check", "order", "buy", "learn", "finish", "stop",
    "start", "begin", "open", "close", "book", "understand", "explore", "research",
    "attend", "follow", "escalate", "update", "serve", "assist", "complete", "confirm",
    "test", "try", "discover",
})

#: Verbs that take no direct object: their object, if any, comes with a preposition that
#: stays ("talk to", "decide on", "reply to").
WITHOUT_OBJECT = frozenset({
    "talk", "speak", "chat", "reply", "respond", "write", "decide", "wait", "agree",
    "apologize", "apologise", "listen", "look", "work", "act", "proceed", "comply",
    "happen", "occur", "arrive", "come", "go", "stay", "continue", "rest", "sleep",
    "return", "resign", "retire", "complain", "react", "cooperate", "collaborate",
    "participate", "succeed", "fail", "focus", "depend", "rely", "hope", "care", "sign",
    "log", "register", "subscribe", "unsubscribe", "enrol", "enroll", "volunteer",
})

#: Words that end a wrong phrase whose object comes after it ("reach out to", "make use
#: of"). Not the particles that are prepositions too ("hand over", "log in", "come by").
PREPOSITIONS = frozenset({
    "to", "with", "of", "for", "about", "into", "onto", "upon", "at", "from", "against",
    "toward", "towards", "via", "than",
})

#: Prepositions after the phrase that a verb taking its object directly absorbs.
LINKS = (("out", "to"), ("to",), ("with",))

#: Words for a person: after "with" ("get in touch with us"), the only objects taken.
PERSONS = frozenset({"us", "me", "you", "him", "her", "them", "everyone", "everybody",
                     "someone", "somebody", "anyone", "anybody", "y'all", "yall"})
#: Words that start an object straight after a verb: a person, a possessive, "the"
#: (not "this", "a", "all"...: "reach out this afternoon", "a bit later").
OBJECT_STARTS = PERSONS | frozenset({"our", "your", "my", "his", "their", "its", "the"})
#: Words that start the object of "to" ("reach out to any of our stores").
AFTER_TO = OBJECT_STARTS | frozenset({
    "it", "a", "an", "this", "that", "these", "those", "any", "some", "each", "every",
    "all", "one", "both", "another", "whoever"})

#: Words before a noun: the phrase after one is no verb ("the end result", "your point
#: of contact"), and is replaced as it is.
DETERMINERS = frozenset({"the", "a", "an", "your", "our", "my", "their", "his", "its",
                         "these", "those", "any", "some", "no", "every", "each", "whose"})

#: Forms of "be" and "get" before a past participle: the passive ("will be reached").
PASSIVE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s",
                     "'re", "’re", "get", "gets", "got", "gotten", "getting"})

_WORD = re.compile(r"[ \t]+(@?[\w'’.-]*\w)")
_BEFORE = re.compile(r"([\w'’]+)[ \t]+$")


@dataclass(frozen=True)
class Shape:
    """A replacement of a verb of several words with one verb (see the module's doc)."""

    verb: str  #: the replacement's lemma
    direct: bool  #: takes its object directly (:data:`DIRECT`)
    alone: bool  #: may stand without one (:data:`ALONE`, or it takes none)
    known: bool  #: in one of the word lists


@dataclass(frozen=True)
class Reach:
    """Where a fix of one match ends, and whether it can be made automatically."""

    end: int
    fixable: bool
    #: Why not, for the message: "object" (the replacement needs an object that is not
    #: there), "unsure" (whether the words after it must change cannot be told).
    why: str | None = None


@lru_cache(maxsize=4096)
def _is_verb(word: str) -> bool:
    return bool(wordforms.inflections(word, upos="VERB"))


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> tuple[str, ...]:
    return wordforms.lemmas(word, upos="VERB").get("VERB", ())


@lru_cache(maxsize=4096)
def _participles(word: str) -> tuple[str, ...]:
    return wordforms.inflections(word, upos="VERB").get("VBN", ())


def shape(wrong: str, right: str) -> Shape | None:
    """The :class:`Shape` of an entry ``wrong`` -> ``right`` (its first alternative), or
    None when it is not a verb of several words replaced by one verb."""
    words, replacement = wrong.lower().split(), right.lower().split()
    if (len(words) < 2 or len(replacement) != 1 or words[-1] in PREPOSITIONS
            or "and" in words or "or" in words):  # "null and void": no verb
        return None
    verb = replacement[0]
    if not (_is_verb(words[0]) and _is_verb(verb)):
        return None
    lemma = next((lemma for lemma in (verb, *_lemmas(verb))
                  if lemma in DIRECT or lemma in WITHOUT_OBJECT), verb)
    direct = lemma in DIRECT
    return Shape(lemma, direct, alone=not direct or lemma in ALONE,
                 known=direct or lemma in WITHOUT_OBJECT)


def _words_after(text: str, end: int, count: int) -> list[tuple[str, int]]:
    """Up to ``count`` words after ``end`` on the same line (word, its end), each
    separated from the one before by spaces only."""
    found: list[tuple[str, int]] = []
    for _ in range(count):
        match = _WORD.match(text, end)
        if match is None:
            break
        found.append((match.group(1), match.end()))
        end = match.end()
    return found


def _starts_object(word: str) -> bool:
    """Whether ``word``, straight after the verb, starts its object ("the form")."""
    return word.startswith("@") or word.lower() in OBJECT_STARTS


def _linked(word: str, link: str) -> bool | None:
    """Whether ``word``, after the preposition ``link``, is the verb's object: True, False
    (the "to" of a verb: "to ask"), or None when it cannot be told ("with your order")."""
    lower = word.lower()
    if word.startswith("@") or lower in PERSONS:
        return True
    name = word[:1].isupper() and lower != "i"
    if link == "with":
        return True if name and lower not in AFTER_TO else None
    if lower in AFTER_TO or word[:1].isdigit() or name:
        return True
    # a word that is no verb ("to customer service"); "to help" is the "to" of a verb
    return lower.isalpha() and not _is_verb(lower)


def _passive(text: str, start: int, found: str, wrong: str) -> bool:
    """Whether the match is a past participle after a form of "be" or "get"."""
    before = _BEFORE.search(text, 0, start)
    if before is None or before.group(1).lower() not in PASSIVE:
        return False
    first, base = found.split()[0].lower(), wrong.split()[0].lower()
    return first != base and first in _participles(base)


def reach(shape: Shape, text: str, start: int, end: int, wrong: str) -> Reach:
    """How far the fix of the match ``text[start:end]`` of ``wrong`` reaches, and whether
    it can be made automatically (see the module's doc)."""
    before = _BEFORE.search(text, 0, start)
    if before is not None and before.group(1).lower() in DETERMINERS:
        return Reach(end, fixable=True)  # a noun phrase ("the end result"): as it is
    after = _words_after(text, end, 3)
    words = [word.lower() for word, _ in after]
    if not shape.known:  # "R the form" is right whatever R is; anything else may not be
        if after and _starts_object(after[0][0]):
            return Reach(end, fixable=True)
        return Reach(end, fixable=False, why="unsure")
    if not shape.direct:
        return Reach(end, fixable=True)
    passive = _passive(text, start, text[start:end], wrong)
    for link in LINKS:
        size = len(link)
        if tuple(words[:size]) != link or (size == 2 and wrong.lower().split()[-1] == "out"):
            continue
        following = after[size][0] if len(after) > size else None
        # nothing after it: its object came first ("Who did you reach out to?")
        linked = True if following is None else _linked(following, link[-1])
        if linked:
            return Reach(after[size - 1][1], fixable=True)
        if linked is None:
            return Reach(end, fixable=False, why="unsure")
        break  # "to" of a verb: as if nothing followed
    if shape.alone or passive or (after and _starts_object(after[0][0])):
        return Reach(end, fixable=True)
    return Reach(end, fixable=False, why="object")
