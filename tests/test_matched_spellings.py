"""A match is mapped back to its entry by the key that matched, never by the text found.

spaCy splits "cannot" into "can" + "not" and "won't" into "wo" + "n't", so the phrase
"cannot" also matches "can not" and "Can Not", and "won't" matches "wo n't"; the
compiler adds the spellings spaCy splits differently ("CANNOT" and "WON'T" are one word,
"n’t" is not "n't"). Every check that maps a match to an entry (contractions in both
modes, `replace`, `capitalize`, the persona's terms and vocabulary) must give that
entry's fix for every one of these spellings.
"""

from __future__ import annotations

import json

import pytest
import spacy

from brandvoice import Linter
from brandvoice.persona.lexicon import AMBIGUOUS, CONTRACTIONS
from brandvoice.text import match_case

from .conftest import run

_tokenizer = spacy.blank("en")


def words(text: str) -> list[str]:
    return [token.text for token in _tokenizer.make_doc(text)]


def spellings(phrase: str) -> set[str]:
    """``phrase`` as people (and exports) write it: in capitals, with the first letter in
    capitals, with a curly apostrophe, and each of these with a space between the words
    spaCy reads in it where spaCy reads the same words then ("won't" -> "wo n't", but not
    "I'm" -> "I 'm", which is three words to spaCy)."""
    found = set()
    for cased in (phrase, phrase.upper(), phrase[:1].upper() + phrase[1:]):
        for text in (cased, cased.replace("'", "\u2019")):
            split = " ".join(words(text))
            found |= {text, split} if words(split) == words(text) else {text}
    return found


def fixes(linter: Linter, text: str, rule: str) -> list[tuple[str, str | None]]:
    return [(f.match, f.fix.replacement if f.fix else None)
            for f in linter.check(text).findings if f.rule == rule]


@pytest.mark.parametrize("long, short", sorted(CONTRACTIONS.items()))
def test_prefer_contracts_every_spelling_of_every_pair(long, short):
    linter = Linter(persona={"name": "A", "style": {"contractions": "prefer"}})
    for written in sorted(spellings(long)):
        text = f"so {written} here"
        expected = match_case(written, short)
        assert fixes(linter, text, "persona.style.contractions") == [(written, expected)], text


@pytest.mark.parametrize("long, short", sorted(CONTRACTIONS.items()))
def test_avoid_expands_every_spelling_of_every_contraction(long, short):
    linter = Linter(persona={"name": "A", "style": {"contractions": "avoid"}})
    for written in sorted(spellings(short)):
        text = f"so {written} here"
        found = fixes(linter, text, "persona.style.contractions")
        expected = None if short in AMBIGUOUS else match_case(written, long)
        assert found == [(written, expected)], text


def test_replace_fixes_every_spelling_from_its_own_entry():
    table = {short: long for long, short in CONTRACTIONS.items()}
    for mode in ("lower", "lemma"):
        linter = Linter(rulebooks=[{"name": "r", "rules": [
            {"id": "t.expand", "kind": "replace", "match": mode, "replace": table}]}])
        for short, long in table.items():
            for written in sorted(spellings(short)):
                text = f"so {written} here"
                assert fixes(linter, text, "t.expand") == [
                    (written, match_case(written, long))], (mode, text)


def test_capitalize_keeps_the_right_casing_and_fixes_the_wrong_one():
    linter = Linter(persona={"name": "A", "terms": ["Won't Stop Co"]})
    assert fixes(linter, "Won't Stop Co and Won\u2019t Stop Co", "persona.terms") == []
    assert fixes(linter, "wo n't stop co, WON'T STOP CO, won\u2019t stop co",
                 "persona.terms") == [("wo n't stop co", "Won't Stop Co"),
                                      ("WON'T STOP CO", "Won't Stop Co"),
                                      ("won\u2019t stop co", "Won\u2019t Stop Co")]


# The command line, on a realistic reply, as the issue reported it.

def _project(project, mode: str):
    return project({"brandvoice.yaml": "persona: persona.yaml\n",
                    "persona.yaml": f"name: T\nstyle:\n  contractions: {mode}\n"})


def test_check_prefer_on_a_reply_with_can_not(project):
    root = _project(project, "prefer")
    result = run(["check", "--text", "we can not speculate on that."], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 0, result.output
    assert ("<text>:1:4: suggestion persona.style.contractions Write 'can't': the brand voice "
            "uses contractions.") in result.out


def test_check_avoid_on_a_reply_with_split_contractions(project):
    root = _project(project, "avoid")
    result = run(["check", "--text", "we wo n't do it, we ca n't."], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 0, result.output
    assert "<text>:1:4: suggestion persona.style.contractions Write 'will not'" in result.out
    assert "<text>:1:21: suggestion persona.style.contractions Write 'cannot'" in result.out


REPLIES = {
    "prefer": (
        "Hi Sam, we can not speculate on that. We Can Not share dates,\n"
        "and we CANNOT promise. We do not know yet, but we are on it.\n"
        "We can\nnot say, we can  not say.\n",
        "Hi Sam, we can't speculate on that. We Can't share dates,\n"
        "and we CAN'T promise. We don't know yet, but we're on it.\n"
        "We can\nnot say, we can  not say.\n"),
    "avoid": (
        "Hi Sam, we wo n't do it, we ca n't. We ca n\u2019t, WE WON'T GO,\n"
        "we don\u2019t know, it 's done, we can' t.\n",
        "Hi Sam, we will not do it, we cannot. We cannot, WE WILL NOT GO,\n"
        "we do not know, it 's done, we can' t.\n"),
}


@pytest.mark.parametrize("mode", sorted(REPLIES))
def test_fix_gives_the_entrys_form_and_fixing_twice_changes_nothing(project, mode):
    root = _project(project, mode)
    before, after = REPLIES[mode]
    (root / "reply.txt").write_bytes(before.encode("utf-8"))
    first = run(["check", "--fix", "reply.txt"], cwd=root)
    assert "Traceback" not in first.output
    assert first.code in (0, 1), first.output
    assert (root / "reply.txt").read_bytes().decode("utf-8") == after
    second = run(["check", "--fix", "reply.txt"], cwd=root)
    assert "Traceback" not in second.output
    assert "Nothing to fix." in second.output
    assert (root / "reply.txt").read_bytes().decode("utf-8") == after


def test_audit_of_an_export_with_these_spellings_checks_every_reply(project):
    root = _project(project, "prefer")
    replies = ["we can not speculate on that.", "We Can Not say.", "WE CANNOT GO.",
               "we wo n't go, we ca n't go.", "All done, thanks!"]
    (root / "export.jsonl").write_text(
        "".join(json.dumps({"id": str(i), "text": text, "department": "support"}) + "\n"
                for i, text in enumerate(replies)), encoding="utf-8")
    result = run(["audit", "export.jsonl", "--format", "json"], cwd=root)
    assert "Traceback" not in result.output
    assert result.code == 0, result.output
    overall = json.loads(result.out)["overall"]
    assert overall["replies"] == len(replies)
    assert overall["findings_by_rule_per_100"]["persona.style.contractions"] == 60.0
