"""benchmarks/alex_coverage.py: phrases in its templates, checked with the real linter.

The pairs below are our own, written for this test in the shape of alex's "basic"
patterns (an inconsiderate phrase and what to write instead); no data is read from
outside the repository and nothing goes over the network.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("alex_coverage",
                                                  ROOT / "benchmarks" / "alex_coverage.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["alex_coverage"] = module
    spec.loader.exec_module(module)
    return module


ALEX = _module()

#: (category, inconsiderate phrase, considerate alternative)
PAIRS = [
    ("gender", "chairman", "chair"),
    ("gender", "spokesmen", "spokespeople"),
    ("gender", "manpower", "staff"),
    ("gender", "mankind", "humanity"),
    ("gender", "stewardess", "flight attendant"),
    ("gender", "poetess", "poet"),
    ("gender", "maiden voyage", "first voyage"),
    ("gender", "man the phones", "answer the phones"),
    ("gender", "housewives", "homemakers"),
    ("gender", "sportsmanship", "fair play"),
    ("ablist", "crazy", "hectic"),
    ("ablist", "lame", "boring"),
    ("ablist", "tone deaf", "out of touch"),
    ("ablist", "wheelchair bound", "uses a wheelchair"),
    ("ablist", "suffers from multiple sclerosis", "has multiple sclerosis"),
    ("ablist", "epileptics", "people with epilepsy"),
    ("ablist", "sanity check", "double-check"),
    ("ablist", "crippled", "slowed down"),
    ("ablist", "psycho", "erratic"),
    ("ablist", "hearing impaired", "hard of hearing"),
    ("race", "blacklisted", "blocked"),
    ("race", "whitelist", "allowlist"),
    ("race", "spirit animal", "favourite"),
    ("race", "grandfathered", "legacy"),
    ("race", "eskimos", "Inuit"),
    ("race", "long time no see", "it's been a while"),
    ("lgbtq", "transgendered", "transgender"),
    ("lgbtq", "sexual preference", "sexual orientation"),
    ("lgbtq", "preferred pronouns", "pronouns"),
    ("suicide", "committed suicide", "died by suicide"),
    ("suicide", "suicide pact", "rise in suicides"),
    ("misc", "pull the trigger", "go ahead"),
]

#: Phrases the pack leaves alone on purpose (see the header of
#: rules/inclusive-language.yaml): ordinary words in support replies.
LEFT_ALONE = [("ablist", "disabled"), ("ablist", "special"), ("race", "master"),
              ("suicide", "hang"), ("condescending", "just")]


@pytest.fixture(scope="module")
def report():
    patterns = [ALEX.Pattern(category, [bad], [good]) for category, bad, good in PAIRS]
    patterns += [ALEX.Pattern(category, [bad], []) for category, bad in LEFT_ALONE]
    return ALEX.measure(patterns)


def test_every_phrase_is_flagged_in_every_template(report):
    flagged = {o.phrase: o for o in report.phrases}
    missed = [bad for _, bad, _ in PAIRS if not flagged[bad].flagged_everywhere]
    assert missed == []
    assert all(len(flagged[bad].caught) == len(ALEX.TEMPLATES) for _, bad, _ in PAIRS)
    assert all(rule.startswith("inclusive-language.")
               for _, bad, _ in PAIRS for rule in flagged[bad].rules)


def test_no_alternative_is_flagged(report):
    assert [o.phrase for o in report.alternatives if o.flagged_anywhere] == []


def test_words_left_alone_are_counted_as_missed(report):
    outcomes = {o.phrase: o for o in report.phrases}
    assert [w for _, w in LEFT_ALONE if outcomes[w].flagged_anywhere] == []
    summary = report.summary()
    assert summary["phrases"] == len(PAIRS) + len(LEFT_ALONE)
    assert summary["flagged"] == len(PAIRS)
    assert summary["alternatives"] == len(PAIRS)
    assert summary["alternatives_flagged"] == 0
    assert summary["by_category"]["condescending"] == {
        "phrases": 1, "flagged": 0, "alternatives": 0, "alternatives_flagged": 0}


def test_templates_and_wildcards():
    placed = ALEX.sentences("make * * great again")
    assert [text for text, _, _ in placed] == [
        "Our team said: make our shop great again.",
        "Make our shop great again, our team said.",
        "Our team said that it was make our shop great again and we are looking into it."]
    for text, start, end in placed:
        assert text[start:end].lower() == "make our shop great again"
    # an abbreviation that ends a sentence takes no second full stop
    assert ALEX.sentences("o.c.d.")[0][0] == "Our team said: o.c.d."


def test_reads_the_three_forms_of_the_word_lists(tmp_path):
    entries = [
        {"type": "basic", "considerate": ["chair", "chairperson"], "inconsiderate": "chairman"},
        {"type": "or", "considerate": {"they": "a"}, "inconsiderate": {"he": "male",
                                                                          "she": "female"}},
        {"type": "basic", "considerate": "staff", "inconsiderate": {"manpower": "male"}},
    ]
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "gender.yml").write_text(
        "- type: basic\n  considerate:\n    - chair\n    - chairperson\n"
        "  inconsiderate: chairman\n"
        "- type: or\n  considerate:\n    they: a\n  inconsiderate:\n    he: male\n"
        "    she: female\n", encoding="utf-8")
    from_folder = ALEX.load_patterns(folder)
    assert [(p.category, p.inconsiderate, p.considerate) for p in from_folder] == [
        ("gender", ["chairman"], ["chair", "chairperson"])]
    js = tmp_path / "patterns-en.js"
    js.write_text("/** @type {ReadonlyArray<Pattern>} */\nexport const patterns = "
                  + json.dumps(entries) + "\n", encoding="utf-8")
    assert [p.inconsiderate for p in ALEX.load_patterns(js)] == [["chairman"], ["manpower"]]
    as_json = tmp_path / "patterns.json"
    as_json.write_text(json.dumps(entries), encoding="utf-8")
    assert [p.considerate for p in ALEX.load_patterns(as_json)] == [
        ["chair", "chairperson"], ["staff"]]


def test_the_command_prints_the_table(tmp_path, capsys):
    data = tmp_path / "ablist.yml"
    data.write_text("- type: basic\n  considerate: [hectic]\n  inconsiderate: [crazy, nuts]\n",
                    encoding="utf-8")
    out = tmp_path / "out.json"
    assert ALEX.main(["--patterns", str(data), "--missed", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "flagged in every template: 1 / 2 (50.0%)" in printed
    assert "| ablist | 2 | 1 | 50% | 1 | 0 |" in printed
    assert "ablist: 'nuts' [000]" in printed
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["flagged"] == 1
