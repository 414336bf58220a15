"""Lint: drafts -> findings and scores, with one pipeline and one phrase pass.

The :class:`Linter` is built once (config loaded, rules compiled, spaCy loaded) and
then checks any number of drafts, batched through ``nlp.pipe``.
"""

from __future__ import annotations

import fnmatch
from bisect import bisect_left
from collections import defaultdict
from functools import cached_property
from itertools import accumulate, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .asksagain import ASKS_AGAIN_ID, AsksAgain
from .compile import Compiler, Span
from .config import (
    INPUT_RULE,
    SUPPRESSION_RULE,
    LoadedRulebook,
    Persona,
    Project,
    ProjectConfig,
    Rulebook,
    build_project,
    load_project,
    override,
)
from .config.models import PERSONA_OWNER
from .config.names import PLURALS
from .conversation import ECHO_ID, EXPOSURE_ID, EchoPII, ThreadExposure, infer_context
from .denial import DENIES_ID, Denies
from .drafts import Draft, too_long
from .endorsement import ENDORSES_ID, EndorsesRemark
from .governance import out_of_effect, today
from .harmcause import HARM_CAUSE_ID, HarmCause
from .incident import incident
from .judging import JUDGES_ID, JudgesPeople
from .kinds import KINDS
from .kinds.base import SEVERITIES, Check
from .language import is_english
from .metrics import (
    MEASURES,
    PROSE_MEASURES,
    Words,
    formality,
    measure,
    sentence_spans,
    unmeasured,
)
from .mismatch import MOOD_ID, RULED_OUT_ID, RuledOut, WrongMood
from .negation import Negations
from .persona.empathy import Acknowledgements
from .pipeline import Needs, build
from .policyonly import POLICY_ONLY_ID, PolicyOnly
from .registry import BUILTIN_IDS, MESSAGES, SEVERITY
from .responsibility import RESPONSIBILITY_ID, Responsibilities, ResponsibilityCheck
from .result import Finding, Result, merged
from .sensitive import INCIDENT_ID, SensitiveIncident
from .social import Social, read_social
from .stockreply import STOCK_ID, StockReply

if TYPE_CHECKING:
    from .fix import Fixed


class DraftContext:
    """What a check sees of one draft: its text, parsed doc and phrase matches."""

    def __init__(self, draft: Draft, doc: Any, matches: Mapping[str, list[Span]]):
        self.draft = draft
        self.doc = doc
        self.text = draft.text
        self.matches = matches
        self._measures: dict[str, Any] = {}

    def spans(self, key: str) -> list[Span]:
        """Matches of ``key`` in text order, the longest kept where two overlap."""
        found = sorted(self.matches.get(key, ()), key=lambda s: (s[0], -s[1]))
        kept: list[Span] = []
        for start, end in found:
            if kept and start < kept[-1][1]:
                continue
            kept.append((start, end))
        return kept

    def outside(self, spans: list[Span], key: str) -> list[Span]:
        """``spans`` that overlap no match of ``key`` (the exceptions of a rule). The
        blockers are sorted once, so many spans and many blockers ("sorry if you" written
        thousands of times) cost n log n, not n times m."""
        blockers = sorted(self.matches.get(key, ()))
        if not blockers or not spans:
            return list(spans)
        starts = [bs for bs, _ in blockers]
        reach = list(accumulate((be for _, be in blockers), max))  # furthest end so far
        kept = []
        for s, e in spans:
            before = bisect_left(starts, e)  # the blockers that start before the span ends
            if before == 0 or reach[before - 1] <= s:
                kept.append((s, e))
        return kept

    @cached_property
    def social(self) -> Social:
        """The draft's social-media structure, read once: handles, hashtags, cashtags,
        links, e-mail addresses, the agent's sign-off, thread markers and quoted text (see
        :mod:`brandvoice.social`). Every check asks this reading rather than its own."""
        return read_social(self.text)

    @cached_property
    def incident(self) -> tuple[str, str] | None:
        """The serious incident the customer's message (``in_reply_to``) reports, as
        (kind, words), read once for the checks that ask (see :mod:`brandvoice.incident`);
        None without a message or an incident."""
        message = self.draft.in_reply_to
        return incident(message) if message else None

    @cached_property
    def sentences(self) -> list[Span]:
        """Character spans of the draft's sentences: blank ones, and ones with nothing but
        handles, links, a sign-off or a thread marker ("^JK"), left out."""
        prose = self.social.prose
        return [(s, e) for s, e in sentence_spans(self.doc) if not prose[s:e].isspace()]

    @cached_property
    def english(self) -> bool:
        """Whether the English-only checks (readability formulas, contractions, formality)
        apply: the reply's prose is English, or too short to tell (brandvoice.language)."""
        return is_english(self.social.prose)

    @cached_property
    def prose_words(self) -> int:
        """Words of the reply's prose (handles, links, the sign-off and thread markers left
        out), as the readability formulas would count them."""
        return len(self.social.prose.split())

    @cached_property
    def negation(self) -> Negations:
        """Which places of the draft a negation or a hedge has in its scope, read once
        (see :mod:`brandvoice.negation`)."""
        return Negations(self.doc)

    @cached_property
    def whole(self) -> Span:
        """The draft without leading and trailing white space."""
        stripped = self.text.strip()
        start = self.text.find(stripped) if stripped else 0
        return start, start + len(stripped)

    @cached_property
    def words(self) -> Words:
        """Which tokens are words (for word counts of the draft and of its sentences):
        handles, links, the sign-off and thread markers are not."""
        return Words(self.doc, self.social.not_words)

    def measure(self, name: str) -> Any:
        """A draft measure by name (see :data:`brandvoice.metrics.MEASURES`), computed once."""
        if name == "words":
            return self.words.total
        if name == "formality" and name not in self._measures:
            self._measures[name] = formality(self.doc, self.social.not_words)
        if name not in self._measures:
            text = self.social.prose if name in PROSE_MEASURES else self.text
            self._measures[name] = MEASURES[name](self.doc, text)
        return self._measures[name]


def file_order(finding: Finding) -> tuple[int, int, int, int, str]:
    """Findings are reported in file order (and, at one place, longest match first)."""
    return finding.line, finding.column, finding.start, -finding.end, finding.rule


def _distinct(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that overlaps an earlier, longer one of the same rule (one rule built
    from several checks, as the persona's promotion check is, reports a span once)."""
    kept: list[Finding] = []
    last_end: dict[str, int] = {}
    for finding in findings:
        end = last_end.get(finding.rule, -1)
        if finding.start < end:
            continue
        kept.append(finding)
        last_end[finding.rule] = max(end, finding.end)
    return kept


#: Which kinds of rule find the same sort of problem: wording that should not be written
#: (``forbid``, ``replace``; the persona's vocabulary is built from them too) or a term in
#: the wrong casing (``capitalize``). Findings of other kinds (personal data, patterns,
#: counts, measures, required phrases, the persona's style checks) are never merged: the
#: same span can hold two different problems there.
SAME_PROBLEM = {"forbid": "wording", "replace": "wording", "capitalize": "casing"}


def problem_of(check: Check) -> tuple[str, str | None] | None:
    """What a check's findings are about, for :func:`_merge_same`: the sort of problem
    (:data:`SAME_PROBLEM`) and the rule's category where it names one; None for a check
    whose findings are never merged with another rule's."""
    rule = getattr(check, "rule", None)
    sort = SAME_PROBLEM.get(getattr(rule, "kind", None) or "")
    return None if sort is None else (sort, getattr(rule, "category", None))


def _merge_same(findings: list[Finding],
                problems: Mapping[str, tuple[str, str | None] | None]) -> list[Finding]:
    """One finding for each problem that several rules found at the same place, naming
    them all (:func:`brandvoice.result.merged`), so that it is reported and scored once.

    Two findings are the same problem when they cover the same characters (``start`` and
    ``end``), their rules are of the same sort (:data:`SAME_PROBLEM`: "guys" forbidden by
    a team's rule and replaced by a built-in pack; "utilize" in the persona's vocabulary
    and in plain-language) and no two categories differ (a privacy rule and a style rule
    on the same words are two problems). ``findings`` are in (start, -end) order.
    """
    out: list[Finding] = []
    groups: list[tuple[tuple[str, str | None], list[Finding]]] = []
    place: tuple[int, int] | None = None

    def flush() -> None:
        out.extend(merged(group) if len(group) > 1 else group[0] for _, group in groups)
        groups.clear()

    for finding in findings:
        if (finding.start, finding.end) != place:
            flush()
            place = (finding.start, finding.end)
        problem = problems.get(finding.rule)
        if problem is None:
            out.append(finding)
            continue
        for index, (seen, group) in enumerate(groups):
            sort, category = seen
            if sort == problem[0] and category in (None, problem[1]) or (
                    sort == problem[0] and problem[1] is None):
                if category is None:
                    groups[index] = (problem, group)
                group.append(finding)
                break
        else:
            groups.append((problem, [finding]))
    flush()
    return out


class Linter:
    """Checks drafts against a persona and rulebooks.

    ``Linter.from_config("brandvoice.yaml")`` loads a project; ``Linter(persona=...,
    rulebooks=[...], **settings)`` builds one from paths, ``builtin:NAME`` packs,
    dictionaries or models, with any key of the project config as a setting
    (``fail_on="warning"``, ``min_score=70``, ``disable=[...]`` ...).
    """

    def __init__(self, persona: str | Path | Mapping | Persona | None = None,
                 rulebooks: Iterable[str | Path | Mapping | Rulebook] = (),
                 *, project: Project | None = None, **settings: Any):
        if project is None:
            project = build_project(persona, rulebooks, **settings)
        self.project = project
        self.config: ProjectConfig = project.config
        self.persona = project.persona
        self._compile()

    @classmethod
    def from_config(cls, path: str | Path | None = None, **overrides: Any) -> "Linter":
        """Load ``path`` (or the brandvoice.yaml found from the working folder)."""
        project = load_project(path)
        return cls(project=override(project, **overrides) if overrides else project)

    # --- building --------------------------------------------------------------------

    def _compile(self) -> None:
        config = self.config
        active: list[tuple[Any, LoadedRulebook]] = []
        needs = Needs()
        day = today()
        for book in self.project.rulebooks:
            for rule in book.rules:
                if (rule.enabled and not config.disables(rule.id)
                        and out_of_effect(rule, book, day) is None):
                    active.append((rule, book))
                    needs = needs | rule.needs()
        persona = self.persona
        if persona is not None and persona.tone.formality is not None:
            needs = needs | Needs(tags=True)
        self.needs = needs
        self.nlp = build(needs)
        compiler = Compiler(self.nlp)
        self.checks: list[Check] = []
        for rule, book in active:
            severity = config.severity_for(rule.id, rule.severity)
            check = KINDS[rule.kind].Check(rule, compiler, severity=severity,
                                           owner=rule.owner or book.book.owner,
                                           category=rule.category or book.book.category)
            self.checks.append(check)
        if persona is not None:
            from .persona import compile_persona

            self.checks.extend(compile_persona(persona, compiler, config))
        owner = persona.owner if persona else PERSONA_OWNER
        # the persona's own phrases of empathy, of every context, count as acknowledging
        # for the checks that ask whether a reply acknowledges the customer's problem
        acknowledgements = Acknowledgements(compiler, [
            phrase for expects in (persona.contexts.values() if persona else ())
            for phrase in expects.empathy])
        for check_id, conversation_check in ((ECHO_ID, EchoPII),
                                             (EXPOSURE_ID, ThreadExposure),
                                             (INCIDENT_ID, SensitiveIncident),
                                             (STOCK_ID, StockReply),
                                             (ASKS_AGAIN_ID, AsksAgain),
                                             (MOOD_ID, WrongMood),
                                             (RULED_OUT_ID, RuledOut),
                                             (ENDORSES_ID, EndorsesRemark),
                                             (POLICY_ONLY_ID, PolicyOnly),
                                             (DENIES_ID, Denies),
                                             (HARM_CAUSE_ID, HarmCause),
                                             (JUDGES_ID, JudgesPeople)):
            if not config.disables(check_id):
                reads = ({"acknowledgements": acknowledgements}
                         if conversation_check in (StockReply, PolicyOnly, WrongMood) else {})
                self.checks.append(conversation_check(
                    severity=config.severity_for(check_id, SEVERITY[check_id]),
                    message=MESSAGES[check_id], owner=owner, **reads))
        #: The contexts, channels and departments the project knows (config/names.py).
        self.names = self.project.names
        #: Who answers what (the config's ``responsibilities``).
        self.responsibilities = Responsibilities(config, self.names)
        if self.responsibilities and not config.disables(RESPONSIBILITY_ID):
            self.checks.append(ResponsibilityCheck(
                self.responsibilities, owner=owner, message=MESSAGES[RESPONSIBILITY_ID],
                severity=config.severity_for(RESPONSIBILITY_ID, SEVERITY[RESPONSIBILITY_ID])))
        self.index = compiler.finish()
        self._by_key: dict[str, list[Check]] = defaultdict(list)
        self._always: list[Check] = []
        for check in self.checks:
            if check.always:
                self._always.append(check)
            for key in check.keys:
                self._by_key[key].append(check)
        self._fail_rank = SEVERITIES.index(config.fail_on)
        #: What each rule's findings are about, to merge those of one problem.
        self._problems: dict[str, tuple[str, str | None] | None] = {}
        for check in self.checks:
            problem = problem_of(check)
            if self._problems.get(check.id, problem) != problem:
                problem = None  # one id, checks of several sorts: not merged
            self._problems[check.id] = problem
        self.known_ids = {rule.id for rule in self.project.rules} | set(BUILTIN_IDS)

    @property
    def categories(self) -> dict[str, str | None]:
        """The category of each rule and built-in check that runs (None: it has none)."""
        return {check.id: check.category for check in self.checks}

    # --- checking --------------------------------------------------------------------

    def check(self, text: str, *, channel: str | None = None, department: str | None = None,
              context: str | None = None, id: str | None = None,
              in_reply_to: str | None = None) -> Result:
        """Check one draft. Metadata not given comes from the config's ``defaults``."""
        draft = Draft(text, id=id, in_reply_to=in_reply_to)
        return next(self.iter_check([draft], channel=channel, department=department,
                                    context=context))

    def fix(self, text: str, *, channel: str | None = None, department: str | None = None,
            context: str | None = None) -> "Fixed":
        """Apply every safe fix to one draft, as ``brandvoice check --fix`` does, until none
        applies: a :class:`~brandvoice.fix.Fixed` with the fixed ``text``, how many fixes
        were ``applied``, the ``results`` left (one per draft) and whether the fixes
        ``settled``."""
        from .fix import fix_text

        return fix_text(self, text, "<text>", channel=channel, department=department,
                        context=context)

    def check_many(self, drafts: Iterable[str | Draft | Mapping[str, Any]], *,
                   batch_size: int = 256, jobs: int = 1, **metadata: str | None
                   ) -> list[Result]:
        """Check many drafts in batches; the results equal one ``check`` per draft."""
        return list(self.iter_check(drafts, batch_size=batch_size, jobs=jobs, **metadata))

    def iter_check(self, drafts: Iterable[str | Draft | Mapping[str, Any]], *,
                   batch_size: int = 256, channel: str | None = None,
                   department: str | None = None, context: str | None = None,
                   jobs: int = 1, metrics: bool = False) -> Iterator[Result]:
        """Stream results, in input order, without holding every draft in memory.

        ``channel``, ``department`` and ``context`` given here win over the drafts' own
        metadata, which wins over the config's ``defaults``. Names are compared without
        regard to case; one given here that the project does not know raises
        :class:`~brandvoice.errors.UnknownName`, one in a draft's own metadata gets a
        ``brandvoice.input`` warning (the draft is still checked).

        ``jobs`` > 1 checks batches in that many worker processes (the results are the
        same, in the same order); ``metrics=True`` has the workers compute each result's
        readability and sentiment too, which a JSON report needs.
        """
        flags = self.names.resolve_all(
            {"channel": channel, "department": department, "context": context})
        numbered = (self._prepare(item, number, flags)
                    for number, item in enumerate(drafts, start=1))
        batches = iter(lambda: list(islice(numbered, batch_size)), [])
        if jobs > 1:
            from .parallel import check_in_workers

            yield from check_in_workers(self, batches, jobs, metrics=metrics)
            return
        for batch in batches:
            yield from self.check_batch(batch)

    def check_batch(self, batch: list[Draft]) -> Iterator[Result]:
        """Results of drafts already prepared (metadata, id and problems settled)."""
        for draft in batch:
            if draft.context is None:
                self._settle_context(draft)
        readable = [d for d in batch if d.problem is None]
        docs = iter(self.nlp.pipe(d.text for d in readable))
        for draft in batch:
            if draft.problem is not None:
                yield self._unreadable(draft)
            else:
                yield self._lint(draft, next(docs))

    def _prepare(self, item: str | Draft | Mapping[str, Any], number: int,
                 flags: dict[str, str | None]) -> Draft:
        if isinstance(item, str):
            draft = Draft(item)
        elif isinstance(item, Draft):
            draft = item
        elif isinstance(item, Mapping):
            fields = {k: item.get(k) for k in ("text", "id", "source", "channel",
                                                "department", "context", "in_reply_to",
                                                "created_at", "author",
                                                "in_reply_to_created_at", "customer")}
            draft = Draft(**{k: v for k, v in fields.items() if v is not None or k == "text"})
            if not isinstance(draft.text, str):
                draft.text, draft.problem = "", "this entry has no 'text'"
        else:
            raise TypeError(f"cannot check a {type(item).__name__}; pass text or a Draft")
        defaults = self.config.defaults
        for key in ("channel", "department", "context"):
            value = flags[key] or getattr(draft, key)
            if not flags[key] and value:  # the draft's own: settled here, once
                known = self.names.canonical(key, value)
                note = None if known is not None else (
                    f"{self.names.unknown(key, value)}; rules for some {PLURALS[key]} only "
                    "are not run on it")
                if note is not None and note not in draft.notes:  # prepared once or twice
                    draft.notes.append(note)
                value = known or value
            if key == "context" and value is None and draft.in_reply_to:
                continue  # read from in_reply_to when checked (in the worker, with jobs)
            setattr(draft, key, value or getattr(defaults, key))
        if draft.id is None:
            draft.id = f"draft-{number}"
        if draft.problem is None:
            limit = self.config.max_draft_length
            if len(draft.text) > limit:
                draft.problem = too_long(len(draft.text), limit)
            elif not draft.text.strip():
                draft.problem = "this draft is empty: there is no text to check"
                draft.problem_severity = "warning"
        return draft

    def _settle_context(self, draft: Draft) -> None:
        """A draft left without a context: the one read from its ``in_reply_to``, else
        the config's default."""
        if draft.in_reply_to and draft.problem is None:
            draft.inferred = infer_context(draft.in_reply_to)
            draft.context = draft.inferred.context
        else:
            draft.context = self.config.defaults.context

    def _lint(self, draft: Draft, doc: Any) -> Result:
        matches = self.index.find(doc)
        ctx = DraftContext(draft, doc, matches)
        woken = dict.fromkeys(c for key in matches for c in self._by_key.get(key, ()))
        checks = [*woken, *self._always]
        findings: list[Finding] = []
        for check in checks:
            if check.scope.admits(draft.channel, draft.department, draft.context):
                findings.extend(check.check(ctx))
        if draft.suppressions:
            findings = self._suppress(draft, findings)
        findings.extend(self._noted(draft))
        findings.sort(key=lambda f: (f.start, -f.end, f.rule))
        distinct = _merge_same(_distinct(findings), self._problems)
        distinct.sort(key=file_order)
        return self._result(draft, distinct, measure(
            doc, draft.text, ctx.words.total, ctx.measure("formality"), len(ctx.sentences),
            ctx.social.prose))

    def _suppress(self, draft: Draft, findings: list[Finding]) -> list[Finding]:
        """Findings outside the draft's disabled parts, plus one for each unknown id."""
        def covered(finding: Finding) -> bool:
            return any(s.start <= finding.start < s.end and (
                s.rules is None or any(fnmatch.fnmatchcase(finding.rule, r) for r in s.rules))
                for s in draft.suppressions)

        kept = [f for f in findings if not covered(f)]
        reported: set[tuple[int, str]] = set()
        if self.config.disables(SUPPRESSION_RULE):
            return kept
        severity = self.config.severity_for(SUPPRESSION_RULE, "warning")
        for s in draft.suppressions:
            for rule in s.rules or ():
                if (s.at, rule) in reported or any(
                        fnmatch.fnmatchcase(known, rule) for known in self.known_ids):
                    continue
                reported.add((s.at, rule))
                line, column = s.origin or draft.locate(s.at)
                written = "this entry's 'disable' list" if s.origin else \
                    "this brandvoice-disable comment"
                kept.append(Finding(
                    rule=SUPPRESSION_RULE, severity=severity, match=rule, line=line,
                    column=column, start=s.at, end=s.at, end_line=line, end_column=column,
                    message=f"'{rule}' in {written} is not the id of a loaded rule, so nothing "
                            "is switched off"))
        return kept

    def _noted(self, draft: Draft) -> Iterator[Finding]:
        """A ``brandvoice.input`` finding for each note on a draft that was still checked
        (a name in its metadata that the project does not know), at the entry."""
        line, column = draft.origin or (1, 1)
        severity = self.config.severity_for(INPUT_RULE, "warning")
        for note in draft.notes:
            yield Finding(rule=INPUT_RULE, severity=severity, message=note, match="",
                          line=line, column=column, start=0, end=0, end_line=line,
                          end_column=column)

    def _unreadable(self, draft: Draft) -> Result:
        line, column = draft.origin or (1, 1)
        severity = self.config.severity_for(INPUT_RULE, draft.problem_severity)
        finding = Finding(rule=INPUT_RULE, severity=severity, message=draft.problem or "",
                          match="", line=line, column=column, start=0, end=0,
                          end_line=line, end_column=column)
        return self._result(draft, [finding], unmeasured)

    def _verdict(self, findings: list[Finding]) -> tuple[int, bool]:
        """The score of a draft with these findings, and whether it passes (see
        docs/check.md#scores-passing-and-failing)."""
        penalties = self.config.penalties
        # each rule costs its penalty once per draft, at its most severe finding: one
        # problem said three times is not three problems
        cost: dict[str, int] = {}
        for f in findings:
            cost[f.rule] = max(cost.get(f.rule, 0), getattr(penalties, f.severity))
        score = max(0, 100 - sum(cost.values()))
        failing = any(SEVERITIES.index(f.severity) >= self._fail_rank for f in findings)
        return score, not failing and score >= self.config.min_score

    def _result(self, draft: Draft, findings: list[Finding], metrics: Any) -> Result:
        score, passed = self._verdict(findings)
        return Result(id=draft.id or "", source=draft.source, channel=draft.channel,
                      department=draft.department, context=draft.context, text=draft.text,
                      findings=findings, score=score, passed=passed, measure=metrics,
                      inferred=draft.inferred)

    def rescored(self, result: Result, findings: list[Finding]) -> Result:
        """``result`` with only ``findings`` (some left out, by a baseline say), its score
        and pass/fail worked out again; the metrics are the same."""
        score, passed = self._verdict(findings)
        return Result(id=result.id, source=result.source, channel=result.channel,
                      department=result.department, context=result.context, text=result.text,
                      findings=findings, score=score, passed=passed,
                      measure=lambda: result.metrics, inferred=result.inferred)
