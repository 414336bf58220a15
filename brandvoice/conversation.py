"""Conversation-aware checks: a reply judged against the message it answers
(``in_reply_to``).

- **Context inference.** A draft with no ``context`` of its own (nor from ``--context``)
  but with ``in_reply_to`` gets the context of the customer's message: ``complaint``,
  ``question``, ``praise`` or ``general`` (see :func:`infer_context`, documented in
  docs/conversation.md). An explicit context always wins; the config's ``defaults``
  context comes only when nothing can be inferred.
- **Personal data echoed back** (``persona.context.echo-pii``): a reply that repeats the
  customer's e-mail address, phone number, or order or account number from
  ``in_reply_to``, which would publish it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterator

from .incident import incident
from .metrics import sentiment
from .persona.style import MessageCheck, PersonaCheck
from .result import Finding
from .social import Social, read_social
from .stage import Stage, read_stage

if TYPE_CHECKING:
    from .lint import DraftContext

#: What a customer's message can be read as, in the order they are decided.
CONTEXTS = ("complaint", "question", "praise", "general")
#: VADER compound score at or below which a message is a complaint.
COMPLAINT_BELOW = -0.3
#: VADER compound score at or above which a message (with no complaint or question) is praise.
PRAISE_ABOVE = 0.5

#: A complaint is a breach of what the customer expected, whatever the mood of its words
#: ("my order still says processing" is one; "wow, what a product!" is not).
#: Each kind of cue below is a sign of such a breach; the kinds name the reason given.
_NOT = (r"(?:can'?t|cant|cannot|can not|couldn'?t|won'?t|wont|wouldn'?t|doesn'?t|doesnt|"
        r"does not|dosn'?t|dosent|doesent|dose not|don'?t|dont|do not|didn'?t|didnt|did not|"
        r"isn'?t|isnt|is not|aren'?t|"
        r"are not|wasn'?t|wasnt|was not|weren'?t|haven'?t|havent|have not|hasn'?t|hasnt|"
        r"has not|never|no longer|unable to|not|nothing)")
#: What a product or a service is expected to do; negated, it is a failure.
_DOES = (r"(?:(?:work|load|open|connect|download|upload|updat|install|log|sign|play|charg|"
         r"sync|send|sent|receiv|show|arriv|deliver|respond|answer|repl|get|got|let|"
         r"allow|accept|process|refund|turn|start|boot|stream|print|find|found|come|came|"
         r"pick|call|fix|resolv|go through|went through|recogni|register|activat|verif|"
         r"ship|appear|save|restor|reset|access|use|see|hear|listen|help|honou?r|"
         r"credit|reflect|match|post|pay|paid|return|contact|reach|proceed|scan|unlock|"
         r"dispens|told|tell|inform|notif|warn|clean)\w*|"
         r"tak(?:e|es|ing)(?= (?:my|the|our|any|cards?|payments?|codes?|coins?|"
         r"notes?|contactless)\b)|be)")
#: Verbs after "can't" that are figures of speech, not something the customer could not do
#: ("can't wait", "can't believe", "can't complain", "can't beat the price", "could not
#: have been more helpful").
_FIGURES = (r"(?:wait|believe|stand|thank|recommend|help but|imagine|say|tell|think|afford|"
            r"be (?:happier|better|prouder|more|bothered)|bear|understand|stop|resist|express|"
            r"emphasi[sz]e|complain|fault|beat|miss|argue|praise|rate|overstate|get enough|"
            r"get over|go wrong|have|put (?:\w+ ){0,2}down|ask for|contain|decide|choose|"
            r"find (?:a |any )?better)")
#: What the customer cannot do of their own plans or memory ("unable to attend", "can't
#: make it", "can't remember"): a request for help, not a failure of the brand's; the
#: negated actions of :data:`_DOES` still count ("can't log in").
_OWN = r"(?:attend|make it|remember|recall|join|go|travel|fly|come|ride)"
COMPLAINT_KINDS: dict[str, tuple[str, ...]] = {
    # something does not do what it should
    "a failure": (
        # (not an obligation lifted: "you won't have to pay", "I don't need to call")
        rf"{_NOT}\s+(?!(?:\w+\s+)?(?:(?:have|has|had)\s+to|need|needs|needed)\b)"
        rf"(?!{_FIGURES}\b)"
        rf"(?:\w+\s+){{0,2}}?{_DOES}",
        # what the customer could not do, whatever it is ("can't reverify", "unable to
        # unlock"), but a figure of speech or their own plans
        rf"(?:(?:unable|not able) to|can'?t|cannot|can not|couldn'?t|could not)"
        rf"\s+(?!(?:{_FIGURES}|{_OWN})\b)\w+",
        r"stuck|frozen|freez(?:es|ing)|crash(?:es|ed|ing)?|glitch\w*|bugg(?:y|ed)|bug(?!\s*fix)|broken|"
        r"fail(?:s|ed|ing|ure)?|missing|hacked|locked out|declined|"
        r"rejected|refused|denied|cancell?ed|delayed|overbooked|bumped|stranded|damaged|"
        r"(?:is|are|was|went|been|still|keeps? going) down|outage|slow(?:er|est)?|"
        r"buffering|lagg?(?:ing|y)|disconnect\w*|dropp(?:ed|ing)|expired|spinning|"
        r"blank (?:page|screen)|error|invalid|wrong|incorrect|misleading|faulty|defective|"
        r"blurry|pixelated|grainy|stain(?:ed|s)?|no-?show|out of order|outages|"
        r"(?:servers?|site|website|app|network|system|line|wi-?fi|internet|broadband) "
        r"(?:is |are )?down|for no reason|(?:get|getting|receive) nothing(?! but)|"
        r"cut(?:s|ting)? out|missed (?:deliver(?:y|ies)|appointments?|collections?)|"
        r"conflicting (?:answers|information|info)|"
        r"keeps? \w+ing|kept \w+ing|(?:one|two|three|four|five|\d+) times|"
        r"doesn'?t even|not even|not able|stopped|falling apart|fell apart|went out on|"
        r"refuses?|deactivated|(?:the )?run ?-?around|nothing since|stops working|hangs up|"
        r"no longer \w+(?:ing|s)|(?:and|but) (?:i|we) (?:don'?t|do not|have no idea) (?:know )?why|"
        r"(?:got|been|was|were|has been|have been|get|gets|getting) (?:\w+ ){0,3}?(?:reset|wiped|"
        r"erased|deleted|removed)(?! (?:it|them|the app)\b)|"
        r"(?:have |has )?got nothing(?! but)|received nothing|error'?ed|"
        r"yet (?:i|we|it|they) (?:didn'?t|haven'?t|hasn'?t|still)(?! need)|"
        r"dirty|filthy|subpar|sub-par|mouldy|moldy|stale|cold food|soggy|squashed|crushed|"
        r"smashed|soaked through|leaking|undercooked|crawling|barely (?:\w+ )?(?:stream|work|"
        r"load|use|get|connect|hear|move)\w*|kept (?:me |us )?awake|burnt to a crisp|"
        r"arrived (?:with )?(?:an? )?(?:\w+ )?(?:cracked|broken|damaged|dented|torn|leaking|"
        r"missing)|(?:food|fries|chips|meal|pizza|burger|coffee|order) (?:was|were|is|are) "
        r"(?:stone |freezing |ice )?cold|"
        r"arrived (?:\w+ )?(?:upside down|open|"
        r"empty|crushed|broken|smashed|squashed|melted|cold)|(?:\d+ )?(?:hrs?|hours?|"
        r"mins?|minutes?|days?) late|late again|running late|so late|too late|"
        r"(?:nearly |almost )?missed (?:my|our|the) (?:flight|train|bus|connection|"
        r"appointment|ferry)|"
        # goods that came apart, data corrupted or gone, a bus that did not stop, a crowd
        r"c(?:a|o)me apart|coming apart|corrupt(?:ed|s|ing)|(?:hours?|days?|weeks?|months?|"
        r"years?) (?:of (?:\w+ )?\w+ )?gone|(?:went|drove|go(?:es)?|sailed) (?:straight |right )?"
        r"(?:past|by) (?:me|us)|(?:logged|kicked|signed|thrown|locked) (?:me|us) out|"
        r"packed like sardines|standing room only|rammed|overcrowded|"
        r"stood (?:the whole|all the|the entire) (?:way|journey|trip|flight)|"
        r"shr[au]nk|fell to pieces|arrived ripped|ripped at|"
        r"(?:internet|wi-?fi|broadband|power|signal|service) "
        r"(?:has been |had been |was |is |been )?(?:out|off)(?= (?:for|since|again|all)\b)|"
        r"ate (?:my|our) (?:card|money|cash|ticket|coins?|chips|fries|food|order|meal|\S*\d+)|"
        r"(?:half|most|some|all) (?:of )?(?:them|it|my \w+|the \w+) (?:gone|missing)",
        # harm done to the customer's things by someone else ("your update deleted all my
        # presets", "the driver threw my parcel over the gate"); the customer's own doing
        # is SELF_MADE
        r"(?<!\bi )(?<!\bwe )(?:deleted|wiped|erased|threw|thrown|chucked|tossed|smashed|"
        r"broke|damaged|ruined|scratched|dented|crushed|destroyed|ripped|tore|stole|stolen)"
        r"(?=\s+(?:(?:all|both|half)\s+(?:of\s+)?)?(?:my|our)\b)",
        # what was promised or used to be ("it was supposed to arrive", "it used to work",
        # "you said would take 5 days")
        r"supposed to|should have|should've|was meant to|used to work|was working|"
        r"(?:you|they|your \w+) (?:said|told (?:me|us)|promised(?: me| us)?)(?: (?:it|they))? "
        r"(?:would|will|'d)|"
        r"disappeared|vanished|banned|suspended|blocked|mistreated|"
        r"where(?:'s| is| are) (?:my|our|the) \w+|out of stock|(?:went|been|is|are|was) out|"
        r"cut off|drain(?:ed|ing)|throttled|"
        r"(?:having|have|has|got|getting)\s+(?:(?:an?|the|some|this|that|these|same|major|big|"
        r"huge|serious|real|constant|recurring|many|so|lots|of|lot)\s+){0,3}"
        r"(?:issues?|problems?|trouble)",
        # a why-question about something missing ("why is there no ...", "why can't I ...")
        r"why (?:is|are|was|were|has|have|does|do|did|would|can'?t|won'?t|isn'?t|aren'?t|"
        r"doesn'?t|don'?t)\s+(?:\w+\s+){0,4}?(?:no|not|never|only)",
    ),
    # the customer has waited, or has not been answered
    "waiting": (
        r"still|yet to|waiting|waited|on hold|no (?:response|reply|answer|one|update|"
        r"word|luggage|bags?|signal|service|internet|wi-?fi|power|connection|help)|"
        r"nobody|ghost(?:ed|ing)|ignor(?:ed|ing)|(?:hours?|days?|weeks?|months?) (?:now|"
        r"later|late)|over (?:a|an|\d+) (?:hour|day|week|month)|every time|"
        r"(?:third|fourth|fifth|\d+(?:st|nd|rd|th)) time|multiple times|several times|"
        r"no (?:water|broadband|heat|heating|hot water|communication|confirmation|e-?mail|"
        r"refund|updates?|call ?back|delivery|phone service|cell service|coverage|"
        r"(?:mobile )?data|electricity|gas|network)"
        r"(?!\s+(?:needed|required|necessary|sources?)\b)|"
        r"many times|again and again|without (?:a |any )?(?:response|reply|answer|attempt|"
        r"explanation|notice|warning|resolution|updates?|info|information|news|help)|"
        r"no (?:assistance|resolution|solution)(?!\s+(?:needed|required|necessary)\b)|hung up|"
        r"hang up on|(?:check|reply|respond|answer)\w* (?:to )?my (?:dm|message|e-?mail|tweet)|"
        r"(?:(?:for|over|in) (?:the )?(?:past|last)|over|(?:been|waited|waiting|sat|sitting|"
        r"stuck|held|holding)\s+(?:\w+\s+){0,3}?for) (?:\d+|two|three|four|five|six|several|"
        r"many) (?:more )?(?:hours|days|weeks|months)|"
        r"(?:\d+|two|three|four|five|ten) (?:mins?|minutes|hours?|hrs?) (?:in|on|at) (?:the |a )?"
        r"(?:\w+ )?(?:queue|line|hold)|"
        # a wait told as its length, opening the message ("Hour and a half for mains")
        r"(?<![\w,;:'’-]\s)(?<![\w,;:'’-])(?:(?:an?|one|two|three|half an|\d+(?:\.\d+)?)\s+)?"
        r"(?:hours?|hrs?|mins?|minutes|days|weeks|months)(?: and a half)?\s+for\b(?![^.!?\n]*\?)|"
        # a wait named by its length ("three week wait for a GP appointment")
        r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]"
        r"(?:hour|day|week|month)s? wait\b",
    ),
    # money taken that should not have been
    "a charge": (
        r"(?:double |twice |wrongly |been )?charg(?:ed|ing)(?: twice| double)?|billed|"
        r"debited|deducted|overcharg\w*|ripp?(?:ed)? ?off|rip-off|daylight robbery|money back|"
        r"hidden fee|(?:turned|went up|gone up|jumped) (?:in)?to (?:[$£€]|ksh ?)\d+(?:[.,]\d+)*|"
        # what the customer paid for what went wrong ("Paid £140 for this", "and I paid
        # for the season pass")
        r"paid (?:[$£€₹]|rs\.? ?|ksh ?)?\d[\d,.]*(?:k)? for (?:this|it|that|them)|"
        r"(?:and|but|yet|when) (?:i|we)(?:'ve| have|'m|'re)? "
        r"(?:paid|pay|am paying|are paying|paying) "
        r"(?:for (?:the|a|my|our|this)|(?:[$£€₹]|rs\.? ?)?\d)|"
        r"reverse (?:the |this |my |a |that )?(?:charges?|payments?|transactions?|debits?|it)|"
        r"what (?:i'?m|i am|we'?re|we are) paying for|"
        r"price (?:increase|hike|rise)|overpriced|extortionate|"
        # the price gone up ("price up AGAIN", "prices have gone up"), or one more rise
        r"(?:price|prices|bill|fees?)(?:'s| is| has| have| are)? (?:up|gone up|going up|risen|"
        r"rising|increased|doubled)|(?:second|third|fourth|fifth|another) (?:price )?(?:rise|"
        r"hike|increase)|(?:bill|charges?|price|fees?)(?:'s| is| are| was)? (?:\w+ ){0,2}?"
        r"(?:so|too|ridiculously|crazy|insanely) (?:high|expensive|steep)",
    ),
    # a judgement or a feeling about what happened
    "a complaint word": (
        r"garbage|trash|sucks?|sucked|bs|bullshit|joke|pathetic|ridiculous|disgrace\w*|"
        r"stressed|stressful|wasted|waste of|because of you(?: guys| lot| people| all)?|"
        r"what(?:'s| is) going on|"
        r"shame(?:ful)?|incompet\w+|inept\w*|worst|terrible|awful|horrible|horrendous|"
        r"useless|unacceptable|disappoint\w*|annoy\w*|frustrat\w*|angry|upset|mad at|"
        r"fed up|sick of|tired of|scam\w*|lie[sd]?|lying|liars?|rude|unprofessional|"
        r"apall\w*|appall\w*|disgust\w*|outrage\w*|furious|livid|wtf|ffs|smh|fuck\w*|"
        r"shit\w*|crap\w*|damn\w*|screw(?:ed|ing)? (?:me|us|up|over)|mess(?:ed|ing) up|"
        r"nightmare|"
        r"not (?:happy|impressed|good|ok|okay|acceptable|fair|cool|right)|poor|"
        r"fix (?:this|it)|sort (?:this|it) out|"
        r"get (?:it|your act) together|thanks? for nothing|#\w*fail\w*|#not\w+|laughable|"
        r"(?:can|could) do better|need (?:this|it) fixed|what'?s the point|no right|"
        r"what'?s (?:up|wrong) with|shocking|debacle|hassl(?:e|ed|ing)|relentless|"
        r"never (?:again|buying|using|flying|shopping|ordering)|bring (?:back|it back)|"
        r"uncooperative|stinks?|futil\w+|beware|please fix|conveniently|excuses?(?! me\b)|"
        r"(?:is|was) (?:this|that) fair(?! to\b)|make (?:this|it) stop|"
        r"how (?:am i|are we|is anyone|is one|are people) (?:meant|supposed) to|"
        r"get (?:my |the |our )?(?:service|internet|power|wi-?fi|signal|account|money) back|"
        r"(?:lost|losing) (?:a |two |\d+ |my |our )?customers?|"
        r"un(?:watch|us|play|read|listen|drink|eat|bear|afford|access|reach|contact|"
        r"navigat|wear)able|unreliable",
    ),
    # a problem named, which may be past or solved ("thanks for fixing the issue"): a cue
    # only when the message is not positive (see WEAK_KINDS)
    "a problem word": (
        r"problems?|issues?|bugs|glitch(?:es)?|trouble|lost|stolen|broke|complain\w*|complaints?|"
        r"refund",
    ),
}
#: Kinds of cue that make a complaint only when the message's sentiment is below
#: :data:`PRAISE_CUE_ABOVE`.
WEAK_KINDS = frozenset({"a problem word"})
#: Cues of the other kinds that have an innocent sense as well ("the host refuses to let us
#: leave without breakfast", "conveniently right by the gate", "without any warning it
#: updated, love it", "the concert I missed my flight for because of another airline,
#: thank you"): like :data:`WEAK_KINDS`, signs only when the message is not positive.
WEAK_CUES = re.compile(r"(?i)refuses?|conveniently|without (?:any )?(?:warning|notice)|"
                       r"(?:have |has )?got nothing|yet (?:i|we|it|they) .*|hangs up|"
                       r"(?:nearly |almost )?missed (?:my|our|the) \w+")
#: Signs that a complaining customer is distressed, not only reporting a problem: a word of
#: complaint or feeling, waiting, a charge, a serious incident; or a clearly negative
#: message (sentiment at most DISTRESS_BELOW), or DISTRESS_CUES signs of any kind (in
#: different words: "the issue ... the issue" is one).
DISTRESS = frozenset({"a complaint word", "waiting", "a charge", "a serious incident"})
DISTRESS_CUES = 2
#: A message between COMPLAINT_BELOW and this reads as a complaint but shows no distress by
#: its sentiment: it is mostly one negative word of VADER's ("unfortunately", "blame",
#: "restrict", "weapon"), not how the customer feels.
DISTRESS_BELOW = -0.5
#: What else shows distress in a complaint: insistence ("!!", "?!"; shouting too, as
#: :meth:`.Social.shouted` reads it: "NOTHING WORKS", not an acronym such as "USPS"), a plea
#: ("please help", "can't deal"), leaving ("cancel", "not renewing"), a problem that keeps
#: coming ("still", "again", "always", "never", "every time"), a bill.
DISTRESSED = re.compile(
    r"!{2,}|\?!|!\?|(?i:please help|(?<!you )(?<!you please )help me|can'?t deal|"
    r"fed up|cancel\w*|switch(?:ing)? to|leaving|not (?:be )?renew\w*|(?<![\w'])(?:still|"
    r"again|always|never|every time|charges?|bill(?:ed|ing)?)(?![\w']))")
#: Words of a customer's that read as negative to VADER and are not, left out of the
#: sentiment of their message: their own courtesy, an apology for bothering or for a late
#: answer ("sorry to bother you again", "apologies for the delay"), excitement ("can't
#: wait!", whose negation VADER carries on to the next words) and praise said with a
#: negation ("can't recommend you enough", "couldn't be happier", "can't fault them").
NOT_NEGATIVE = re.compile(
    r"(?i)\b(?:sorry|apologies|my apologies)\s+(?:to\s+(?:bother|trouble|disturb|pester|bug)|"
    r"for\s+(?:bothering|troubling|disturbing|the\s+(?:late|delayed|slow)\s+(?:reply|response)|"
    r"(?:the|my)\s+delay))\b|\b(?:can(?:'|’)?t|cannot|can not)\s+wait\b|"
    r"\b(?:can(?:'|’)?t|cannot|could(?:n(?:'|’)?t| not))\s+(?:(?:recommend|thank|praise)\s+"
    r"(?:\w+\s+){0,2}?enough|be\s+happier|ask\s+for\s+(?:a\s+|any\s+)?better|fault|"
    r"complain)\b")
#: What follows "charge" in its sense of money ("isn't charging for double meat", "didn't
#: charge me"): not charged is no failure.
_MONEY_AFTER = re.compile(r"\s*(?:for|me|us|you|extra|anything|any|fees?|a fee|tax)\b",
                          re.IGNORECASE)
#: What follows "dropped" when the customer sent something ("dropped you a DM").
_SENT_AFTER = re.compile(r"\s*(?:(?:you guys|you all|you|ya|u|us|them|him|her|y'all)\s+)?"
                         r"(?:a|an)\s+(?:dm|direct "
                         r"message|line|message|note|e-?mail|pm|text|tweet|review)\b",
                         re.IGNORECASE)
#: Kinds of cue that a negation just before them takes back ("not frustrated", "no issues").
NEGATABLE_KINDS = frozenset({"a complaint word", "a problem word"})
NEGATED_BEFORE = re.compile(r"(?:\b(?:not|no|without|never|zero|nothing|any)|n't)"
                            r"(?:\s+(?:a|an|any|the|too|so|very|really|that|more))?\s+$",
                            re.IGNORECASE)
_CANT_GO = re.compile(r"(?:can(?:'|’)?t|cannot|could(?:n(?:'|’)?t| not))\s+go\s+$", re.IGNORECASE)
#: A problem said to be absent ("still no issues", "still haven't had a single problem"):
#: no sign of one.
ABSENT = re.compile(r"\b(?:(?:no|not|never|zero|without)\s+|(?:haven(?:'|’)?t|hasn(?:'|’)?t|"
                    r"didn(?:'|’)?t|have not|has not|did not)\s+(?:had|seen|got|noticed)\s+)"
                    r"(?:(?:any|an?|a single|more)\s+)?(?:issues?|problems?|complaints?|"
                    r"trouble|errors?|crash(?:es)?)\b", re.IGNORECASE)
#: "still" before a state that is fine ("the app is still there", "still available",
#: "still love it"): no sign of waiting.
STILL_FINE = re.compile(r"\s*(?:there|here|available|valid|open|in stock|on sale|good|great|"
                        r"fine|the best|(?:a )?(?:big |huge )?fan|lov\w*|lik(?:e|es|ing)|"
                        r"enjoy\w*)\b", re.IGNORECASE)
#: "still" in a question about what will or can still happen ("will I still get it?").
STILL_ASKED = re.compile(r"\b(?:will|would|can|could|do|does|did|am|is|are|shall|should|"
                         r"may|might)\s+(?:\w+\s+){1,3}$", re.IGNORECASE)
#: A problem the customer says is solved: with thanks and a positive sentiment, the message
#: is praise ("the issue was solved right away, thank you!"), not a complaint.
RESOLVED = re.compile(
    r"(?<![\w'])(?:solved|resolved|fixed|sorted|works now|working (?:now|again|fine)|"
    r"it worked|all good|no longer having|got it working|thanks for (?:the|your) help|"
    r"thank you for (?:the|your) help)(?![\w'])", re.IGNORECASE)
#: A customer who says the trouble is of their own making ("I accidentally ordered the wrong
#: size", "I lost my phone in a taxi") asks for help; it is a complaint only with a word of
#: complaint ("awful") or a negative sentiment as well.
SELF_MADE = re.compile(
    r"(?<![\w'])(?:I|I've|I have|we|we've) (?:accidentally|mistakenly|forgot|lost|dropped|"
    r"broke|deleted|misplaced|ordered the wrong|typed the wrong|entered the wrong)|"
    r"(?:my|our) (?:mistake|fault|bad)(?![\w'])", re.IGNORECASE)
#: Emoji of anger or distress (a complaint cue, like the words above).
ANGRY_EMOJI = "\U0001F621\U0001F92C\U0001F624\U0001F620\U0001F612\U0001F622\U0001F62D" \
              "\U0001F644\U0001F44E\U0001F61E\U0001F629\U0001F62B\U0001F611\U0001F643"
#: Words that make a message praise when its sentiment is at least mildly positive.
PRAISE_CUES = ("thank", "thanks", "love", "great", "awesome", "amazing", "brilliant",
               "excellent", "fantastic", "best", "perfect", "well done", "kudos", "happy")
PRAISE_CUE_ABOVE = 0.2
QUESTION_START = re.compile(
    r"(?:^|[.!?]\s+)(?:how|what|when|where|why|who|which|can|could|is|are|do|does|did|"
    r"will|would|should|may|any)(?![\w'’])", re.IGNORECASE)


def _kind_pattern(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'#])(?:" + "|".join(alternatives) + r")(?![\w'])",
                      re.IGNORECASE)


_KINDS = {kind: _kind_pattern(alternatives) for kind, alternatives in COMPLAINT_KINDS.items()}
_ANGRY = re.compile(f"[{ANGRY_EMOJI}]")
_PRAISE = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                                                for w in PRAISE_CUES) + r")(?![\w'])",
                     re.IGNORECASE)


def _not_a_cue(kind: str, words: str, before: str, after: str = "") -> bool:
    """Whether a cue is no sign of a breach where it stands, given the words ``before`` and
    ``after`` it: a judgement, a problem, a failed state or a charge said not to be there
    ("I'm not frustrated", "without any issue", "the links are not missing", "they aren't
    charging for it"), "still" asked about
    ("will I still get it?", "do you still sell them?"), or something sent ("dropped you
    a DM")."""
    lower = words.lower()
    if kind in NEGATABLE_KINDS and NEGATED_BEFORE.search(before):
        return True
    # a state said not to be there ("the links are not missing", "it isn't broken"); a
    # failure of more words carries its own negation ("not working")
    if kind == "a failure" and " " not in lower and NEGATED_BEFORE.search(before):
        return True
    if (kind == "a charge" and NEGATED_BEFORE.search(before)
            or kind == "a failure" and "charg" in lower and _MONEY_AFTER.match(after)):
        return True
    if lower in ("dropped", "dropping") and _SENT_AFTER.match(after):
        return True
    if lower == "still" and (ABSENT.match(after.lstrip()) or STILL_FINE.match(after)):
        return True
    if lower == "wrong" and _CANT_GO.search(before):  # "you can't go wrong with it"
        return True
    if lower.startswith("#not") and _KINDS["a complaint word"].fullmatch(lower[4:]):
        return True  # "#NotDisappointed" says the opposite of "#NotHappy"
    return lower == "still" and STILL_ASKED.search(before) is not None


def _fine_still(text: str, match: re.Match) -> bool:
    """Whether a match of :data:`DISTRESSED` is "still" before a state that is fine."""
    return match[0].lower() == "still" and STILL_FINE.match(text, match.end()) is not None


#: Where the words of a hashtag written in camel case meet ("ThanksFor|Nothing").
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|_")
#: A hashtag that is a sign as it is ("#fail", "#EpicFail"): not read again as words.
_TAG_CUE = re.compile(r"(?i)#\w*fail\w*")


def complaint_cues(message: str, social: Social | None = None) -> list[tuple[str, str]]:
    """The signs of a complaint in a customer's message: (kind, words), in text order
    (@handles, links and e-mail addresses left out; ``social`` is the message's reading,
    when the caller has it)."""
    social = social or read_social(message)
    text = _blank(message, [p.span for p in social.of("handle", "url", "domain", "email")])
    # a hashtag's words are read too, after the message ("#ThanksForNothing",
    # "#disappointed"), each on a line of its own so no sign runs from one into the next
    tags = [_CAMEL.sub(" ", message[p.start + 1:p.end]) for p in social.of("hashtag")
            if not _TAG_CUE.fullmatch(message[p.start:p.end])]
    text = "\n".join([text, *tags]).replace("\u2019", "'")
    found = [(match.start(), match.end(), kind, match[0]) for kind, pattern in _KINDS.items()
             for match in pattern.finditer(text)
             if not _not_a_cue(kind, match[0], text[max(0, match.start() - 40):match.start()],
                               text[match.end():match.end() + 40])]
    found += [(match.start(), match.end(), "a complaint word", match[0])
              for match in _ANGRY.finditer(text)]
    # words two kinds of sign both found ("having issues" and "issues", "have a problem"
    # and "problem") are one sign: the longest words, of the kind that tells the most
    signs: list[tuple[int, int, str, str]] = []
    for start, end, kind, words in sorted(found, key=lambda sign: (sign[0], -sign[1])):
        if signs and start < signs[-1][1]:
            first = signs[-1]
            longest = words if end - start > first[1] - first[0] else first[3]
            telling = max(first[2], kind, key=_telling)
            signs[-1] = (first[0], max(end, first[1]), telling, longest)
        else:
            signs.append((start, end, kind, words))
    reported = incident(message, social)  # a serious incident is a breach whatever its words
    if reported is not None:
        signs.insert(0, (-1, -1, "a serious incident", reported[1]))
    return [(kind, words) for _, _, kind, words in signs]


#: A request for help or information put as a question ("how do I make sure ...?", "is
#: there a way to ...?", "any recommendations?", "can you check if ...?", "how long does it
#: usually take?"): a customer who reports a problem this way asks for the way on, and
#: shows no distress unless a word of complaint, a charge, an incident or shouting says so.
ASKS_HOW = re.compile(
    r"(?i)\b(?:how (?:do|can|would|should) (?:i|we)|is there (?:a|any) way|any (?:recommendations?|"
    r"ideas?|advice|tips|suggestions?)|(?:wanted|want|would like) to know|(?:can|could) you "
    r"(?:please )?(?:check|tell|advise|confirm|let me know)|how long does|will you be|"
    r"what should (?:i|we))\b[^?]*\?|"
    # a request for information put as a statement ("Wanted to know the status of BA0257")
    r"\b(?:wanted|want|would like|I'd like|need) to (?:know|find out|check)\b")
#: The kinds of sign that show distress even in a request for help.
DISTRESS_IN_ASKING = frozenset({"a complaint word", "a charge", "a serious incident"})


def _distressed(text: str, score: float, cues: list[tuple[str, str]], social: Social) -> bool:
    """Whether a complaint (``text``, its sentiment ``score`` and ``cues``) shows distress."""
    if ASKS_HOW.search(text) and not DISTRESS_IN_ASKING.intersection(
            kind for kind, _ in cues) and not social.shouted() and score > DISTRESS_BELOW:
        return False
    return (bool(DISTRESS.intersection(kind for kind, _ in cues)) or score <= DISTRESS_BELOW
            or len({words.lower() for _, words in cues}) >= DISTRESS_CUES
            or any(not _fine_still(text, m) for m in DISTRESSED.finditer(text))
            or bool(social.shouted()))


def _telling(kind: str) -> int:
    """How much a kind of sign says: a sign of distress most, a weak kind least."""
    return 2 if kind in DISTRESS else 0 if kind in WEAK_KINDS else 1


def complaint_words(message: str, read: "Inferred | None" = None) -> str | None:
    """When the customer's ``message`` is a complaint (``read``, how it was read, if the
    caller has it), the words that make it one (its first cue, or its prose); else None."""
    read = read or infer_context(message)
    if read.context != "complaint":
        return None
    return read.words[0] if read.words else read_social(message).prose.strip()


@dataclass(frozen=True)
class Inferred:
    """The context read from a customer's message, and why."""

    context: str
    reason: str
    sentiment: float
    #: The stage of the buying cycle the message shows, when it shows one clearly.
    stage: Stage | None = None
    #: For a complaint: whether the customer shows distress (see :data:`DISTRESS`), which
    #: a reply must acknowledge; a problem reported as a matter of fact need not be.
    distressed: bool = False
    #: For a complaint: the words of the signs that made it one, in text order (none when
    #: only its sentiment did); the checks that quote the complaint read them here.
    words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        stage = self.stage
        return {"context": self.context, "reason": self.reason, "sentiment": self.sentiment,
                "stage": stage.stage if stage else None,
                "stage_reason": stage.reason if stage else None}


def _quoted(found: list[str]) -> str:
    unique = list(dict.fromkeys(f.lower() for f in found))
    return ", ".join(f"'{word}'" for word in unique[:3])


def _listed(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def infer_context(message: str) -> Inferred:
    """The context of a reply to ``message``: a complaint when the message shows a breach of
    what the customer expected (a failure, waiting, a charge, a complaint word; see
    :data:`COMPLAINT_KINDS`) or is negative (VADER compound <= -0.3); else a question when
    it asks one (a '?' or a sentence opening with a question word); else praise when it is
    clearly positive (>= 0.5, or >= 0.2 with a word of praise); else general. Praise with a
    sign of a breach in it ("thanks for the modem that doesn't work") is a complaint.
    The stage of the buying cycle the message shows, if any, is read too (:mod:`.stage`)."""
    social = read_social(message)
    return replace(_read_kind(message, social), stage=read_stage(message, social))


def _read_kind(message: str, social: Social) -> Inferred:
    """The context of :func:`infer_context`, without the stage."""
    text = _blank(message, [p.span for p in social.of("handle")])
    # the customer's own courtesy ("sorry to bother you") is no sign of a breach
    score = sentiment(_blank(text, [m.span() for m in NOT_NEGATIVE.finditer(text)]))
    cues = [(kind, words) for kind, words in complaint_cues(message, social)
            if kind not in WEAK_KINDS and not WEAK_CUES.fullmatch(words)
            or score < PRAISE_CUE_ABOVE]
    solved = score >= PRAISE_CUE_ABOVE and RESOLVED.search(text) and _PRAISE.search(text)
    own = SELF_MADE.search(text)
    if own is not None and score > COMPLAINT_BELOW:
        # the customer's own doing leaves only words of complaint, and the failures told
        # before it ("the game crashed and I lost all my potions")
        told = text.lower()
        cues = [(kind, words) for kind, words in cues if kind == "a complaint word"
                or -1 < told.find(words.lower()) < own.start()]
    if (cues or score <= COMPLAINT_BELOW) and not solved:
        why = [f"sentiment {score:+.2f}"] if score <= COMPLAINT_BELOW else []
        kinds: dict[str, list[str]] = {}
        for kind, words in cues:
            kinds.setdefault(kind, []).append(words)
        why += [f"{kind} {_quoted(words)}" for kind, words in kinds.items()]
        return Inferred("complaint", _listed(why), score,
                        distressed=_distressed(text, score, cues, social),
                        words=tuple(words for _, words in cues))
    if "?" in text or QUESTION_START.search(text.strip()):
        how = "a question mark" if "?" in text else "a question word"
        return Inferred("question", f"it asks something ({how})", score)
    praise = _PRAISE.findall(text)
    if score >= PRAISE_ABOVE or (praise and score >= PRAISE_CUE_ABOVE):
        why = f"sentiment {score:+.2f}" + (f" and {_quoted(praise)}" if praise else "")
        return Inferred("praise", why, score)
    return Inferred("general", f"no complaint, question or praise (sentiment {score:+.2f})",
                    score)


# --- personal data echoed back ----------------------------------------------------------

#: An order, account or reference code: letters and at least 4 digits, dashes allowed (not
#: the last part of a dotted version: "1.0.68.407.g6864aaaf").
CODE = re.compile(r"(?<![\w@/-])(?<!\d\.)#?(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){4})"
                  r"[A-Za-z0-9][A-Za-z0-9-]{4,30}(?![\w@-])")
#: A number as customers write one: digits with single spaces, dashes, dots or brackets
#: inside (a line break or a run of spaces ends it: columns of figures are not one number).
NUMBER = re.compile(r"(?<![\w@/])#?\+?\(?\d(?:(?:[\d().-]|[ \t](?![ \t])){0,24}\d)?(?![\w])")
#: Fewest digits for a number to count as personal (an order, account or phone number).
FEWEST_DIGITS = 5
ECHO_ID = "persona.context.echo-pii"
EXPOSURE_ID = "persona.context.thread-exposure"
#: What a customer's own message may show of them in public (a thread-exposure cue), as
#: (what, pattern): besides the e-mail addresses, phone numbers and references of
#: :func:`personal_data`, a street address, an airline-style booking code standing alone
#: ("GEX8LD") and an e-mail address an export has redacted ("__email__", "[email]").
EXPOSED = (
    ("street address", re.compile(
        r"(?i)\b\d{1,6}\s+(?:(?!(?:to|a|an|the|of|my|your|our|and|or|for|in|on|at|is|"
        r"are|be|it|i|you|we|min|mins|minutes?|hours?|days?|years?)\s)[a-z]+\s+){1,4}"
        r"(?:st|street|ave|avenue|blvd|boulevard|rd|road|"
        r"ln|lane|dr|drive|way|ct|court|pl|place|cres|crescent|terrace|close|hwy|highway)\b")),
    ("booking code", re.compile(
        r"(?<![\w@#/-])(?=[A-Z0-9]{6}(?![\w@-]))(?=(?:[A-Z]*\d))(?=(?:\d*[A-Z]){2})[A-Z0-9]{6}")),
    ("e-mail address", re.compile(
        r"(?i)__email__|\[(?:redacted )?e-?mail(?: address)?\]|<e-?mail>|\[email\xa0?protected\]")),
    ("card number", re.compile(
        r"(?i)__credit_card__|\[(?:redacted )?(?:credit )?card(?: number)?\]|"
        # the last digits of a card, named as such ("my card ending 4417")
        r"\bcard (?:ending|ending in|ends in|ending with)\s*:?\s*\d{4}\b")),
)
#: A reference written as a hashtag after what it is ("booking #YIU8NM", "order #A1234"):
#: the code, not a hashtag.
NAMED_TAG = re.compile(r"(?i)\b(?:booking|reservation|confirmation|reference|ref|order|pnr|"
                       r"locator|account|acct)(?:\s*(?:number|no\.?|code|id))?\s*:?\s*(#)"
                       r"(?=[a-z0-9])")
#: A quantity: a number or a range of numbers with its unit ("24-48hrs", "10am-12pm",
#: "100-300mbps", "1080p").
_QUANTITY = (r"\d{1,4}(?:[.,:]\d+)?(?:\s?(?:am|pm))?(?:\s?(?:-|–|to)\s?\d{1,4}(?:[.,:]\d+)?)?\s?"
             r"(?:hrs?|hours?|h|mins?|minutes?|secs?|seconds?|days?|wks?|weeks?|mths?|"
             r"months?|yrs?|years?|am|pm|[kmgt]b|[kmg]bps|mph|km/?h|kph|km|kg|lbs?|g|mm|cm|"
             r"ft|ml|fps|[kmg]?hz|mah|[pi]\d{0,3}|x|k)")
#: Codes and numbers that are no one's personal data: a flight number ("DL1262", "BA0257"),
#: a dotted run of four groups or more (an IP address, a version: "192.168.1.1"), a date
#: written with dashes ("2017-11-05", "05-11-2017") and a quantity (:data:`_QUANTITY`).
NOT_PERSONAL = re.compile(r"#?(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?\d{1,4}|\d+(?:\.\d+){3,}|"
                          r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}|(?i:" + _QUANTITY + ")")
#: What tells the customer to take their data out of public view: delete or edit the post,
#: their privacy or security, or not sharing details in public.
PROTECTS = re.compile(
    r"(?i)\b(?:delete|deleting|remove|removing|erase|erasing|take\s+down|hide|hiding|"
    r"edit\s+out)\b|"
    # "could you pop that tweet down?", "take your post down"
    r"\b(?:take|pop|bring)\s+(?:(?:that|the|this|your|those)\s+)?(?:\w+\s+)?(?:tweets?|"
    r"posts?|replies|reply|comments?)\s+down\b|"
    r"\bfor\s+(?:your|the)\s+(?:own\s+)?(?:privacy|security|safety|protection)\b|"
    r"\b(?:don't|don’t|do\s+not|never|avoid|please\s+don't)\s+(?:\w+\s+){0,3}?"
    r"(?:share|post|tweet|include|put|give)\b|"
    r"\b(?:personal|private|account)\s+(?:info|information|details|data)\s+"
    r"(?:\w+\s+){0,3}?(?:public|publicly|here|online|open)\b")


#: What a customer's message may show that only points to a case, not to the person: a
#: reference to an order, a booking, a ticket or a case. It cannot reach or find anyone, so
#: a reply that moves the conversation to a private channel (:data:`PRIVATE`) deals with
#: it, as the labelling guide allows ("advise them to delete it or move to DM"); contact
#: data, an account or a card still needs telling to take it down.
REFERENCES = frozenset({"order number", "booking number", "reservation number",
                        "confirmation number", "ticket number", "tracking number",
                        "invoice number", "case number", "reference number", "reference",
                        "booking code"})
#: A private channel named in a reply: a direct or private message.
PRIVATE = re.compile(r"(?i)\b(?:DMs?|DM(?:'|’)d|DMing|direct(?:ly)?\s+messag(?:e|es|ed|ing)|"
                     r"private(?:ly)?\s+messag(?:e|es|ed|ing)|PMs?|privately|inbox)\b")
#: Words that make a link in a reply a private channel, a form to write to the brand
#: ("provide your details here: https://...", "report this to our team here: ..."), rather
#: than a page to read ("track it here: ...").
FORM = re.compile(r"(?i)\b(?:provide|report|submit|fill\s+(?:in|out)|contact|reach|chat|"
                  r"get\s+in\s+touch|write\s+to|send\s+(?:us|them|your))\b")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out (same length), in one pass: blanking match by
    match copied the whole text each time, quadratic in a long message."""
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        parts += [text[position:start], " " * (end - start)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


#: What a number is, when the customer says so just before it ("Order# 3632693-6196346",
#: "account no. 12345678", "booking 1234567"): an order number, not a phone number. A
#: weaker name ("case", "reference", "member") counts only with "number", "no.", "#" or
#: ":" after it ("just in case 07700 900123" is no case number).
NAMED_NUMBER = re.compile(
    r"(?i)\b(?:(order|account|acct|booking|reservation|confirmation|ticket|tracking|policy|"
    r"membership|invoice)\s*(?:number|no\.?|num|id|code)?\s*[#:]?|"
    r"(case|reference|ref|member|loyalty|customer)\s*(?:(?:number|no\.?|num|id)\s*[#:]?|"
    r"[#:]))\s*$")
#: A number or code named, just before it, as a product's, a store's, a service's or an
#: error's ("DPCI 030-02-8711", "SKU 12345678", "model no. A1586", "store #2145", "error
#: CE-34878-0", "firmware 2.14.0"), or just after it ("the ZH-3200 hub", "KC-1107 is a
#: known issue"): no one's personal data.
PRODUCT_NUMBER = re.compile(
    r"(?i)\b(?:dpci|sku|upc|ean|isbn|tcin|asin|gtin|mpn|model|part|item|product|style|"
    r"catalog(?:ue)?|article|store|branch|route|flight|train|error|fault|bug|firmware|"
    r"version|build|update|patch)\s*(?:number|no\.?|num|code|id)?\s*[#:]?\s*$")
PRODUCT_AFTER = re.compile(
    r"(?i)\s*(?:hub|router|modem|printer|console|laptop|tv|tablet|camera|"
    r"boiler|model|series|edition|firmware|error|fault|code|is a known (?:issue|bug|fault))"
    r"\b")
#: Words that say a number is a phone number, shortly before or after it ("my mobile is
#: ...", "... is my mobile").
PHONE_WORDS = re.compile(r"(?i)\b(?:mobile|cell|phone|tel|telephone|call me|text me|"
                         r"whats ?app|my number|contact number)\b")
#: Short forms of those names, written out.
NAMES = {"acct": "account", "ref": "reference"}


def _items(text: str) -> list[tuple[int, int, str, str]]:
    """The personal data in ``text``: (start, end, what, key), with e-mail addresses
    lower-cased, numbers as their digits, references upper-cased without dashes. Links
    and handles (``@name``) are not personal data here, nor what :data:`NOT_PERSONAL`
    names (flight numbers, versions, dates, quantities), nor a number named as a
    product's or a store's (:data:`PRODUCT_NUMBER`)."""
    social = read_social(text)  # links, handles and e-mail addresses, read once
    emails = social.of("email")
    found: list[tuple[int, int, str, str]] = [
        (p.start, p.end, "e-mail address", text[p.start:p.end].lower()) for p in emails]
    masked = _blank(text, [p.span for p in social.of("url", "domain", "handle", "email")])
    for pattern in (CODE, NUMBER):
        taken: list[tuple[int, int]] = []
        for match in pattern.finditer(masked):
            value = match[0]
            digits = re.sub(r"\D", "", value)
            if pattern is NUMBER and len(digits) < FEWEST_DIGITS:
                continue
            taken.append(match.span())
            if NOT_PERSONAL.fullmatch(value.strip()) or PRODUCT_NUMBER.search(
                    masked, max(0, match.start() - 25), match.start()) or PRODUCT_AFTER.match(
                    masked, match.end(), match.end() + 25):
                continue
            if pattern is CODE:
                key = re.sub(r"[^A-Z0-9]", "", value.upper())
                found.append((match.start(), match.end(), "reference", key))
            else:
                window = max(0, match.start() - 40)
                named = NAMED_NUMBER.search(masked, window, match.start())
                if named and (PHONE_WORDS.search(masked, window, match.start())
                              or PHONE_WORDS.search(masked, match.end(), match.end() + 25)):
                    named = None  # "my number, just in case: ..." is a phone number
                name = named and (named[1] or named[2]).lower()
                phone = len(digits) >= 7 and re.search(r"[\s().+-]", value.strip())
                what = (f"{NAMES.get(name, name)} number" if name
                        else "phone number" if phone else "number")
                found.append((match.start(), match.end(), what, digits))
        masked = _blank(masked, taken)  # what one pattern found, no later one finds
    return sorted(found)


def personal_data(message: str) -> list[tuple[str, str]]:
    """The customer's e-mail addresses, phone numbers and order or account numbers in
    ``message``, as (what, key), in the order they are written (flight numbers, dates and
    quantities, :data:`NOT_PERSONAL`, are no one's)."""
    return list(dict.fromkeys((what, key) for _, _, what, key in _items(message)))


def exposed(message: str) -> list[tuple[str, str]]:
    """What the customer's ``message`` shows of their personal data in public: (what, the
    words), in the order written. Plain numbers of fewer than 7 digits (a short order
    number, a price), hashtags, flight numbers and dotted runs such as IP addresses are
    left out (:data:`NOT_PERSONAL`)."""
    # the '#' of a reference named as one is blanked (offsets do not move)
    message = NAMED_TAG.sub(lambda m: m[0][:-1] + " ", message)
    social = read_social(message)
    tags = [p.span for p in social.of("hashtag", "cashtag")]
    found = [(start, what, message[start:end]) for start, end, what, key in _items(message)
             if (not what.endswith(" number") and what != "number" or len(key) >= 7)
             and not any(s <= start < e for s, e in tags)]
    masked = _blank(message, [p.span for p in social.of("url", "domain", "hashtag", "cashtag")])
    for what, pattern in EXPOSED:
        found += [(m.start(), what, m[0]) for m in pattern.finditer(masked)
                  if not NOT_PERSONAL.fullmatch(m[0])
                  and not any(start <= m.start() < start + len(words)
                              for start, _, words in found)]
    return [(what, words) for _, what, words in sorted(found)]


def _first(shown: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The first of what a message shows, as (what, the words without a leading '#')."""
    if not shown:
        return None
    what, words = shown[0]
    return what, words.strip().lstrip("#")


class ThreadExposure(MessageCheck):
    """A reply to a message that shows the customer's own personal data in public
    (``in_reply_to``), which does not tell them to take it down or keep it private.

    A thread continuation ("2/2") is checked too: the data stays public whatever an
    earlier part said, and reviewers judge each part as it is posted (on the shared
    replies, four of the five continuations that answer such a message were marked for
    it)."""

    continuations = True

    def __init__(self, **common):
        super().__init__(EXPOSURE_ID, **common)

    def read(self, message: str) -> tuple[str, str] | None:
        return _first(exposed(message))

    def read_draft(self, ctx: "DraftContext") -> tuple[str, str] | None:
        shown = exposed(ctx.draft.in_reply_to or "")
        # a message that shows only references is dealt with by moving to a private channel
        if all(what in REFERENCES for what, _ in shown) and (
                PRIVATE.search(ctx.text) or ctx.social.of("url") and FORM.search(ctx.text)):
            return None
        return _first(shown)

    def answers(self, ctx: "DraftContext") -> bool:
        return PROTECTS.search(ctx.text) is not None


class EchoPII(PersonaCheck):
    """A reply that repeats the customer's personal data from ``in_reply_to``."""

    always = True

    def __init__(self, **common):
        super().__init__(ECHO_ID, **common)

    def check(self, ctx: "DraftContext") -> Iterator[Finding]:
        message = ctx.draft.in_reply_to
        if not message:
            return
        theirs = {key: what for what, key in personal_data(message)}
        if not theirs:
            return
        for start, end, _, key in _items(ctx.text):
            what = theirs.get(key)
            if what is not None:
                yield self.finding(ctx, start, end, message=self.message.replace("{what}", what))
