"""--jobs: the same report, byte for byte, from worker processes; and reports that are
printed as the drafts are checked, not after all of them are held in memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from brandvoice import Linter, read_drafts
from brandvoice.parallel import check_in_workers

from .conftest import brandvoice_cmd, run
from .test_fix import FILES, PERSONA, RULES


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Collections in every format (escapes, quoting, CRLF, BOM), text and Markdown, a
    bad file and an unknown id in a 'disable' list: positions must survive the trip."""
    for name, (before, _) in FILES.items():
        (tmp_path / name).write_bytes(before.encode("utf-8"))
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "persona.yaml").write_text(PERSONA, encoding="utf-8")
    (tmp_path / "brandvoice.yaml").write_text(
        "persona: persona.yaml\nrulebooks: [rules.yaml, builtin:legal-claims, builtin:privacy]\n",
        encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    lines = [json.dumps({"id": f"m{i}", "text": f"We utilize acmepay, call 202-555-01{i:02d}.",
                         **({"disable": ["plain.wordy", "no.such-rule"]} if i % 7 == 0 else {})})
             for i in range(600)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("format", ["text", "json", "sarif", "github"])
def test_jobs_give_the_same_report(mixed, format):
    files = sorted(p.name for p in mixed.iterdir()
                   if p.name not in ("brandvoice.yaml", "rules.yaml", "persona.yaml"))
    # 600 entries in many.jsonl: several batches of 256 travel to the workers.
    one = run(["check", "--format", format, *files], cwd=mixed)
    two = run(["check", "--format", format, "--jobs", "2", *files], cwd=mixed)
    assert one.code == two.code == 1
    assert two.out == one.out
    assert two.err == one.err
    assert one.out.count("plain.wordy") > 20


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_started_either_way_match_one_process(mixed, method):
    linter = Linter.from_config(mixed / "brandvoice.yaml")
    drafts = [d for name in sorted(FILES) + ["many.jsonl"] for d in read_drafts(mixed / name)]
    drafts = drafts[:200]
    alone = linter.check_many(drafts)
    batches = [[linter._prepare(d, n, dict.fromkeys(("channel", "department", "context")))
                for n, d in enumerate(drafts[i:i + 16], start=i + 1)]
               for i in range(0, len(drafts), 16)]
    parallel = list(check_in_workers(linter, batches, 2, metrics=True, method=method))
    assert [r.to_dict() for r in parallel] == [r.to_dict() for r in alone]
    assert sum(len(r.findings) for r in alone) > 100


def test_the_text_report_is_printed_while_drafts_are_still_coming(mixed):
    """The first file's findings appear before the second file can even be read (a named
    pipe that is only written once they have appeared)."""
    first = mixed / "first.jsonl"
    first.write_text("".join(json.dumps({"id": f"f{i}", "text": "We guarantee it."}) + "\n"
                             for i in range(300)), encoding="utf-8")
    fifo = mixed / "later.txt"
    os.mkfifo(fifo)
    proc = subprocess.Popen(brandvoice_cmd() + ["check", "-r", "builtin:legal-claims",
                                                "first.jsonl", "later.txt"],
                            cwd=mixed, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: list[bytes] = []
    reader = threading.Thread(target=lambda: seen.append(proc.stdout.readline()))
    reader.start()
    reader.join(timeout=120)
    try:
        assert seen and seen[0].startswith(b"first.jsonl:1:"), "nothing printed yet"
    finally:
        with open(fifo, "w", encoding="utf-8") as pipe:  # let the run finish
            pipe.write("We guarantee this one too.\n")
        out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert out.decode().splitlines()[-1].startswith("Checked 301 drafts: 0 passed, 301 failed")


def test_a_hundred_thousand_drafts_stream_in_bounded_memory(tmp_path):
    """Peak memory hardly grows from 5,000 to 50,000 drafts: results are not kept."""
    def peak(count: int) -> int:
        path = tmp_path / f"{count}.jsonl"
        path.write_text("".join(json.dumps({"text": f"Reply {i}: we guarantee a refund."}) + "\n"
                                for i in range(count)), encoding="utf-8")
        code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
                "stdout=subprocess.DEVNULL); print(resource.getrusage("
                "resource.RUSAGE_CHILDREN).ru_maxrss)")
        done = subprocess.run([sys.executable, "-c", code, *brandvoice_cmd(), "check", "-r",
                               "builtin:legal-claims", str(path)],
                              capture_output=True, text=True, check=True, timeout=600)
        return int(done.stdout.strip())  # kilobytes

    small, large = peak(5_000), peak(50_000)
    file_growth = 45_000 * 40 / 1024  # the larger file itself, read whole: ~1.8 MB
    assert large - small < 60 * 1024 + file_growth, (small, large)
