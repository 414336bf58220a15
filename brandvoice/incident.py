"""Reading a serious incident in a customer's message (an assault, harassment,
discrimination, a safety risk, an injury, an allergic reaction or something in their food,
a medical emergency, a death), and whether a reply answers it with care: the reading that
``persona.context.sensitive-incident`` (:mod:`brandvoice.sensitive`), the complaint reading
and the empathy check share.

The customer's message (``in_reply_to``) is read for the kinds of incident in
:data:`INCIDENTS`; a reply answers it when it shows care (an apology that is more than
the formula or a routine thing, "I understand", "are you OK?", "we take this seriously",
"that must have been frightening") or urgency and escalation ("right
away", "escalated", "our safety team", "call 999"), the labelling guide's "urgency, care or
escalation". "That's concerning, tell us more here" and "DM us your order number" are the
templates it catches. Documented in docs/conversation.md#sensitive-incidents.
"""

from __future__ import annotations

import re

from .social import Social, read_social

#: Signs of faith, colour or disability, and a refusal, which near each other read as
#: discrimination ("saw her hijab, said 'not in my car' and drove off").
_SIGN = (r"(?:hijab|turban|niqab|headscarf|skin colou?r|guide dog|assistance dog|"
         r"wheelchair)")
_REFUSAL = (r"(?:refused|wouldn'?t|won'?t|denied|turned (?:us|me|her|him|them) away|"
            r"drove off|kicked (?:us|me|her|him|them) out|(?:be )?more comfortable elsewhere|"
            r"not welcome|(?:asked|told) (?:us|me|her|him|them) to leave|"
            r"(?:we|you|they|i|she|he)(?:'d|’d| would) be ['‘]?more comfortable)")

#: What a customer may report that needs more than a template, by kind (regular
#: expressions over the message, whole words, any case; @handles and links left out).
INCIDENTS: dict[str, str] = {
    "violence or a threat": (
        r"assault(?:ed|ing)?(?! on (?:the |your |my |our )?(?:eyes|ears|senses|wallet))|"
        r"attack(?:ed)? (?:me|us|my)|punch(?:ed)? (?:me|my)|"
        # a person, not a thing of theirs: "kicked my seat the whole way" is no assault
        r"(?:hit|kicked|slapped|shoved|grabbed|spat at) (?:me|us|my(?! (?:seat|chair|bag|"
        r"case|suitcase|door|car|bike|tyres?|locker|table)\b))|pushed me|"
        r"threat(?:en|ened|ening)? (?:me|us|my|to)|threatened|threatening|violent|violence|"
        r"abus(?:ed|ive) (?:me|us|my)|verbally abused|physically"),
    "harassment": (
        r"harass(?:ed|ing|ment)?|stalk(?:ed|ing|er)|groped|grop(?:ing|e)|molest\w*|"
        r"sexual(?:ly)? (?:harass\w*|assault\w*|comments?|advances?|messages?|texts?|"
        r"pictures?|photos?|images?|explicit)|groom(?:ed|ing)|touched me|rap(?:e|ed)|"
        r"(?:kept|keeps|keep|was|were|been|started) touching (?:me|my|us|her|him)|"
        r"touched (?:my|her|his)|ask(?:ed|ing) me out|knows? where (?:i|we|she|he) lives?|"
        r"(?:filmed|photographed|followed) (?:me|us|my \w+)(?: and me)? (?:back )?"
        r"(?:through|round|around|home|to (?:my|our|the) (?:car|door|house|flat))|"
        r"comments? (?:about|on) (?:my|her|his) (?:body|looks|figure|chest|legs|bum)|"
        r"death threats?|threatening (?:messages|texts|calls)|"
        r"(?:told|telling|tells|tell) (?:me|him|her|them|my \w+) to kill (?:myself|himself|"
        r"herself|themselves)|"
        r"(?:put|putting|puts|had|kept|keeps) (?:his|her|their) hands? on (?:my|her|his) "
        r"(?:thigh|leg|knee|hips?|waist|bum|chest|breasts?|back|shoulders?)|"
        r"hands? on my (?:thigh|leg|knee|hips?|waist|bum|chest|breasts?)|"
        r"(?:kept|keeps|was|started|kept on) grabbing (?:me|my|at me)|"
        r"(?:did not|didn'?t|never) consent|"
        r"(?:wouldn'?t|would not|didn'?t|did not) let (?:me|us|her) (?:out|leave|go|off)|"
        r"follow(?:s|ing)? me (?:round|around|everywhere|home)|"
        r"(?:films|filming|photographs|photographing) me|"
        r"taking (?:photos|pictures|videos) of me|(?:can|could) see where (?:i|we) (?:am|are)|"
        r"scared to go home"),
    "discrimination": (
        r"racis[mt]\w*|racial(?:ly)? (?:profil\w*|abus\w*|slur\w*)|discriminat\w*|sexist|"
        r"homophobic|transphobic|islamophobic|antisemiti\w*|bigot\w*|slurs?|"
        r"because (?:i'?m|i am|we'?re|we are|he'?s|she'?s|they'?re) (?:black|gay|muslim|"
        r"jewish|disabled|trans|a woman|asian|in a wheelchair)|"
        r"(?:made|forced|told) (?:me|her|him|us|them) (?:to )?(?:take off|remove) (?:my|her|his|"
        r"their) (?:hijab|turban|niqab|headscarf|kippah|yarmulke)|"
        r"laugh(?:ed|ing) (?:at|about) (?:my|her|his|their) (?:hijab|turban|niqab|headscarf|"
        r"accent|skin|wheelchair|disability)|"
        r"because of (?:my|her|his|their|our) (?:race|religion|skin|colou?r|accent|disability|"
        r"hijab|turban|headscarf|wheelchair|sexuality|guide dog)|your lot always|"
        r"called (?:me|us|my \w+|her|him) (?:a |an )?['‘\"]?\w*\*+\w*['’\"]?|"
        # a refusal near a sign of faith, colour or disability, in either order
        rf"{_REFUSAL}[^.!?\n]{{0,60}}{_SIGN}|"
        rf"{_SIGN}[^.!?\n]{{0,60}}(?:{_REFUSAL}|not in my (?:car|cab|shop|store))"),
    "a safety risk": (
        r"unsafe|dangerous(?:ly)?|a danger|a hazard|hazardous|caught fire|on fire|"
        r"(?:burst|bursting) into flames|smoke (?:coming|pouring)|gas leak|exploded|"
        r"smell(?:s|ed|ing)? (?:of )?gas|gas smell|"
        r"fire (?:exits?|doors?) (?:\w+ ){0,5}(?:chained|locked|blocked)|"
        r"(?:let|letting) (?:himself|herself|themselves) in(?:to)? (?:my|our)|"
        r"(?:a man|a stranger|a woman|someone|somebody|a guy) (?:came|walked|got|barged) "
        r"in(?:to)? (?:my|our) (?:room|cabin|house|flat)|broke into (?:my|our)|"
        r"(?:co|carbon monoxide|smoke|fire) alarms?|live wires?|exposed wir(?:es?|ing)|"
        r"nearly (?:fell|fallen) (?:in|into|down|off|over|through|onto)|"
        r"missing (?:manhole|drain) covers?|(?:manhole|drain) covers? (?:is |was )?missing|"
        r"defibrillator|(?:lifeline|personal|medical|panic|care) alarms?|"
        r"(?:someone|somebody) else(?:'s|s) (?:[\w-]+ ){0,2}(?:medication|medicine|tablets|"
        r"pills|prescription)|"
        r"the wrong (?:[\w-]+ ){0,2}(?:medication|medicine|tablets|pills|prescription|dose|"
        r"dosage|insulin)|"
        r"(?:nearly|almost) drown(?:ed)?|drowning|"
        r"(?:collapsed|fell) on (?:my|our|his|her|a) (?:\w+ )?(?:son|daughter|child|kid|"
        r"toddler|baby|head|wife|husband|mum|mom|dad|friend)|"
        r"explosion|sparking|sparks|electric shock|electrocut\w*|carbon monoxide|"
        r"burning smell|smell(?:s|ed|ing)? (?:of )?(?:burning|diesel|petrol|chemicals)|"
        # smoke smelt in a room or a car is stale cigarette smoke, not a fire
        r"(?<!room )(?<!rooms )(?<!car )(?<!cab )(?<!taxi )(?<!carriage )(?<!bus )(?<!flat )"
        r"(?<!suite )(?<!cabin )(?<!bedroom )smell(?:s|ed|ing)? (?:of )?smoke|"
        r"hot to (?:the )?touch|melted (?:the |a |my )?(?:socket|plug|wires?|cable)|"
        r"fire (?:brigade|service)|firefighters|brakes? (?:went|gone|going) soft|"
        r"nearly (?:went|crashed|ran|drove) into|"
        r"(?:shard|shards|piece|pieces|bits?|chunk) of (?:glass|metal)|"
        r"brakes? failed|drunk driv\w*|reckless(?:ly)?|fell asleep (?:at|behind) the wheel|"
        r"(?:chemicals?|bleach) in (?:my|the|your|our)|"
        r"(?:accident|crash|collision) while (?:riding|driving|travell?ing)|"
        r"(?:car|road|traffic) (?:accident|crash|collision)|"
        r"(?:was|were|got|been) (?:in|into) (?:an?|a car|a serious|a bad) (?:accident|crash|"
        r"collision)|(?:driver|car|bus|train|taxi|uber|cab) (?:crashed|hit (?:me|us|a|another))"),
    "an injury": (
        r"injur(?:ed|y|ies)|hurt (?:me|my|myself|him|her|them|us|his|their)|"
        r"(?:i|we|he|she|they) (?:got|was|were) (?:badly )?hurt|bleeding|"
        r"broke (?:my|his|her|their) (?:arm|leg|wrist|ankle|nose|tooth|teeth|hip|back)|"
        r"burn(?:ed|t) (?:me|my|myself|his|her)|concussion|stitches|"
        r"(?:in|to|taken to|out of|ended up in) (?:the )?(?:hospital|a&e|er|emergency room)|"
        r"hospitali[sz]ed|"
        r"ambulance|bruis(?:e|ed|es|ing)|burns (?:on|to|all over)|on a drip|"
        r"(?:hit|struck|banged) (?:\w+ ){0,3}on the head|went flying|"
        r"broken (?:hip|leg|arm|wrist|ankle|nose|ribs?|collarbone|jaw)"),
    "an allergic reaction or something in the food": (
        r"allergic reaction|anaphyla\w*|epi-?pen|(?:had|having) a reaction|"
        r"swell(?:ed|ing) up|swollen (?:lips|face|throat|tongue|eyes)|lips (?:swelled|swelling|"
        r"swollen)|hives|throat (?:closing|swelling|swelled)|"
        r"food poisoning|(?:got|made (?:me|us|him|her|my \w+)|been) (?:really |very )?sick|"
        r"threw up|throwing up|vomit\w*|"
        r"(?:plastic|glass|metal|a hair|hairs|a bug|bugs|an insect|insects|a worm|worms|"
        r"a cockroach|cockroaches|maggots|mou?ld|a slug|slugs|a snail|a fly|flies|a spider|"
        r"a mouse|a rat|droppings|a plaster|a (?:bolt|screw|nail|stone))\s+"
        r"(?:in|inside)\s+(?:my|the|our|his|her)\s+(?:\w+\s+){0,2}?(?:food|meal|burrito|bowl|"
        r"sandwich|salad|pizza|burger|drink|coffee|order|bag|box|cereal)|"
        r"what(?:'s| is| was) (?:this|that) (?:\w+ )?(?:in|inside) (?:my|our|the) (?:\w+ )?"
        r"(?:food|meal|burrito|bowl|sandwich|salad|pizza|burger|drink|coffee|cereal)"),
    "a medical emergency": (
        r"medical emergency|in (?:a lot of |so much |severe )?pain|unconscious|collapsed|"
        r"seizure|heart attack|stroke|can'?t breathe|couldn'?t breathe|passed out|fainted|"
        r"(?:had|having|went into) a hypo|hypoglyc\w*|diabetic (?:attack|emergency|coma)|"
        r"(?:i'?m|i am|feel(?:ing)?|felt|been|is|was) suicidal|self[- ]harm(?:ing|ed)?|"
        r"(?:don'?t|dont|do not|can'?t|cant) see the point (?:in|of) (?:anything|living|going "
        r"on|life)|(?:end|ending) it all|want to die|(?:don'?t|dont) want to (?:live|be here)"),
    # people die; phones "die" too, so "died" needs a person before it
    "a death": (
        r"passed away|funeral|bereave\w*|death (?:of|in)|"
        r"(?:(?:my|our|his|her|their) (?:mum|mom|mother|dad|father|wife|husband|son|daughter|"
        r"brother|sister|friend|grandma|grandmother|nan|grandpa|grandfather|partner|baby|"
        r"child|uncle|aunt)|he|she|someone|a man|a woman|a passenger) "
        r"(?:has |had |just )?(?:died|was killed)"),
}
_INCIDENT = {kind: re.compile(r"(?<![\w'])(?:" + rx + r")(?![\w'])", re.IGNORECASE)
             for kind, rx in INCIDENTS.items()}
#: What shows care for the person: an apology, sorry to hear, understanding, asking after
#: them, taking it seriously.
CARE = re.compile(
    r"(?<![\w'])(?:sorry|apologi[sz]e[sd]?|apolog(?:y|ies)|heartbroken|heart[- ]?breaking|"
    r"(?:hate|sad|saddened|horrified|appalled|shocked|devastated|alarmed|distressed|"
    r"upset|concerned) (?:\w+ )?to (?:hear|see|read|learn)|"
    r"(?:are|is) (?:you|everyone|he|she|they) (?:ok|okay|alright|all right|safe|hurt|"
    r"feeling)|hope (?:you|he|she|they|everyone)(?:'re| are|'s| is)? (?:ok|okay|alright|"
    r"safe|feeling|recovering|well)|glad (?:you|he|she|they)(?:'re| are|'s| is) (?:ok|"
    r"okay|safe|alright)|(?:your|their|his|her) (?:safety|wellbeing|well-being|health)|"
    r"take (?:this|it|these|that|your \w+) (?:very |extremely )?seriously|"
    r"(?:is|are|sounds?) (?:very |extremely )?(?:serious|unacceptable|not acceptable|"
    r"not okay|not ok)|condolences|thoughts are with|(?:i|we) understand|"
    r"(?:must (?:have been|be)|sounds?|that's|that is|how) (?:so |really |very |truly )?"
    r"(?:frightening|terrifying|scary|awful|horrible|horrific|distressing|upsetting|"
    r"traumatic|worrying|shocking|appalling))(?![\w'])",
    re.IGNORECASE)
#: What shows urgency or escalation: right away, escalated, a team that handles it,
#: emergency services. "As soon as possible" is what every template says: not counted.
URGENCY = re.compile(
    r"(?<![\w'])(?:urgent(?:ly)?|immediately|right away|right now|straight away|"
    r"as a (?:matter of )?(?:priority|urgency)|top priority|escalat\w+|investigat\w+|"
    r"emergency|911|999|112|(?:safety|security|incident|trust and safety|food safety|"
    r"quality|management) team|(?:store|restaurant|station|general) manager|"
    r"report(?:ed|ing)? (?:this|it|him|her|them|the \w+) to)(?![\w'])",
    re.IGNORECASE)


def incident(message: str, social: Social | None = None) -> tuple[str, str] | None:
    """The first serious incident the customer's ``message`` reports, as (kind, words),
    or None. @handles, links and a sign-off are left out (``social`` is the message's
    reading, when the caller has it)."""
    text = (social or read_social(message)).prose.replace("\u2019", "'")
    found = [(m.start(), kind, m[0]) for kind, rx in _INCIDENT.items()
             for m in rx.finditer(text)]
    if not found:
        return None
    _, kind, words = min(found)
    return kind, " ".join(words.split())  # a handle blanked out inside leaves no gap


#: Routine things a template apologises for: to someone who reports an assault or an
#: injury, "sorry about the wait" or "sorry to hear about your visit" apologises for the
#: service, not for what happened to them, and shows no care for the person.
ROUTINE = (r"wait(?:ing)?|delay|trip|visit|stay|order|experience|ride|flight|journey|"
           r"delivery|meal|cancell?ation|disruption|disturbance|inconvenience|trouble|"
           r"hassle|issues?|problems?|confusion|mix[- ]?up|service|feedback")
ROUTINE_APOLOGY = re.compile(
    r"(?<![\w'])(?:(?:we're |we are |i'm |i am )?(?:so |very |really )?"
    r"(?:sorry|apologi[sz]e|apologies)(?: to (?:hear|see|read|learn))?"
    r"(?: about| for| that| with)?(?: the| your| any| this| that)?(?: [\w-]+){0,2}? "
    r"(?:" + ROUTINE + r")(?![\w'])(?: (?:wasn't|was not|was|didn't|did not|hasn't|has|"
    r"had)(?: [\w-]+){0,4})?"
    # the bare formula, with nothing about the person: "sorry to hear this", "sorry about
    # that"; "I'm so sorry to hear this" is more than the formula and counts
    r"|(?<!so )(?<!very )(?<!really )(?<!truly )(?<!deeply )(?<!terribly )"
    r"(?:sorry|apologies) (?:to (?:hear|see|read|learn) (?:this|that|about this|about that)|"
    r"(?:about|for) (?:this|that))(?![\w']))",
    re.IGNORECASE)


#: An apology word: to a serious incident, care only when it is more than the formula.
_APOLOGY = re.compile(r"sorry|apologi[sz]e[sd]?|apolog(?:y|ies)", re.IGNORECASE)
#: What makes an apology more than the formula: a word of degree before it ("so sorry",
#: "deeply sorry", "sincerely apologise"), or "for your loss" after it.
_MORE_THAN_FORMULA = re.compile(r"(?:so|very|really|truly|deeply|terribly|incredibly|"
                                r"extremely|genuinely|sincerely|awfully|profoundly)\s+$",
                                re.IGNORECASE)
_FOR_A_LOSS = re.compile(r"\s+(?:for|about)\s+(?:your|the|their|his|her)\s+loss\b",
                         re.IGNORECASE)


def answers_with_care(reply: str) -> bool:
    """Whether ``reply`` shows care for the person or urgency and escalation. An apology
    for a routine thing (:data:`ROUTINE_APOLOGY`) is no care, nor is a plain "sorry" with
    nothing more ("sorry the flapjack wasn't up to scratch", "sorry to hear you've had an
    issue"): "so sorry", "deeply sorry", "sorry for your loss" are."""
    text = ROUTINE_APOLOGY.sub(" ", reply.replace("\u2019", "'"))
    for match in CARE.finditer(text):
        if (_APOLOGY.fullmatch(match[0])
                and not _MORE_THAN_FORMULA.search(text[max(0, match.start() - 20):match.start()])
                and not _FOR_A_LOSS.match(text, match.end())):
            continue
        return True
    return URGENCY.search(text) is not None
