"""The Python API of FORMAT.md section 7."""

from __future__ import annotations

import subprocess
import sys

import pytest

from brandvoice import Draft, Linter

from .conftest import LEGAL, ROOT


def test_from_config_and_check(project):
    root = project({"brandvoice.yaml": "persona: persona.yaml\nrulebooks: [legal.yaml]\n",
                    "persona.yaml": "name: Acme Care\n", "legal.yaml": LEGAL})
    linter = Linter.from_config(root / "brandvoice.yaml")
    result = linter.check("We guarantee a refund!", channel="twitter", context="complaint")
    assert result.passed is False and result.score == 75
    assert [f.rule for f in result.findings] == ["legal.no-guarantees"]
    assert linter.persona.name == "Acme Care"
    assert result.to_dict()["metrics"]["words"] == 4


def test_from_config_discovers_the_config_upwards(project, monkeypatch):
    root = project({"brandvoice.yaml": "rulebooks: [legal.yaml]\n", "legal.yaml": LEGAL,
                    "replies/2026/keep.txt": "x"})
    monkeypatch.chdir(root / "replies" / "2026")
    assert Linter.from_config().check("We guarantee it").passed is False


def test_pyproject_table_is_a_config(project, monkeypatch):
    root = project({"pyproject.toml": "[project]\nname='x'\n\n[tool.brandvoice]\n"
                                      "rulebooks = ['legal.yaml']\nmin_score = 90\n",
                    "legal.yaml": LEGAL, "sub/a.txt": ""})
    monkeypatch.chdir(root / "sub")
    linter = Linter.from_config()
    assert linter.config.min_score == 90
    assert [f.rule for f in linter.check("We promise").findings] == ["legal.no-guarantees"]


def test_constructor_takes_paths_packs_and_dicts(project):
    root = project({"legal.yaml": LEGAL})
    linter = Linter(persona={"name": "Acme"}, rulebooks=[
        root / "legal.yaml", "builtin:legal-claims",
        {"rules": [{"id": "hr.guys", "kind": "forbid", "phrases": ["guys"]}]}],
        fail_on="warning")
    # "guarantee" is one finding of both legal rules (the second in its `also`)
    rules = {r for f in linter.check("Hey guys, we guarantee it, our fault.").findings
             for r in f.rules}
    assert rules == {"hr.guys", "legal.no-guarantees", "legal-claims.guarantee",
                     "legal-claims.admit-liability"}


DRAFTS = [
    "We guarantee it arrives Friday.",
    "Sorry about the wait, Sam. I've sent you a DM.",
    "",
    "Hey guys!!! It's totally free and risk-free, our fault entirely.\nWe promise.",
    "Our satisfaction guarantee policy is on the site.",
] * 7


def test_check_many_equals_one_by_one(project):
    root = project({"legal.yaml": LEGAL})
    linter = Linter(rulebooks=[root / "legal.yaml", "builtin:legal-claims"],
                    defaults={"channel": "twitter"})
    batched = linter.check_many(DRAFTS, batch_size=4)
    single = [linter.check(text, id=f"draft-{i}") for i, text in enumerate(DRAFTS, start=1)]
    assert [r.to_dict() for r in batched] == [r.to_dict() for r in single]
    assert sum(not r.passed for r in batched) == 14


def test_check_many_accepts_drafts_and_mappings_and_keeps_order():
    linter = Linter(rulebooks=[{"rules": [{"id": "t.a", "kind": "forbid", "phrases": ["a"]}]}],
                    defaults={"channel": "twitter", "context": "general"},
                    departments=["support"])
    results = linter.check_many([
        Draft("a", id="one", context="complaint"),
        {"id": "two", "text": "b", "channel": "facebook"},
        {"id": "three"},
    ], department="support")
    assert [r.id for r in results] == ["one", "two", "three"]
    assert [(r.channel, r.department, r.context) for r in results] == [
        ("twitter", "support", "complaint"), ("facebook", "support", "general"),
        ("twitter", "support", "general")]
    assert [f.rule for f in results[2].findings] == ["brandvoice.input"]
    assert "no 'text'" in results[2].findings[0].message


def test_metrics_block_has_every_measure():
    linter = Linter(rulebooks=[])
    metrics = linter.check("The cat sat on the mat. It was happy and warm!").metrics
    assert set(metrics) == {"words", "sentences", "flesch_kincaid_grade",
                            "flesch_reading_ease", "sentiment", "formality", "length",
                            "politeness"}
    assert metrics["words"] == 11 and metrics["sentences"] == 2 and metrics["length"] == 46
    assert metrics["sentiment"] > 0.3
    assert 0 <= metrics["politeness"] <= 1
    # a draft without words has no politeness
    assert linter.check("🎉").metrics["politeness"] is None
    assert metrics["flesch_reading_ease"] > 80 and metrics["flesch_kincaid_grade"] < 4
    assert metrics["formality"] is None  # no rule needs tags: blank pipeline


def test_contractions_count_as_one_word():
    linter = Linter(rulebooks=[])
    assert linter.check("We don't know, we’re sure it's fine.").metrics["words"] == 7


def test_blank_pipeline_unless_tags_are_needed():
    linter = Linter(rulebooks=[])
    assert linter.nlp.pipe_names == ["sentencizer", "brandvoice_lookup_lemmas"]
    tagged = Linter(persona={"name": "A", "tone": {"formality": {"min": 0.2}}})
    assert "tagger" in tagged.nlp.pipe_names
    assert "parser" not in tagged.nlp.pipe_names and "ner" not in tagged.nlp.pipe_names
    assert tagged.check("We will resolve the matter promptly.").metrics["formality"] > \
        tagged.check("Hey! gonna sort it asap :)").metrics["formality"]


def test_from_config_overrides_merge_and_are_checked(project):
    import pytest

    from brandvoice import ConfigError, UsageError

    root = project({"brandvoice.yaml": "rulebooks: [legal.yaml]\npenalties: {error: 50}\n",
                    "legal.yaml": LEGAL})
    linter = Linter.from_config(root / "brandvoice.yaml", penalties={"warning": 1})
    assert (linter.config.penalties.error, linter.config.penalties.warning) == (50, 1)
    assert linter.check("We guarantee it").score == 50
    with pytest.raises(ConfigError, match="no loaded rule has the id 'nope'"):
        Linter.from_config(root / "brandvoice.yaml", disable=["nope"])
    with pytest.raises(UsageError, match="rulebooks cannot be overridden"):
        Linter.from_config(root / "brandvoice.yaml", rulebooks=[])


def test_metrics_are_the_real_measures():
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = ("Sorry about the wait, Sam! Your replacement ships today; we've sent the "
            "tracking number by DM.")
    metrics = Linter(rulebooks=[]).check(text).metrics  # loads the offline CMU dictionary
    assert metrics["flesch_kincaid_grade"] == round(textstat.flesch_kincaid_grade(text), 1)
    assert metrics["flesch_reading_ease"] == round(textstat.flesch_reading_ease(text), 1)
    vader = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert metrics["sentiment"] == round(vader, 3)
    assert metrics["length"] == len(text)


def test_a_folder_named_brandvoice_next_to_a_script_is_explained(tmp_path):
    """docs/library.md#troubleshooting: a clone named brandvoice/ beside a script shadows an
    editable install; the page names the message, the check and the fixes that work."""
    (tmp_path / "brandvoice").mkdir()  # a clone of the repository: no __init__.py at its top
    (tmp_path / "brandvoice" / "README.md").write_text("# brandvoice\n")
    (tmp_path / "script.py").write_text("from brandvoice import Linter\nprint('imported')\n")

    def python(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=300)

    shadowed = python("script.py")
    if shadowed.returncode == 0:
        pytest.skip("brandvoice is not an editable install here: nothing is shadowed")
    message = shadowed.stderr.splitlines()[-1]
    assert message == ("ImportError: cannot import name 'Linter' from 'brandvoice' "
                       "(unknown location)")
    page = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert f"**`{message}`.**" in page
    check = 'python -c "import brandvoice; print(brandvoice.__file__)"'
    assert f"`{check}`" in page and "prints `None`" in page
    assert python("-c", "import brandvoice; print(brandvoice.__file__)").stdout == "None\n"
    assert "`python3 -P script.py`" in page
    assert python("-P", "script.py").stdout == "imported\n"
