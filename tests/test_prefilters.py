"""The shortcuts that keep checking fast find exactly what the slow way finds.

- Regular expressions are screened with one RE2 set scan, and only the ones that match
  run for positions; token sequences run only on drafts that hold their anchor words.
  Compared here with every expression and every token pattern run on every draft.
- Phone numbers: libphonenumber is asked only when a run of digits is long enough to be
  a number; every region's example numbers are still found.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest

from brandvoice import Linter
from brandvoice.compile import Compiler, anchors
from brandvoice.config import builtin_packs
from brandvoice.kinds import KINDS
from brandvoice.kinds.pii import _phones
from brandvoice.persona.empathy import Acknowledgements

PACKS = [f"builtin:{name}" for name in builtin_packs()]


def examples(linter: Linter) -> list[str]:
    texts = []
    for rule in linter.project.rules:
        texts += [example.text for example in rule.examples.bad + rule.examples.good]
    return texts


def unfiltered(linter: Linter):
    """The linter's match index rebuilt without the set scan and the anchor screen."""
    reference = Compiler(linter.nlp)
    for check in linter.checks:  # same rules in the same order: the same keys
        if check.rule is None:  # brandvoice's own checks (echoed personal data): no keys
            continue
        KINDS[check.rule.kind].Check(check.rule, reference, severity=check.severity,
                                     owner=check.owner)
    # then, as the linter does, the acknowledgements that the checks of a reply against
    # the customer's message look for (no persona here: no phrases of its own)
    Acknowledgements(reference, [])
    return reference.finish(prefilter=False)


def found(index, doc) -> dict[str, list[tuple[int, int]]]:
    return {key: sorted(spans) for key, spans in index.find(doc).items() if spans}


@pytest.fixture(scope="module")
def packs() -> Linter:
    return Linter(rulebooks=PACKS)


def test_screened_matches_equal_the_full_run(packs):
    assert packs.index.patterns.set is not None  # the built-in packs have many expressions
    assert packs.index.sequences.gated
    reference = unfiltered(packs)
    texts = examples(packs)
    rng = random.Random(11)
    # Drafts that mix sentences of several examples, so that rules meet other rules' words.
    texts += [" ".join(rng.sample(texts, 3)) for _ in range(400)]
    fired = 0
    for doc in packs.nlp.pipe(texts):
        fast, slow = found(packs.index, doc), found(reference, doc)
        assert fast == slow, doc.text
        fired += any(key.startswith(("r", "s")) for key in fast)
    assert fired > 300  # expressions and sequences did match: the comparison means something


def test_an_expression_and_a_sequence_rule_still_fire_after_screening():
    linter = Linter(rulebooks=[{"rules": [
        {"id": "t.ticket", "kind": "pattern", "pattern": r"\bINC\d{6}\b"},
        {"id": "t.bang", "kind": "pattern", "pattern": "!{2,}"},
        {"id": "t.caps", "kind": "pattern", "pattern": "(?i)free", "ignore_case": True},
        {"id": "t.blame", "kind": "sequence",
         "tokens": [{"LOWER": "you"}, {"LEMMA": "fail"}, {"LOWER": "to"}]},
    ]}])
    result = linter.check("You failed to send INC123456!! It's FREE.")
    assert [f.rule for f in result.findings] == ["t.blame", "t.ticket", "t.bang", "t.caps"]
    assert linter.check("You did send it. Ticket INC12 is free!").findings[0].rule == "t.caps"


def test_anchors_are_the_words_a_pattern_cannot_match_without():
    strings = Linter().nlp.vocab.strings
    pattern = [{"LOWER": "you"}, {"IS_PUNCT": True, "OP": "?"},
               {"LEMMA": {"IN": ["fail", "neglect"]}}, {"LOWER": "to", "OP": "*"},
               {"TEXT": "X", "OP": "+"}, {"POS": "VERB"}, {"LOWER": {"NOT_IN": ["by"]}}]
    found_anchors = [(attr, sorted(strings[h] for h in hashes))
                     for attr, hashes in anchors(pattern, strings)]
    from spacy.attrs import LEMMA, LOWER, ORTH
    assert found_anchors == [(LOWER, ["you"]), (LEMMA, ["fail", "neglect"]), (ORTH, ["X"])]
    # A pattern with no literal word cannot be screened: it runs on every draft.
    assert anchors([{"POS": "VERB"}, {"IS_PUNCT": True}], strings) == []


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_every_regions_example_number_is_still_found(region):
    number = phonenumbers.example_number(region)
    if number is None:
        pytest.skip(f"libphonenumber has no example number for {region}")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    for written, regions in ((national, [region]), (international, ["US", "GB"])):
        text = f"Call me on {written} tomorrow."
        spans = list(_phones(text, regions))
        assert [text[s:e] for s, e in spans] == [written], (region, written)


def test_the_digit_bounds_hold_for_the_installed_metadata():
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

    from brandvoice.kinds.pii import FEWEST_ANYWHERE, FEWEST_INTERNATIONAL, shortest_national

    national = {region: shortest_national(region) for region in phonenumbers.SUPPORTED_REGIONS}
    assert min(national.values()) >= FEWEST_ANYWHERE
    assert min(len(str(code)) + national[region]
               for code, regions in COUNTRY_CODE_TO_REGION_CODE.items()
               for region in regions if region in national) >= FEWEST_INTERNATIONAL


def test_digits_of_handles_and_links_are_not_phone_numbers():
    assert list(_phones("@2025550143 thanks for waiting", ["US"])) == []
    assert list(_phones("See https://t.co/2025550143 for more", ["US"])) == []
    text = "@115712 call (202) 555-0143"
    assert [text[s:e] for s, e in _phones(text, ["US"])] == ["(202) 555-0143"]


def test_formality_from_token_arrays_equals_the_formula_token_by_token():
    from brandvoice.metrics import formality

    def by_tokens(doc) -> float | None:
        kinds = {"PROPN": "NOUN", "AUX": "VERB"}
        counted = [t for t in doc
                   if not (t.is_punct or t.is_space or t.pos_ in ("SYM", "X", "NUM"))]
        if not counted:
            return None
        share = dict.fromkeys(("NOUN", "ADJ", "ADP", "ART", "PRON", "VERB", "ADV", "INTJ"), 0.0)
        for token in counted:
            kind = "ART" if token.pos_ == "DET" and token.lower_ in ("a", "an", "the") else \
                kinds.get(token.pos_, token.pos_)
            if kind in share:
                share[kind] += 100.0 / len(counted)
        score = (share["NOUN"] + share["ADJ"] + share["ADP"] + share["ART"] - share["PRON"]
                 - share["VERB"] - share["ADV"] - share["INTJ"] + 100) / 2
        return round(min(max(score / 100.0, 0.0), 1.0), 3)

    linter = Linter(persona={"name": "x", "tone": {"formality": {"min": 0.1}}})
    texts = examples(Linter(rulebooks=PACKS))[:300] + ["", "!!!", "The THE a An 42 %"]
    for doc in linter.nlp.pipe(texts):
        assert formality(doc) == by_tokens(doc), doc.text


def test_statistical_lemmas_are_lower_case_and_fill_in_proper_nouns():
    linter = Linter(persona={"name": "x", "tone": {"formality": {"min": 0.1}}})
    doc = linter.nlp("Our Giveaways were CANCELLED, Sam.")
    assert [t.lemma_ for t in doc] == ["our", "giveaway", "be", "cancel", ",", "sam", "."]


def test_emoji_search_skips_only_drafts_that_cannot_hold_one():
    import emoji

    from brandvoice.text import find_emoji

    texts = examples(Linter(rulebooks=PACKS))[:300] + [
        "I’m sorry… 👍🏽", "Nice ©", "1️⃣ step", "🇬🇧 flag", "‼", "🧑‍🤝‍🧑 team", "café", "™", ""]
    texts += [f"x {e} y" for e in list(emoji.EMOJI_DATA)[::25]]
    for text in texts:
        assert find_emoji(text) == emoji.emoji_list(text), text
