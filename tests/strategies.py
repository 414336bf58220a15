"""Hypothesis strategies for the fuzz suite (tests/test_fuzz_*.py): drafts, configs and
draft files, as the public and the people who write rulebooks produce them.

Every strategy here builds input that brandvoice must survive: it may be wrong, but the
answer is always an exit code of 0, 1 or 2 with a message, never a traceback or a hang.
See docs/fuzzing.md.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os

import yaml
from hypothesis import settings
from hypothesis import strategies as st

# --- budgets -----------------------------------------------------------------------------


def budget(ci: int, fuzz: int) -> int:
    """How many examples a test runs under the loaded profile (HYPOTHESIS_PROFILE):
    ``ci`` for the bounded run of every test run, ``fuzz`` for the long one."""
    name = settings.get_current_profile_name()
    return fuzz if name == "fuzz" else ci


def fuzzing() -> bool:
    """True under the ``fuzz`` profile (longer inputs, more of them)."""
    return settings.get_current_profile_name() == "fuzz"


# --- drafts ------------------------------------------------------------------------------

#: Replies as support teams write them: the seeds the mutations start from.
REPLIES = [
    "we can not speculate on that.",
    "We cannot speculate on that, sorry.",
    "Sorry about the wait, Sam. I've sent you a DM so we can sort this today.",
    "We do not guarantee delivery, but we will do everything we can.",
    "Hi there! We're sorry to hear that. Please reach out to us at help@acme.example.",
    "Your complaint has been logged. Do not reply to this message.",
    "It is what it is. We are looking into it and we will get back to you.",
    "We won't be able to refund this order, I'm afraid. Let us know if you need anything.",
    "Thanks for your patience! Use code SAVE20 for 20% off your next order 🎉",
    "Please utilize the app to purchase a new plan. It's 100% safe and risk-free.",
    "Hey guys, acmepay is down. Call us on +44 20 7946 0958 or visit https://acme.example/help",
    "I understand how frustrating that is. Could you DM us your order ID?",
    "That's not the experience we want for you. We'll follow up by email.",
    "We are unable to help with that. They are not available on weekends.",
    "Yes, we are.",
    "You shouldn't have to wait. We have escalated it and they will call you.",
    "WOW!!! Best deal ever, limited time only #sale #deal #acme",
    "@sam_k we hear you. Here's how to reset it: tap Settings, then Reset.",
]

#: Ways people write contractions and negations (and how spaCy splits them).
CONTRACTION_SPELLINGS = [
    ("can not", ["cannot", "can't", "ca n't", "can’t", "can\nnot", "CAN NOT", "Can not",
                 "can  not", "can\tnot", "ca n’t"]),
    ("cannot", ["can not", "can't", "ca n't", "Cannot", "CANNOT"]),
    ("do not", ["don't", "do n't", "don’t", "DO NOT", "Do not", "do\nnot", "dont"]),
    ("will not", ["won't", "wo n't", "won’t", "will\nnot", "WON'T", "Will not"]),
    ("we are", ["we're", "we ’re", "we’re", "We Are", "we\nare", "WE'RE", "we 're"]),
    ("it is", ["it's", "it’s", "It Is", "it 's", "its"]),
    ("We are", ["We're", "We’re", "WE ARE", "We 're"]),
    ("I'm", ["I am", "I’m", "I 'm", "i'm", "Im"]),
    ("We'll", ["We will", "We’ll", "We 'll", "WE'LL"]),
    ("let us", ["let's", "let’s", "Let us", "lets"]),
    ("shouldn't", ["should not", "should n't", "shouldn’t", "should\nnot"]),
    ("They are", ["They're", "They’re", "they 're"]),
]

EMAILS = ["help@acme.example", "a@b.co", "x.y+z@sub.example.org", "@@", "a@", "user@[127.0.0.1]",
          "very.long." * 10 + "name@example.com"]
PHONES = ["+44 20 7946 0958", "(555) 010-9999", "555-0199", "+1 202 555 0143", "07700 900123",
          "+" + "9" * 30, "123-45-6789", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32"]
HANDLES = ["@sam", "@sam_k", "@AcmeCare", "@", "@_", "@" + "x" * 60, "@😀"]
HASHTAGS = ["#sale", "#1", "#AcmePay", "#", "##", "#😀", "#acme_care", "#" + "a" * 80]
URLS = ["https://acme.example/help", "http://x.y", "www.acme.example/shop?code=SAVE20",
        "https://acme.example/" + "a/" * 40, "https://", "http://[::1]/", "https://ä.example/ü",
        "acme.example/deals"]

#: Characters that are often mishandled: zero-width, direction marks, joiners, controls.
SPECIAL_CHARS = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b",
    "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u00ad", "\u034f",
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\u2028",
    "\u2029", "\ufffd", "\ufffe", "\uffff", "\U0010ffff", "\u0301", "\u20e3", "\ufe0f",
]
EMOJI = [
    "😀", "👍🏽", "👨‍👩‍👧", "👩🏾‍💻", "🏳️‍🌈", "🇬🇧", "🇺🇳", "❤️", "1️⃣", "🧑‍🤝‍🧑", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "👨‍👩‍👧‍👦", "🫶", "☺", "©️", "‼️", "🙇‍♀️",
]
RTL = ["مرحبا بك", "שלום עולם", "\u202eevil\u202c", "سلام 123 abc", "ا\u0644\u0651\u0647"]
#: Characters that repeat in long runs (a tokenizer's worst case is one of these).
RUN_CHARS = ["!", ".", "-", "a", " ", "\n", "?", "😀", "\u200b", "'", "’", "#", "@", "a.", "a-",
             "!?", "..", ":)", "’’", "ﷺ", "\t", "_", "/", "*", "=", "(", ")", "[", "0"]


def unicode_text(max_size: int = 80, surrogates: bool = False) -> st.SearchStrategy[str]:
    """Text from every Unicode category (lone surrogates only when asked: they cannot be
    written to a UTF-8 file, only reached through a JSON escape or from Python)."""
    exclude = () if surrogates else ("Cs",)
    return st.text(st.characters(exclude_categories=exclude), max_size=max_size)


def runs(max_length: int) -> st.SearchStrategy[str]:
    """A long run of one character (or a short unit) repeated."""
    return st.builds(lambda unit, n: unit * max(1, n // len(unit)),
                     st.sampled_from(RUN_CHARS), st.integers(50, max_length))


@st.composite
def mutated_reply(draw) -> str:
    """A realistic reply, changed the way people (and exports) change them."""
    text = draw(st.sampled_from(REPLIES))
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from([
            "respell", "respell", "insert", "insert", "apostrophe", "case", "special",
            "emoji", "newlines", "duplicate", "truncate"]))
        if action == "respell":
            form, others = draw(st.sampled_from(CONTRACTION_SPELLINGS))
            spelled = draw(st.sampled_from([form, *others]))
            at = draw(st.integers(0, len(text)))
            text = text[:at] + " " + spelled + " " + text[at:]
        elif action == "insert":
            piece = draw(st.sampled_from(EMAILS + PHONES + HANDLES + HASHTAGS + URLS + RTL))
            at = draw(st.integers(0, len(text)))
            glue = draw(st.sampled_from([" ", "", "\n", ", ", " (", ". "]))
            text = text[:at] + glue + piece + glue + text[at:]
        elif action == "apostrophe":
            text = text.replace("'", draw(st.sampled_from(["’", "ʼ", "`", "´", "‘", "' "])))
        elif action == "case":
            text = draw(st.sampled_from([text.upper(), text.lower(), text.title(),
                                         text.swapcase()]))
        elif action == "special":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(SPECIAL_CHARS)) + text[at:]
        elif action == "emoji":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + "".join(draw(st.lists(st.sampled_from(EMOJI), min_size=1,
                                                     max_size=5))) + text[at:]
        elif action == "newlines":
            text = text.replace(" ", draw(st.sampled_from(["\n", "\r\n", "\r", "  ", "\t"])), 3)
        elif action == "duplicate":
            text = text * draw(st.integers(2, 6))
        elif action == "truncate" and text:
            text = text[:draw(st.integers(0, len(text) - 1))]
    return text


def drafts(max_run: int = 2000, surrogates: bool = False) -> st.SearchStrategy[str]:
    """One draft: a mutated real reply most of the time; else any Unicode, special
    characters, emoji sequences, right-to-left text, or a long run of one character."""
    pieces = st.one_of(
        mutated_reply(), unicode_text(surrogates=surrogates), st.sampled_from(SPECIAL_CHARS),
        st.sampled_from(EMOJI), st.sampled_from(RTL),
        st.sampled_from(EMAILS + PHONES + HANDLES + HASHTAGS + URLS))
    return st.one_of(
        mutated_reply(),
        mutated_reply(),
        st.lists(pieces, min_size=1, max_size=6).map(" ".join),
        st.lists(pieces, min_size=1, max_size=6).map("".join),
        unicode_text(200, surrogates=surrogates),
        runs(max_run),
        st.tuples(mutated_reply(), runs(max_run)).map(" ".join),
    )


CHANNELS = ["twitter", "x", "bluesky", "threads", "instagram", "linkedin", "facebook",
            "tiktok", "sms", "email", "chat", "community", "myspace", "", "TWITTER"]
CONTEXTS = ["general", "complaint", "question", "praise", "pre-purchase", "post-purchase",
            "unknown", ""]
DEPARTMENTS = ["support", "marketing", "hr", "legal", "sales", ""]


@st.composite
def draft_items(draw, max_run: int = 2000, surrogates: bool = False) -> dict:
    """A draft with metadata, as a dict for Linter.check_many (and a JSON Lines entry)."""
    item = {"text": draw(drafts(max_run, surrogates))}
    for key, values in (("channel", CHANNELS), ("context", CONTEXTS),
                        ("department", DEPARTMENTS)):
        if draw(st.booleans()):
            item[key] = draw(st.sampled_from(values))
    if draw(st.integers(0, 3)) == 0:
        item["in_reply_to"] = draw(st.one_of(mutated_reply(), drafts(max_run, surrogates)))
    return item


# --- personas and rulebooks that use every documented key ----------------------------------

#: A persona with every key of docs/persona.md.
FULL_PERSONA = {
    "name": "Acme Care",
    "summary": "Warm, plain-spoken, owns mistakes, never robotic.",
    "readability": {"max_grade": 8, "min_reading_ease": 60, "max_sentence_words": 25},
    "tone": {"sentiment": {"min": -0.1, "max": 1}, "formality": {"min": 0.2, "max": 0.7}},
    "style": {"max_exclamations": 1, "max_emoji": 2, "max_hashtags": 2, "shouting": False,
              "allow_caps": ["FAQ", "DM", "ID", "USA"], "contractions": "prefer"},
    "terms": ["Acme", "AcmePay", "iAcme"],
    "vocabulary": {"prefer": {"utilize": "use", "reach out": "contact",
                              "purchase": ["buy", "get"], "can not": "cannot",
                              "ca n't": "can't"},
                   "avoid": ["synergy", "circle back", "cannot", "wo n't"]},
    "contexts": {
        "complaint": {"require_empathy": True, "forbid_promotion": True,
                      "empathy": ["we are on it"], "promotion": ["shop the sale"]},
        "question": {"require_next_step": True, "next_step": ["reply here"]},
    },
    "channels": {"twitter": {"max_length": 200}, "community": {"max_length": 500,
                                                              "count": "graphemes"},
                 "sms": {"count": "twitter"}},
    "examples": {"on_brand": ["Sorry about the wait, Sam."],
                 "off_brand": ["Your complaint has been logged."]},
}


def persona(contractions: str, formality: bool = True) -> dict:
    """FULL_PERSONA with this contractions mode (and without formality, which loads the
    statistical pipeline, when ``formality`` is false)."""
    data = json.loads(json.dumps(FULL_PERSONA))
    data["style"]["contractions"] = contractions
    if not formality:
        del data["tone"]["formality"]
    return data


#: A rulebook with one rule of every kind (docs/kinds/*.md), with the keys that map a
#: match back to its entry (replace, capitalize, lemma matching) and contraction phrases.
EVERY_KIND = {
    "name": "Every kind", "owner": "qa", "version": "1", "description": "fuzz",
    "rationale": "fuzz", "effective": "2020-01-01", "expires": "2999-01-01",
    "rules": [
        {"id": "qa.forbid", "kind": "forbid", "phrases": ["guarantee", "can not", "cannot",
                                                          "won't", "wo n't", "we are"],
         "match": "lemma", "exceptions": ["satisfaction guarantee policy"],
         "suggest": ["we expect"], "message": "Avoid '{match}'.", "severity": "error",
         "scope": {"channels": ["twitter", "email"], "contexts": ["complaint", "general"]},
         "link": "https://intranet.example/x", "owner": "legal"},
        {"id": "qa.replace", "kind": "replace", "match": "lemma",
         "replace": {"utilize": "use", "cannot": "can't", "can not": "can't",
                     "do not": ["don't", "never"], "in order to": "to", "ca n't": "cannot"}},
        {"id": "qa.replace-exact", "kind": "replace", "match": "exact",
         "replace": {"Acme pay": "AcmePay", "e-mail": "email"}},
        {"id": "qa.pattern", "kind": "pattern", "pattern": r"\b(?:asap|ASAP)\b|!{2,}",
         "ignore_case": True},
        {"id": "qa.require", "kind": "require", "when": ["refund", "can not"],
         "when_pattern": r"\bmoney\b", "require": ["within", "days"], "match": "lower",
         "exceptions": ["refund policy"], "unless": "negated"},
        {"id": "qa.limit", "kind": "limit", "phrases": ["sorry", "cannot"], "max": 1,
         "per": "sentence"},
        {"id": "qa.limit-pattern", "kind": "limit", "pattern": "[!?]", "max": 3, "min": 1},
        {"id": "qa.capitalize", "kind": "capitalize", "terms": ["AcmePay", "iAcme", "FAQ"]},
        {"id": "qa.sequence", "kind": "sequence",
         "tokens": [[{"LOWER": {"IN": ["should", "must"]}}, {"LOWER": "not", "OP": "?"},
                     {"LEMMA": "fail"}],
                    [{"LOWER": "ca"}, {"LOWER": "n't"}],
                    [{"IS_PUNCT": True}, {"IS_PUNCT": True, "OP": "{1,3}"}]]},
        {"id": "qa.pii", "kind": "pii", "detect": ["email", "phone", "card", "iban", "ssn",
                                                  "url", "handle"],
         "allow": ["https://acme.example/*", "help@acme.example"], "regions": ["US", "GB"]},
        {"id": "qa.metric", "kind": "metric", "metric": "words", "max": 60},
        {"id": "qa.metric-grade", "kind": "metric", "metric": "flesch_kincaid_grade",
         "max": 12, "min": -50},
        {"id": "qa.disabled", "kind": "forbid", "phrases": ["old"], "enabled": False},
    ],
}


# --- configs -----------------------------------------------------------------------------

#: Odd YAML scalars: tags, dates that are not dates, numbers too big, aliases, nesting.
YAML_ODDITIES = [
    "2026-13-45", "!!timestamp 2026-02-30", "!!int x", "!!float nan", "!!float .inf", ".nan",
    "-.inf", "~", "null", "yes", "no", "on", "0x1F", "0o17", "1_000", "1e309", "-0",
    "9" * 400, "!!binary AAAA", "!!python/name:os.system", "!!python/object:object {}",
    "!custom x", "!!set {a, b}", "!!omap [a: 1]", "!!str", "!!map {}", "!!seq []",
    "*undefined", "&a x", "[]", "{}", "[[]]", '"\\ud800"', '"\\0"', '"\\x00 nul"',
    '"a\\u202eb"', "|\n  block\n", ">-\n  folded\n", "'quoted''s'", '"unterminated',
    "[unclosed", "{a: 1, a: 2}", "{? complex: key}", "? [a, b]\n: c", "\t tab", "@reserved",
    "`backtick", "%directive", "- a\n- b", "a: b: c", "2026-01-01", "2026-01-01T25:61:00",
    "1000-01-01 00:00:00 +99:00", "!!timestamp 0000-00-00", "0000-01-01", "12:30:45",
    "1:2:3:4:5", "!!int 0b2", "!!bool maybe", "!!null x", "\"\\U0010FFFF\"",
]


def deep(depth: int, opener: str = "[") -> str:
    closer = {"[": "]", "{": "}"}[opener]
    inner = "x" if opener == "[" else "a: 1"
    if opener == "{":
        return "{a: " * depth + "1" + closer * depth
    return opener * depth + inner + closer * depth


def alias_bomb(levels: int, width: int = 9) -> str:
    """A billion-laughs document: ``levels`` levels of ``width`` aliases each."""
    lines = ["a0: &a0 [lol]"]
    for level in range(1, levels + 1):
        aliases = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def _number(lo: float | None = None, hi: float | None = None) -> st.SearchStrategy:
    return st.one_of(st.integers(-5, 200), st.floats(allow_nan=True, allow_infinity=True),
                     st.integers(0 if lo is None else int(lo), 10 if hi is None else int(hi)))


def _invalid() -> st.SearchStrategy:
    """A value of some wrong type."""
    return st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                     st.floats(allow_nan=True), st.text(max_size=20),
                     st.lists(st.integers(), max_size=3),
                     st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                     st.dates().map(str))


def _texts(pool: list[str]) -> st.SearchStrategy:
    return st.lists(st.one_of(st.sampled_from(pool), mutated_reply(),
                              unicode_text(20)), max_size=4)


PHRASES = ["guarantee", "can not", "cannot", "can't", "ca n't", "won't", "wo n't", "do not",
           "we are", "it's", "risk-free", "100% safe", "asap", "utilize", "reach out", "%",
           "", " ", "!", "😀", "'", "not", "a", "the", "@sam", "#sale", "\u200b", "Acme pay"]


def _valid_persona() -> st.SearchStrategy[dict]:
    tone_range = st.fixed_dictionaries({}, optional={"min": st.floats(-1, 1),
                                                     "max": st.floats(-1, 1)})
    return st.fixed_dictionaries(
        {"name": st.one_of(st.just("Acme"), st.text(min_size=1, max_size=20))},
        optional={
            "summary": st.text(max_size=40),
            "readability": st.fixed_dictionaries({}, optional={
                "max_grade": st.integers(0, 20), "min_reading_ease": st.integers(-50, 100),
                "max_sentence_words": st.integers(1, 50)}),
            "tone": st.fixed_dictionaries({}, optional={
                "sentiment": tone_range, "formality": st.fixed_dictionaries({}, optional={
                    "min": st.floats(0, 1), "max": st.floats(0, 1)})}),
            "style": st.fixed_dictionaries({}, optional={
                "max_exclamations": st.integers(0, 5), "max_emoji": st.integers(0, 5),
                "max_hashtags": st.integers(0, 5), "shouting": st.booleans(),
                "allow_caps": st.lists(st.sampled_from(["FAQ", "DM", "ID", "", "a b"]),
                                       max_size=3),
                "contractions": st.sampled_from(["prefer", "avoid", "either"])}),
            "terms": st.lists(st.sampled_from(["Acme", "AcmePay", "iAcme", "can not", "",
                                               "Ca n't", "#Acme", "@acme", "😀"]), max_size=4),
            "vocabulary": st.fixed_dictionaries({}, optional={
                "prefer": st.dictionaries(st.sampled_from(PHRASES),
                                          st.one_of(st.sampled_from(PHRASES),
                                                    st.lists(st.sampled_from(PHRASES),
                                                             max_size=3)), max_size=4),
                "avoid": st.lists(st.sampled_from(PHRASES), max_size=4)}),
            "contexts": st.dictionaries(st.sampled_from(CONTEXTS), st.fixed_dictionaries(
                {}, optional={"require_empathy": st.booleans(),
                              "forbid_promotion": st.booleans(),
                              "require_next_step": st.booleans(),
                              "empathy": st.lists(st.sampled_from(PHRASES), max_size=3),
                              "promotion": st.lists(st.sampled_from(PHRASES), max_size=3),
                              "next_step": st.lists(st.sampled_from(PHRASES), max_size=3)}),
                max_size=3),
            "channels": st.dictionaries(st.sampled_from(CHANNELS), st.fixed_dictionaries(
                {}, optional={"max_length": st.integers(1, 500),
                              "count": st.sampled_from(["characters", "graphemes",
                                                        "twitter"])}), max_size=3),
            "examples": st.fixed_dictionaries({}, optional={
                "on_brand": _texts(REPLIES), "off_brand": _texts(REPLIES)}),
        })


TOKEN_KEYS = ["LOWER", "TEXT", "LEMMA", "POS", "TAG", "IS_PUNCT", "LIKE_NUM", "IS_UPPER",
              "ORTH", "NORM", "SHAPE", "DEP", "ENT_TYPE", "_", "LENGTH", "IS_ALPHA",
              "SENT_START", "SPACY", "MORPH", "REGEX", "FUZZY", "lower", "OP"]
TOKEN_VALUES = st.one_of(
    st.sampled_from(["you", "not", "NOUN", "VERB", "VBN", "!", "?", "+", "*", "{2}", "{1,3}",
                     "{,2}", "{3,1}", "!!", "", "can"]),
    st.booleans(), st.integers(-3, 5),
    st.fixed_dictionaries({}, optional={"IN": st.lists(st.sampled_from(["a", "b", "!"]),
                                                       max_size=3),
                                        "NOT_IN": st.lists(st.text(max_size=3), max_size=2),
                                        "REGEX": st.sampled_from(["a+", "(", "\\d"]),
                                        "FUZZY": st.text(max_size=3),
                                        ">=": st.integers(0, 3)}),
    st.fixed_dictionaries({"name": st.text(max_size=4)}))


def _token() -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(TOKEN_KEYS), TOKEN_VALUES, min_size=0, max_size=3)


def _rule(rule_id: str) -> st.SearchStrategy[dict]:
    """A rule of some kind with that kind's documented keys, valid or not."""
    phrases = st.lists(st.sampled_from(PHRASES), max_size=4)
    regex = st.sampled_from([r"\basap\b", "(", "a{1000000}", r"(?i)free", "", r"\p{L}+",
                             "(a+)+$", r"\d{3}-\d{4}", "[", "(?<=a)b", "x*", r"\b"])
    common = {
        "severity": st.sampled_from(["error", "warning", "suggestion", "fatal", ""]),
        "message": st.sampled_from(["Avoid '{match}'.", "{suggestion}", "{count} of {max}",
                                    "{nope}", "{", "}", "{0}", "{match!r}", "{match.__class__}"]),
        "scope": st.fixed_dictionaries({}, optional={
            "channels": st.lists(st.sampled_from(CHANNELS), max_size=3),
            "departments": st.lists(st.sampled_from(DEPARTMENTS), max_size=3),
            "contexts": st.lists(st.sampled_from(CONTEXTS), max_size=3)}),
        "link": st.sampled_from(["https://x.example", "", "not a url"]),
        "owner": st.text(max_size=10), "enabled": st.booleans(),
        "rationale": st.text(max_size=20),
        "effective": st.one_of(st.dates(), st.sampled_from(["2026-13-45", "tomorrow"])),
        "expires": st.one_of(st.dates(), st.sampled_from(["2026-02-30", "never"])),
        "examples": st.fixed_dictionaries({}, optional={
            "bad": st.lists(st.one_of(mutated_reply(), st.fixed_dictionaries(
                {"text": mutated_reply()}, optional={"context": st.sampled_from(CONTEXTS),
                                                     "channel": st.sampled_from(CHANNELS)})),
                max_size=2),
            "good": st.lists(mutated_reply(), max_size=2)}),
    }
    match = st.sampled_from(["exact", "lower", "lemma", "fuzzy"])
    unless = st.one_of(st.sampled_from(["negated", "hedged", "negative", "", 1]),
                       st.lists(st.sampled_from(["negated", "hedged", "maybe"]), max_size=3))
    kinds = {
        "forbid": {"phrases": phrases, "match": match, "exceptions": phrases,
                   "suggest": phrases, "unless": unless},
        "replace": {"replace": st.dictionaries(st.sampled_from(PHRASES), st.one_of(
            st.sampled_from(PHRASES), st.lists(st.sampled_from(PHRASES), max_size=3)),
            max_size=4), "match": match},
        "pattern": {"pattern": regex, "ignore_case": st.booleans(), "unless": unless},
        "require": {"when": phrases, "when_pattern": regex, "require": phrases,
                    "match": match, "exceptions": phrases, "unless": unless},
        "limit": {"phrases": phrases, "pattern": regex, "match": match,
                  "ignore_case": st.booleans(), "max": st.integers(-1, 5),
                  "min": st.integers(-1, 5), "per": st.sampled_from(["draft", "sentence",
                                                                     "word"])},
        "capitalize": {"terms": phrases},
        "sequence": {"tokens": st.one_of(st.lists(_token(), max_size=4),
                                         st.lists(st.lists(_token(), max_size=3),
                                                  max_size=3)), "unless": unless},
        "pii": {"detect": st.lists(st.sampled_from(["email", "phone", "card", "iban", "ssn",
                                                    "url", "handle", "dna"]), max_size=4),
                "allow": st.lists(st.sampled_from(["*", "?", "https://acme.example/*",
                                                   "[", "**"]), max_size=3),
                "regions": st.lists(st.sampled_from(["US", "GB", "FR", "XX", "", "gb"]),
                                    max_size=3)},
        "metric": {"metric": st.sampled_from(["words", "sentences", "characters",
                                              "sentiment", "formality",
                                              "flesch_kincaid_grade", "flesch_reading_ease",
                                              "gunning_fog", "smog_index",
                                              "coleman_liau_index",
                                              "automated_readability_index",
                                              "dale_chall_readability_score",
                                              "linsear_write_formula", "difficult_words",
                                              "syllable_count", "polysyllabcount",
                                              "reading_time", "happiness"]),
                   "max": _number(), "min": _number()},
    }

    @st.composite
    def build(draw):
        kind = draw(st.sampled_from(sorted(kinds) + ["nonsense"]))
        rule = {"id": rule_id, "kind": kind}
        own = kinds.get(kind, kinds["forbid"])
        for key, strategy in list(own.items()) + list(common.items()):
            if draw(st.integers(0, 2)) == 0 and key not in ("phrases", "replace", "pattern",
                                                            "tokens", "terms", "metric",
                                                            "require"):
                continue
            rule[key] = draw(strategy)
        return rule

    return build()


@st.composite
def _rulebook(draw) -> dict:
    book = draw(st.fixed_dictionaries({}, optional={
        "name": st.text(max_size=10), "owner": st.sampled_from(["legal", "hr", ""]),
        "version": st.one_of(st.text(max_size=5), st.floats()),
        "description": st.text(max_size=10), "rationale": st.text(max_size=10),
        "effective": st.dates(), "expires": st.dates()}))
    ids = draw(st.lists(st.sampled_from(["qa.a", "qa.b", "qa.c", "qa-d"] * 4 + ["persona.x",
                                         "brandvoice.y", "Bad Id", "", "legal-claims.guarantee"]),
                        min_size=0, max_size=5))
    book["rules"] = [draw(_rule(rule_id)) for rule_id in ids]
    return book


@st.composite
def _project_config(draw) -> dict:
    # mostly valid, so that most projects load and their rules check drafts
    packs = st.sampled_from(["rules.yaml"] * 12 + [
        "builtin:legal-claims", "builtin:*", "builtin:privacy", "builtin:nope", "missing.yaml",
        "a\x00b.yaml", "x" * 300 + ".yaml", "/" + "d/" * 3000, "~/rules.yaml", "", "."])
    return draw(st.fixed_dictionaries(
        {"persona": st.sampled_from(["persona.yaml"] * 12 + ["missing.yaml", "",
                                                            "p\x00.yaml", "y" * 5000, "."]),
         "rulebooks": st.lists(packs, max_size=3)},
        optional={
            "defaults": st.fixed_dictionaries({}, optional={
                "channel": st.sampled_from(CHANNELS), "department": st.sampled_from(DEPARTMENTS),
                "context": st.sampled_from(CONTEXTS)}),
            "fail_on": st.sampled_from(["error", "warning", "suggestion", "never"]),
            "min_score": st.one_of(st.integers(0, 100), st.integers(-5, 120)),
            "penalties": st.fixed_dictionaries({}, optional={
                "error": st.integers(-1, 200), "warning": st.integers(0, 50),
                "suggestion": st.one_of(st.integers(0, 10), st.integers(0, 10),
                                        st.integers(0, 10), _invalid())}),
            "disable": st.lists(st.sampled_from(["qa.a", "qa.*", "*", "persona.style.emoji",
                                                 "brandvoice.input", "nope", "[", "legal-*"]),
                                max_size=3),
            "severity": st.dictionaries(st.sampled_from(["qa.a", "qa.*", "persona.terms",
                                                        "brandvoice.input", "x"]),
                                        st.sampled_from(["error", "warning", "suggestion",
                                                         "loud"]), max_size=2),
            "files": st.fixed_dictionaries({}, optional={
                "include": st.lists(st.sampled_from(["**/*.txt", "[", "/abs/*", "a\x00"]),
                                    max_size=2),
                "exclude": st.lists(st.sampled_from(["**", "x"]), max_size=2)}),
            "max_draft_length": st.one_of(st.integers(-1, 10**6), st.just(10**30)),
        }))


def dump(data, draw) -> str:
    """YAML of ``data`` in block or flow style, Unicode kept."""
    flow = draw(st.sampled_from([False, False, None, True]))
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False,
                          width=draw(st.sampled_from([80, 20, 10**6])))


@st.composite
def yaml_mutation(draw, text: str) -> str:
    """``text`` (YAML) with a few of the mistakes people make, and some attacks."""
    for _ in range(draw(st.integers(0, 3))):
        lines = text.split("\n")
        action = draw(st.sampled_from([
            "oddity", "oddity", "oddity", "duplicate", "delete", "truncate", "junk", "anchor",
            "deep", "tab", "indent", "document", "bom", "crlf"]))
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        line = lines[index] if lines else ""
        if action == "oddity" and ":" in line:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(YAML_ODDITIES))}"
        elif action == "oddity":
            lines.insert(index, f"name: {draw(st.sampled_from(YAML_ODDITIES))}")
        elif action == "duplicate":  # a duplicate key (or item)
            lines.insert(index, line)
        elif action == "delete" and lines:
            del lines[index]
        elif action == "truncate":
            joined = "\n".join(lines)
            lines = joined[:draw(st.integers(0, len(joined)))].split("\n")
        elif action == "junk":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(
                [":", "- ", "&", "*", "!", "|", ">", "'", '"', "#", "{", "}", "[", "]", ",",
                 "\x00", "\x85", "\ufeff", "\u2028", "😀", "%", "@", "?", "\t"])) + line[at:]
        elif action == "anchor" and ":" in line:
            key, value = line.split(":", 1)
            lines[index] = f"{key}: &anchor{value}"
            lines.append(draw(st.sampled_from(["extra: *anchor", "<<: *anchor",
                                               "name: *anchor", "rules: *anchor"])))
        elif action == "deep":
            depth = draw(st.sampled_from([10, 100, 1000, 3000]))
            key = line.split(":", 1)[0] if ":" in line else "name"
            lines[index] = f"{key}: {deep(depth, draw(st.sampled_from(['[', '{'])))}"
        elif action == "tab":
            lines[index] = "\t" + line
        elif action == "indent":
            lines[index] = " " * draw(st.integers(1, 7)) + line
        elif action == "document":
            lines.insert(index, draw(st.sampled_from(["---", "...", "%YAML 1.1", "--- !!map"])))
        elif action == "bom":
            return "\ufeff" + "\n".join(lines)
        elif action == "crlf":
            return "\r\n".join(lines)
        text = "\n".join(lines)
    return text


WORDS = ["guarantee", "can not", "cannot", "can't", "ca n't", "won't", "wo n't", "do not",
         "we are", "risk-free", "asap", "utilize", "reach out", "guys", "sorry", "refund",
         "Acme pay", "free", "AcmePay", "not"]


@st.composite
def _valid_rulebook(draw) -> dict:
    """Rules of every kind from EVERY_KIND, with other (valid) phrases."""
    rules = draw(st.lists(st.sampled_from(EVERY_KIND["rules"]), min_size=1, max_size=6,
                          unique_by=lambda rule: rule["id"]))
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True)
    out = []
    for rule in rules:
        rule = json.loads(json.dumps(rule))
        for key in ("phrases", "when", "require", "terms", "suggest", "exceptions"):
            if key in rule and draw(st.booleans()):
                rule[key] = draw(words)
        if "replace" in rule and draw(st.booleans()):
            rule["replace"] = draw(st.dictionaries(st.sampled_from(WORDS), st.one_of(
                st.sampled_from(WORDS), words), min_size=1, max_size=4))
        if "match" in rule:
            rule["match"] = draw(st.sampled_from(["exact", "lower", "lemma"]))
        out.append(rule)
    return {"owner": "qa", "rules": out}


@st.composite
def _valid_config(draw) -> dict:
    config = {"persona": "persona.yaml",
              "rulebooks": draw(st.lists(st.sampled_from(
                  ["builtin:legal-claims", "builtin:*", "builtin:privacy",
                   "builtin:social-care"]), max_size=2, unique=True)) + ["rules.yaml"]}
    config.update(draw(st.fixed_dictionaries({}, optional={
        "defaults": st.fixed_dictionaries({}, optional={
            "channel": st.sampled_from(CHANNELS[:-2]),
            "department": st.sampled_from(DEPARTMENTS[:-1]),
            "context": st.sampled_from(CONTEXTS[:-1])}),
        "fail_on": st.sampled_from(["error", "warning", "suggestion"]),
        "min_score": st.integers(0, 100),
        "penalties": st.fixed_dictionaries({}, optional={
            "error": st.integers(0, 100), "warning": st.integers(0, 50),
            "suggestion": st.integers(0, 10)}),
        "max_draft_length": st.integers(1, 10**6)})))
    return config


@st.composite
def projects(draw) -> dict[str, str]:
    """A project as files: brandvoice.yaml, persona.yaml and rules.yaml, generated from
    the documented keys (valid and invalid values), then mutated as YAML text. Six in
    ten start valid (so their rules check drafts), the others from any value."""
    if draw(st.integers(0, 9)) < 6:
        persona_data = draw(_valid_persona())
        config = draw(_valid_config())
        book = draw(_valid_rulebook())
    else:
        persona_data = draw(st.one_of(_valid_persona(), _valid_persona(), _invalid(),
                                      st.dictionaries(st.sampled_from(
                                          ["name", "style", "tone", "terms", "vocabulary",
                                           "contexts", "channels", "examples", "readability",
                                           "nmae", "colour"]), _invalid(), max_size=4)))
        config = draw(_project_config())
        book = draw(_rulebook())
    files = {"brandvoice.yaml": dump(config, draw), "persona.yaml": dump(persona_data, draw),
             "rules.yaml": dump(book, draw)}
    target = draw(st.sampled_from(sorted(files) + ["none"] * 3))
    if target != "none":
        files[target] = draw(yaml_mutation(files[target]))
    return files


# --- draft files -------------------------------------------------------------------------

FORMS = [".txt", ".md", ".yaml", ".json", ".jsonl", ".csv"]
BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


@st.composite
def entries(draw, max_run: int = 500) -> list[dict]:
    """Entries of a collection: text and metadata, some of the wrong type or missing."""
    items = []
    for _ in range(draw(st.integers(0, 6))):
        item = draw(draft_items(max_run=max_run, surrogates=True))
        if draw(st.integers(0, 4)) == 0:
            item["id"] = draw(st.one_of(st.text(max_size=10), st.integers(), st.none()))
        if draw(st.integers(0, 5)) == 0:
            item["disable"] = draw(st.one_of(st.sampled_from(["qa.forbid", "qa.forbid, x",
                                                              "*"]), st.integers(),
                                             st.lists(st.sampled_from(["qa.pii", "x"]))))
        if draw(st.integers(0, 5)) == 0:
            item["created_at"] = draw(st.sampled_from([
                "2026-03-02T10:00:00Z", "2026-13-45", "²⁰²⁶-01-01", "0001-01-01", "9999-12-31",
                "", "yesterday", "1700000000", "1" * 40]))
        if draw(st.integers(0, 6)) == 0:
            item["text"] = draw(_invalid())
        if draw(st.integers(0, 8)) == 0:
            del item["text"]
        items.append(item)
    return items


def _markdown(items: list[dict], draw) -> str:
    parts = []
    if draw(st.booleans()):
        meta = {k: v for k, v in (items[0] if items else {}).items() if k != "text"}
        parts.append("---\n" + dump(meta, draw) + draw(st.sampled_from(["---\n", "", "--\n"])))
    for item in items:
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        parts.append(draw(st.sampled_from([
            "{}", "# {}", "> {}", "- {}\n- {}", "`{}`", "```\n{}\n```", "<div>\n{}\n</div>",
            "<!-- {} -->", "[{}](https://acme.example/{})", "<!-- brandvoice-disable -->\n{}",
            "| a | b |\n| - | - |\n| {} | x |", "    {}", "*{}* **{}**", "<{}>"])).format(
                text, text))
    return "\n\n".join(parts)


def _csv(items: list[dict], draw) -> str:
    columns = ["id", "text", "channel", "context", "in_reply_to", "disable", "created_at"]
    if draw(st.integers(0, 5)) == 0:
        columns = draw(st.permutations(columns + ["", "text", "TEXT"]))[:4]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(columns)
    for item in items:
        writer.writerow([item.get(c, "") if not isinstance(item.get(c), (dict, list))
                         else json.dumps(item.get(c)) for c in columns])
    return out.getvalue()


def _json_safe(items: list[dict]) -> list[dict]:
    def fix(value):
        if isinstance(value, float) and value != value:
            return None
        return value
    return [{k: fix(v) for k, v in item.items()} for item in items]


def serialize(form: str, items: list[dict], draw) -> str:
    """The entries written as a draft file of this form (``.txt`` and ``.md``: one draft)."""
    if form == ".txt":
        return "\n".join(i["text"] for i in items if isinstance(i.get("text"), str))
    if form == ".md":
        return _markdown(items, draw)
    if form == ".csv":
        return _csv(items, draw)
    ascii_only = draw(st.booleans())
    if form == ".jsonl":
        return "".join(json.dumps(i, ensure_ascii=ascii_only, default=str) + "\n"
                       for i in _json_safe(items))
    if form == ".json":
        data = _json_safe(items)
        if draw(st.booleans()):
            data = {"drafts": data}
        return json.dumps(data, ensure_ascii=ascii_only, default=str,
                          indent=draw(st.sampled_from([None, 2])))
    # YAML: a list, a {drafts: [...]} mapping, or several documents
    shape = draw(st.sampled_from(["list", "drafts", "documents"]))
    clean = [{k: (str(v) if isinstance(v, float) else v) for k, v in item.items()}
             for item in items]
    if shape == "documents":
        return "".join("---\n" + dump(item, draw) for item in clean)
    return dump({"drafts": clean} if shape == "drafts" else clean, draw)


def _encode(text: str, draw) -> bytes:
    """UTF-8 most of the time (lone surrogates written as they are, which is not UTF-8);
    else another encoding or a BOM."""
    how = draw(st.sampled_from(["utf-8"] * 6 + ["bom", "utf-16", "latin-1", "other-bom"]))
    raw = text.encode("utf-8", "surrogatepass")
    if how == "bom":
        return codecs.BOM_UTF8 + raw
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if how == "latin-1":
        return text.encode("latin-1", "replace")
    if how == "other-bom":
        return draw(st.sampled_from(BOMS)) + raw
    return raw


@st.composite
def mutate_bytes(draw, raw: bytes) -> bytes:
    """``raw`` truncated, with line ends changed, bytes flipped, inserted or repeated."""
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["cr", "crlf", "lf", "truncate", "flip", "insert",
                                       "repeat", "nest", "nul"]))
        at = draw(st.integers(0, len(raw)))
        if action == "cr":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        elif action == "crlf":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        elif action == "lf":
            raw = raw.replace(b"\r\n", b"\n")
        elif action == "truncate":
            raw = raw[:at]
        elif action == "flip" and raw:
            at = min(at, len(raw) - 1)
            raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1:]
        elif action == "insert":
            raw = raw[:at] + draw(st.sampled_from([
                b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\\ud800", b'"',
                b"\\", b"\n", b"\r", b"---\n", b"<div>\n", b"```", b"{", b"[", b",", b":",
                b"&a ", b"*a ", b"!!int ", b"\xc3", b"\xf0\x9f"])) + raw[at:]
        elif action == "repeat":
            raw = raw[:at] + raw[at:at + 40] * draw(st.integers(2, 50)) + raw[at:]
        elif action == "nest":
            depth = draw(st.sampled_from([100, 1000, 5000, 100_000]))
            raw = raw[:at] + b"[" * depth + raw[at:]
        elif action == "nul":
            raw = raw[:at] + b"\x00" * draw(st.integers(1, 20)) + raw[at:]
    return raw


@st.composite
def draft_files(draw, max_run: int = 500) -> tuple[str, bytes]:
    """(suffix, content) of a draft file of any form, written then mutated."""
    form = draw(st.sampled_from(FORMS))
    text = serialize(form, draw(entries(max_run)), draw)
    raw = _encode(text, draw)
    if draw(st.booleans()):
        raw = draw(mutate_bytes(raw))
    return form, raw


def write_project(folder, files: dict[str, str]) -> None:
    """Write generated files (text that may hold lone surrogates and NULs) as bytes."""
    for name, content in files.items():
        with open(os.path.join(folder, name), "wb") as out:
            out.write(content.encode("utf-8", "surrogatepass"))
