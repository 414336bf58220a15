"""``persona.context.asks-again``: a reply that asks the customer again what their message
has just told it: whether they can do what they said they cannot ("Are you able to update
your games?" to "no game is able to update"), whether the problem still happens when they
said it still does ("Is this still ongoing?" to "still failing"), or to do what they said
they already did ("call us" to "I already called").

The labelling guide calls it a template that ignores what the customer said
(``care.template-mismatch``). Three readings, each a pair of what the message says and what
the reply asks:

- *cannot*: the message says the customer cannot do something (:data:`CANNOT`: "unable to
  send", "can't log in", "no game is able to update") and a question of the reply asks
  whether they can do that same thing (:data:`CAN_YOU`: "are you able to send ...?", "can
  you log in?"). A question that changes the conditions ("on another device", "if you
  restart") is a step of troubleshooting, not the same question, and passes.
- *still*: the message says the problem goes on (:data:`GOES_ON`: "still", "keeps", "every
  time"; not "again", which tells of one more time) and a question of the reply asks
  whether it still does (:data:`STILL_ASKED`: "is this still ongoing?", "are you still
  experiencing the issue?").
- *already*: the customer says they did something (:data:`DONE`, in the first person or
  after "already"/"tried": "I already called", "I've restarted it", "tried reinstalling")
  and the reply asks them to do it (:data:`ASKED`: "call us", "have you tried
  restarting?"). "Call back", "again", or a reply that says it knows ("since you've
  already ...") passes.

It runs whenever a draft has ``in_reply_to``; a thread continuation is not checked.
Documented in docs/conversation.md#asking-again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .persona.style import PersonaCheck
from .social import read_social

if TYPE_CHECKING:
    from .lint import DraftContext
    from .result import Finding

ASKS_AGAIN_ID = "persona.context.asks-again"

#: The customer cannot do something: the verb (base form) is the group ``verb``.
CANNOT = re.compile(
    r"(?:\bunable to|\bcan(?:'|’)?t|\bcannot|\bcan not|\bcouldn(?:'|’)?t|\bcould not|"
    r"\b(?:not|no longer|isn(?:'|’)?t|aren(?:'|’)?t|wasn(?:'|’)?t|weren(?:'|’)?t) able to|"
    r"\bno (?:\w+ ){1,2}(?:is|are|was|were) able to|"
    r"\b(?:won(?:'|’)?t|will not|doesn(?:'|’)?t|does not|didn(?:'|’)?t) let (?:me|us) )"
    r"\s*(?:even |still |seem to |get (?:it |them )?to )?(?P<verb>[a-z]+)", re.IGNORECASE)
#: Verbs after "can't" that state no failed attempt ("can't wait", "can't believe").
NOT_ATTEMPTS = frozenset({
    "wait", "believe", "stand", "understand", "imagine", "say", "tell", "help", "think",
    "be", "thank", "recommend", "afford", "bear", "see", "find", "figure", "even", "get",
})
#: A question of the reply asking whether the customer can do something.
CAN_YOU = re.compile(
    r"\b(?:are|were) you (?:\w+ly )?(?:still |now |currently )?able to (?:\w+ly )?"
    r"(?P<verb>[a-z]+)|"
    r"\b(?:can|could) you (?:still |now |currently )?(?P<verb2>[a-z]+)|"
    r"\bhave you been able to (?:\w+ly )?(?P<verb3>[a-z]+)", re.IGNORECASE)
#: What turns a question into another one: a step of troubleshooting or a request.
OTHER_CONDITIONS = re.compile(
    r"\b(?:another|other|different|else|if|after|when|once|using|via|through|instead|"
    r"please|pls|kindly|for us|send (?:us|me)|share|confirm|provide|tell|let us|DM|follow|"
    r"(?:on|from|with|in|at|to|by) (?:a|an|the|your|this|that|another|other))\b",
    re.IGNORECASE)
#: What a question "can you ..." asks of the customer that is no attempt of theirs.
NOT_ASKED_ATTEMPTS = frozenset({"you", "we", "i", "tell", "share", "confirm",
                                "provide", "please", "let", "give", "dm", "follow", "check"})

#: The customer says the problem goes on.
GOES_ON = re.compile(
    r"\b(?:still|keeps?|kept|continues|continuing|constantly|every time|each time|"
    r"all the time|(?:once|twice|\w+ times) a (?:day|week))\b", re.IGNORECASE)
#: A question of the reply asking whether it still does.
STILL_ASKED = re.compile(
    r"\b(?:is|are) (?:this|that|it|these|they|the (?:\w+ )?(?:issue|problem|error)s?) "
    r"still (?:ongoing|happening|occurring|going on|an issue|a problem|the case|"
    r"persisting|(?:not )?working|failing|crashing|down|broken)|"
    r"\bare you still (?:experiencing|having|seeing|getting|facing|running into|"
    r"encountering|unable)|"
    r"\b(?:does|do|is) (?:this|that|it|the (?:\w+ )?(?:issue|problem|error)) still "
    r"(?:happen|occur|persist|fail|crash)\w*|"
    r"\bis (?:this|that|it) (?:an )?ongoing", re.IGNORECASE)

#: Something the customer can do, as the message says they did it and as a reply asks it.
_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("called", r"called|phoned|rang|rung",
     r"(?:call|phone|ring)(?:ing)? us|give us a (?:call|ring)"),
    ("sent a DM", r"DMed|DM(?:'|’)d|direct messaged|messaged|PMed|PM(?:'|’)d|"
     r"sent (?:you |y'all |u )?(?:a |an |the )?(?:DM|direct message|PM|private message)",
     r"(?:DM|PM|message)(?:ing)? us|send(?:ing)? us (?:a |an )?(?:DM|direct message|PM|"
     r"private message)|drop(?:ping)? us a (?:DM|direct message|PM)"),
    ("e-mailed", r"e-?mailed|sent (?:you )?(?:an |the )?e-?mail",
     r"e-?mail(?:ing)? us|send(?:ing)? us an e-?mail"),
    ("restarted it", r"restarted|rebooted|power[- ]cycled|turned (?:it )?off and (?:back )?on",
     r"restart(?:ing)?|reboot(?:ing)?|power[- ]cycl(?:e|ing)|"
     r"turn(?:ing)? (?:it )?off and (?:back )?on"),
    ("reinstalled it", r"re-?installed|uninstalled", r"re-?install(?:ing)?|uninstall(?:ing)?"),
    ("updated it", r"updated|upgraded", r"updat(?:e|ing)|upgrad(?:e|ing)"),
    ("cleared the cache", r"cleared (?:the |my |all )?(?:cache|cookies|history|app data|data)",
     r"clear(?:ing)? (?:the |your )?(?:cache|cookies|browsing|history|app data|data)"),
    ("logged out", r"logged (?:out|off)|signed out", r"log(?:ging)? (?:out|off)|sign(?:ing)? out"),
    ("reset it", r"reset (?:my |the |it)|(?:hard|factory) reset", r"reset(?:ting)?"),
)
#: Who did it: the customer ("I", "we") or "already"/"tried"/"have" just before.
_DONE_BY = (r"\b(?:I|we|I've|I’ve|we've|we’ve|I have|we have|I had|we had|I already|"
            r"we already|already|also|just|have)\b(?: \w+ly)?\s+")
#: What the message says the customer did, by action.
DONE = tuple((what, re.compile(_DONE_BY + rf"(?P<done>{done})\b", re.IGNORECASE))
             for what, done, _ in _ACTIONS)
#: "tried restarting", "tried to reinstall": an attempt named by the reply's words.
TRIED = tuple((what, re.compile(rf"\btried (?:to )?(?P<done>{asked})\b", re.IGNORECASE))
              for what, _, asked in _ACTIONS)
#: What a reply asks the customer to do, by action: after the start of a sentence or a
#: clause, or after a word of request ("please", "try", "have you tried", "you can").
ASKED = {what: re.compile(
    r"(?:^|[.!?,;:\n-]\s*|\b(?:please|pls|kindly|try|tried|can|could|would|may|might|"
    r"recommend|suggest|advise|need to|have to|feel free to|be sure to|make sure to|"
    rf"want to|and|or)\s+)(?:\w+ly\s+)?(?P<asked>{asked})\b(?!\s+(?:\w+\s+)?(?:back|again))",
    re.IGNORECASE) for what, _, asked in _ACTIONS}
#: A reply that says it knows what the customer did.
KNOWS = re.compile(r"\balready\b|(?<!have )(?<!did )\byou(?:'ve|’ve| have)? tried\b|"
                   r"\bthanks? (?:you )?for (?:trying|calling|messaging|reaching)",
                   re.IGNORECASE)
#: Negators before what the customer did ("I haven't called"): no claim of it.
_NEGATED = re.compile(r"\b(?:not|never|n't|n’t|haven|hasn|didn|no)\b\W*(?:\w+\W+){0,2}$",
                      re.IGNORECASE)

#: How far before and after the customer's words a quote of them reaches, in characters.
QUOTE_REACH = 80

#: A sentence: up to its end (".", "!", "?" or a line break), or the rest of the text.
_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]|[^.!?\n]+$")


def _words(message: str, start: int, end: int, before: int = 0, after: int = 3) -> str:
    """The customer's words from ``start`` to ``end`` of ``message``, with up to ``before``
    and ``after`` more words of the same clause, to quote them in the finding."""
    # a search that ends in "$" tries every place of what it reads: it reads at most
    # QUOTE_REACH characters before the match (a long word there would make it quadratic)
    reach = max(0, start - QUOTE_REACH)
    head = re.search(r"(?:[\w'’-]+[ \t]+){0,%d}$" % before, message[reach:start])
    tail = re.match(r"(?:[ \t]+[\w'’-]+){0,%d}" % after, message[end:end + QUOTE_REACH])
    return " ".join(message[reach + head.start():end + tail.end()].split())


def _questions(prose: str) -> Iterator[tuple[int, int]]:
    """Spans of the questions of ``prose`` (sentences that end with "?")."""
    for match in _SENTENCE.finditer(prose):
        if match[0].endswith("?"):
            yield match.start() + len(match[0]) - len(match[0].lstrip()), match.end()


def cannot(message: str) -> dict[str, str]:
    """What the customer's ``message`` (prose) says they cannot do: verb -> the words."""
    found: dict[str, str] = {}
    for match in CANNOT.finditer(message):
        verb = match["verb"].lower()
        if verb not in NOT_ATTEMPTS:
            found.setdefault(verb, _words(message, match.start(), match.end()))
    return found


def done(message: str) -> list[tuple[str, str]]:
    """What the customer's ``message`` (prose) says they already did, as (action, words)."""
    found = []
    for (what, said), (_, tried) in zip(DONE, TRIED):
        for pattern in (said, tried):
            match = pattern.search(message)
            if match and not _NEGATED.search(message[:match.start("done")]):
                found.append((what, _words(message, match.start(), match.end(), after=0)))
                break
    return found


def asks_again(message: str, reply: str) -> tuple[str, str, tuple[int, int]] | None:
    """What ``reply`` (prose, offsets kept) asks again of what ``message`` (prose) said:
    (what the customer said, their words, the span of the reply that asks), or None."""
    failed = cannot(message)
    goes_on = GOES_ON.search(message)
    for start, end in _questions(reply):
        sentence = reply[start:end]
        if failed and not OTHER_CONDITIONS.search(sentence):
            for match in CAN_YOU.finditer(sentence):
                verb = (match["verb"] or match["verb2"] or match["verb3"]).lower()
                if verb in failed and verb not in NOT_ASKED_ATTEMPTS:
                    return f"they can't {verb}", failed[verb], (start, end)
        if goes_on and STILL_ASKED.search(sentence):
            return ("it still happens", _words(message, *goes_on.span(), before=2, after=2),
                    (start, end))
    if KNOWS.search(reply):
        return None
    for what, words in done(message):
        asked = ASKED[what].search(reply)
        if asked:
            return f"they {what}", words, (asked.start("asked"), asked.end("asked"))
    return None


class AsksAgain(PersonaCheck):
    """A reply that asks the customer again what their message (``in_reply_to``) said."""

    always = True

    def __init__(self, **common):
        super().__init__(ASKS_AGAIN_ID, **common)

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        message = ctx.draft.in_reply_to
        if not message or ctx.social.continuation:
            return
        found = asks_again(read_social(message).prose, ctx.social.prose)
        if found is None:
            return
        what, words, (start, end) = found
        yield self.finding(ctx, start, end, message=self.message.replace("{what}", what)
                           .replace("{match}", words))
