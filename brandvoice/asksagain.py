"""``persona.context.asks-again``: a reply that asks the customer again what their message
has just told it: whether they can do what they said they cannot ("Are you able to update
your games?" to "no game is able to update"), whether the problem still happens when they
said it still does ("Is this still ongoing?" to "still failing"), or to do what they said
they already did ("call us" to "I already called").

The labelling guide calls it a template that ignores what the customer said
(``care.template-mismatch``). Three readings, each a pair of what the message says and what
the reply asks:

- *cannot*: the message says the customer cannot do something (:data:`CANNOT`: "unable to
  send invites", "can't log in", "no game is able to update") and a question of the reply
  asks whether they can do that same thing (:data:`CAN_YOU`: "are you able to send
  invites?", "can you log in?"): the same verb and particle, done to the same thing when
  both name one. A question that changes the conditions ("on another device", "if you
  restart", :data:`OTHER_CONDITIONS`) is a step of troubleshooting, and one after the
  reply says a fix was made (:data:`FIXED`) is a check: both pass.
- *still*: the message says the problem goes on (:data:`GOES_ON`: "still" next to a word
  of the problem, "keeps crashing", "every time"; not "again", which tells of one more
  time) and a question of the reply asks whether it still does (:data:`STILL_ASKED`: "is
  this still ongoing?", "are you still experiencing the issue?").
- *already*: the customer says they did something (:data:`DONE`, in the first person or
  after "already"/"tried": "I already called", "I've restarted it", "tried reinstalling";
  then the rest of the list, :data:`LISTED`: "I restarted it, reinstalled the app")
  and the reply asks them to do it (:data:`ASKED`, a request made to the customer: "call
  us", "have you tried restarting?"), to the same thing when both name one. Contacting
  someone else ("I called my bank"), "call us back", "try again", or a reply that says it
  knows ("since you've already ...") passes.

It runs whenever a draft has ``in_reply_to``; a thread continuation is not checked.
Documented in docs/conversation.md#asking-again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .conversation import ABSENT, _blank
from .persona.style import PersonaCheck
from .social import PRIVATE_MESSAGE, read_social

if TYPE_CHECKING:
    from .lint import DraftContext
    from .result import Finding

ASKS_AGAIN_ID = "persona.context.asks-again"

#: What may follow a verb as its particle ("log in", "sign out"): part of what is done.
_PARTICLE = r"(?:\s+(?P<particle>in|out|on|off|up|down|into|through|over)\b)?"
#: The head word of what a verb is done to, after a determiner ("send (the) invites").
_DETERMINER = (r"(?:my|your|the|a|an|any|our|their|his|her|this|these|those|some|all|"
               r"its)")
_OBJECT = (r"(?:\s+(?P<phrase>(?:(?:to|of|for|into|onto)\s+)?(?:" + _DETERMINER + r"\s+)?"
           r"(?P<object>(?!" + _DETERMINER + r"\b)[a-z0-9]+)))?")
#: The customer cannot do something: its verb (base form), particle and object.
CANNOT = re.compile(
    r"(?:\bunable to|\bcan(?:'|’)?t|\bcannot|\bcan not|\bcouldn(?:'|’)?t|\bcould not|"
    r"\b(?:not|no longer|isn(?:'|’)?t|aren(?:'|’)?t|wasn(?:'|’)?t|weren(?:'|’)?t) able to|"
    r"\bno (?:\w+ ){1,2}(?:is|are|was|were) able to|"
    r"\b(?:won(?:'|’)?t|will not|doesn(?:'|’)?t|does not|didn(?:'|’)?t) let (?:me|us) )"
    r"\s*(?:even |still |seem to |get (?:it |them )?to )?(?P<verb>[a-z]+)"
    + _PARTICLE + _OBJECT, re.IGNORECASE)
#: Verbs after "can't" that state no failed attempt ("can't wait", "can't believe").
NOT_ATTEMPTS = frozenset({
    "wait", "believe", "stand", "understand", "imagine", "say", "tell", "help", "think",
    "be", "thank", "recommend", "afford", "bear", "see", "find", "figure", "even", "get",
})
#: A question of the reply asking whether the customer can do something.
CAN_YOU = re.compile(
    r"\b(?:(?:are|were) you (?:\w+ly )?(?:still |now |currently )?able to|"
    r"(?:can|could) you(?: still| now| currently)?|have you been able to) (?:\w+ly )?"
    r"(?P<verb>[a-z]+)" + _PARTICLE + _OBJECT, re.IGNORECASE)
#: Words after a verb that are not what it is done to ("can you log in now?").
NOT_OBJECTS = frozenset({
    "now", "currently", "still", "again", "today", "yet", "anymore", "ok", "okay", "fine",
    "properly", "successfully", "either", "too", "as", "and", "or", "it", "them", "on",
    "with", "from", "at", "in", "because", "since", "when", "after", "but", "so", "if",
    "any", "more", "twice", "once", "that", "this", "there", "here", "anything",
    # when, not what: "cancelled last month", "you can cancel anytime", "reported it online"
    "last", "anytime", "online", "each", "every", "already", "before", "yesterday",
    "weeks", "months", "days", "early",
})
#: What turns a question into another one: a step of troubleshooting ("on another device",
#: "over Ethernet") or a request. A condition the customer named themselves ("on the app"
#: to "I can't log in on the app") changes nothing: see :func:`_other_conditions`.
OTHER_CONDITIONS = re.compile(
    r"\b(?:another|other|different|else|if|after|since|when|once|using|via|through|"
    r"instead|offline|please|pls|kindly|for us|send (?:us|me)|share|confirm|provide|tell|"
    r"let us|DM|follow|(?:on|from|with|over|at|by) (?!all\b|the (?:moment|minute)\b|"
    r"this time\b|any chance\b|(?:your|our|my) (?:end|side)\b)(?P<what>(?:"
    + _DETERMINER + r"\s+)?\w+)|(?:in|to) (?P<led>" + _DETERMINER + r"\s+\w+))\b",
    re.IGNORECASE)
#: The customer's "my", "our": "their" in the finding's words.
_THEIRS = re.compile(r"\b(?:my|our)\b", re.IGNORECASE)
#: Determiners that say whose, made alike to compare a condition with the customer's words
#: ("on your phone" is "on my phone").
_WHOSE = re.compile(r"\b(?:my|your|our|the)\b", re.IGNORECASE)
#: What a question "can you ..." asks of the customer that is no attempt of theirs.
NOT_ASKED_ATTEMPTS = frozenset({"you", "we", "i", "tell", "share", "confirm",
                                "provide", "please", "let", "give", "dm", "follow", "check"})
#: A reply that says something was done or fixed: asking whether it works now is a check,
#: not asking again ("your account is unlocked now. Can you log in?").
FIXED = re.compile(
    r"\b(?:fixed|resolved|restored|patched|unlocked|unblocked|lifted|re-?sent|rolled (?:back|"
    r"out)|deployed|(?:is|are|should be) (?:now )?(?:live|back|working|up)|back up|should "
    r"(?:now )?work|(?:is|are) now|now (?:working|fixed|live|back|up)|(?:has|have) been "
    r"[a-z]+(?:ed|en|t)|(?:finished|completed|cleared|done)|(?:we|I)(?:'ve|’ve| have) "
    r"(?:just |now )?[a-z]+ed)\b", re.IGNORECASE)

#: Words of a problem: "still" is the problem going on only near one of them ("still
#: failing", "still no refund"), not in "still a fan".
_FAILING = (r"(?:not|\w+n't|\w+n’t|no|never|unable|cannot|fail\w*|crash\w*|brok\w*|down|"
            r"error\w*|issues?|problems?|happen\w*|wrong|freez\w*|froze\w*|stuck|lagg?\w*|"
            r"slow|disconnect\w*|dropp\w*|same|waiting|missing|nothing|"
            r"(?:logged|kicked|signed|timed|cut|thrown) (?:out|off))")
#: The customer says the problem goes on: "still", "keeps crashing", "every time", "once a
#: week", each only within :data:`NEAR` characters of a word of the problem ("still no
#: signal"; not "still a fan", "I keep telling people", "every time I get a break").
GOES_ON = re.compile(
    r"\bstill\b|\b(?:(?:I|we|it|they|this|that) keep|keeps|keep on|kept) \w+ing\b|"
    r"\b(?:constantly|every time|each time|all the time|(?:once|twice|\w+ times) a "
    r"(?:day|week))\b", re.IGNORECASE)
_PROBLEM = re.compile(r"\b" + _FAILING + r"\b", re.IGNORECASE)
#: How near a word of the problem must be to what says it goes on, in characters, in the
#: same clause.
NEAR = 20
_CLAUSE_END = re.compile(r"[,;:.!?\n]|\bbut\b", re.IGNORECASE)
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
     r"(?:call|phone|ring)(?:ing)? (?:us|(?:the|our) (?:[\w-]+ ){0,3}?(?:number|team|line|"
     r"helpline|support|store|branch))|give (?:us|(?:our|the) (?:[\w-]+ ){0,2}?(?:team|line|"
     r"helpline|support|store|branch)) a (?:call|ring)"),
    ("sent a DM", r"DMed|DM(?:'|’)?d|direct messaged|messaged|PMed|PM(?:'|’)?d|"
     rf"sent (?:you |y'all |u )?(?:a |an |the )?{PRIVATE_MESSAGE}",
     rf"(?:DM|PM|message)(?:ing)? us|send(?:ing)? us (?:a |an )?{PRIVATE_MESSAGE}|"
     rf"drop(?:ping)? us a {PRIVATE_MESSAGE}"),
    ("e-mailed", r"e-?mailed|sent (?:you )?(?:an |the )?e-?mail",
     r"e-?mail(?:ing)? us|send(?:ing)? us an e-?mail"),
    ("restarted it", r"restarted|rebooted|power[- ]cycled|turned (?:it )?off and (?:back )?on",
     r"restart(?:ing)?|reboot(?:ing)?|power[- ]cycl(?:e|ing)|"
     r"(?:turn|switch)(?:ing)? (?:it |(?:the|your) [\w-]+ )?off and (?:back )?on(?: again)?"),
    ("reinstalled it", r"re-?installed|uninstalled", r"re-?install(?:ing)?|uninstall(?:ing)?"),
    ("updated it", r"updated|upgraded", r"updat(?:e|ing)|upgrad(?:e|ing)"),
    ("cleared the cache", r"cleared (?:the |my |all )?(?:\w+ )?(?:cache|cookies|history|app data|"
     r"data)",
     r"clear(?:ing)? (?:the |your )?(?:browser |app |browsing )?(?:cache|cookies|browsing|"
     r"history|app data|data)"),
    ("filled in the form", r"filled (?:in|out)|completed(?= (?:the|your|my|a|an)\b)",
     r"fill(?:ing)? (?:in|out)|complet(?:e|ing)(?= (?:the|your|our|a|an)\b)"),
    ("sent it", rf"(?:sent|e-?mailed|texted|posted)(?! (?:you|u|y'all|a|an|the)? ?"
     rf"(?:{PRIVATE_MESSAGE}|e-?mail)\b)",
     rf"send(?:ing)? (?:us|over|through)(?! (?:a |an )?(?:{PRIVATE_MESSAGE}|e-?mail)\b)"),
    ("submitted it", r"submitted|re-?submitted|uploaded|re-?entered",
     r"(?:re-?)?submit(?:ting)?|upload(?:ing)?|(?:re-?)?enter(?:ing)?"),
    ("logged out", r"logged (?:out|off)|signed out", r"log(?:ging)? (?:out|off)|sign(?:ing)? out"),
    ("cancelled it", r"cancell?ed(?= (?:it|my|the|our|last|in|on|a|an|before|weeks?|months?|"
     r"days?)\b)", r"cancel(?:l?ing)?"),
    ("reported it", r"reported(?= (?:it|this|that|the|my|a|an|online|twice|already|each|every|"
     r"weeks?|days?)\b)", r"report(?:ing)?"),
    ("made a claim", r"(?:submitted|made|put in|lodged|filed|sent in) (?:a|my|the|our|an) "
     r"(?:[\w-]+ ){0,3}?claim|filled (?:in|out) (?:a|my|the|our|an|your) (?:[\w-]+ ){0,3}?"
     r"claim(?: form)?|filled (?:in|out) (?:the|your|a) (?:delay repay|compensation|refund) form|"
     r"claimed(?= (?:for|on|it|my|the|a|an|delay|compensation|already|"
     r"online|twice|weeks?|days?)\b)",
     r"claim(?! (?:number|reference|ref|form)\b)|"
     r"(?:make|submit|file|start) a (?:[\w-]+ ){0,2}?claim"),
    ("visited the branch", r"(?:visited|went (?:in)?to|been (?:in)?to|popped into) (?:the|your|a|"
     r"my local|my nearest) (?:[\w-]+ )?(?:branch|store|shop|office|counter)",
     r"visit(?:ing)? (?:the|your|a|our) (?:nearest |local )?(?:[\w-]+ )?(?:branch|store|shop|"
     r"office|counter)|(?:go|going|pop|popping) (?:in)?to (?:the|your|a|our) (?:nearest |local )?"
     r"(?:[\w-]+ )?(?:branch|store|shop|office|counter)"),
    ("reset it", r"reset(?= (?:my|the|it)\b)|(?:hard|factory) reset|"
     r"(?:done|did|performed|ran|tried) (?:a |an |the )?(?:hard |factory |full )?reset",
     r"(?:(?:do|doing|perform|performing) )?(?:a |an )?(?:hard |factory |full )?reset(?:ting)?"),
)
#: Who did it: the customer ("I", "we"), "already" just before, or no one named at the
#: start of a sentence, as tweets drop the "I" ("Called you 3 times today").
_DONE_BY = (r"(?:\b(?:I|we|I've|I’ve|we've|we’ve|I have|we have|I had|we had|I already|"
            r"we already|already)\b(?: \w+ly)?\s+|^\s*|(?<=[.!?] ))")
#: The actions that contact someone: the brand, unless the message names someone else.
CONTACTS = frozenset({"called", "sent a DM", "e-mailed"})
#: The actions whose words name what they were done to ("submitted a Delay Repay claim"):
#: no object after them is compared with the reply's.
NAMED_OBJECT = CONTACTS | {"made a claim"}
#: What the customer contacted that is not the brand ("I called my bank", "messaged the
#: seller", "rang DPD"): a determiner and a noun right after the verb, other than the
#: brand's own, a name, or a handle or a link (blanked in the prose).
_NOT_US = re.compile(r"\s{2,}\S|\s+(?:(?:the|my|a|an|their|his|her|our)\s+(?!(?:support|team|"
                     r"helpline|hotline|customer|number|store|shop|branch|company)\b)\w+|"
                     r"(?-i:(?!(?:You|Your|U|Y'all)\b)[A-Z][\w.'’-]*))",
                     re.IGNORECASE)
#: What the message says the customer did, by action.
DONE = tuple((what, re.compile(_DONE_BY + rf"(?P<done>{done})\b", re.IGNORECASE))
             for what, done, _ in _ACTIONS)
#: The next thing of a list of what they did, without its subject again ("I restarted
#: my phone, reinstalled the app"): read right after one of :data:`DONE` and what it was
#: done to (a few words, no end of sentence), after a comma, "and" or "then".
LISTED = re.compile(r"(?:\s+[\w'’-]+){0,4}?(?:,\s*|\s+(?:and|then|&)\s+)(?:(?:also|even|then)\s+)?"
                    r"(?:" + "|".join(rf"(?P<a{index}>{done})" for index, (_, done, _)
                                     in enumerate(_ACTIONS)) + r")\b", re.IGNORECASE)
#: "tried restarting", "tried to reinstall": an attempt named by the reply's words.
TRIED = tuple((what, re.compile(
    r"\btried (?:to )?(?P<done>" + asked.replace(" us", " (?:us|you|u)") + r")\b",
    re.IGNORECASE)) for what, _, asked in _ACTIONS)
#: What a reply asks the customer to do, by action: after a word of request ("please",
#: "try", "have you tried", "can you", "you can"), or at the start of a sentence or a
#: clause when what follows is what it is done to ("Call us on ...", "restart your
#: console"). "Call us back" and "try again" are other steps.
ASKED = {what: re.compile(
    r"(?:\b(?:please|pls|kindly|try|tried|(?:can|could|would) you|you (?:can|could|may|might|"
    r"need to|have to|will need to|'ll need to)|recommend|suggest|advise|feel free to|"
    r"be sure to|make sure to|by)\s+(?:\w+ly\s+)?(?P<asked>" + asked + r")|"
    r"(?:^|[.!?,;:\n]\s*)(?:(?:\w+ly|just|simply)\s+)?(?P<imperative>" + asked +
    r")(?:(?<=\bus)|(?=\s+(?:your|"
    r"the|it|this|that|a|an)\b)))\b(?!\s+(?:(?:us|me|it)\s+)?(?:back|again)\b)",
    re.IGNORECASE) for what, _, asked in _ACTIONS}
#: A reply that says it knows what the customer did.
KNOWS = re.compile(r"\balready\b|(?<!have )(?<!did )\byou(?:'ve|’ve| have)? tried\b|"
                   r"\bthanks? (?:you )?for (?:trying|calling|messaging|reaching)",
                   re.IGNORECASE)
#: A negator just before what the customer did ("already not called"): no claim of it.
_NEGATED = re.compile(r"(?:\b(?:not|never)|n't|n’t)\s+(?:\w+\s+)?$", re.IGNORECASE)

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


def _head(match: re.Match) -> str | None:
    """The head of the object an :data:`_OBJECT` part of ``match`` read, or None when it
    read none or a word that is not one ("now", "twice")."""
    head = (match["object"] or "").lower()
    return None if not head or head in NOT_OBJECTS else head


def _done_to(match: re.Match) -> tuple[str, str | None, str | None]:
    """(verb with its particle, the head of its object or None, the object as written or
    None) of a CANNOT or CAN_YOU match."""
    verb = match["verb"].lower()
    if match["particle"]:
        verb += " " + match["particle"].lower()
    thing = _head(match)
    return verb, thing, match["phrase"] if thing else None


def cannot(message: str) -> dict[str, tuple[str | None, str | None, str]]:
    """What the customer's ``message`` (prose) says they cannot do: verb (with its
    particle) -> (the head of its object or None, the object as written, the words)."""
    found: dict[str, tuple[str | None, str | None, str]] = {}
    for match in CANNOT.finditer(message):
        verb, thing, phrase = _done_to(match)
        if match["verb"].lower() not in NOT_ATTEMPTS:
            found.setdefault(verb, (thing, phrase,
                                    _words(message, match.start(), match.end(), after=2)))
    return found


def goes_on(message: str) -> re.Match | None:
    """Where the customer's ``message`` (prose) says the problem goes on: the first of
    :data:`GOES_ON` with a word of the problem within :data:`NEAR` characters."""
    # a problem said to be absent ("still no issues") is no word of the problem
    message = _blank(message, [m.span() for m in ABSENT.finditer(message)])
    for match in GOES_ON.finditer(message):
        start, end = match.span()
        before = _CLAUSE_END.split(message[max(0, start - NEAR):start])[-1]
        after = _CLAUSE_END.split(message[end:end + NEAR])[0]
        if _PROBLEM.search(before + match[0] + after):
            return match
    return None


_WORD = re.compile(r"[\w'’-]+")


def _alike(text: str) -> list[str]:
    """The words of ``text`` (punctuation left out), lower-cased, "my", "your", "our" made
    "the"."""
    return _WORD.findall(_WHOSE.sub("the", text.lower()))


def _phrases(message: str) -> set[str]:
    """Every run of one to three words of the customer's ``message`` (made alike): what a
    condition of the reply is looked up in, once per message."""
    words = _alike(message)
    return {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}


def _other_conditions(sentence: str, said: set[str]) -> bool:
    """Whether the reply's question ``sentence`` changes the conditions of what the
    customer said (``said``, the runs of words of their message): a condition they did
    not name themselves ("on the app" is no new condition when they said "the app"). "In"
    and "to" make one only before a determiner: "log in now", "able to join" are none."""
    return any(" ".join(_alike(m["what"] or m["led"] or m[0])) not in said
               for m in OTHER_CONDITIONS.finditer(sentence))


def _same_thing(theirs: str | None, asked: str | None) -> bool:
    """Whether the reply asks about what the customer could not do it to: the same head
    word (its first four letters: "game", "games"), or either names none. ``theirs`` may
    be two words, the second read as the head of a compound ("your delay form")."""
    return theirs is None or asked is None or any(
        word[:4] == asked[:4] for word in theirs.split())


#: The head word of what follows a verb, a determiner left out ("restarted my router").
_THING = re.compile(_OBJECT, re.IGNORECASE)


def _thing(text: str, end: int) -> str | None:
    """The head of the object right after ``end`` of ``text``, or None."""
    return _head(_THING.match(text, end))


#: The word after an object, which may be the head of a compound ("delay form").
_COMPOUND = re.compile(r"\s+([a-z]{3,})\b", re.IGNORECASE)


def _things(text: str, end: int) -> str | None:
    """The object right after ``end`` of ``text`` as one word or, when a word follows it,
    two ("delay form": either may be the head); or None."""
    match = _THING.match(text, end)
    head = _head(match)
    if head is None:
        return None
    after = _COMPOUND.match(text, match.end())
    word = after and after[1].lower()
    return f"{head} {word}" if word and word not in NOT_OBJECTS else head


def done(message: str) -> list[tuple[str, str, str | None]]:
    """What the customer's ``message`` (prose) says they already did, as (action, words,
    the head of what they did it to or None)."""
    found: list[tuple[str, str, str | None]] = []
    ends = []
    for (what, said), (_, tried) in zip(DONE, TRIED):
        for pattern in (said, tried):
            match = pattern.search(message)
            if match is None or _NEGATED.search(message[:match.start("done")]) \
                    or what in CONTACTS and _NOT_US.match(message, match.end()):
                continue
            found.append((what, _words(message, match.start(), match.end(), after=0),
                          None if what in NAMED_OBJECT else _things(message, match.end())))
            ends.append(match.end())
            break
    for position in ends:  # the rest of each list, one thing after the other
        while (more := LISTED.match(message, position)) is not None:
            position = more.end()
            what = _ACTIONS[int((more.lastgroup or "a0")[1:])][0]
            if what in CONTACTS and _NOT_US.match(message, position) \
                    or any(what == action for action, _, _ in found):
                continue
            found.append((what, _words(message, more.start(more.lastgroup), position, after=0),
                          None if what in NAMED_OBJECT else _thing(message, position)))
    return found


def asks_again(message: str, reply: str) -> tuple[str, str, tuple[int, int]] | None:
    """What ``reply`` (prose, offsets kept) asks again of what ``message`` (prose) said:
    (what the customer said, their words, the span of the reply that asks), or None."""
    failed = cannot(message)
    going = goes_on(message)
    # a reply that says something was done or fixed asks whether it works now: a check
    questions = () if FIXED.search(reply) else _questions(reply)
    phrases: set[str] | None = None
    for start, end in questions:
        sentence = reply[start:end]
        phrases = _phrases(message) if phrases is None else phrases
        if _other_conditions(sentence, phrases):
            continue
        for match in CAN_YOU.finditer(sentence) if failed else ():
            verb, thing, _ = _done_to(match)
            if verb in failed and match["verb"].lower() not in NOT_ASKED_ATTEMPTS \
                    and _same_thing(failed[verb][0], thing):
                _, phrase, words = failed[verb]
                what = f"{verb} {_THEIRS.sub('their', phrase)}" if phrase else verb
                return f"they can't {what}", words, (start, end)
        if going and STILL_ASKED.search(sentence):
            return ("it still happens", _words(message, *going.span(), before=2, after=2),
                    (start, end))
    if KNOWS.search(reply):
        return None
    for what, words, theirs in done(message):
        for asked in ASKED[what].finditer(reply):
            group = "asked" if asked["asked"] else "imperative"
            if what in NAMED_OBJECT or _same_thing(theirs, _thing(reply, asked.end(group))):
                return f"they {what}", words, (asked.start(group), asked.end(group))
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
