"""Two templates that do not fit the customer's message (``care.template-mismatch`` in the
labelling guide), each a pair of how the message reads and what the reply says:

- ``persona.context.wrong-mood``: the reply's mood is the other one. Sympathy for a problem
  (:data:`SYMPATHY`: "sorry to hear this", "sorry your stay didn't meet expectations",
  "sorry about your experience") to a customer who praised the brand, or who asked a
  question and reported no problem at all (:func:`no_problem`); or cheer (:data:`CHEER`:
  "glad you're enjoying it", "thanks for the love", "we hope you enjoyed your stay") to a
  complaint shown by a sign or a clearly negative message, with no word that acknowledges
  the problem. How the message reads is :func:`brandvoice.conversation.infer_context`.
- ``persona.context.ruled-out``: the customer ruled something out (:data:`NOT_WANTED`: "I
  don't want a voucher", "I'm not after a refund", "this isn't a bug report"; or
  :data:`CANNOT_USE`: "I can't use the app", "the Steam fix doesn't apply") and the reply
  offers that same thing ("Refunds can be requested in the app"), or points the customer
  to what they can't use ("download the app"), without a word that shows it knows
  (:data:`KNOWS`: "since you can't use the app", "instead", "another way").

Both run whenever a draft has ``in_reply_to``; a thread continuation is not checked.
Documented in docs/conversation.md#templates-that-do-not-fit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .conversation import DISTRESS_BELOW, WEAK_KINDS, complaint_cues, infer_context
from .persona.style import PersonaCheck
from .social import read_social
from .vader import vader

if TYPE_CHECKING:
    from .lint import DraftContext
    from .persona.empathy import Acknowledgements
    from .result import Finding

MOOD_ID = "persona.context.wrong-mood"
RULED_OUT_ID = "persona.context.ruled-out"

_N = r"(?:n't|n’t|\s+not)"
#: Sympathy for a problem the customer had: what a reply says to a complaint.
SYMPATHY = re.compile(
    r"\b(?:(?:so |very |really |truly )?sorry|apologies)\s+(?:"
    r"to (?:hear|see|read|learn)|"
    r"(?:that |if )?(?:you|your|the) (?:[\w'’-]+ ){0,4}?(?:\w+n't|\w+n’t|not|never|no longer)\b|"
    r"(?:that |if )?you(?:'re|’re| are| were| have been|'ve been| had) (?:having|facing|"
    r"experiencing|had|dealing with|been having) |"
    r"(?:about|for) (?:your|the|this|that) (?:\w+ )?(?:experience|trouble|issues?|problems?|"
    r"inconvenience|frustration|disappointment|visit|stay|order|delivery|trip|parcel|"
    r"package|journey|flight|meal|bill))|"
    r"\bwe regret (?:that|to hear)|\bnot the experience (?:we|you)|"
    r"\b(?:that|this) (?:doesn't|does not|doesn’t) sound (?:right|good|great)",
    re.IGNORECASE)
#: Cheer for a customer who is pleased: what a reply says to praise.
CHEER = re.compile(
    r"\b(?:(?:so |really |very )?(?:glad|happy|pleased|delighted|thrilled)|love) "
    r"(?:to hear|to see|that )?(?:you(?:'re|’re| are)? (?:enjoy|lov|lik|happy|pleased|"
    r"having)|(?:you )?(?:enjoyed|loved|liked|had a (?:great|good|lovely|nice|fab)))\w*|"
    r"\bthanks?(?: you)? (?:so much |very much )?for (?:the|all the|your) (?:love|kind words|"
    r"shout[- ]?out|praise|compliments?|lovely (?:words|message|feedback)|kind (?:message|"
    r"feedback)|support)\b|"
    r"\b(?:we )?hope you(?:'re|’re| are)? (?:enjoy|lov)\w*(?: (?:a|your|the) "
    r"(?:\w+ )?(?:stay|trip|flight|meal|day|time|visit|order|purchase))?|"
    r"\bthanks? (?:you )?for (?:flying|shopping|staying|dining|riding|travell?ing|choosing|"
    r"banking|being) with us\b|"
    r"\b(?:hope|look forward) to (?:see|welcom)\w* you (?:again|back|on board|soon)\b|"
    r"\benjoy (?:your|the rest of your) (?:stay|flight|trip|meal|day|visit|weekend|order)\b",
    re.IGNORECASE)


#: A message that follows up on something earlier ("any update?", "any response to this?",
#: "every time"): a problem may be behind it.
FOLLOW_UP = re.compile(r"\bany (?:further |more |new )?(?:updates?|response|reply|news|word)\b|"
                       r"\bevery ?time\b|\bstill\b|\bagain\b", re.IGNORECASE)


#: The customer speaking of themselves: a question about their own situation ("I left my
#: scarf at security, has it been handed in?") may carry a mishap to be sorry about.
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me|mine|we|we're|we’re|"
                          r"we've|we’ve|our|us)\b", re.IGNORECASE)


def no_problem(message: str, context: str) -> bool:
    """Whether the customer's ``message`` (read as praise or a question) shows no problem
    at all: no sign of a complaint (for a question, not even a word of a problem), no negative word
    (VADER's lexicon), no follow-up on something earlier; and a question must be asked
    (a question mark) about something other than the customer's own situation (no "I",
    "my", "we")."""
    prose = read_social(message).prose
    # praise may name a problem that is past ("the refund came through, thanks")
    cues = [kind for kind, _ in complaint_cues(message)
            if context == "question" or kind not in WEAK_KINDS]
    return (not cues and not vader().polarity_scores(prose)["neg"]
            and not FOLLOW_UP.search(prose)
            and (context != "question" or "?" in prose and not FIRST_PERSON.search(prose)))


def _quote(message: str, limit: int = 60) -> str:
    """The start of the customer's words, to quote them in a finding."""
    words = " ".join(read_social(message).prose.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " ..."


class WrongMood(PersonaCheck):
    """Sympathy to praise or to a plain question, or cheer to a complaint."""

    always = True

    def __init__(self, acknowledgements: "Acknowledgements", **common):
        super().__init__(MOOD_ID, **common)
        self.acknowledgements = acknowledgements

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        message = ctx.draft.in_reply_to
        if not message or ctx.social.continuation or not ctx.english:
            return
        read = ctx.draft.inferred or infer_context(message)
        prose = ctx.social.prose
        found = None
        # the reply is searched first: the message is read again only for a reply that
        # has sympathy (or cheer) in it
        if read.context in ("praise", "question"):
            match = SYMPATHY.search(prose)
            if match is not None and no_problem(message, read.context):
                what = ("praised you" if read.context == "praise"
                        else "asked a question and reported no problem")
                found = (what, "sympathy for a problem they did not report", match.span())
        elif read.context == "complaint" and (read.words or read.sentiment <= DISTRESS_BELOW):
            match = CHEER.search(prose)
            if match is not None and not self.acknowledgements.find(ctx):
                found = ("complained", "cheer, as if they had praised you", match.span())
        if found is None:
            return
        what, said, (start, end) = found
        yield self.finding(ctx, start, end, message=self.message
                           .replace("{what}", what).replace("{said}", said)
                           .replace("{match}", _quote(message)))


#: A determiner or a word of amount before what is ruled out.
_DET = r"(?:(?:a|an|the|any|another|your|a new|more|other)\s+)?"
#: Words that end no name of a thing ("I don't want to wait", "I'm not after an answer").
_NOT_HEAD = (r"(?!(?:and|or|but|to|for|it|that|this|any|one|time|way|idea|choice|clue|"
             r"problem|issue)\b)")


def _thing(group: str, shortest: int) -> str:
    """The thing ruled out, as group ``group``: up to three words, the last of ``shortest``
    letters or more, then the end of the clause."""
    return (rf"(?P<{group}>(?:" + _NOT_HEAD + r"[a-z][\w-]*\s+){0,2}?" + _NOT_HEAD +
            rf"[a-z][\w-]{{{shortest - 1},}})\b(?=\s*(?:[,.;:!?)]|$|\s+(?:and|but|so|I|we|"
            r"as|because|anymore|any more)\b))")


#: A thing wanted or used: its last word of three letters or more ("not after a refund").
_THING = _thing("thing", 3)
#: What the customer says they do not want ("I don't want a voucher", "I'm not after a
#: refund", "this isn't a bug report"): a reply that names it offers it.
NOT_WANTED = re.compile(
    r"\b(?:(?:I|we)\s+(?:do|did)(?:n't|n’t|\s+not)\s+(?:want|need|ask for|asked for)|"
    r"(?:I'm|I’m|I am|we're|we’re|we are)\s+not\s+(?:after|looking for|asking (?:for|about)|"
    r"interested in|wanting)|(?:this|it|that)\s+(?:is|was)(?:n't|n’t|\s+not)\s+(?=an?\s))"
    r"\s*" + _DET + _THING, re.IGNORECASE)
#: What the customer says they cannot use, have not got, or does not apply to them ("I
#: can't use the app", "I don't have a smart TV", "the Steam fix doesn't apply", "the
#: timetable in your app is wrong", "I'm playing on console, not PC"): a reply that points
#: them to it offers it.
CANNOT_USE = re.compile(
    r"\b(?:I|we)\s+(?:can(?:'|’)?t|cannot|can not|(?:am|are|'m|’m) unable to)\s+use\s+" +
    _DET + _THING + r"|"
    r"\b(?:I|we)\s+(?:do|did)(?:n't|n’t|\s+not)\s+(?:have|own)\s+(?:(?:a|an|any)\s+)" +
    _thing("owned", 2) + r"|"
    r"\b(?:(?:the|your)\s+(?:[\w-]+\s+){0,2}?(?:in|on)\s+)?your\s+(?P<broken>app|website|"
    r"site)\s+(?:has\s+been|have\s+been|is|was|are|keeps|is\s+still)\s+(?:\w+\s+)?(?:wrong|"
    r"broken|down|crashing|not\s+working|not\s+loading|offline|out\s+of\s+date|incorrect)\b|"
    r"\b(?:(?:the|your|that|this)\s+)?(?P<source>[\w-]+(?:\s+[\w-]+)?)\s+(?:fix|steps|"
    r"instructions|method|solution|option|advice|guide)\s+(?:you\s+(?:sent|gave|linked)\s+)?"
    r"(?:do|does|did|will|would)(?:n't|n’t|\s+not)\s+(?:apply|work|help)|"
    # a number or a line that does not work for them ("your 0800 claims number doesn't
    # work from abroad"): a reply that points them to it offers it
    r"\b(?:the|your|that|this)\s+(?P<line>[\w-]+)(?:\s+[\w-]+)?\s+(?:number|line|helpline|"
    r"hotline)\s+(?:do|does|did|will|would|is|was)(?:n't|n’t|\s+not)\s+(?:work|working|"
    r"connect|connecting|free)|"
    # the platform they do not use, said against the one they do ("I'm playing on
    # console, not PC", "on my iPhone, not Android")
    r"\b(?:on|using|with)\s+(?:a\s+|an\s+|my\s+|the\s+)?[\w-]+,?\s+not\s+(?:on\s+)?(?:a\s+|an\s+|"
    r"my\s+|the\s+)?(?P<platform>PC|Mac|Windows|iPhone|iPad|iOS|Android|Xbox|PlayStation|"
    r"PS\d|Switch|console|laptop|desktop|tablet|Steam)\b",
    re.IGNORECASE)
#: How the customer says they cannot reach the brand ("I can't DM you", "your DMs are
#: closed to me"): a reply that asks them to reach it that way offers it, pointing or not.
CANNOT_REACH = re.compile(
    r"\b(?:I|we)\s+(?:can(?:'|’)?t|cannot|can not|(?:am|are|'m|’m) unable to)\s+"
    r"(?P<thing>DM|message|call|ring|phone|e-?mail)\s+(?:you|u|y'all|your\s+team)\b|"
    r"\byour\s+(?P<closed>DMs?|direct messages|inbox)\s+(?:are|is)\s+(?:closed|off|turned off|"
    r"not open)",
    re.IGNORECASE)
#: Words that point the customer to a thing ("use the app", "in Steam", "via our form").
_POINTS = re.compile(r"\b(?:use|using|via|through|in|on|with|download|open|visit|go to|"
                     r"head to|try|from)\s+(?:(?:the|our|your|a|an)\s+)?(?:[\w-]+\s+)?$",
                     re.IGNORECASE)
#: Words that are no thing a reply could offer ("I don't want to wait", "it isn't fair").
NOT_THINGS = frozenset({
    "fair", "right", "good", "okay", "ok", "working", "acceptable", "true", "possible",
    "clear", "enough", "happy", "sure", "able", "the", "again", "just", "really", "even",
    "much", "long", "what", "your", "my", "our", "me", "you", "them", "him", "her", "us",
    "wait", "have", "been", "being", "there", "here", "now", "yet", "still", "very", "too",
    "so", "as", "all", "same", "case", "mine", "yours", "ideal", "great", "helpful",
    "help", "answer", "reply", "response", "apology", "sorry", "excuse", "joke", "funny",
    "cool", "nice", "new", "fault",
})
#: A reply that shows it knows what the customer ruled out.
KNOWS = re.compile(
    r"\b(?:since|as|because) you(?:'ve|’ve| have| are|'re|’re)? (?:\w+ ){0,3}?(?:can(?:'|’)?t|"
    r"cannot|don(?:'|’)?t|do not|aren(?:'|’)?t|not)|\binstead\b|\banother way\b|"
    r"\bother (?:way|ways|option|options)\b|\balternative(?:ly|s)?\b|\brather than\b|"
    r"\bwithout (?:the|an?|"
    r"using)\b|\bunderstand (?:you|that)\b|"
    # it says the way is fixed now ("our DMs should be open now"), or offers another
    r"\b(?:should\s+(?:now\s+)?be|(?:is|are)\s+now)\s+(?:open|working|fixed|back)\b|"
    r"\bif\s+not\b",
    re.IGNORECASE)
_NEGATION_BEFORE = re.compile(r"(?:\b(?:no|not|never|without)|n't|n’t)\s+(?:\w+\s+){0,2}$",
                              re.IGNORECASE)


def ruled_out(message: str) -> list[tuple[str, str, bool]]:
    """What the customer's ``message`` (prose) rules out: (the head word of the thing,
    their words, whether a reply must point to it to offer it), in text order."""
    found = []
    for pattern, pointed in ((NOT_WANTED, False), (CANNOT_USE, True), (CANNOT_REACH, False)):
        for match in pattern.finditer(message):
            groups = match.groupdict()
            if groups.get("closed"):
                head = "dm"
            elif match["thing"] or groups.get("owned") or groups.get("broken") \
                    or groups.get("platform"):
                head = (match["thing"] or groups.get("owned") or groups.get("broken")
                        or groups["platform"]).split()[-1]
                head = "dm" if head.lower() == "message" else head.lower()
            else:
                head = (groups.get("source") or groups["line"]).split()[0].lower()
            if head not in NOT_THINGS and not head.endswith("ing"):
                found.append((head, " ".join(match[0].split()), pointed))
    return found


def offered(head: str, reply: str, pointed: bool) -> tuple[int, int] | None:
    """Where ``reply`` (prose) names ``head`` (its plural too), not negated, and when
    ``pointed``, after words that point the customer to it; or None."""
    stem = re.escape(head[:-1] if head.endswith("s") and len(head) > 3 else head)
    for match in re.finditer(rf"\b{stem}(?:s|es)?\b", reply, re.IGNORECASE):
        before = reply[max(0, match.start() - 40):match.start()]
        if _NEGATION_BEFORE.search(before) or pointed and not _POINTS.search(before):
            continue
        return match.span()
    return None


class RuledOut(PersonaCheck):
    """A reply that offers, or points to, what the customer ruled out."""

    always = True

    def __init__(self, **common):
        super().__init__(RULED_OUT_ID, **common)

    def check(self, ctx: "DraftContext") -> Iterator["Finding"]:
        message = ctx.draft.in_reply_to
        if not message or ctx.social.continuation or not ctx.english:
            return
        prose = ctx.social.prose
        if KNOWS.search(prose):
            return
        for head, words, pointed in ruled_out(read_social(message).prose):
            span = offered(head, prose, pointed)
            if span is not None:
                yield self.finding(ctx, *span, message=self.message.replace("{match}", words))
                return
