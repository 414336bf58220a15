"""The built-in checks: every finding id that does not come from a rulebook.

One list, read by the persona (default severities and messages), the linter (the ids a
suppression comment may name), the config (the ids ``disable:`` and ``severity:`` accept),
``brandvoice rules``, ``brandvoice explain``, the server's ``/v1/rules`` and the SARIF
rule descriptions. A new persona or conversation check is added here first.
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

#: Findings brandvoice itself reports: a draft that cannot be read, and a suppression
#: comment naming a rule that does not exist.
INPUT_RULE = "brandvoice.input"
SUPPRESSION_RULE = "brandvoice.suppression"


def _always(persona: Any) -> bool:
    return True


def _set(path: str) -> Callable[[Any], bool]:
    """Whether the persona sets the key at ``path`` ("style.max_emoji")."""
    def active(persona: Any) -> bool:
        value = persona
        for part in path.split("."):
            value = getattr(value, part, None)
        return value is not None and value != [] and value != {}
    return active


def _contexts(key: str) -> Callable[[Any], bool]:
    """Whether some context of the persona sets ``key`` (require_empathy...)."""
    return lambda persona: any(getattr(c, key) for c in persona.contexts.values())


@dataclass(frozen=True)
class BuiltinCheck:
    """A check that is not a rule of a rulebook."""

    id: str
    #: What it checks, in full.
    checks: str
    #: Where it comes from: the persona key(s) that set it, or why it is always on.
    setting: str
    #: Default severity (the config's ``severity:`` changes it).
    severity: str
    #: The message templates, by the persona's setting when there are several.
    messages: Mapping[str, str] = field(default_factory=dict)
    #: A draft that raises it and one that does not, with the persona key that makes it so.
    bad: str | None = None
    good: str | None = None
    example_setting: str | None = None
    #: Metadata the examples are checked with: the draft's context, the customer's message.
    context: str | None = None
    in_reply_to: str | None = None
    #: The department of the bad example and of the good one, when it matters.
    departments: tuple[str, str] | None = None
    #: Whether its findings carry an automatic fix (``check --fix``).
    fixable: bool = False
    #: Whether the config's ``disable:`` may switch it off.
    can_disable: bool = True
    #: Whether it runs only with a persona, and then when, given the persona.
    needs_persona: bool = True
    active: Callable[[Any], bool] = _always
    #: The config key it runs with (it is off without it), for a check set in the config.
    config_key: str | None = None
    #: The page of the docs that says more.
    docs: str = "docs/persona.md#checks"
    #: What it looks for in one short sentence, said of the check rather than of one
    #: finding (SARIF rule descriptions).
    summary: str = ""
    #: What kind of problem it catches, as a rule's ``category`` says (None: none fits).
    #: The labelling guide's categories where one fits; checks of plain language and of the
    #: brand's own style have a ``style.`` category, which reviewers do not record as issues.
    category: str | None = None

    @property
    def kind(self) -> str:
        return "persona" if self.id.startswith("persona.") else "brandvoice"

    @property
    def key(self) -> str:
        """The persona key that sets it ("style.shouting"), or how it runs ("always on")."""
        return self.setting.split(",")[0].split(" (")[0]

    @property
    def message(self) -> str:
        """The message (the first, when the persona's setting chooses among several)."""
        return next(iter(self.messages.values()), "")

    def switch_off(self) -> str:
        """How to switch it off, in words."""
        if not self.can_disable:
            return (f"it cannot be switched off; lower its severity instead: "
                    f"severity: {{{self.id}: warning}}")
        how = f"disable: [{self.id}] in the config"
        if self.kind == "persona" and self.active is not _always:
            how += f", or leave {self.key} out of the persona"
        if self.config_key:
            how += f", or leave {self.config_key} out of the config"
        return how + f"; in one draft: brandvoice-disable {self.id}"


#: How a conversation check runs: on every draft that has the customer's message.
ON_REPLIES = "always on (a draft with in_reply_to)"


def _conversation(check_id: str, checks: str, severity: str, message: str,
                  **details: Any) -> BuiltinCheck:
    """A check of a reply against the customer's message (``in_reply_to``): always on, no
    persona needed, one message."""
    return BuiltinCheck(check_id, checks, ON_REPLIES, severity, {check_id: message},
                        needs_persona=False, **details)


CHECKS: tuple[BuiltinCheck, ...] = (
    BuiltinCheck(
        "persona.readability.grade",
        "The draft's Flesch-Kincaid reading grade is above the persona's maximum.",
        "readability.max_grade", "suggestion",
        {"persona.readability.grade": "Reading grade {value} is above the brand's {max}: "
                                      "use shorter words and sentences."},
        bad="Notwithstanding the aforementioned complications, our organisation remains "
            "unequivocally committed to comprehensive resolution.",
        good="Sorry about this. We will fix it today.",
        example_setting="readability.max_grade: 8", active=_set("readability.max_grade"),
        summary="The reading grade of a reply is above the brand's maximum.",
        category="style.plain-language"),
    BuiltinCheck(
        "persona.readability.ease",
        "The draft's Flesch reading ease is below the persona's minimum.",
        "readability.min_reading_ease", "suggestion",
        {"persona.readability.ease": "Reading ease {value} is below the brand's {min}: "
                                     "use shorter words and sentences."},
        bad="Notwithstanding the aforementioned complications, our organisation remains "
            "unequivocally committed to comprehensive resolution.",
        good="Sorry about this. We will fix it today.",
        example_setting="readability.min_reading_ease: 60",
        active=_set("readability.min_reading_ease"),
        summary="The reading ease of a reply is below the brand's minimum.",
        category="style.plain-language"),
    BuiltinCheck(
        "persona.readability.sentence-length",
        "A sentence has more words than the persona allows.",
        "readability.max_sentence_words", "suggestion",
        {"persona.readability.sentence-length":
            "This sentence has {count} words; the brand keeps sentences to {max}."},
        bad="We are sorry that your parcel did not arrive on the day we promised and we "
            "will look into what happened with the courier and get back to you.",
        good="We are sorry your parcel is late. We will ask the courier today.",
        example_setting="readability.max_sentence_words: 25",
        active=_set("readability.max_sentence_words"),
        summary="A sentence is longer than the brand allows.",
        category="style.plain-language"),
    BuiltinCheck(
        "persona.tone.sentiment",
        "The draft's sentiment (VADER, -1 very negative to 1 very positive) is outside the "
        "persona's range.",
        "tone.sentiment", "suggestion",
        {"persona.tone.sentiment": "Sentiment {value} is outside the brand's range ({range})."},
        bad="This is terrible and we hate it.", good="Thanks for waiting, we will sort it.",
        example_setting="tone.sentiment: {min: -0.1}", active=_set("tone.sentiment"),
        docs="docs/persona.md#tone",
        summary="The sentiment of a reply is outside the brand's range.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.tone.formality",
        "The draft's formality (0 casual to 1 formal) is outside the persona's range.",
        "tone.formality", "suggestion",
        {"persona.tone.formality": "Formality {value} is outside the brand's range ({range})."},
        bad="Hey! gonna sort it asap :)", good="We will look at your order today.",
        example_setting="tone.formality: {min: 0.2, max: 0.7}", active=_set("tone.formality"),
        docs="docs/persona.md#formality",
        summary="The formality of a reply is outside the brand's range.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.tone.politeness",
        "The draft's politeness (0 rude to 1 very polite: a model of politeness strategies "
        "and words trained on the Stanford Politeness Corpus) is outside the persona's "
        "range; the message says which strategies made it so.",
        "tone.politeness", "suggestion",
        {"persona.tone.politeness":
            "Politeness {value} is outside the brand's range ({range}): it {why}."},
        bad="Read the FAQ before you ask. Why would you do that?",
        good="Thanks for asking, Sam! Could you tell us which page you're on?",
        example_setting="tone.politeness: {min: 0.3}", active=_set("tone.politeness"),
        docs="docs/persona.md#politeness",
        summary="A reply reads as less (or more) polite than the brand's range.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.style.exclamations",
        "More exclamation marks than the persona allows.",
        "style.max_exclamations", "suggestion",
        {"persona.style.exclamations": "{count} exclamation marks; the brand uses at most "
                                       "{max}."},
        bad="Thanks!! We love it!", good="Thanks! We love it.",
        example_setting="style.max_exclamations: 1", active=_set("style.max_exclamations"),
        summary="More exclamation marks than the brand uses.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.style.emoji",
        "More emoji than the persona allows (0 forbids them).",
        "style.max_emoji", "warning",
        {"persona.style.emoji": "{count} emoji; the brand uses at most {max}."},
        bad="Thanks 🎉🎉🎉", good="Thanks 🎉", example_setting="style.max_emoji: 2",
        active=_set("style.max_emoji"),
        summary="More emoji than the brand uses.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.style.hashtags",
        "More hashtags than the persona allows.",
        "style.max_hashtags", "warning",
        {"persona.style.hashtags": "{count} hashtags; the brand uses at most {max}."},
        bad="Thanks #a #b #c", good="Thanks #a", example_setting="style.max_hashtags: 2",
        active=_set("style.max_hashtags"),
        summary="More hashtags than the brand uses.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.style.shouting",
        "Text in capitals (ALL CAPS reads as shouting): a word of five capitals or more, or "
        "three words in capitals in a row, once per passage; not acronyms (two to four "
        "capitals), codes with digits, the persona's allow_caps, handles, hashtags, links, "
        "the sign-off or quoted text.",
        "style.shouting, style.allow_caps", "warning",
        {"persona.style.shouting": "'{match}' reads as shouting: write it in lower case, or "
                                   "add it to allow_caps."},
        bad="We are REALLY sorry.", good="We are really sorry. Send us a DM. ^JK",
        example_setting="style.shouting: false, style.allow_caps: [DM]",
        active=lambda persona: persona.style.shouting is False,
        summary="A word in capitals reads as shouting.",
        category="brand.off-voice"),
    BuiltinCheck(
        "persona.style.contractions",
        "With contractions: prefer, a long form (\"do not\") where the brand writes "
        "\"don't\"; with avoid, a contraction. Fixed with the other form.",
        "style.contractions", "suggestion",
        {"persona.style.contractions.prefer":
            "Write '{suggestion}': the brand voice uses contractions.",
         "persona.style.contractions.avoid":
            "Write '{suggestion}': the brand voice does not use contractions."},
        bad="We do not know yet.", good="We don't know yet.",
        example_setting="style.contractions: prefer", fixable=True,
        active=lambda persona: persona.style.contractions != "either",
        summary="Contractions used (or left out) against the brand's style.",
        category="style.voice"),
    BuiltinCheck(
        "persona.terms",
        "A brand name written in another casing; fixed to the persona's spelling.",
        "terms", "error",
        {"persona.terms": "Write '{suggestion}', not '{match}'."},
        bad="Thanks for using ACMEPAY.", good="Thanks for using AcmePay.",
        example_setting="terms: [AcmePay]", fixable=True, active=_set("terms"),
        docs="docs/persona.md#terms-and-vocabulary",
        summary="A brand name written in the wrong casing.",
        category="style.voice"),
    BuiltinCheck(
        "persona.vocabulary.prefer",
        "A word the brand replaces with another, in any of its forms; fixed.",
        "vocabulary.prefer", "warning",
        {"persona.vocabulary.prefer": "The brand says '{suggestion}', not '{match}'."},
        bad="We utilized your notes.", good="We used your notes.",
        example_setting="vocabulary.prefer: {utilize: use}", fixable=True,
        active=_set("vocabulary.prefer"), docs="docs/persona.md#terms-and-vocabulary",
        summary="A word the brand replaces with its own.",
        category="style.voice"),
    BuiltinCheck(
        "persona.vocabulary.avoid",
        "A word or phrase the brand avoids, in any of its forms.",
        "vocabulary.avoid", "warning",
        {"persona.vocabulary.avoid": "The brand voice avoids '{match}'."},
        bad="Let's find some synergies.", good="Let's work together.",
        example_setting="vocabulary.avoid: [synergy]", active=_set("vocabulary.avoid"),
        docs="docs/persona.md#terms-and-vocabulary",
        summary="A word the brand voice avoids.",
        category="style.voice"),
    BuiltinCheck(
        "persona.context.empathy",
        "A reply to that context that neither acknowledges how the customer feels nor "
        "apologises.",
        "contexts.*.require_empathy", "warning",
        {"persona.context.empathy":
            "A reply to a {context} acknowledges how the customer feels or apologises "
            "(for example 'sorry', 'I understand')."},
        bad="Your ticket is logged.", good="Sorry about this, your ticket is logged.",
        example_setting="contexts: {complaint: {require_empathy: true}}", context="complaint",
        active=_contexts("require_empathy"), docs="docs/persona.md#contexts",
        summary="A reply to this context does not acknowledge how the customer feels.",
        category="care.no-empathy"),
    BuiltinCheck(
        "persona.context.promotion",
        "A sales pitch (a discount code, a call to buy, a link to a shop) in a reply to that "
        "context.",
        "contexts.*.forbid_promotion", "error",
        {"persona.context.promotion": "No sales pitch in a reply to a {context}: '{match}'."},
        bad="Sorry! Use code SAVE20 for 20% off.", good="Sorry! We will refund you today.",
        example_setting="contexts: {complaint: {forbid_promotion: true}}", context="complaint",
        active=_contexts("forbid_promotion"), docs="docs/persona.md#contexts",
        summary="A sales pitch in a reply to a context that forbids one.",
        category="marketing.promo-in-complaint"),
    BuiltinCheck(
        "persona.context.next-step",
        "A reply to that context that says neither what happens next nor how to get help.",
        "contexts.*.require_next_step", "warning",
        {"persona.context.next-step":
            "A reply to a {context} says what happens next or how to get help (for example "
            "'send us a DM', 'we'll', 'here's how')."},
        bad="Sorry about that.", good="Sorry about that. Send us a DM with your order number.",
        example_setting="contexts: {complaint: {require_next_step: true}}",
        context="complaint", active=_contexts("require_next_step"),
        docs="docs/persona.md#contexts",
        summary="A reply to this context does not say what happens next or how to get help.",
        category="care.dead-end"),
    _conversation(
        "persona.context.echo-pii",
        "A reply that repeats, in public, the e-mail address, phone number or order or "
        "account number of the customer's message it answers (in_reply_to).",
        "error",
        "This repeats the customer's {what} ('{match}') in public: leave it out, and ask "
        "for details by DM.",
        bad="Sorry, Sam: is jo@example.com the right address?",
        good="Sorry, Sam: please send us your address by DM.",
        in_reply_to="My e-mail is jo@example.com and nothing came.",
        docs="docs/conversation.md",
        summary="A reply repeats personal data from the customer's message in public.",
        category="privacy.shows-data"),
    _conversation(
        "persona.context.thread-exposure",
        "A reply to a customer whose own message shows their phone number, e-mail address, "
        "street address, account, booking or card number in public (in_reply_to), which "
        "does not tell them to delete it or to keep it private.",
        "error",
        "The customer's message shows their {what} ('{match}') in public: ask them to "
        "delete it, and to send details by DM.",
        bad="Thanks, Sam. We've found the booking and sent the new times.",
        good="Thanks, Sam. For your privacy, please delete that tweet: we've sent the new "
             "times by DM.",
        in_reply_to="My booking is GEX8LD, call me on 07700 900123",
        docs="docs/conversation.md#personal-data-in-the-thread",
        summary="The customer posted personal data in public and the reply does not tell "
                "them to take it down.",
        category="privacy.thread-exposure"),
    _conversation(
        "persona.context.sensitive-incident",
        "A reply to a customer who reports an assault, harassment, discrimination, a safety "
        "risk, an injury, an allergic reaction or something in their food, a medical "
        "emergency or a death (in_reply_to), with no care, no urgency and no escalation: a "
        "routine template.",
        "error",
        "The customer reports {what} ('{match}'): a routine reply is not enough. Say "
        "you're sorry and that you take it seriously, ask if they're safe, and escalate "
        "it now (a named team, an urgent private channel, emergency services if needed).",
        bad="Please DM us your order number so we can look into it.",
        good="We're so sorry, that's not acceptable. Are you OK? We've escalated this to our "
             "food safety team right away: please DM us your order number.",
        in_reply_to="I found plastic in my burrito bowl",
        docs="docs/conversation.md#sensitive-incidents",
        summary="The customer reports something serious and the reply is a routine "
                "template.",
        category="care.sensitive-incident"),
    _conversation(
        "persona.context.stock-reply",
        "A reply to a customer's question or reported problem (in_reply_to) that only "
        "offers help in general ('if you need help with this, let us know', 'how can I "
        "help?'): no answer, no link, no next step.",
        "warning",
        "The customer {what} ('{match}') and this reply only offers help in "
        "general: answer it, or say when and how you will.",
        bad="If you need help with this, let us know! We'd be happy to help.",
        good="Not yet: pre-orders open on Friday at 9am. We'll post the link here.",
        in_reply_to="When can we pre-order the new controller on your store?",
        docs="docs/conversation.md#stock-replies",
        summary="The customer asked a question or reported a problem and the reply only "
                "offers help in general.",
        category="care.template-mismatch"),
    _conversation(
        "persona.context.asks-again",
        "A reply that asks the customer again what their message (in_reply_to) has just "
        "told: whether they can do what they said they cannot, whether the problem still "
        "happens when they said it still does, or to do what they said they already did.",
        "warning",
        "The customer already said {what} ('{match}') and this reply asks them again: "
        "start from what they told you, and give the next step.",
        bad="Are you able to send invites currently? We'd be happy to help!",
        good="Sorry, that's frustrating! Invites are failing after today's update: a fix is "
             "on its way, and we'll post here when it's live.",
        in_reply_to="Unable to send invites since the update",
        docs="docs/conversation.md#asking-again",
        summary="The reply asks the customer again what they had just said.",
        category="care.template-mismatch"),
    _conversation(
        "persona.context.wrong-mood",
        "A reply whose mood does not fit the customer's message (in_reply_to): sympathy "
        "for a problem ('sorry to hear this', 'sorry your stay didn't meet expectations') "
        "to praise or to a question that reports no problem, or cheer ('glad you're "
        "enjoying it', 'thanks for the love') to a complaint, with no word for the problem.",
        "warning",
        "The customer {what} ('{match}') and this reply answers with {said}: reply to what "
        "they said.",
        bad="Sorry to hear this. Please share the details of your visit so we can follow up.",
        good="That's lovely to hear, thank you! We'll pass it on to the kitchen team.",
        in_reply_to="honestly the new spicy chicken is the best thing you've ever made",
        docs="docs/conversation.md#templates-that-do-not-fit",
        summary="The reply is sorry to someone who praised, or cheerful to someone who "
                "complained.",
        category="care.template-mismatch"),
    _conversation(
        "persona.context.ruled-out",
        "A reply that offers, or points the customer to, what their message (in_reply_to) "
        "ruled out: 'I don't want a voucher', 'I'm not after a refund', 'I can't use the "
        "app', 'the Steam fix doesn't apply'.",
        "warning",
        "The customer ruled this out ('{match}') and this reply offers it: start from what "
        "they asked for, or say why this is the way.",
        bad="Sorry about this! Refunds can be requested from the Help section of the app.",
        good="Sorry the rider was kept waiting in the cold: I've passed that on to the "
             "restaurant today.",
        in_reply_to="I'm not after a refund, I just want someone to tell the restaurant "
                    "their rider was left waiting 40 mins outside",
        docs="docs/conversation.md#templates-that-do-not-fit",
        summary="The reply offers what the customer said they don't want or can't use.",
        category="care.template-mismatch"),
    _conversation(
        "persona.context.endorses-remark",
        "A reply that agrees with, or laughs along with, a remark of the customer's "
        "(in_reply_to) about someone's looks, age, sex, size or origin ('probably some old "
        "woman who can't drive' answered 'Ha, you might be right there!').",
        "error",
        "The customer's message makes a remark about a person ('{match}') and this reply "
        "goes along with it: leave the remark alone and answer the complaint.",
        bad="Ha, you might be right there! Sorry the trip took so long.",
        good="Sorry the trip took so long. Please DM us the trip details and we'll look "
             "into it.",
        in_reply_to="my driver was so slow, probably some old woman who can't drive lol",
        docs="docs/conversation.md#endorsing-a-remark",
        summary="The reply goes along with a customer's remark about someone's looks, "
                "age, sex, size or origin.",
        category="hr.conduct"),
    _conversation(
        "persona.context.policy-only",
        "A reply to a complaint (in_reply_to) that states a rule ('must', 'only able to', "
        "'as per legislation') and nothing else: no acknowledgement, no offer, no way on.",
        "warning",
        "The customer {what} ('{match}') and this reply only states a rule: say you're "
        "sorry it happened, give the reason in plain words, and what you can do for them.",
        bad="Your guitar must fit underneath the seat in front of you or in an overhead bin.",
        good="Sorry about the fee, that's frustrating. Guitars have to fit under the seat or "
             "in the overhead bin for safety; I'll ask the airport team why you were "
             "charged.",
        in_reply_to="Forced to check my guitar and charged $25. Flight not full. WHY?",
        docs="docs/conversation.md#a-rule-as-the-whole-answer",
        summary="The customer complained and the reply only states a rule.",
        category="care.dismissive"),
    _conversation(
        "persona.context.denies",
        "A reply to a complaint (in_reply_to) that flatly says what the customer reported "
        "is not so: 'Our drivers don't throw parcels' to 'your driver threw my parcel', "
        "'The app isn't down every Friday' to 'why is your app down every payday?'.",
        "warning",
        "The customer reported it ('{match}') and this reply says it isn't so: say you're "
        "sorry for what they saw, then what you found and what you'll do.",
        bad="Our drivers don't throw parcels. If the box is damaged it happened in transit.",
        good="Sorry your TV arrived like that, that's not how a parcel should be handled. "
             "Please DM us photos of the box and we'll sort a replacement.",
        in_reply_to="your driver literally threw my parcel over the gate. It's a TV",
        docs="docs/conversation.md#denying-the-complaint",
        summary="The customer complained and the reply says what they reported isn't so.",
        category="care.dismissive"),
    _conversation(
        "persona.context.harm-cause",
        "A reply to a report of harm or damage (in_reply_to: an injury, a reaction, "
        "something in the food, a cracked screen, a flooded kitchen) that takes the fault "
        "('so the fall is on us', 'that's down to us') or names the cause ('which is how "
        "the payments got through', 'should have been taken off the floor').",
        "error",
        "The customer reports harm ('{match}') and this reply says whose fault it is or "
        "what caused it: say you're sorry and what you'll do, and leave fault and cause to "
        "the claims team.",
        bad="So sorry, I hope the wrist mends quickly. A sign should always go out after "
            "mopping and it didn't, so the fall is on us.",
        good="So sorry you were hurt, I hope the wrist mends quickly. Please DM us and I'll "
             "ask the station manager to call you today.",
        in_reply_to="slipped on a wet floor at Crewe station, no warning sign anywhere, "
                    "sprained my wrist",
        docs="docs/conversation.md#the-cause-of-harm",
        summary="The customer reports harm and the reply admits fault or names the cause.",
        category="legal.liability"),
    _conversation(
        "persona.context.judges-people",
        "A reply (to a message in in_reply_to) that judges an employee or another person "
        "in public: a reputation, a warning, an off day, still learning the ropes, 'not "
        "the tidiest neighbours', their private life ('a rough time at home').",
        "error",
        "This reply judges someone in public ('{match}'): leave the person out, say "
        "you're sorry for what happened and that you'll look into it.",
        bad="So sorry about this. That'll have been Liam, he's been warned before about "
            "his attitude.",
        good="So sorry about this, that's not how we expect our team to treat anyone. "
             "Please DM us the time of your visit and we'll look into it.",
        in_reply_to="Our waiter on Friday was really rude and rolled his eyes at us.",
        docs="docs/conversation.md#judging-people-in-public",
        summary="The reply judges an employee or another person in public.",
        category="hr.conduct"),
    BuiltinCheck(
        "brandvoice.responsibility",
        "A draft from a department that does not answer its context, as the config's "
        "responsibilities say (a complaint's list first, then the buying-cycle stage read "
        "from in_reply_to, then the context's); a draft without a department is not "
        "checked.",
        "responsibilities (in the config)", "warning",
        {"brandvoice.responsibility":
            "This draft answers a complaint; complaints are answered by support, not "
            "marketing. Hand it to support."},
        bad="So sorry to hear that, Sam! DM us your order number and we'll chase it.",
        good="So sorry to hear that, Sam! DM us your order number and we'll chase it.",
        example_setting="responsibilities: {complaint: [support]}",
        in_reply_to="My order never arrived and nobody answers my emails",
        departments=("marketing", "support"), needs_persona=False, config_key="responsibilities",
        docs="docs/responsibilities.md",
        summary="A reply from a department that does not answer this kind of message.",
        category="governance.responsibility"),
    BuiltinCheck(
        "persona.channel.length",
        "A draft longer than its channel allows (twitter 280, weighted as X counts).",
        "channels.*.max_length", "error",
        {"persona.channel.length": "{count} {unit}; {channel} allows {max}."},
        docs="docs/persona.md#channels",
        summary="A reply is longer than its channel allows."),
    BuiltinCheck(
        INPUT_RULE,
        "A draft that cannot be read: not text, not UTF-8, an entry without text, an empty "
        "draft, or one longer than max_draft_length.",
        "always on", "error",
        can_disable=False, needs_persona=False,
        docs="docs/drafts.md#drafts-that-cannot-be-read",
        summary="A draft that cannot be checked as written (not text, empty, too long, or an "
                "entry without its text)."),
    BuiltinCheck(
        SUPPRESSION_RULE,
        "A brandvoice-disable comment (or an entry's disable list) naming a rule that is not "
        "loaded, so nothing is switched off.",
        "always on", "warning",
        needs_persona=False,
        docs="docs/drafts.md#switching-rules-off-in-a-draft",
        summary="A brandvoice-disable comment that names no loaded rule."),
)

BY_ID: dict[str, BuiltinCheck] = {check.id: check for check in CHECKS}

#: The ids of the persona checks (FORMAT.md section 2), conversation checks included.
PERSONA_CHECK_IDS: tuple[str, ...] = tuple(c.id for c in CHECKS if c.kind == "persona")

#: Every built-in id a finding can carry.
BUILTIN_IDS: tuple[str, ...] = tuple(BY_ID)

#: Default severity of each built-in check.
SEVERITY: dict[str, str] = {c.id: c.severity for c in CHECKS}

#: The category of each built-in check (None: none).
CATEGORY: dict[str, str | None] = {c.id: c.category for c in CHECKS}

#: Message templates by message key (a check id, or ``persona.style.contractions.prefer``).
MESSAGES: dict[str, str] = {key: text for c in CHECKS for key, text in c.messages.items()}


def known_ids(rule_ids: Iterable[str]) -> list[str]:
    """Every id a finding can carry in a project with these rules: the rules' and the
    built-in checks'."""
    return [*rule_ids, *BUILTIN_IDS]


def unmatched(pattern: str, known: list[str]) -> str | None:
    """Why ``pattern`` (an id, or a glob such as ``hr.*``) names no id of ``known``, with
    the closest id when there is one; None when it names some. The config's ``disable``
    and ``severity`` and the command line's ``--select`` and ``--ignore`` say it so."""
    if any(ch in pattern for ch in "*?["):
        return None if fnmatch.filter(known, pattern) else f"'{pattern}' matches no loaded rule"
    if pattern in known:
        return None
    close = difflib.get_close_matches(pattern, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no loaded rule has the id '{pattern}'{hint}"
