"""The shared reading of a reply's social-media structure (brandvoice/social.py): what it
finds, where, and what the measures make of it. The checks that use it have their cases
in tests/cases/social.yaml."""

from __future__ import annotations

import pytest

from brandvoice import Linter
from brandvoice.metrics import readability
from brandvoice.social import read_social


def signoff(text: str) -> str | None:
    found = read_social(text).signoff
    return text[found.start:found.end] if found else None


@pytest.mark.parametrize("text, expected", [
    ("@115712 What information is incorrect? ^JK", "^JK"),
    ("@1 Please do. *TMT", "*TMT"),
    ("@1 I still think you look great! -Becky", "-Becky"),
    ("@1 Happy to help - Becky", "- Becky"),
    ("@1 Can you DM the full address? ~AB", "~AB"),
    ("@1 What happens when you try it? /JK", "/JK"),
    ("@1 We're on it.—Sam", "—Sam"),
    ("@1 Thanks for waiting. ^Jen R", "^Jen R"),
    ("@1 Thanks for waiting. ^cr", "^cr"),
    ("@1 We'll have a look. = JJ", "= JJ"),
    ("@1 Please DM us so I can help.--JV", "--JV"),
    ("@1 Kindly check your mailbox. Thanks-Sha", "-Sha"),
    ("@1 Have a chat with us? -ResolutionSup DC", "-ResolutionSup DC"),
    ("@1 Please send this via DM. ^RK https://t.co/6iDGBJAc2m", "^RK"),
    ("@1 Thank you. ^Osebi.", "^Osebi"),
    ("@1 How can we help?\n^HSB", "^HSB"),
    ("@1 Can we have your number to run a check? FA", "FA"),
    ("@1 Please DM us.\nRegards,\nAmruta https://t.co/LBfZgLUt6Z", "Amruta"),
])
def test_a_signoff_is_found_at_the_end_with_its_span(text, expected):
    assert signoff(text) == expected
    found = read_social(text).signoff
    assert found.place == "tail" and found.kind == "signoff"


@pytest.mark.parametrize("text", [
    "Thanks for writing in. We'll look into it - we'll fix it",
    "Please send us a DM",
    "Check the FAQ",
    "We're open Mon-Fri",
    "Thanks, and - as always - we're here to help.",
    "@115712 ^JK",  # nothing before it: no sign-off of anything
    "The rate is x^2",
])
def test_ordinary_text_has_no_signoff(text):
    assert signoff(text) is None


@pytest.mark.parametrize("text, part, of, marker", [
    ("@1 Please DM us your order number. 2/2 ^JK", 2, 2, "2/2"),
    ("@1 (2/2) Also, delete the image. ^WT", 2, 2, "(2/2)"),
    ("@1 [1/3] Thanks Ange.", 1, 3, "[1/3]"),
    ("@1 We're sorry.2/2^Corry", 2, 2, "2/2"),
    ("@1 Sorry for the delay in our response 2/2. ^Oliver", 2, 2, "2/2"),
    ("@1 Thanks! ^Anoop 2/2 https://t.co/a2xkfCrUG1", 2, 2, "2/2"),
    ("@1 review your trip details. *TLT... 1/2", 1, 2, "1/2"),
    ("1/ A thread about your order", 1, None, "1/"),
])
def test_a_thread_marker_gives_the_part_and_the_count(text, part, of, marker):
    social = read_social(text)
    assert (social.thread.part, social.thread.of) == (part, of)
    assert text[social.thread.start:social.thread.end] == marker
    assert social.continuation == (part > 1)


@pytest.mark.parametrize("text", [
    "We're here 24/7", "See you on 10/31", "Add 3/24 of a cup, then stir", "Thanks 1/1",
    "We are open 9/5 on weekdays",
])
def test_dates_and_fractions_are_no_thread_markers(text):
    assert read_social(text).thread is None


def test_every_part_is_found_with_its_kind_and_place():
    text = ('.@sam, @bob: Ask @AcmeCare about $AAPL #help, mail help@acme.com or see '
            'acme.com/help. Tap "SAVE NOW". ^JK 1/2 #thanks https://t.co/x')
    assert read_social(text).describe() == [
        ("handle", "lead", "@sam"), ("handle", "lead", "@bob"),
        ("handle", "body", "@AcmeCare"), ("cashtag", "body", "$AAPL"),
        ("hashtag", "body", "#help"), ("email", "body", "help@acme.com"),
        ("domain", "body", "acme.com/help"), ("quote", "body", '"SAVE NOW"'),
        ("signoff", "tail", "^JK"), ("thread", "tail", "1/2"),
        ("hashtag", "tail", "#thanks"), ("url", "tail", "https://t.co/x"),
    ]


def test_a_number_sign_is_no_hashtag_and_a_retweet_is_quoted():
    assert read_social("Order #1 and a#b, &#39;").parts == ()
    assert read_social("RT @bob: WOW this is great").describe() == [
        ("handle", "body", "@bob"), ("quote", "body", "WOW this is great")]


def test_the_prose_blanks_what_is_no_word_and_keeps_offsets():
    text = "@115712 Sorry! Mail help@acme.com. #inline tag ^JK 2/2 #end"
    prose = read_social(text).prose
    assert len(prose) == len(text)
    assert prose.split() == ["Sorry!", "Mail", ".", "#inline", "tag"]
    plain = "Sorry about that, we're on it."
    assert read_social(plain).prose is plain


@pytest.mark.parametrize("text, allow, shouted", [
    ("The USPS says NOTHING WORKS. ok", (), ["NOTHING WORKS"]),
    ("I AM SO SORRY, Sam", (), ["I AM SO SORRY"]),
    ("ASAP, USPS, GPU and ZIP: LHR, LGW, STN", (), []),  # acronyms, and a list of them
    ("Your code is UA123 or ABC123, iOS 11", (), []),
    ("@ACMEHELP we'll look at it. ^JKL", (), []),  # a handle and a sign-off are no prose
    ("Welcome to XFINITY today", ("XFINITY",), []),  # allowed by the persona
    ("XFINITY IS DOWN AGAIN", ("XFINITY",), ["IS DOWN AGAIN"]),  # not counted, not a break
])
def test_shouting_is_read_once_for_every_check(text, allow, shouted):
    spans = read_social(text).shouted(frozenset(allow))
    assert [text[start:end] for start, end in spans] == shouted


def test_readability_is_textstats_own_on_plain_prose_and_skips_social_parts():
    linter = Linter(persona={"name": "A", "readability": {"max_grade": 8}})
    plain = "We looked at your order. The courier will deliver it tomorrow morning."
    assert linter.check(plain).metrics["flesch_kincaid_grade"] == readability(plain)[0]
    social = ("@115712 @AcmeHelp We looked at your order. The courier will deliver it "
              "tomorrow morning. https://t.co/6iDGBJAc2m -Becky 2/2")
    metrics = linter.check(social).metrics
    assert (metrics["flesch_kincaid_grade"], metrics["flesch_reading_ease"]) == \
        readability(plain)
    assert metrics["words"] == linter.check(plain).metrics["words"] == 12
    assert metrics["sentences"] == 2


def test_a_reply_of_handles_and_a_signoff_only_has_no_words():
    linter = Linter(persona={"name": "A", "readability": {"max_grade": 1}})
    result = linter.check("@115712 @AcmeHelp 🍟")
    assert result.metrics["words"] == 0
    assert result.findings == []
