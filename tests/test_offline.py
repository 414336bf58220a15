"""Linting works with no network: the spaCy pipelines and textstat's dictionary are installed.

Runs the real command under `unshare -n` (a new network namespace with no interfaces),
with NLTK's data folders pointed at an empty place so nothing cached can hide a download.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import LEGAL, run


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _unshare_works(),
                                reason="unshare -n is not permitted on this machine")


@pytest.fixture
def offline_env(tmp_path_factory):
    empty = tmp_path_factory.mktemp("no-nltk-data")
    return {"NLTK_DATA": str(empty), "HOME": str(empty), "XDG_CACHE_HOME": str(empty)}


def test_network_is_really_blocked():
    probe = subprocess.run(
        ["unshare", "-n", "python3", "-c",
         "import socket; socket.create_connection(('1.1.1.1', 443), timeout=3)"],
        capture_output=True, text=True)
    assert probe.returncode != 0
    assert "unreachable" in probe.stderr or "Network" in probe.stderr or "Errno" in probe.stderr


def test_check_offline_blank_pipeline_with_readability(project, offline_env):
    root = project({"brandvoice.yaml": "rulebooks: [legal.yaml, builtin:legal-claims]\n",
                    "legal.yaml": LEGAL})
    result = run(["check", "--format", "json", "-"], cwd=root,
                 input="We guaranteed the parcel arrives Friday. Sorry for the wait.",
                 env=offline_env, prefix=["unshare", "-n"])
    assert result.code == 1, result.err
    doc = json.loads(result.out)
    [draft] = doc["drafts"]
    # found by the rule and by the pack's at one place: one finding naming both
    assert "legal.no-guarantees" in [rule for f in draft["findings"]
                                     for rule in (f["rule"], *f["also"])]
    # textstat needed the CMU dictionary for these, and got it without a download
    assert 0 < draft["metrics"]["flesch_kincaid_grade"] < 10
    assert 50 < draft["metrics"]["flesch_reading_ease"] < 100


def test_check_offline_statistical_pipeline(project, offline_env):
    root = project({"brandvoice.yaml": "persona: p.yaml\nrulebooks: [legal.yaml]\n",
                    "p.yaml": "name: Acme\ntone:\n  formality: {min: 0.1}\n",
                    "legal.yaml": LEGAL})
    result = run(["check", "--format", "json", "--text", "We will resolve the matter promptly."],
                 cwd=root, env=offline_env, prefix=["unshare", "-n"])
    assert result.code == 0, result.err
    metrics = json.loads(result.out)["drafts"][0]["metrics"]
    assert metrics["formality"] is not None and 0.2 < metrics["formality"] <= 1


def test_audit_html_offline_with_a_fresh_home(project, offline_env):
    """matplotlib draws the report's charts with its bundled fonts, nothing fetched, and a
    HOME it has never seen (its font cache is built on the spot)."""
    root = project({"brandvoice.yaml": "rulebooks: [legal.yaml]\n", "legal.yaml": LEGAL,
                    "export.jsonl": '{"id": "a", "created_at": "2026-03-01", "text": "We '
                                    'guaranteed it."}\n{"id": "b", "created_at": "2026-04-02",'
                                    ' "text": "Thanks for waiting."}\n'})
    result = run(["audit", "export.jsonl", "--html", "report.html"], cwd=root,
                 env={**offline_env, "MPLCONFIGDIR": str(root / "mpl")},
                 prefix=["unshare", "-n"])
    assert result.code == 0, result.err
    page = (root / "report.html").read_text(encoding="utf-8")
    assert page.count('<svg role="img"') == 4 and "2026-04: 1 reply," in page
