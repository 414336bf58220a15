"""``brandvoice lsp``: the language server, over standard input and output.

Thin over the library, as the command line is: drafts are read and checked by
:mod:`brandvoice.drafts` and :class:`~brandvoice.lint.Linter`, fixed by
:func:`brandvoice.fix.fix_text`, rules described by :mod:`brandvoice.catalog`, the
project loaded and tested by :mod:`.projects`. What is here turns those into the
protocol's diagnostics, hovers, code actions, inlay hints and completions.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Iterable

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..catalog import find, listed
from ..config import builtin_packs
from ..drafts import Draft
from ..errors import UsageError
from ..fix import fix_text
from ..kinds import KINDS
from ..result import Finding
from ..text import line_starts
from .projects import Checked, Loaded, Note, Projects, check_text

#: Seconds after the last keystroke before a buffer is checked.
DEBOUNCE = 0.15
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "suggestion": lsp.DiagnosticSeverity.Information}
#: What may be in a rule id (and in a pattern of ids such as ``hr.*``).
ID_CHARS = re.compile(r"[A-Za-z0-9_.*-]+")
DIRECTIVE = re.compile(r"brandvoice-(?:disable-next-line|disable|enable)\b")
NAME_KEYS = {"channel": "channel", "channels": "channel", "department": "department",
             "departments": "department", "context": "context", "contexts": "context",
             "answered_by": "department"}
ID_KEYS = ("disable", "severity", "select", "ignore")


# --- places: brandvoice counts code points from 1, the protocol code units from 0 --------

def _units(text: str, encoding: str) -> int:
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


class Lines:
    """A document's lines, to turn a line and column into a protocol position and back."""

    def __init__(self, text: str, encoding: str):
        self.text = text
        self.encoding = encoding
        self.starts = line_starts(text)

    def line(self, number: int) -> str:
        """Line ``number`` (0-based), without its line break."""
        if number >= len(self.starts):
            return ""
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number]:end].rstrip("\r\n")

    def position(self, line: int, column: int) -> lsp.Position:
        """The position of a 1-based line and column (code points)."""
        text = self.line(line - 1)
        return lsp.Position(line=line - 1, character=_units(text[:column - 1], self.encoding))

    def at(self, offset: int) -> lsp.Position:
        """The position of a code-point offset in the text."""
        line = max(i for i, start in enumerate(self.starts) if start <= offset) \
            if offset > 0 else 0
        return self.position(line + 1, offset - self.starts[line] + 1)

    def offset(self, position: lsp.Position) -> int:
        """The code-point offset of a protocol position."""
        if position.line >= len(self.starts):
            return len(self.text)
        text = self.line(position.line)
        count = 0
        for index, char in enumerate(text):
            if count >= position.character:
                return self.starts[position.line] + index
            count += _units(char, self.encoding)
        return self.starts[position.line] + len(text)

    def end(self) -> lsp.Position:
        return self.at(len(self.text))


def _finding_range(lines: Lines, finding: Finding) -> lsp.Range:
    start = lines.position(finding.line, finding.column)
    if finding.end_line:
        end = lines.position(finding.end_line, finding.end_column)
    else:
        end = start
    return lsp.Range(start=start, end=end)


def _note_range(lines: Lines, note: Note) -> lsp.Range:
    """From the note's place to the end of what is written on its line."""
    text = lines.line(note.line - 1)
    start = lines.position(note.line, note.column)
    last = max(len(text.rstrip()), note.column - 1)
    return lsp.Range(start=start, end=lines.position(note.line, last + 1))


def _contains(range_: lsp.Range, position: lsp.Position) -> bool:
    start, end = range_.start, range_.end
    return ((start.line, start.character) <= (position.line, position.character)
            <= (end.line, end.character))


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return not ((a.end.line, a.end.character) < (b.start.line, b.start.character)
                or (b.end.line, b.end.character) < (a.start.line, a.start.character))


# --- the server ------------------------------------------------------------------------

class Server(LanguageServer):
    def __init__(self) -> None:
        super().__init__("brandvoice", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.projects = Projects()
        #: The last check of each open draft buffer, by URI.
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task] = {}
        #: Files each project has notes on, so that they are cleared when mended.
        self._noted: dict[Path, set[str]] = {}
        #: The config error last shown for each project (shown once until it changes).
        self._shown: dict[Path, str | None] = {}

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16

    def lines(self, uri: str) -> Lines:
        """The lines of the buffer, or of the file when it is not open (none when it
        cannot be read)."""
        if uri in self.workspace.text_documents:
            return Lines(self.workspace.get_text_document(uri).source, self.encoding)
        try:
            text = Path(to_fs_path(uri) or "").read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        return Lines(text, self.encoding)

    # --- projects ------------------------------------------------------------------

    def project_of(self, uri: str) -> Loaded | None:
        path = to_fs_path(uri)
        if path is None:
            return None
        loaded = self.projects.for_file(Path(path))
        if loaded is not None and (loaded.config not in self._noted or loaded.refresh()):
            self.publish_notes(loaded)
        return loaded

    def refresh_all(self) -> None:
        """Look at every project's files now; on a change, publish its notes again and
        check its open drafts again."""
        for loaded in list(self.projects.loaded.values()):
            if loaded.refresh(force=True):
                self.publish_notes(loaded)
                for uri in list(self.workspace.text_documents):
                    if self.project_of(uri) is loaded:
                        self.publish(uri)

    def publish_notes(self, loaded: Loaded) -> None:
        """The project's problems and failing examples as diagnostics of their files, and
        the config error shown once, while the last good config stays in use."""
        if loaded.error != self._shown.get(loaded.config):
            self._shown[loaded.config] = loaded.error
            if loaded.error is not None:
                kept = ("the last good config is used until it is mended"
                        if loaded.linter is not None else "nothing is checked until it is mended")
                self.window_show_message(lsp.ShowMessageParams(
                    type=lsp.MessageType.Warning,
                    message=f"brandvoice: {loaded.error} ({loaded.config.name}); {kept}."))
        by_file: dict[str, list[Note]] = {}
        for note in loaded.notes:
            by_file.setdefault(from_fs_path(str(note.file)) or str(note.file), []).append(note)
        before = self._noted.get(loaded.config, set())
        for uri in before - by_file.keys():
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, notes in by_file.items():
            lines = self.lines(uri)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=[lsp.Diagnostic(
                    range=_note_range(lines, note), message=note.message,
                    severity=SEVERITY[note.severity], code=note.code, source="brandvoice")
                    for note in notes]))
        self._noted[loaded.config] = set(by_file)

    # --- drafts --------------------------------------------------------------------

    def check(self, uri: str) -> Checked | None:
        """Check the buffer (its text as it is now, saved or not)."""
        loaded = self.project_of(uri)
        path = to_fs_path(uri)
        if loaded is None or path is None:
            return None
        document = self.workspace.get_text_document(uri)
        checked = check_text(loaded, Path(path), document.source)
        if checked is None:
            self.checked.pop(uri, None)
        else:
            self.checked[uri] = checked
        return checked

    def current(self, uri: str) -> Checked | None:
        """The check of the buffer as it is now (checked again if it changed since)."""
        checked = self.checked.get(uri)
        if checked is not None and checked.text == self.workspace.get_text_document(uri).source:
            return checked
        return self.check(uri)

    def publish(self, uri: str) -> None:
        loaded = self.project_of(uri)
        if loaded is not None and loaded.owns(Path(to_fs_path(uri) or "")):
            return  # a config, persona or rulebook: its notes are published with the project
        checked = self.check(uri)
        diagnostics: list[lsp.Diagnostic] = []
        if checked is not None:
            lines = Lines(checked.text, self.encoding)
            for result in checked.results:
                for finding in result.findings:
                    diagnostics.append(self.diagnostic(lines, finding))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics,
            version=self.workspace.get_text_document(uri).version))

    def diagnostic(self, lines: Lines, finding: Finding) -> lsp.Diagnostic:
        from ..report.text import suggestion_text

        message = " ".join(filter(None, [finding.message, suggestion_text(finding)]))
        if finding.also:
            message += f" (also: {', '.join(finding.also)})"
        return lsp.Diagnostic(
            range=_finding_range(lines, finding), message=message,
            severity=SEVERITY[finding.severity], code=finding.rule,
            code_description=lsp.CodeDescription(href=finding.link) if finding.link else None,
            source=finding.owner or "brandvoice")

    def later(self, uri: str) -> None:
        """Check the buffer once the typing pauses."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def wait_then_publish() -> None:
            await asyncio.sleep(DEBOUNCE)
            self._pending.pop(uri, None)
            if uri in self.workspace.text_documents:
                self.publish(uri)

        self._pending[uri] = asyncio.get_running_loop().create_task(wait_then_publish())


server = Server()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: Server, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: Server, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: Server, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.refresh_all()


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: Server, params: lsp.DidChangeWatchedFilesParams) -> None:
    ls.refresh_all()


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: Server, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.checked.pop(uri, None)
    loaded = ls.project_of(uri)
    if loaded is None or not loaded.owns(Path(to_fs_path(uri) or "")):
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT)
def inlay_hint(ls: Server, params: lsp.InlayHintParams) -> list[lsp.InlayHint]:
    """Each draft's score and verdict, at the end of the draft's first line."""
    checked = ls.current(params.text_document.uri)
    if checked is None:
        return []
    lines = Lines(checked.text, ls.encoding)
    hints = []
    for draft, result in zip(checked.drafts, checked.results):
        line = draft.origin[0] if draft.origin else 1  # a collection entry's first line
        if not params.range.start.line <= line - 1 <= params.range.end.line:
            continue
        verdict = "passes" if result.passed else "fails"
        hints.append(lsp.InlayHint(
            position=lines.position(line, len(lines.line(line - 1)) + 1),
            label=f"score {result.score}, {verdict}", padding_left=True,
            tooltip=f"{result.id}: {len(result.findings)} finding(s)"))
    return hints


# --- hover -----------------------------------------------------------------------------

def describe(loaded: Loaded, rule_id: str, message: str | None = None) -> str | None:
    """A rule or built-in check in Markdown: message, why, owner, dates, examples, link."""
    project = loaded.project
    if project is None:
        return None
    try:
        info = find(project, rule_id).to_dict()
    except UsageError:
        return None
    parts = [f"**{info['id']}** ({info['kind']}, {info['severity']}, {info['status']})",
             message or info["message"]]
    if info.get("rationale"):
        parts.append(f"**Why:** {info['rationale']}")
    facts = [f"owner: {info['owner']}" if info.get("owner") else None,
             f"category: {info['category']}" if info.get("category") else None,
             f"in effect from {info['effective']}" if info.get("effective") else None,
             f"expires {info['expires']}" if info.get("expires") else None,
             f"from {info['source']}"]
    parts.append("; ".join(fact for fact in facts if fact) + ".")
    for kind, label in (("bad", "Flagged"), ("good", "Fine")):
        examples = info["examples"].get(kind, [])
        if examples:
            parts.append(f"{label}: " + "; ".join(f"“{e['text']}”" for e in examples))
    if info.get("link"):
        parts.append(f"[More about this rule]({info['link']})")
    elif info.get("docs"):
        parts.append(f"More: {info['docs']}")
    return "\n\n".join(parts)


def _word(lines: Lines, position: lsp.Position) -> str:
    text = lines.line(position.line)
    column = lines.offset(position) - lines.starts[position.line] \
        if position.line < len(lines.starts) else 0
    for match in ID_CHARS.finditer(text):
        if match.start() <= column <= match.end():
            return match.group()
    return ""


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: Server, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    loaded = ls.project_of(uri)
    if loaded is None:
        return None
    checked = ls.current(uri)
    if checked is not None:
        lines = Lines(checked.text, ls.encoding)
        for result in checked.results:
            for finding in result.findings:
                place = _finding_range(lines, finding)
                if _contains(place, params.position):
                    text = describe(loaded, finding.rule, finding.message)
                    if text is not None:
                        return lsp.Hover(contents=lsp.MarkupContent(
                            kind=lsp.MarkupKind.Markdown, value=text), range=place)
    word = _word(ls.lines(uri), params.position)
    text = describe(loaded, word) if word else None
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


# --- code actions ----------------------------------------------------------------------

def _suppression(path: Path, lines: Lines, finding: Finding, draft: Draft
                 ) -> tuple[str, lsp.TextEdit] | None:
    """The documented way to switch the finding's rule off, in the draft's format, as (what
    it does, the edit): in a text or Markdown file the comment for its line; in a YAML,
    JSON or JSON Lines collection the rule added to the entry's ``disable`` list. None in a
    CSV file (a ``disable`` column is the file's own to add) or where the entry is not
    written as expected."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ".markdown"):
        directive = f"brandvoice-disable-next-line {finding.rule}"
        if suffix != ".txt":
            directive = f"<!-- {directive} -->"
        text = lines.line(finding.line - 1)
        indent = text[:len(text) - len(text.lstrip(" \t"))]
        start = lsp.Position(line=finding.line - 1, character=0)
        return "for this line", lsp.TextEdit(range=lsp.Range(start=start, end=start),
                                             new_text=f"{indent}{directive}\n")
    if suffix in (".json", ".jsonl", ".yaml", ".yml") and draft.origin is not None:
        edit = _disable_in_entry(lines, draft, finding.rule, yaml=suffix in (".yaml", ".yml"))
        if edit is not None:
            return "for this entry", edit
    return None


def _disable_in_entry(lines: Lines, draft: Draft, rule: str, yaml: bool
                      ) -> lsp.TextEdit | None:
    """The edit that adds ``rule`` to the ``disable`` of the collection entry ``draft``:
    into its list when it has one (written as ``[...]``, a block list or one string), else a
    new ``disable`` first in the entry."""
    listed = next((s.origin for s in draft.suppressions if s.origin is not None), None)
    quoted = rule if yaml else f'"{rule}"'
    if listed is not None:  # the entry's own disable, at its value
        line, column = listed
        text = lines.line(line - 1)
        value = text[column - 1:]
        if value.startswith("["):
            empty = value[1:].lstrip().startswith("]")
            return _insert(lines, line, column + 1, quoted if empty else f"{quoted}, ")
        if yaml and value.startswith("- "):
            return _insert(lines, line, column, f"- {rule}\n" + " " * (column - 1))
        if value[:1] in ('"', "'"):
            return _insert(lines, line, column + 1, f"{rule}, ")
        if yaml and value[:1].isalnum():
            return _insert(lines, line, column, f"{rule}, ")
        return None
    line, column = draft.origin
    text = lines.line(line - 1)
    if text[column - 1:column] == "{":  # JSON, or a YAML mapping written in braces
        first = f"disable: [{rule}], " if yaml else f'"disable": ["{rule}"], '
        return _insert(lines, line, column + 1, first)
    if yaml:  # a block mapping: a line of its own, at the entry's indent
        return _insert(lines, line, column, f"disable: [{rule}]\n" + " " * (column - 1))
    return None


def _insert(lines: Lines, line: int, column: int, text: str) -> lsp.TextEdit:
    at = lines.position(line, column)
    return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=text)


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
def code_action(ls: Server, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    checked = ls.current(uri)
    loaded = ls.project_of(uri)
    path = to_fs_path(uri)
    if checked is None or loaded is None or loaded.linter is None or path is None:
        return []
    lines = Lines(checked.text, ls.encoding)
    only = params.context.only
    actions: list[lsp.CodeAction] = []

    def action(title: str, edits: list[lsp.TextEdit], kind: str,
               diagnostic: lsp.Diagnostic | None = None, preferred: bool = False) -> None:
        actions.append(lsp.CodeAction(
            title=title, kind=kind, is_preferred=preferred or None,
            diagnostics=[diagnostic] if diagnostic else None,
            edit=lsp.WorkspaceEdit(changes={uri: edits})))

    fixable = 0
    for draft, result in zip(checked.drafts, checked.results):
        for finding in result.findings:
            if finding.fix is not None:
                fixable += 1
            place = _finding_range(lines, finding)
            if not _overlaps(place, params.range) or (
                    only and lsp.CodeActionKind.QuickFix not in only):
                continue
            diagnostic = ls.diagnostic(lines, finding)
            fix = finding.fix
            if fix is not None and fix.where is not None and fix.written is not None:
                line, column, end_line, end_column = fix.where
                action(f"Replace with '{fix.replacement}' ({finding.rule})",
                       [lsp.TextEdit(range=lsp.Range(
                           start=lines.position(line, column),
                           end=lines.position(end_line, end_column)),
                           new_text=fix.written)],
                       lsp.CodeActionKind.QuickFix, diagnostic, preferred=True)
            for suggestion in finding.suggestions:
                if fix is not None and suggestion == fix.replacement:
                    continue
                written = draft.encode(suggestion) if draft.encode else suggestion
                if written is None or finding.start == finding.end:
                    continue
                action(f"Replace with '{suggestion}' ({finding.rule})",
                       [lsp.TextEdit(range=place, new_text=written)],
                       lsp.CodeActionKind.QuickFix, diagnostic)
            suppress = _suppression(Path(path), lines, finding, draft)
            if suppress is not None:
                where, edit = suppress
                action(f"Switch {finding.rule} off {where}", [edit],
                       lsp.CodeActionKind.QuickFix, diagnostic)
    wants_all = not only or any(kind in only for kind in (
        lsp.CodeActionKind.SourceFixAll, lsp.CodeActionKind.Source, lsp.CodeActionKind.QuickFix))
    if fixable and wants_all:
        fixed = fix_text(loaded.linter, checked.text, path, Path(path).suffix)
        if fixed.text != checked.text:
            whole = lsp.Range(start=lsp.Position(line=0, character=0), end=lines.end())
            action(f"Fix all brandvoice findings in the file ({fixed.applied} fixes)",
                   [lsp.TextEdit(range=whole, new_text=fixed.text)],
                   lsp.CodeActionKind.SourceFixAll)
    return actions


# --- completion ------------------------------------------------------------------------

def _enclosing_key(lines: Lines, line: int, before: str) -> str | None:
    """The YAML key the cursor writes a value of: on its line (``disable: [``), or the
    nearest less-indented ``key:`` above (a ``- `` item of a list)."""
    own = re.match(r"\s*(?:-\s+)?([A-Za-z_]+)\s*:(.*)$", before)
    if own:
        return own.group(1)
    indent = len(before) - len(before.lstrip(" -"))
    for number in range(line - 1, -1, -1):
        text = lines.line(number)
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(text) - len(stripped)
        found = re.match(r"(?:-\s+)?([A-Za-z_]+)\s*:", stripped)
        if depth < indent and found:
            return found.group(1)
        if depth == 0:
            return found.group(1) if found else None
    return None


def _items(labels: Iterable[str], kind: lsp.CompletionItemKind,
           detail: dict[str, str] | None = None) -> list[lsp.CompletionItem]:
    return [lsp.CompletionItem(label=label, kind=kind,
                               detail=(detail or {}).get(label)) for label in labels]


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=[":", " ", "[", ",", "-"]))
def completion(ls: Server, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    loaded = ls.project_of(uri)
    project = loaded.project if loaded is not None else None
    lines = ls.lines(uri)
    position = params.position
    offset = lines.offset(position)
    before = lines.text[lines.starts[position.line]:offset] \
        if position.line < len(lines.starts) else ""
    items: list[lsp.CompletionItem] = []
    ids = {entry.id: f"{entry.kind}, {entry.severity}" for entry in listed(project)} \
        if project is not None else {}
    suffix = Path(to_fs_path(uri) or "").suffix.lower()
    if DIRECTIVE.search(before):
        items = _items(ids, lsp.CompletionItemKind.Value, ids)
    elif suffix in (".yaml", ".yml"):
        key = _enclosing_key(lines, position.line, before)
        if "builtin:" in before or key == "rulebooks":
            items = _items([f"builtin:{name}" for name in builtin_packs()],
                           lsp.CompletionItemKind.Module)
        elif key == "kind":
            items = _items(KINDS, lsp.CompletionItemKind.EnumMember,
                           {name: (module.__doc__ or "").strip().splitlines()[0]
                            for name, module in KINDS.items()})
        elif key == "severity" and re.match(r"\s*[\w.*-]+\s*:\s*\w*$", before) or \
                key in ("fail_on",):
            items = _items(SEVERITY, lsp.CompletionItemKind.EnumMember)
        elif key in ID_KEYS:
            items = _items(ids, lsp.CompletionItemKind.Value, ids)
        elif key in NAME_KEYS and project is not None:
            items = _items(project.names.known(NAME_KEYS[key]), lsp.CompletionItemKind.Value)
        if not items and not before.strip(" -"):
            indent = len(before) - len(before.lstrip(" -"))
            items = _items(_keys(loaded, uri, indent), lsp.CompletionItemKind.Property)
    return lsp.CompletionList(is_incomplete=False, items=items)


def _keys(loaded: Loaded | None, uri: str, indent: int) -> list[str]:
    """Keys a YAML file of this project may have: at the top, the config's, the persona's
    or a rulebook's; further in, in a rulebook, a rule's (of every kind)."""
    from ..config import Persona, ProjectConfig, Rulebook

    path = Path(to_fs_path(uri) or "").resolve()
    if loaded is None:
        return []
    project = loaded.project
    models: list[Any]
    if path == loaded.config:
        models = [ProjectConfig]
    elif project is not None and project.config.persona and \
            path == (project.root / project.config.persona).resolve():
        models = [Persona]
    elif loaded.owns(path):
        models = [Rulebook] if indent == 0 else [module.Rule for module in KINDS.values()]
    else:
        return []
    if indent and models[0] in (ProjectConfig, Persona):
        return []  # the keys of a nested block: the schemas complete those
    return list(dict.fromkeys(field.alias or name for model in models
                              for name, field in model.model_fields.items()))


def create_server() -> Server:
    return server
