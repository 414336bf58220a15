"""From a keystroke to its diagnostics in `brandvoice lsp`, on a collection of canned replies.

Starts the real server over standard input and output, opens a YAML collection of N
entries (200 by default) in a project with every built-in pack, then types into one
entry, unsaved, again and again: each edit's time is from the change sent to the
diagnostics of that version received. The server waits for a pause in typing (DEBOUNCE)
before it checks, so that wait is in the figure, and shown apart.

    python benchmarks/lsp_latency.py [--entries 200] [--edits 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from brandvoice.lsp.server import DEBOUNCE

REPLIES = [
    "Thanks for reaching out, {name}! We'll look into your order today.",
    "Sorry about the wait, {name}. Please send us a DM with your order number.",
    "We guarantee a refund by Friday, {name}.",
    "Hi {name}, utilize the app to track your parcel. ^JK",
]


def collection(entries: int) -> str:
    lines = []
    for number in range(entries):
        text = REPLIES[number % len(REPLIES)].format(name=f"Sam{number}")
        lines += [f"- id: reply-{number}", "  channel: twitter", f"  text: \"{text}\""]
    return "\n".join(lines) + "\n"


async def measure(entries: int, edits: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="brandvoice-lsp-"))
    (folder / "brandvoice.yaml").write_text("rulebooks: ['builtin:*']\n", encoding="utf-8")
    path = folder / "canned.yaml"
    text = collection(entries)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client = LanguageClient("lsp-latency", "1")
    published: dict[int | None, float] = {}
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.uri == uri:
            published[params.version] = time.perf_counter()
            arrived.set()

    await client.start_io(sys.executable, "-m", "brandvoice", "lsp")
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(folder))))
    client.initialized(lsp.InitializedParams())
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    while 1 not in published:
        arrived.clear()
        await arrived.wait()
    line = 3 * (entries // 2) + 2  # the text of the middle entry
    column = len("  text: \"")
    times = []
    for version in range(2, edits + 2):
        typed = version % 2 == 0  # a letter typed, then deleted
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=line, character=column),
                                end=lsp.Position(line=line, character=column + (not typed))),
                text="x" if typed else "")]))
        while version not in published:
            arrived.clear()
            await arrived.wait()
        times.append(published[version] - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    times = sorted(asyncio.run(measure(args.entries, args.edits)))
    median = statistics.median(times)
    slowest = times[max(0, int(len(times) * 0.9) - 1)]
    print(f"keystroke to diagnostics, {args.entries}-entry YAML collection, every built-in "
          f"pack, {len(times)} edits:")
    print(f"  median {median * 1000:.0f} ms, 90th percentile {slowest * 1000:.0f} ms "
          f"(of which {DEBOUNCE * 1000:.0f} ms is the wait for a pause in typing)")


if __name__ == "__main__":
    main()
