"""Property tests: any draft, checked against personas with every documented key and every
built-in pack, gives a result (never an exception), the same alone as in a batch, and the
real CLI answers 0, 1 or 2 without a traceback. Budgets: tests/strategies.budget; the
command for the long run is in docs/fuzzing.md."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from brandvoice import Linter

from . import strategies as gen
from .conftest import run

#: A guard against hangs, not a timing: far above any check of a bounded draft.
HANG_GUARD = 120


@contextmanager
def hang_guard(seconds: int = HANG_GUARD):
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a hang or super-linear work")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


#: The linters drafts are checked against, by name: every persona key (each contractions
#: mode), every built-in pack, and a rulebook with a rule of every kind.
MODES = {
    "prefer": lambda: Linter(persona=gen.persona("prefer"),
                             rulebooks=["builtin:*", gen.EVERY_KIND]),
    "avoid": lambda: Linter(persona=gen.persona("avoid", formality=False),
                            rulebooks=["builtin:*", gen.EVERY_KIND]),
    "either": lambda: Linter(persona=gen.persona("either", formality=False),
                             rulebooks=[gen.EVERY_KIND], fail_on="suggestion", min_score=50),
}
_LINTERS: dict[str, Linter] = {}


def linter(mode: str) -> Linter:
    """Built once per module and mode: building one takes about a second."""
    if mode not in _LINTERS:
        _LINTERS[mode] = MODES[mode]()
    return _LINTERS[mode]


def check_alone(lint: Linter, item: dict, number: int):
    """The item checked on its own: with ``check`` and keywords when its names are known
    (an unknown one raises there, by design), else as a batch of one (a warning)."""
    names = {kind: item.get(kind) for kind in ("channel", "department", "context")}
    if any(name and lint.names.canonical(kind, name) is None for kind, name in names.items()):
        return lint.check_many([{**item, "id": f"draft-{number}"}])[0]
    return lint.check(item["text"], id=f"draft-{number}", in_reply_to=item.get("in_reply_to"),
                      **names)


def assert_sane(result, text: str) -> None:
    assert 0 <= result.score <= 100
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= max(len(text), 1), finding
        assert finding.line >= 1 and finding.column >= 1, finding
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(text), finding


#: Reproducers from issue 18 (and found while fuzzing): always run.
KNOWN = [
    ("prefer", "we can not speculate on that."),
    ("prefer", "We can\nnot speculate."),
    ("avoid", "We wo n't speculate, we ca n't."),
    ("avoid", "we can not speculate on that."),
    ("prefer", "They are not here. We are sorry, it is late."),
    ("either", "hi \ud800 there"),
    ("prefer", "Acme pay can not, ca n't, CAN NOT"),
]


@settings(max_examples=gen.budget(60, 2500))
@given(mode=st.sampled_from(sorted(MODES)),
       items=st.lists(gen.draft_items(surrogates=True), min_size=1, max_size=8))
@example(mode="prefer", items=[{"text": text} for mode, text in KNOWN])
@example(mode="avoid", items=[{"text": text} for mode, text in KNOWN])
@example(mode="either", items=[{"text": text, "in_reply_to": "We can not wait! a@b.co"}
                               for mode, text in KNOWN])
def test_check_many_equals_check_one_by_one(mode, items):
    lint = linter(mode)
    with hang_guard():
        batch = lint.check_many(items)
        alone = [check_alone(lint, item, number) for number, item in enumerate(items, 1)]
    assert [r.to_dict() for r in batch] == [r.to_dict() for r in alone]
    for result, item in zip(batch, items):
        assert_sane(result, item["text"])


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("text", [text for _, text in KNOWN], ids=range(len(KNOWN)))
def test_known_reproducers_give_a_result(mode, text):
    result = linter(mode).check(text)
    assert_sane(result, text)


#: Drafts that made a stage super-linear (issue 18), at the size they were found; each
#: must finish (the guard is for a hang, not a timing: see benchmarks/bench.py for speed).
ADVERSARIAL = [
    ("prefer", "!" * 4000, None),
    ("avoid", "a." * 20000, None),
    ("prefer", "a-" * 20000, None),
    ("avoid", "Thanks for writing.", "my e-mail is a@b.co, call +44 20 7946 0958 " * 4500),
    ("either", "😀" * 20000, None),
    ("either", "\u200b" * 50000, None),
    # the quote of the customer's words before "still" searched back from every place
    ("either", "Is this still ongoing?", "a" * 150000 + ", still failing"),
]


@pytest.mark.parametrize("mode, text, in_reply_to", ADVERSARIAL,
                         ids=["bangs", "a-dot", "a-dash", "long-in-reply-to", "emoji", "zwsp",
                              "long-word-before-still"])
def test_adversarial_drafts_finish(mode, text, in_reply_to):
    with hang_guard():
        result = linter(mode).check(text, in_reply_to=in_reply_to)
    assert_sane(result, text)


# --- the real command line: many drafts in one collection file per run ---------------------

PROJECT_FILES = {
    "brandvoice.yaml": "persona: persona.yaml\nrulebooks: ['builtin:*', rules.yaml]\n"
                       "defaults: {channel: twitter}\n",
}


@pytest.fixture(scope="module")
def cli_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzzcli")
    import yaml

    (folder / "persona.yaml").write_text(yaml.safe_dump(gen.persona("prefer")), "utf-8")
    (folder / "rules.yaml").write_text(yaml.safe_dump(gen.EVERY_KIND), "utf-8")
    (folder / "brandvoice.yaml").write_text(PROJECT_FILES["brandvoice.yaml"], "utf-8")
    return folder


def variants(item: dict) -> list[dict]:
    """An entry and three spellings of it people produce: so each run reads ~4 times the
    drafts hypothesis generated."""
    text = item["text"]
    return [item,
            {**item, "text": text.replace("'", "’").replace("not", "n't")},
            {**item, "text": text.upper().replace(" ", "\r\n", 2)},
            {**item, "text": "@sam " + text.replace("cannot", "can not") + " #Acme"}]


_RUNS = iter(range(10**9))


@settings(max_examples=gen.budget(4, 250))
@given(items=st.lists(gen.draft_items(max_run=3000 if gen.fuzzing() else 1500,
                                      surrogates=True), min_size=5, max_size=30),
       form=st.sampled_from(["text", "json", "sarif", "github"]),
       command=st.sampled_from(["check", "check", "check", "audit"]))
@example(items=[{"text": text} for _, text in KNOWN], form="text", command="check")
@example(items=[{"text": text, "created_at": "2026-03-02"} for _, text in KNOWN],
         form="text", command="audit")
def test_cli_answers_0_1_or_2_without_traceback(cli_project, items, form, command):
    name = f"drafts-{next(_RUNS)}.jsonl"
    entries = [v for item in items for v in variants(item)]
    for number, entry in enumerate(entries):
        entry.setdefault("id", f"d{number}")
    (cli_project / name).write_text(
        "".join(json.dumps(entry) + "\n" for entry in entries), encoding="ascii")
    args = [command, name] + (["--format", form] if command == "check" else
                              ["--by", "department,month,channel,author,context"])
    if command == "audit" and form != "text":
        args += ["--format", "json" if form == "json" else "csv"]
    result = run(args, cwd=cli_project)
    assert "Traceback" not in result.output, result.output[-3000:]
    assert result.code in (0, 1), result.output[-3000:]
