"""What an editor shows for a rulebook, with the real yaml-language-server (the server behind
VS Code's YAML extension, Neovim, Helix...) reading the schema `brandvoice schema` writes.

The server is installed by `.ci/run` into `.ci/node` (npm, pinned); without node or that
folder, these tests are skipped, saying why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

from .conftest import ROOT, run

SERVER = ROOT / ".ci" / "node" / "node_modules" / "yaml-language-server" / "bin" / \
    "yaml-language-server"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None or not SERVER.is_file(),
    reason=("node is not installed" if NODE is None else
            f"yaml-language-server is not installed in {SERVER.parents[3]} (.ci/run installs "
            "it with npm)"))


class Client:
    """A minimal Language Server Protocol client over the server's standard input/output."""

    def __init__(self, root: Path):
        self.proc = subprocess.Popen([NODE, str(SERVER), "--stdio"], cwd=root,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages: Queue[dict[str, Any]] = Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, wanted) -> dict[str, Any]:
        """The next message ``wanted`` accepts; the server's own requests are answered."""
        while True:
            try:
                # Only a guard against a server that died: nothing here is timed.
                message = self.messages.get(timeout=120)
            except Empty:
                raise AssertionError("yaml-language-server sent nothing for 120 seconds")
            if "method" in message and "id" in message:  # a request to the client
                items = message.get("params", {}).get("items", [])
                result = ([{"validate": True, "hover": True, "completion": True}
                           if item.get("section") == "yaml" else None for item in items]
                          if message["method"] == "workspace/configuration" else None)
                self.send({"id": message["id"], "result": result})
                continue
            if wanted(message):
                return message

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def diagnostics(root: Path, name: str, text: str) -> list[str]:
    """What the editor underlines in the file: 'line:column: message', 1-based."""
    client = Client(root)
    try:
        client.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                      "capabilities": {}})
        client.send({"method": "initialized", "params": {}})
        client.send({"method": "workspace/didChangeConfiguration",
                     "params": {"settings": {"yaml": {"validate": True}}}})
        uri = (root / name).as_uri()
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
        published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri)
    finally:
        client.close()
    return [f"{d['range']['start']['line'] + 1}:{d['range']['start']['character'] + 1}: "
            f"{d['message']}" for d in published["params"]["diagnostics"]]


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("editor")
    assert run(["schema", "--output-dir", ".brandvoice/schemas"], cwd=root).code == 0
    (root / "voice").mkdir()
    return root


MODELINE = "# yaml-language-server: $schema=../.brandvoice/schemas/rulebook.json\n"


def test_an_unknown_kind_lists_the_nine_kinds(schemas):
    text = MODELINE + ("rules:\n"
                       "  - id: legal.no-guarantees\n"
                       "    kind: forbidd\n"
                       "    phrases: [guarantee]\n")
    assert diagnostics(schemas, "voice/legal.yaml", text) == [
        '4:11: Value is not accepted. Valid values: "forbid", "replace", "pattern", "require", '
        '"limit", "capitalize", "sequence", "pii", "metric".']


def test_a_rule_id_that_is_not_one_says_what_an_id_is(schemas):
    text = MODELINE + ("rules:\n"
                       "  - id: Legal No Guarantees\n"
                       "    kind: forbid\n"
                       "    phrases: [guarantee]\n")
    assert diagnostics(schemas, "voice/legal.yaml", text) == [
        "3:9: not a valid rule id: use lowercase letters, digits, '.', '_' and '-', starting "
        "with a letter or digit (for example 'legal.no-guarantees')"]


def test_a_misspelt_key_of_a_kind_is_named(schemas):
    text = MODELINE + ("rules:\n"
                       "  - id: legal.no-guarantees\n"
                       "    kind: forbid\n"
                       "    phrase: [guarantee]\n")
    assert diagnostics(schemas, "voice/legal.yaml", text) == [
        '3:5: Missing property "phrases".', '5:5: Property phrase is not allowed.']


def test_a_right_rulebook_has_nothing_underlined(schemas):
    text = MODELINE + ((ROOT / "docs" / "kinds" / "require.md").read_text(encoding="utf-8")
                       .split("```yaml file=rules.yaml\n")[1].split("```")[0])
    assert diagnostics(schemas, "voice/rules.yaml", text) == []
