"""`brandvoice lsp` as an editor meets it: the real server, started once for this module,
driven over standard input and output by a real language client (pytest-lsp).

Each test works on its own files of one project, so the order of the tests does not
matter; the config edit comes last, with a project of its own.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient

from .conftest import write

pytestmark = pytest.mark.asyncio(loop_scope="module")

SUPPORT = """\
name: Support do's and don'ts
owner: support
rationale: Customers read every reply as a promise.
rules:
  - id: support.wordy
    kind: replace
    severity: warning
    replace: {utilize: use}
    rationale: Plain words are read faster on a phone.
    link: https://intranet.example/plain
    examples:
      bad: ["Utilize the app."]
      good: ["Use the app."]
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("lsp"), {
        "brandvoice.yaml": "rulebooks: [builtin:legal-claims, voice/support.yaml]\n",
        "voice/support.yaml": SUPPORT,
        # a project of its own for the rulebook problems, one for the config edit
        "books/brandvoice.yaml": "rulebooks: [broken.yaml]\n",
        "books/broken.yaml": "rules:\n  - id: books.asap\n    kind: forbid\n"
                             "     phrases: [asap]\n",
        "edited/brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n",
    })


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "brandvoice", "lsp", "--stdio"]))
async def client(lsp_client: LanguageClient, root: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(root)),
        workspace_folders=[lsp.WorkspaceFolder(uri=from_fs_path(str(root)), name="lsp")]))
    yield
    await lsp_client.shutdown_session()


def uri_of(path: Path) -> str:
    return from_fs_path(str(path))


async def diagnostics(client: LanguageClient, uri: str, until, timeout: float = 30.0
                      ) -> list[lsp.Diagnostic]:
    """The document's diagnostics once ``until`` holds for them (published by the server
    in its own time: after a pause in typing, after a reload)."""
    deadline = time.monotonic() + timeout
    while True:
        found = list(client.diagnostics.get(uri, []))
        if uri in client.diagnostics and until(found):
            return found
        left = deadline - time.monotonic()
        assert left > 0, f"no such diagnostics for {uri}: {found}"
        try:
            await asyncio.wait_for(
                client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), left)
        except TimeoutError:
            pass


def codes(found: list[lsp.Diagnostic]) -> list[str]:
    return [str(d.code) for d in found]


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = uri_of(path)
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1,
                                           text=text)))
    return uri


def type_text(client: LanguageClient, uri: str, version: int, line: int, start: int,
              end: int, text: str) -> None:
    """An edit in the buffer, not saved."""
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=line, character=start),
                            end=lsp.Position(line=line, character=end)), text=text)]))


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """``text`` with the edits applied (positions in UTF-16 units; ASCII text here)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: lsp.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def test_a_reply_shows_the_guarantee_at_its_place_and_edits_unsaved_clear_it(
        client: LanguageClient, root: Path):
    uri = open_doc(client, root / "replies" / "promise.txt",
                   "Thanks for waiting.\nWe guarantee it arrives Friday.\n")
    found = await diagnostics(client, uri, lambda d: "legal-claims.guarantee" in codes(d))
    [promise] = [d for d in found if d.code == "legal-claims.guarantee"]
    assert promise.range == lsp.Range(start=lsp.Position(line=1, character=3),
                                      end=lsp.Position(line=1, character=12))
    assert promise.severity == lsp.DiagnosticSeverity.Error
    assert promise.source == "legal"
    assert "Don't promise outcomes ('guarantee')" in promise.message
    # the score of the reply, at its first line
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=0, character=0),
                        end=lsp.Position(line=5, character=0))))
    assert [h.label for h in hints] == ["score 75, fails"]
    # typed, not saved: the file on disk still promises
    type_text(client, uri, 2, 1, 3, 12, "expect")
    found = await diagnostics(client, uri, lambda d: "legal-claims.guarantee" not in codes(d))
    assert found == []
    assert "guarantee" in (root / "replies" / "promise.txt").read_text()


async def test_a_fix_and_fix_all_give_the_fixed_text(client: LanguageClient, root: Path):
    text = "Utilize the app, then utilize the site.\n"
    uri = open_doc(client, root / "replies" / "wordy.txt", text)
    found = await diagnostics(client, uri, lambda d: codes(d).count("support.wordy") == 2)
    first = found[0]
    assert first.code_description.href == "https://intranet.example/plain"
    assert first.source == "support"
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=first.range,
        context=lsp.CodeActionContext(diagnostics=[first])))
    titles = [a.title for a in actions]
    assert "Replace with 'Use' (support.wordy)" in titles
    fix = next(a for a in actions if a.title == "Replace with 'Use' (support.wordy)")
    assert fix.is_preferred
    assert apply(text, fix.edit.changes[uri]) == "Use the app, then utilize the site.\n"
    fix_all = next(a for a in actions if a.kind == lsp.CodeActionKind.SourceFixAll)
    assert apply(text, fix_all.edit.changes[uri]) == "Use the app, then use the site.\n"
    suppress = next(a for a in actions if a.title.startswith("Switch support.wordy off"))
    suppressed = apply(text, suppress.edit.changes[uri])
    assert suppressed == "brandvoice-disable-next-line support.wordy\n" + text
    # the suppression comment works: with it, the reply has no finding left
    type_text(client, uri, 2, 0, 0, 0, "brandvoice-disable-next-line support.wordy\n")
    assert await diagnostics(client, uri, lambda d: d == []) == []


async def test_a_markdown_suppression_is_an_html_comment(client: LanguageClient, root: Path):
    text = "# Reply\n\n```\nutilize\n```\n\n  Please utilize the form.\n"
    uri = open_doc(client, root / "replies" / "note.md", text, "markdown")
    [found] = await diagnostics(client, uri, lambda d: len(d) == 1)  # not in the code block
    assert (found.code, found.range.start.line, found.range.start.character) == \
        ("support.wordy", 6, 9)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=found.range,
        context=lsp.CodeActionContext(diagnostics=[found])))
    suppress = next(a for a in actions if a.title.startswith("Switch support.wordy off"))
    assert apply(text, suppress.edit.changes[uri]).splitlines()[6:8] == [
        "  <!-- brandvoice-disable-next-line support.wordy -->", "  Please utilize the form."]


async def test_a_collection_entry_is_found_at_its_line_and_column(client: LanguageClient,
                                                                  root: Path):
    text = ("- id: thanks\n  text: Thanks, we are on it.\n"
            "- id: promise\n  text: \"We \\\"guarantee\\\" it.\"\n")
    uri = open_doc(client, root / "macros" / "canned.yaml", text, "yaml")
    [found] = await diagnostics(client, uri, lambda d: len(d) == 1)
    assert found.code == "legal-claims.guarantee"
    assert found.range == lsp.Range(start=lsp.Position(line=3, character=14),
                                    end=lsp.Position(line=3, character=23))
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=0, character=0),
                        end=lsp.Position(line=9, character=0))))
    assert [(h.position.line, h.label) for h in hints] == [
        (0, "score 100, passes"), (2, "score 75, fails")]


async def test_an_entry_of_a_collection_is_suppressed_by_its_disable_list(
        client: LanguageClient, root: Path):
    cases = {
        # no disable yet: one is added first in the entry, in the file's own syntax
        "macros/one.jsonl": ('{"id": "a", "text": "Thanks!"}\n'
                             '{"id": "b", "text": "We guarantee it."}\n',
                             '{"id": "a", "text": "Thanks!"}\n'
                             '{"disable": ["legal-claims.guarantee"], "id": "b", '
                             '"text": "We guarantee it."}\n'),
        "macros/block.yaml": ("- id: b\n  text: We guarantee it.\n",
                              "- disable: [legal-claims.guarantee]\n  id: b\n"
                              "  text: We guarantee it.\n"),
        # a disable list already there: the rule joins it
        "macros/listed.yaml": ("- id: b\n  disable: [support.wordy]\n"
                               "  text: We guarantee you can utilize it.\n",
                               "- id: b\n  disable: [legal-claims.guarantee, support.wordy]\n"
                               "  text: We guarantee you can utilize it.\n"),
        "macros/listed.json": ('[{"text": "We guarantee it.", "disable": []}]\n',
                               '[{"text": "We guarantee it.", "disable": '
                               '["legal-claims.guarantee"]}]\n'),
    }
    for name, (text, expected) in cases.items():
        language = "yaml" if name.endswith(".yaml") else "json"
        uri = open_doc(client, root / name, text, language)
        found = await diagnostics(client, uri, lambda d: "legal-claims.guarantee" in codes(d))
        promise = next(d for d in found if d.code == "legal-claims.guarantee")
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=promise.range,
            context=lsp.CodeActionContext(diagnostics=[promise])))
        suppress = next(a for a in actions
                        if a.title == "Switch legal-claims.guarantee off for this entry")
        suppressed = apply(text, suppress.edit.changes[uri])
        assert suppressed == expected, name
        # the edited file is read as the same entries, without the finding
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=suppressed)]))
        after = await diagnostics(
            client, uri, lambda d: "legal-claims.guarantee" not in codes(d))
        assert all(d.code != "brandvoice.input" for d in after), (name, after)


async def test_hover_shows_the_rationale_of_a_finding_and_of_a_rule_id(client: LanguageClient,
                                                                       root: Path):
    uri = open_doc(client, root / "replies" / "hover.txt", "Please utilize the form.\n")
    [found] = await diagnostics(client, uri, lambda d: len(d) == 1)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=lsp.Position(line=0, character=9)))
    assert "**Why:** Plain words are read faster on a phone." in hover.contents.value
    assert "owner: support" in hover.contents.value
    assert "[More about this rule](https://intranet.example/plain)" in hover.contents.value
    # on the rule's id in the rulebook
    book = root / "voice" / "support.yaml"
    book_uri = uri_of(book)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=book_uri, language_id="yaml", version=1,
                                           text=book.read_text())))
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=book_uri),
        position=lsp.Position(line=4, character=12)))
    assert hover.contents.value.startswith("**support.wordy** (replace, warning, on)")
    assert "Flagged: “Utilize the app.”" in hover.contents.value


async def test_completion_offers_rule_ids_kinds_and_packs(client: LanguageClient, root: Path):
    config = root / "brandvoice.yaml"
    text = config.read_text() + "disable: []\n"
    uri = uri_of(config)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))

    async def labels(uri: str, line: int, character: int) -> list[str]:
        found = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=character)))
        return [item.label for item in found.items]

    offered = await labels(uri, 1, 10)  # disable: [|]
    assert "support.wordy" in offered and "legal-claims.guarantee" in offered
    assert "builtin:privacy" in await labels(uri, 0, 12)  # rulebooks: [|builtin:...
    book = uri_of(root / "voice" / "support.yaml")
    kinds = await labels(book, 5, 10)  # kind: |replace
    assert kinds[:3] == ["forbid", "replace", "pattern"]
    uri = open_doc(client, root / "replies" / "quote.txt",
                   "brandvoice-disable-next-line \nWe guarantee it.\n")
    assert "legal-claims.guarantee" in await labels(uri, 0, 29)


async def test_a_rulebook_with_a_bad_indent_then_a_failing_example(client: LanguageClient,
                                                                    root: Path):
    book = root / "books" / "broken.yaml"
    reply = open_doc(client, root / "books" / "reply.txt", "We will do it asap.\n")
    uri = uri_of(book)
    [indent] = await diagnostics(client, uri, lambda d: len(d) == 1)
    assert indent.code == "brandvoice.config"
    assert indent.range == lsp.Range(start=lsp.Position(line=3, character=5),
                                     end=lsp.Position(line=3, character=20))
    assert "this line is indented more than the line above it" in indent.message
    assert client.messages[-1].message == (
        "brandvoice: 1 problem in the config, its persona or its rulebooks (brandvoice.yaml); "
        "nothing is checked until it is mended.")
    # mended and saved, with an example that does not fire
    book.write_text("rules:\n  - id: books.asap\n    kind: forbid\n    phrases: [asap]\n"
                    "    examples:\n      bad: [\"We will do it soon.\"]\n", encoding="utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri)))
    [example] = await diagnostics(client, uri, lambda d: codes(d) == ["brandvoice.example"])
    assert example.range.start.line == 5
    assert "bad example 1 did not trigger books.asap" in example.message
    # the project loads now: the reply is checked with the new rule
    await diagnostics(client, reply, lambda d: codes(d) == ["books.asap"])


async def test_a_config_edit_is_picked_up_and_a_bad_one_keeps_the_last_good(
        client: LanguageClient, root: Path):
    config = root / "edited" / "brandvoice.yaml"
    uri = open_doc(client, root / "edited" / "reply.txt", "We guarantee it. Please utilize it.\n")
    await diagnostics(client, uri, lambda d: codes(d) == ["legal-claims.guarantee"])
    (root / "edited" / "plain.yaml").write_text(
        "rules:\n  - id: plain.utilize\n    kind: forbid\n    phrases: [utilize]\n",
        encoding="utf-8")
    config.write_text("rulebooks: [plain.yaml]\n", encoding="utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=uri_of(config), type=lsp.FileChangeType.Changed)]))
    await diagnostics(client, uri, lambda d: codes(d) == ["plain.utilize"])
    # an invalid config: its problem is shown in it, and the last good one stays in use
    config.write_text("rulebooks: [plain.yaml]\nmin_score: lots\n", encoding="utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=uri_of(config), type=lsp.FileChangeType.Changed)]))
    [problem] = await diagnostics(client, uri_of(config), lambda d: len(d) == 1)
    assert problem.range.start == lsp.Position(line=1, character=11)
    assert "min_score" in problem.message or "number" in problem.message
    assert client.messages[-1].message == (
        "brandvoice: 1 problem in the config, its persona or its rulebooks (brandvoice.yaml); "
        "the last good config is used until it is mended.")
    type_text(client, uri, 2, 0, 0, 0, "Hi. ")
    await asyncio.sleep(0.5)
    found = await diagnostics(client, uri, lambda d: codes(d) == ["plain.utilize"])
    assert found[0].range.start.character == 28  # checked again, shifted by "Hi. "


async def test_what_a_schema_cannot_know_is_shown_where_it_is_written(client: LanguageClient,
                                                                     root: Path):
    write(root, {
        "ids/brandvoice.yaml": "rulebooks: [a.yaml, b.yaml]\ndisable: [a.no-sucha]\n",
        "ids/a.yaml": "rules:\n  - id: a.same\n    kind: forbid\n    phrases: [asap]\n",
        "ids/b.yaml": "rules:\n  - id: a.same\n    kind: pattern\n    pattern: 'x(?=y)'\n",
    })
    open_doc(client, root / "ids" / "reply.txt", "Hello.\n")
    [unknown] = await diagnostics(client, uri_of(root / "ids" / "brandvoice.yaml"),
                                  lambda d: len(d) == 1)
    assert unknown.range.start == lsp.Position(line=1, character=10)
    assert "a.no-sucha" in unknown.message
    found = await diagnostics(client, uri_of(root / "ids" / "b.yaml"), lambda d: len(d) == 2)
    twice, refused = sorted(found, key=lambda d: d.range.start.line)
    assert twice.range.start == lsp.Position(line=1, character=8)
    assert "rule id 'a.same' is already used at" in twice.message
    assert refused.range.start.line == 3 and "look-ahead" in refused.message.lower()
