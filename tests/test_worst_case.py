"""Adversarial drafts: long runs of one character, "a." or "a-" repeated, a long
in_reply_to. Checking them must stay linear (benchmarks/bench.py measures it: the
worst-case section); here, the results must stay right: positions after a long run is
tokenized in pieces, the same findings as before on normal text, and no hang (a generous
subprocess timeout only guards against one)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy

from brandvoice import Linter
from brandvoice import compile as compile_module
from brandvoice.conversation import personal_data
from brandvoice.metrics import sentiment
from brandvoice.pipeline import LONG_RUN, PIECE, RunSplittingTokenizer
from brandvoice.social import read_social

HANG_GUARD = 120  # seconds; each check below takes a few seconds at most


@pytest.fixture(scope="module")
def tokenizer():
    return RunSplittingTokenizer(spacy.blank("en").tokenizer)


def tokens(doc):
    return [(t.idx, t.text, t.whitespace_) for t in doc]


def test_text_without_a_long_run_is_tokenized_as_by_spacy(tokenizer):
    plain = spacy.blank("en").tokenizer
    for text in ["We can't help, sorry!!! See https://acme.example/help?x=1 or mail a@b.co.",
                 "  two  spaces\n\nand lines \t", "a" * LONG_RUN, "!" * LONG_RUN + " ok",
                 "Don't   stop :) #tag @bob 😀👩‍👩‍👧"]:
        assert tokens(tokenizer(text)) == tokens(plain(text))


def test_a_long_run_is_tokenized_in_pieces_with_the_text_unchanged(tokenizer):
    text = "Hi there  " + "!" * 4000 + "  a." * 10 + "x" * 1234 + "\nend"
    doc = tokenizer(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    assert max(len(t.text) for t in doc) <= PIECE


def test_4000_exclamation_marks_get_the_finding_at_the_right_column():
    linter = Linter(persona={"name": "Acme", "style": {"max_exclamations": 1}})
    result = linter.check("Hi!" + "!" * 4000)
    found = [(f.rule, f.line, f.column, f.start, f.end) for f in result.findings]
    assert found == [("persona.style.exclamations", 1, 4, 3, 4)]


def test_findings_after_long_runs_keep_their_offsets_and_line_and_column():
    linter = Linter(rulebooks=["builtin:legal-claims"])
    text = "!" * 3000 + " We guarantee it.\n" + "a." * 2000 + " guarantee\n" + "😀" * 900 \
        + " guarantee"
    found = [(f.line, f.column, f.start, text[f.start:f.end])
             for f in linter.check(text).findings if f.rule == "legal-claims.guarantee"]
    second = text.index("\n") + 1
    third = text.index("\n", second) + 1
    assert found == [(1, 3005, 3004, "guarantee"), (2, 4002, second + 4001, "guarantee"),
                     (3, 902, third + 901, "guarantee")]


def test_normal_text_gets_the_same_links_handles_and_hashtags():
    text = ("Mail help@acme.com or see acme.com/help, www.acme.io and https://x.co/a. "
            "Ask @AcmeCare #help. See...acme.com and ..foo@bar.org, shop-now.example.co.uk")
    found = [(text[p.start:p.end], p.kind) for p in read_social(text).parts]
    assert found == [("help@acme.com", "email"), ("acme.com/help", "domain"),
                     ("www.acme.io", "url"), ("https://x.co/a", "url"), ("@AcmeCare", "handle"),
                     ("#help", "hashtag"), ("acme.com", "domain"), ("foo@bar.org", "email"),
                     ("shop-now.example.co.uk", "domain")]


def test_sentiment_is_vaders_own_score():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    for text in ["This is not good at all", "never so happy, without doubt great",
                 "The food was kind of good but the service was bad", "at least it worked",
                 "NOT GREAT!!! yeah right", "no problem, the bomb"]:
        assert sentiment(text) == round(vader.polarity_scores(text)["compound"], 3)


def test_personal_data_of_a_long_message():
    message = "Order 12345678, mail bob@example.com, call 202-555-0143. " * 2000
    assert personal_data(message) == [("order number", "12345678"),
                                      ("e-mail address", "bob@example.com"),
                                      ("phone number", "2025550143")]


def check_in_a_process(text: str, config: str, *extra: str,
                       tmp_path) -> subprocess.CompletedProcess:
    (tmp_path / "brandvoice.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "brandvoice", "check", *extra, "draft.txt"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=HANG_GUARD)


ADVERSARIAL = {"exclamation marks": "!" * 80_000, "a.": "a." * 40_000, "a-": "a-" * 40_000,
               "smileys": ":)" * 40_000, "emoji": "😀" * 80_000, "a percent": "a%" * 40_000,
               # VADER's own analyzer, which the politeness model once used, lower-cased the
               # whole word list for each word of feeling: 35 s at 99,000 characters
               "words of feeling": "still failing " * 7_000}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_drafts_are_checked_on_the_statistical_pipeline(name, tmp_path):
    text = ADVERSARIAL[name]
    config = "rulebooks: ['builtin:*']\npersona: persona.yaml\n"
    (tmp_path / "persona.yaml").write_text(
        "name: Acme\nreadability: {max_grade: 8}\ntone: {sentiment: {min: -0.1}, "
        "formality: {min: 0.2, max: 0.7}, politeness: {min: 0.2}}\n"
        "style: {max_exclamations: 1, max_emoji: 2}\n"
        "channels: {twitter: {max_length: 280}}\n", encoding="utf-8")
    done = check_in_a_process(text, config, "--channel", "twitter", tmp_path=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


def test_a_long_in_reply_to_is_checked(tmp_path):
    message = "My order 12345678 never arrived, mail bob@example.com! " * 4000

    (tmp_path / "brandvoice.yaml").write_text("rulebooks: ['builtin:privacy']\n",
                                              encoding="utf-8")
    (tmp_path / "drafts.jsonl").write_text(json.dumps(
        {"text": "Sorry, we will look at order 12345678.", "in_reply_to": message}) + "\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "brandvoice", "check", "drafts.jsonl"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=HANG_GUARD)
    assert done.returncode == 1, done.stderr
    assert "persona.context.echo-pii" in done.stdout and "Traceback" not in done.stderr


AUDIT = """
import sys
from brandvoice import Linter
from brandvoice import compile as compile_module
from brandvoice.audit import run_audit
from brandvoice.report.audit_html import render_html
rows = [{"id": "a", "created_at": "0001-01-15", "text": "We guarantee it."},
        {"id": "b", "created_at": "9999-12-01", "text": "Thanks for waiting."},
        {"id": "c", "created_at": "2026-02-01", "text": "Thanks for waiting."}]
linter = Linter(rulebooks=["builtin:legal-claims"])
sys.stdout.write(render_html(run_audit(linter, rows, by=["department"])))
"""


def test_an_audit_spanning_year_1_to_9999_draws_its_trend_per_year():
    done = subprocess.run([sys.executable, "-c", AUDIT], capture_output=True, text=True,
                          timeout=HANG_GUARD)
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert "Pass rate and sentiment per year" in page
    assert "more than 120 months, so the trend is drawn per year" in page
    assert "Only the years with replies are drawn." in page


@pytest.mark.parametrize("tokens", [
    [{"IS_PUNCT": True, "OP": "+"}, {"LOWER": "wow"}],
    [{"LOWER": "wow"}, {"IS_PUNCT": True, "OP": "*"}, {"LOWER": "ok"}],
    [{"LOWER": "we"}, {"OP": "?"}, {"LEMMA": "guarantee"}],
])
def test_a_sequence_rule_matched_over_windows_finds_what_one_pass_finds(tokens, monkeypatch):
    # A draft of 2,000 tokens is matched over windows; with the window made larger than
    # the draft, spaCy's Matcher runs once over all of it: the findings must be the same.
    book = {"rules": [{"id": "t.seq", "kind": "sequence", "tokens": tokens}]}
    pieces = ["wow ! ! ! wow.", "we do guarantee it.", "wow ok.", "wow , ; ok!", "plain words."]
    text = " ".join(pieces[i % len(pieces)] for i in range(400))
    windowed = [(f.start, f.end) for f in Linter(rulebooks=[book]).check(text).findings]
    monkeypatch.setattr(compile_module, "SEQUENCE_SPAN", 10_000)
    whole = [(f.start, f.end) for f in Linter(rulebooks=[book]).check(text).findings]
    assert len(whole) >= 80
    assert windowed == whole


def test_a_repeating_sequence_over_a_run_of_20000_marks_finds_its_match():
    linter = Linter(rulebooks=[{"rules": [{"id": "t.seq", "kind": "sequence", "tokens": [
        {"IS_PUNCT": True, "OP": "+"}, {"LOWER": "wow"}]}]}], max_draft_length=50_000)
    text = "! " * 20_000 + "wow"
    found = [f for f in linter.check(text).findings if f.rule == "t.seq"]
    assert found and text[found[0].start:found[0].end].endswith("! wow")
