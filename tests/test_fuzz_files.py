"""Property tests: draft files of every form (.txt .md .yaml .json .jsonl .csv), written
from generated entries, then mutated and truncated, with byte order marks and CR, LF or
CRLF line ends, are read and checked without an exception; `--fix` is idempotent and
leaves what it cannot read byte for byte; the real CLI answers 0, 1 or 2 without a
traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from brandvoice import read_drafts
from brandvoice.fix import fix_file

from . import strategies as gen
from .conftest import run
from .test_fuzz_drafts import hang_guard, linter

#: Draft files from issue 18 that crashed or hung: always run.
KNOWN = [
    (".jsonl", b'{"text": "hi \\ud800 there"}\n'),
    (".json", b'[{"text": "we can not \\udfff"}]'),
    (".md", b"Hello\r<div>\rWe can not\r</div>\rmore\r"),
    (".json", b"[" * 100_000 + b"]" * 100_000),
    (".jsonl", b'{"text": ' + b"[" * 100_000 + b"}\n"),
    (".yaml", b"- text: hi\n  disable: 5\n"),
    (".jsonl", b'{"text": "hi", "disable": 5}\n'),
    (".md", b"---\nid: 2026-13-45\n---\nWe can not help.\n"),
    (".md", b"---\nid: " + b"[" * 3000 + b"\n---\nhi\n"),
    (".yaml", gen.alias_bomb(9).encode() + b"drafts: []\n"),
    (".yaml", b"- text: !!int x\n- text: 2026-13-45\n- {text: hi, id: !!timestamp 2026-02-30}\n"),
    (".csv", b"\xef\xbb\xbftext,id\r\n\"we can not\r\n\"\"x\"\",1\r\n\"unterminated\r\n"),
    (".txt", b"\xff\xfew\x00e\x00 \x00c\x00a\x00n\x00 \x00n\x00o\x00t\x00"),
    (".csv", b'"text,id\nhello,1\n'),  # the header's quoted cell is never closed
]


def _examples(test):
    for suffix, raw in KNOWN:
        test = example(files=[(suffix, raw)])(test)
    return test


def _write(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    paths = []
    for number, (suffix, raw) in enumerate(files):
        path = folder / f"draft{number}{suffix}"
        path.write_bytes(raw)
        paths.append(path)
    return paths


@settings(max_examples=gen.budget(40, 1200))
@given(files=st.lists(gen.draft_files(), min_size=1, max_size=4))
@_examples
def test_every_draft_file_is_read_and_checked(files):
    lint = linter("prefer")
    with tempfile.TemporaryDirectory(prefix="fuzzfiles") as folder:
        for path in _write(Path(folder), files):
            with hang_guard():
                drafts = list(read_drafts(path, max_length=lint.config.max_draft_length))
                results = lint.check_many(drafts)
            assert len(results) == len(drafts)
            if path.suffix in (".txt", ".md"):  # one draft (an empty collection has none)
                assert len(drafts) == 1
            for result in results:
                assert 0 <= result.score <= 100


def _readable(path: Path, lint) -> bool:
    """Whether any entry of the file could be read (its text is checked)."""
    return any(d.problem is None
               for d in read_drafts(path, max_length=lint.config.max_draft_length))


def _bad_lines(raw: bytes) -> list[bytes]:
    """The lines of a JSON Lines file that are not JSON objects."""
    bad = []
    for line in raw.splitlines(keepends=True):
        try:
            json.loads(line)
        except ValueError:
            bad.append(line)
    return bad


@settings(max_examples=gen.budget(30, 800))
@given(file=gen.draft_files())
@example(file=(".jsonl", b'{"text": "We utilize it"}\n{"text": "We utilize\n'
                         b'{"text": "we can not, acmepay"}\n'))
@example(file=(".json", b'[{"text": "We can not utilize acmepay"}'))
@example(file=(".txt", b"\xef\xbb\xbfWe can not utilize acmepay.\r\nWe do not.\r\n"))
@example(file=(".md", b"We can not\rutilize <div>\racmepay\r</div>\r"))
def test_fix_is_idempotent_and_leaves_what_it_cannot_read(file):
    suffix, raw = file
    lint = linter("prefer")
    with tempfile.TemporaryDirectory(prefix="fuzzfix") as folder:
        path = Path(folder) / f"draft{suffix}"
        path.write_bytes(raw)
        with hang_guard():
            readable = _readable(path, lint)
            first = fix_file(lint, path, path.name, write=True)
        fixed = path.read_bytes()
        if not readable:  # nothing could be read: the file stays byte for byte
            assert fixed == raw
            return
        if suffix == ".jsonl":  # lines that are not JSON stay as they are
            kept = fixed.splitlines(keepends=True)
            assert all(line in kept for line in _bad_lines(raw) if line.strip())
        if first.error or not first.settled:
            return  # rules that undo each other are reported, not fixed twice
        with hang_guard():
            second = fix_file(lint, path, path.name, write=True)
        assert not second.changed, second.diff()
        assert path.read_bytes() == fixed


_RUNS = iter(range(10**9))


@settings(max_examples=gen.budget(5, 350))
@given(files=st.lists(gen.draft_files(), min_size=1, max_size=6),
       flags=st.sampled_from([[], ["--fix"], ["--diff"], ["--format", "json"],
                              ["--format", "sarif"], ["--context", "complaint"], ["audit"]]))
@example(files=KNOWN, flags=[])
@example(files=KNOWN, flags=["--fix"])
@example(files=[f for f in KNOWN if f[0] != ".txt" and f[0] != ".md"], flags=["audit"])
def test_the_cli_reads_any_file_without_traceback(tmp_path_factory, files, flags):
    from .test_fuzz_drafts import PROJECT_FILES

    folder = tmp_path_factory.mktemp(f"fuzzfilecli{next(_RUNS)}")
    import yaml

    (folder / "persona.yaml").write_text(yaml.safe_dump(gen.persona("prefer")), "utf-8")
    (folder / "rules.yaml").write_text(yaml.safe_dump(gen.EVERY_KIND), "utf-8")
    (folder / "brandvoice.yaml").write_text(PROJECT_FILES["brandvoice.yaml"], "utf-8")
    names = [p.name for p in _write(folder, files)]
    if flags == ["audit"]:
        args = ["audit", *names, "--by", "month,department"]
    else:
        args = ["check", *names, *flags]
    result = run(args, cwd=folder)
    assert "Traceback" not in result.output, result.output[-3000:]
    assert result.code in ((0, 1, 2) if flags == ["audit"] else (0, 1)), result.output[-3000:]
