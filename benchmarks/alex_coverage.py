"""How much of alex's word list the inclusive-language pack catches.

    python3 benchmarks/alex_coverage.py --patterns PATH
    python3 benchmarks/alex_coverage.py --patterns PATH --missed       # list what is missed
    python3 benchmarks/alex_coverage.py --patterns PATH --json out.json
    python3 benchmarks/alex_coverage.py --patterns PATH --pack inclusive-language --pack social-care

alex (https://alexjs.com) flags insensitive wording with the word lists of the npm
package retext-equality (MIT licence). Those lists are not part of this repository; get
them from the package's source repository, at the tag of the version to compare with:

    git clone https://github.com/retextjs/retext-equality
    git -C retext-equality checkout 7.1.0
    python3 benchmarks/alex_coverage.py --patterns retext-equality/data/en

PATH is the folder of its YAML files (data/en, one file per alex category: ablist,
gender, race...), one of those files, or the generated list the npm package ships
(lib/patterns-en.js, or the same array saved as JSON). Only the "basic" patterns are
measured: one phrase that is inconsiderate on its own, with its considerate
alternatives. The "or" patterns (a gendered word unpaired, "he" without "she") are not.

Each inconsiderate phrase is put in every template below and checked with the real
linter loading only `builtin:inclusive-language` (or the packs given with --pack). The
phrase counts as flagged when, in every template, a finding of a rule of those packs
overlaps it. Each considerate
alternative is put in the same templates and counts as (wrongly) flagged when a finding
overlaps it in any template. So a phrase only counts as caught when it is caught
wherever it stands, and an alternative counts as a false alarm as soon as one template
trips it.

The templates. The word lists hold nouns, adjectives, verbs and idioms with no part of
speech given, so each template puts the phrase where any of them can be read as said:

- "Our team said: {phrase}." quotes the phrase after a colon, in lower case, as a
  sentence of its own ("Our team said: man the phones.").
- "{Phrase}, our team said." puts it first, with a capital letter, the way a reply
  often starts ("Crippled, our team said."), which checks that rules matching exact
  case list the capitalised forms.
- "Our team said that it was {phrase} and we are looking into it." puts it inside a
  longer sentence, where rules that need a word before or after the phrase still see
  ordinary words around it.

A "*" in an alex phrase stands for any word; it is filled with words from WILDCARD
("make * great again" becomes "make our shop great again"). Phrases are written as
alex lists them: alex drops apostrophes before matching, so "mans best friend" is a
phrase of its list and is tested as written.

alex's "condescending" words ("obviously", "simply") are, in brandvoice, the topic of
the social-care pack (social-care.obviously, social-care.simply), since a problem is
reported by one pack only; `--pack inclusive-language --pack social-care` counts them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PACKS = ("inclusive-language",)

TEMPLATES: tuple[str, ...] = (
    "Our team said: {phrase}.",
    "{Phrase}, our team said.",
    "Our team said that it was {phrase} and we are looking into it.",
)

#: Words that stand for alex's "*" wildcard, in order.
WILDCARD = ("our", "shop", "team", "page", "site")


@dataclass
class Pattern:
    """One of alex's "basic" patterns: inconsiderate phrases and what to write instead."""

    category: str
    inconsiderate: list[str]
    considerate: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    """How one phrase fared: in which templates an inclusive-language rule caught it."""

    category: str
    phrase: str
    caught: list[bool]
    rules: list[str]

    @property
    def flagged_everywhere(self) -> bool:
        return all(self.caught)

    @property
    def flagged_anywhere(self) -> bool:
        return any(self.caught)


@dataclass
class Report:
    phrases: list[Outcome]
    alternatives: list[Outcome]

    def summary(self) -> dict[str, Any]:
        by_category: dict[str, dict[str, int]] = defaultdict(
            lambda: {"phrases": 0, "flagged": 0, "alternatives": 0, "alternatives_flagged": 0})
        for outcome in self.phrases:
            row = by_category[outcome.category]
            row["phrases"] += 1
            row["flagged"] += outcome.flagged_everywhere
        for outcome in self.alternatives:
            row = by_category[outcome.category]
            row["alternatives"] += 1
            row["alternatives_flagged"] += outcome.flagged_anywhere
        flagged = sum(o.flagged_everywhere for o in self.phrases)
        return {
            "phrases": len(self.phrases),
            "flagged": flagged,
            "flagged_in_some_template": sum(o.flagged_anywhere for o in self.phrases),
            "alternatives": len(self.alternatives),
            "alternatives_flagged": sum(o.flagged_anywhere for o in self.alternatives),
            "by_category": {k: by_category[k] for k in sorted(by_category)},
        }


# --------------------------------------------------------------------------------------
# Reading retext-equality's data
# --------------------------------------------------------------------------------------

def _as_list(value: Any) -> list[str]:
    """alex's YAML writes a list of phrases as a string, a list, or a map phrase: word."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(k) for k in value]
    return [str(v) for v in value]


def _from_yaml_entries(entries: Iterable[dict], category: str) -> list[Pattern]:
    return [Pattern(category, _as_list(e.get("inconsiderate")), _as_list(e.get("considerate")))
            for e in entries if e.get("type") == "basic"]


def _from_generated(entries: Iterable[dict]) -> list[Pattern]:
    """The array lib/patterns-en.js exports: categories are alex's per-phrase words
    ("master", "slave"), so the file a pattern came from is not known; the note's
    first word is not either. Such patterns are grouped under "all"."""
    return [Pattern("all", _as_list(e.get("inconsiderate")), _as_list(e.get("considerate")))
            for e in entries if e.get("type") == "basic"]


def load_patterns(path: str | Path) -> list[Pattern]:
    """The basic patterns in ``path``: a folder of alex YAML files (the file name is the
    category), one such file, or the generated array (.js or .json)."""
    import yaml

    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml"))
        if not files:
            raise SystemExit(f"alex_coverage: no .yml files in {path}")
        patterns: list[Pattern] = []
        for file in files:
            patterns += _from_yaml_entries(yaml.safe_load(file.read_text(encoding="utf-8")) or [],
                                           file.stem)
        return patterns
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yml", ".yaml"):
        return _from_yaml_entries(yaml.safe_load(text) or [], path.stem)
    if path.suffix == ".js":
        start, end = text.find("["), text.rfind("]")
        if start < 0 or end < start:
            raise SystemExit(f"alex_coverage: no array in {path}")
        text = text[start:end + 1]
    data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("patterns", [])
    return _from_generated(data)


# --------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------

def fill(phrase: str) -> str:
    """The phrase with each "*" replaced by a word from WILDCARD."""
    words = iter(WILDCARD * 4)
    return re.sub(r"\*", lambda _: next(words), phrase)


def sentences(phrase: str, templates: Sequence[str] = TEMPLATES) -> list[tuple[str, int, int]]:
    """Each template with the phrase in it, and where the phrase is (start, end)."""
    phrase = fill(phrase)
    out = []
    for template in templates:
        key = "{Phrase}" if "{Phrase}" in template else "{phrase}"
        text_phrase = phrase[:1].upper() + phrase[1:] if key == "{Phrase}" else phrase
        start = template.index(key)
        text = template.replace(key, text_phrase)
        if text_phrase.endswith(".") and text[start + len(text_phrase):][:1] == ".":
            # "o.c.d." at the end of a sentence takes no second full stop.
            text = text[:start + len(text_phrase)] + text[start + len(text_phrase) + 1:]
        out.append((text, start, start + len(text_phrase)))
    return out


def _linter(packs: Sequence[str]):
    from brandvoice import Linter

    return Linter(rulebooks=[f"builtin:{name}" for name in packs])


def measure(patterns: Sequence[Pattern], linter: Any = None,
            templates: Sequence[str] = TEMPLATES, packs: Sequence[str] = PACKS) -> Report:
    """Check every phrase and alternative of ``patterns`` in every template; only the
    findings of the rules of ``packs`` count."""
    linter = linter or _linter(packs)
    prefixes = tuple(f"{name}." for name in packs)

    items: list[tuple[str, str, str]] = []  # (which, category, phrase)
    seen: set[tuple[str, str]] = set()
    for pattern in patterns:
        for phrase in pattern.inconsiderate:
            if ("bad", phrase) not in seen:
                seen.add(("bad", phrase))
                items.append(("bad", pattern.category, phrase))
        for phrase in pattern.considerate:
            if ("good", phrase) not in seen:
                seen.add(("good", phrase))
                items.append(("good", pattern.category, phrase))

    placed = [(item, sentences(item[2], templates)) for item in items]
    texts = [text for _, sents in placed for text, _, _ in sents]
    results = list(linter.iter_check(texts))
    report = Report([], [])
    index = 0
    for (which, category, phrase), sents in placed:
        caught, rules = [], set()
        for _text, start, end in sents:
            result = results[index]
            index += 1
            hits = [rule for f in result.findings if f.start < end and f.end > start
                    for rule in f.rules if rule.startswith(prefixes)]
            caught.append(bool(hits))
            rules.update(hits)
        outcome = Outcome(category, phrase, caught, sorted(rules))
        (report.phrases if which == "bad" else report.alternatives).append(outcome)
    return report


def print_report(report: Report, missed: bool = False, out: Any = None) -> None:
    out = out or sys.stdout
    s = report.summary()
    share = s["flagged"] / s["phrases"] if s["phrases"] else 0.0
    print(f"Inconsiderate phrases flagged in every template: {s['flagged']} / {s['phrases']}"
          f" ({share:.1%}); in at least one template: {s['flagged_in_some_template']}.",
          file=out)
    print(f"Considerate alternatives flagged in some template: "
          f"{s['alternatives_flagged']} / {s['alternatives']}.", file=out)
    print("", file=out)
    print("| alex category | phrases | flagged | share | alternatives | wrongly flagged |",
          file=out)
    print("| --- | ---: | ---: | ---: | ---: | ---: |", file=out)
    for name, row in s["by_category"].items():
        cat_share = row["flagged"] / row["phrases"] if row["phrases"] else 0.0
        print(f"| {name} | {row['phrases']} | {row['flagged']} | {cat_share:.0%} | "
              f"{row['alternatives']} | {row['alternatives_flagged']} |", file=out)
    if missed:
        print("", file=out)
        print("Not flagged in every template (templates that flag it: 1 = yes):", file=out)
        for o in report.phrases:
            if not o.flagged_everywhere:
                marks = "".join("1" if c else "0" for c in o.caught)
                print(f"  {o.category}: {o.phrase!r} [{marks}]", file=out)
        print("Alternatives flagged:", file=out)
        for o in report.alternatives:
            if o.flagged_anywhere:
                print(f"  {o.category}: {o.phrase!r} by {', '.join(o.rules)}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patterns", required=True, type=Path,
                        help="retext-equality's data/en folder, one of its YAML files, "
                             "or its lib/patterns-en.js")
    parser.add_argument("--missed", action="store_true",
                        help="also list the phrases not flagged and the alternatives flagged")
    parser.add_argument("--json", type=Path, help="also write every outcome to this file")
    parser.add_argument("--pack", action="append", metavar="NAME",
                        help="a built-in pack whose rules count (repeatable; default: "
                             "inclusive-language)")
    args = parser.parse_args(argv)
    packs = tuple(args.pack or PACKS)
    if not args.patterns.exists():
        parser.error(f"{args.patterns} does not exist (see --help for how to get it)")
    patterns = load_patterns(args.patterns)
    if not patterns:
        parser.error(f"no basic patterns in {args.patterns}")
    report = measure(patterns, packs=packs)
    print(f"Packs: {', '.join(packs)}.")
    print_report(report, missed=args.missed)
    if args.json:
        data = {"summary": report.summary(),
                "phrases": [vars(o) for o in report.phrases],
                "alternatives": [vars(o) for o in report.alternatives]}
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
