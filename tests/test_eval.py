"""`brandvoice eval` and the rule key `category`: figures worked out by hand on small label
files written here (never the shared labelled set), bad labels reported with their place,
and every built-in rule's category."""

from __future__ import annotations

import json
import math

import pytest
import yaml

from brandvoice import Linter
from brandvoice.errors import ConfigError, LabelsError
from brandvoice.evaluation import evaluate, parse_labels, ranks, spearman

from .conftest import ROOT, run

CONFIG = {
    "brandvoice.yaml": "rulebooks: [voice/rules.yaml]\ndefaults: {channel: twitter}\n",
    "voice/rules.yaml": """\
        rules:
          - id: t.guarantee
            kind: forbid
            severity: error
            category: legal.promise
            phrases: [guarantee]
          - id: t.asap
            kind: forbid
            category: style.voice
            phrases: [asap]
        """,
}


def _labels(*rows: dict) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


#: Four drafts: a (stop) and b (ok) flagged, c (edit) and d (ok) not.
FOUR = _labels(
    {"id": "a", "verdict": "stop", "quality": 1, "text": "We guarantee it.",
     "issues": [{"category": "legal.promise", "quote": "guarantee", "why": "a promise"}]},
    {"id": "b", "verdict": "ok", "quality": 5, "text": "We will fix it asap."},
    {"id": "c", "verdict": "edit", "quality": 2, "text": "Your ticket is logged.",
     "issues": [{"category": "legal.other"}]},
    {"id": "d", "verdict": "ok", "quality": 4, "issues": [], "text": "Thanks, we are on it."},
)


def test_figures_worked_out_by_hand(project):
    """2 flagged of which 1 would be changed: precision 1/2; 2 to change of which 1 is
    flagged: recall 1/2; the one stop fails; scores 75, 90, 100, 100 against qualities
    1, 5, 2, 4: ranks (1, 2, 3.5, 3.5) and (1, 4, 2, 3), rho = 1.5 / sqrt(4.5 * 5)."""
    root = project({**CONFIG, "labels.jsonl": FOUR})
    done = run(["eval", "labels.jsonl", "--format", "json"], cwd=root)
    assert done.code == 0, done.err
    assert done.err == ""
    data = json.loads(done.out)
    assert data["counts"] == {"labels": 4, "matched": 4, "unmatched": 0,
                              "unlabelled_drafts": 0, "ok": 2, "edit": 1, "stop": 1,
                              "flagged": 2, "with_quality": 4}
    drafts = data["drafts"]
    assert (drafts["precision"]["count"], drafts["precision"]["of"]) == (1, 2)
    assert drafts["precision"]["value"] == drafts["recall"]["value"] == drafts["f1"] == 0.5
    assert (drafts["true_positives"], drafts["false_positives"], drafts["false_negatives"],
            drafts["true_negatives"]) == (1, 1, 1, 1)
    assert data["stop_fail"]["value"] == 1.0 and data["stop_fail"]["of"] == 1
    assert data["spearman"]["value"] == round(1.5 / math.sqrt(22.5), 4)
    categories = {row["category"]: row for row in data["categories"]}
    assert (categories["legal.promise"]["labelled"], categories["legal.promise"]["flagged"],
            categories["legal.promise"]["both"]) == (1, 1, 1)
    assert categories["legal.promise"]["rules"] == ["t.guarantee"]
    assert categories["legal.other"]["carried"] is False
    assert categories["legal.other"]["recall"] == {"value": 0.0, "count": 0, "of": 1,
                                                       "interval": [0.0, 0.7935]}
    assert (categories["style.voice"]["flagged"], categories["style.voice"]["both"]) == (1, 0)
    rules = {row["rule"]: row for row in data["rules"]}
    assert (rules["t.guarantee"]["fired_on"], rules["t.guarantee"]["would_change"],
            rules["t.guarantee"]["own_category"]) == (1, 1, 1)
    assert (rules["t.asap"]["fired_on"], rules["t.asap"]["would_change"],
            rules["t.asap"]["precision"]["value"]) == (1, 0, 0.0)


def test_text_report_says_what_flagged_means_and_counts_each_figure(project):
    root = project({**CONFIG, "labels.jsonl": FOUR})
    done = run(["eval", "labels.jsonl"], cwd=root)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "a finding at warning or error" in done.out
    row = next(line for line in lines if "(precision)" in line)
    assert row.split()[-7:] == ["0.50", "1", "of", "2", "0.09", "to", "0.91"]
    assert next(line for line in lines if line.startswith("Drafts reviewers would stop")
                ).split()[-7:] == ["1.00", "1", "of", "1", "0.21", "to", "1.00"]
    liability = next(line for line in lines if line.startswith("legal.other"))
    assert liability.endswith("no rule carries this category")
    assert next(line for line in lines if line.startswith("t.asap")).split() == [
        "t.asap", "warning", "style.voice", "1", "0", "0.00", "0", "(0.00)"]


def test_ranks_share_ties_and_spearman_uses_them():
    assert ranks([3, 1, 3, 2]) == [3.5, 1.0, 3.5, 2.0]
    assert ranks([7, 7, 7]) == [2.0, 2.0, 2.0]
    # ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): 4.5 / sqrt(4.5 * 5)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([100, 100, 100], [1, 2, 3]) is None  # every score the same
    assert spearman([1, 2], [1, 2]) is None  # two points always line up


def test_labels_without_a_draft_are_listed_not_dropped(project):
    root = project({**CONFIG, "labels.jsonl": FOUR + _labels(
        {"id": "gone-1", "verdict": "ok", "quality": 3},
        {"id": "gone-2", "verdict": "stop", "quality": 1})})
    done = run(["eval", "labels.jsonl", "--format", "json"], cwd=root)
    assert done.code == 0
    data = json.loads(done.out)
    assert data["unmatched_ids"] == ["gone-1", "gone-2"]
    assert (data["counts"]["labels"], data["counts"]["matched"],
            data["counts"]["unmatched"]) == (6, 4, 2)
    assert data["counts"]["stop"] == 1  # the unmatched stop is not counted as evaluated
    assert done.err == ("brandvoice: warning: 2 labels have no draft and were not evaluated: "
                        "gone-1, gone-2\n")


def test_no_draft_for_any_label_is_a_usage_error(project):
    root = project({**CONFIG, "labels.jsonl": _labels({"id": "x", "verdict": "ok"})})
    done = run(["eval", "labels.jsonl"], cwd=root)
    assert done.code == 2 and done.out == ""
    assert done.err.startswith("brandvoice: no draft matches the 1 label of labels.jsonl")
    assert "Traceback" not in done.err


@pytest.mark.parametrize("line, where, message", [
    ('{"id": "a", "verdict": "ok", "quality": 3', "2:42",
     "this line is not valid JSON: a ',' is missing between two values"),
    ('{"id": "a", "verdict": "okay", "quality": 3}', "2:24",
     "'okay' is not a verdict: write ok, edit or stop (did you mean 'ok'?)"),
    ('{"id": "a", "verdict": "ok", "quality": 6}', "2:41",
     "quality 6 is out of range: write a whole number from 1 (harmful) to 5 (excellent)"),
    ('{"id": "a", "verdict": "ok", "quality": "good"}', "2:41",
     'quality "good" is not a quality: write a whole number from 1 (harmful) to 5 '
     "(excellent)"),
    ('  {"verdict": "ok", "quality": 3}', "2:3",
     "this label has no 'id': give the id of the draft it labels"),
    ('{"id": "a", "quality": 3}', "2:1", "this label has no 'verdict': write ok, edit or stop"),
    ('{"id": "b", "verdict": "ok"}', "2:8", "'b' is labelled twice (first on line 1); keep one "
                                            "label per draft"),
    ('{"id": "a", "verdict": "edit", "issues": [{"category": "Tone"}]}', "2:56",
     "issue 1: 'Tone' is not a category"),
    ('["a", "ok"]', "2:1", "each line should be a JSON object with 'id', 'verdict' and "
                           "'quality'"),
])
def test_a_label_that_cannot_be_used_is_named_with_its_place(project, line, where, message):
    root = project({**CONFIG, "labels.jsonl": _labels({"id": "b", "verdict": "ok"}) + line
                    + "\n"})
    done = run(["eval", "labels.jsonl"], cwd=root)
    assert done.code == 2 and done.out == ""
    first, last = done.err.splitlines()[0], done.err.splitlines()[-1]
    assert first.startswith(f"labels.jsonl:{where}: {message}"), first
    assert last == "brandvoice: 1 problem in the labels; nothing was evaluated"
    assert "Traceback" not in done.err


def test_every_bad_line_is_reported_at_once():
    text = '{"id": "a", "verdict": "no"}\n\n{"id": "b", "verdict": "ok", "quality": 0}\n'
    with pytest.raises(LabelsError) as raised:
        parse_labels(text, "mine.jsonl")
    assert [str(p.location) for p in raised.value.problems] == ["mine.jsonl:1:24",
                                                                 "mine.jsonl:3:41"]


def test_drafts_given_as_paths(project):
    """Drafts are read as `check` reads them: a text file's id is its path, a collection's
    entries have their own ids; drafts no label names are left out and counted."""
    root = project({
        **CONFIG,
        "replies/promise.txt": "We guarantee a refund.\n",
        "replies/more.jsonl": _labels({"id": "m1", "text": "Fixed it asap, Sam."},
                                      {"id": "m2", "text": "Thanks for waiting."},
                                      {"id": "m3", "text": "Nobody labelled this one."}),
        "labels.jsonl": _labels(
            {"id": "replies/promise.txt", "verdict": "stop", "quality": 1,
             "issues": [{"category": "legal.promise"}]},
            {"id": "m1", "verdict": "edit", "quality": 3,
             "issues": [{"category": "brand.off-voice"}]},
            {"id": "m2", "verdict": "ok", "quality": 5}),
    })
    done = run(["eval", "labels.jsonl", "replies", "--format", "json"], cwd=root)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert (data["counts"]["matched"], data["counts"]["unlabelled_drafts"]) == (3, 1)
    assert (data["drafts"]["precision"]["value"], data["drafts"]["recall"]["value"]) == (1.0, 1.0)
    assert data["stop_fail"]["count"] == 1


def test_a_draft_file_wins_over_the_labels_own_text(project):
    root = project({**CONFIG, "drafts.jsonl": _labels({"id": "a", "text": "Thanks!"}),
                    "labels.jsonl": _labels({"id": "a", "verdict": "ok", "quality": 5,
                                             "text": "We guarantee it."})})
    data = json.loads(run(["eval", "labels.jsonl", "drafts.jsonl", "-f", "json"],
                          cwd=root).out)
    assert data["counts"]["flagged"] == 0


def test_options_as_check_has_them(project):
    """--fail-on changes what fails (the stop share), --rulebook what is loaded."""
    root = project({**CONFIG, "labels.jsonl": _labels(
        {"id": "s", "verdict": "stop", "quality": 1, "text": "Sorted asap."})})
    lenient = json.loads(run(["eval", "labels.jsonl", "-f", "json"], cwd=root).out)
    strict = json.loads(run(["eval", "labels.jsonl", "-f", "json", "--fail-on", "warning"],
                            cwd=root).out)
    assert (lenient["stop_fail"]["count"], strict["stop_fail"]["count"]) == (0, 1)
    other = json.loads(run(["eval", "labels.jsonl", "-f", "json", "--rulebook",
                            "builtin:legal-claims"], cwd=root).out)
    assert other["counts"]["flagged"] == 0


def test_evaluate_from_python_with_results_in_hand():
    linter = Linter(rulebooks=[yaml.safe_load(
        "rules:\n  - {id: t.g, kind: forbid, phrases: [guarantee], category: legal.promise}\n")])
    labels = parse_labels(_labels({"id": "1", "verdict": "stop", "quality": 1},
                                  {"id": "2", "verdict": "ok", "quality": 5}))
    results = linter.check_many([{"id": "1", "text": "We guarantee it."},
                                 {"id": "2", "text": "Thanks!"},
                                 {"id": "3", "text": "Not labelled."}])
    evaluation = evaluate(labels, results, categories=linter.categories)
    assert (evaluation.matched, evaluation.unlabelled, evaluation.precision.value) == (2, 1, 1.0)
    assert [row.category for row in evaluation.categories if row.rules] == \
        ["privacy.shows-data", "privacy.thread-exposure", "legal.promise", "legal.liability",
         "hr.conduct", "care.dismissive", "care.template-mismatch",
         "care.sensitive-incident"]  # the
    # conversation checks are always on


# --- the rule key `category` ---------------------------------------------------------------

def test_a_rulebook_category_is_the_default_of_its_rules():
    linter = Linter(rulebooks=[{"category": "hr.conduct", "rules": [
        {"id": "hr.guys", "kind": "forbid", "phrases": ["guys"]},
        {"id": "hr.crazy", "kind": "forbid", "phrases": ["crazy"], "category": "hr.words"}]}])
    result = linter.check("Hi guys, crazy day.")
    assert [(f.rule, f.category) for f in result.findings] == [
        ("hr.guys", "hr.conduct"), ("hr.crazy", "hr.words")]
    assert result.findings[0].to_dict()["category"] == "hr.conduct"


def test_a_category_that_is_not_one_is_an_error_with_its_place(project):
    root = project({"brandvoice.yaml": "rulebooks: [r.yaml]\n",
                    "r.yaml": "category: Legal\nrules:\n  - id: t.a\n    kind: forbid\n"
                              "    phrases: [a]\n    category: legal..promise\n"})
    done = run(["check", "--text", "a"], cwd=root)
    assert done.code == 2
    assert "r.yaml:1:11: 'category': 'Legal' is not a category" in done.err
    assert "r.yaml:6:15: rule 't.a': 'category': 'legal..promise' is not a category" in done.err
    with pytest.raises(ConfigError):
        Linter(rulebooks=[{"rules": [{"id": "t.b", "kind": "forbid", "phrases": ["b"],
                                      "category": "legal"}]}])


def test_category_shows_in_explain_rules_and_sarif(project):
    root = project(CONFIG)
    explained = run(["explain", "t.guarantee"], cwd=root).out.splitlines()
    assert "  category:   legal.promise" in explained
    listed = {r["id"]: r["category"] for r in json.loads(
        run(["rules", "--format", "json"], cwd=root).out)}
    assert listed["t.guarantee"] == "legal.promise"
    assert listed["persona.context.empathy"] == "care.no-empathy"
    assert listed["persona.channel.length"] is None
    sarif = json.loads(run(["check", "--text", "We guarantee it asap.", "-f", "sarif"],
                           cwd=root).out)
    assert [r["properties"]["category"] for r in sarif["runs"][0]["results"]] == [
        "legal.promise", "style.voice"]


def test_every_builtin_rule_has_a_category():
    """Each rule of the shipped packs says what it catches: one of the labelling guide's
    categories, or a `style.` category for style nits reviewers do not record."""
    from brandvoice.kinds.base import GUIDE_CATEGORIES

    for path in sorted((ROOT / "rules").glob("*.yaml")):
        book = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule in book["rules"]:
            category = rule.get("category") or book.get("category")
            assert category, f"{path.name}: {rule['id']} has no category"
            assert category in GUIDE_CATEGORIES or category.startswith("style."), \
                f"{path.name}: {rule['id']}: {category}"


def test_the_persona_page_gives_each_checks_category():
    from brandvoice.registry import CATEGORY

    page = (ROOT / "docs" / "persona.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in page.splitlines() if line.startswith("| `persona.")]
    shown = {row[1].strip().strip("`"): row[4].strip().strip("`") for row in rows}
    assert shown == {check: category or "-" for check, category in CATEGORY.items()
                     if check.startswith("persona.")}


def test_a_folder_holding_the_labels_does_not_read_them_as_drafts(project):
    """The labels file in a folder of drafts is not read a second time as a collection (its
    labels without text would be drafts that cannot be read)."""
    root = project({**CONFIG,
                    "data/a.txt": "Thanks for waiting, Sam.\n",
                    "data/labels.jsonl": _labels(
                        {"id": "data/a.txt", "verdict": "ok", "quality": 5},
                        {"id": "b", "verdict": "stop", "quality": 1,
                         "text": "We guarantee it."})})
    done = run(["eval", "data/labels.jsonl", "data", "--format", "json"], cwd=root)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert (data["counts"]["matched"], data["counts"]["unlabelled_drafts"]) == (2, 0)
    assert (data["drafts"]["true_positives"], data["drafts"]["false_positives"]) == (1, 0)
    assert done.err == ""
