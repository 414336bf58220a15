"""brandvoice serve: the real server on a loopback port, called over HTTP with a real
client; the web checker driven in headless Chromium."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from brandvoice import Linter
from brandvoice.config import load_project
from brandvoice.serve import Service, create_app
from brandvoice.serve import service as service_module
from brandvoice.serve.models import DraftOut, FixedOut, ReportOut

from .conftest import write

RULES = """
owner: hr
rules:
  - id: hr.no-guys
    kind: forbid
    phrases: [guys]
    suggest: [everyone, folks]
  - id: plain.wordy
    kind: replace
    owner: marketing
    severity: suggestion
    replace:
      utilize: use
      in order to: to
"""
PERSONA = """
name: Acme Care
channels:
  twitter: {max_length: 280}
"""
CONFIG = """
persona: persona.yaml
rulebooks: [rules.yaml, builtin:legal-claims]
max_draft_length: 2000
"""


class Server:
    """``brandvoice serve`` in a separate process, on a free loopback port."""

    def __init__(self, folder: Path, *args: str):
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-m", "brandvoice", "serve", "--port", "0", *args], cwd=folder,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            self.process.kill()
            raise AssertionError(f"the server did not start: {line}"
                                 f"{self.process.stderr.read()}")
        self.url = f"http://127.0.0.1:{found[1]}"
        self.client = httpx.Client(base_url=self.url, timeout=60)
        for _ in range(100):  # listening already; wait until the app answers
            try:
                if self.client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(timeout=20)


def project(folder: Path) -> Path:
    return write(folder, {"brandvoice.yaml": CONFIG, "persona.yaml": PERSONA,
                          "rules.yaml": RULES})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = project(tmp_path_factory.mktemp("serve"))
    running = Server(folder, "--max-batch", "5", "--max-bytes", "20000")
    yield running
    running.stop()


def test_check_gives_the_draft_object_of_the_json_report(server):
    text = "Hey guys, we guarantee it arrives Friday. Utilize the app!"
    answer = server.client.post("/v1/check", json={"text": text, "channel": "twitter",
                                                   "department": "marketing", "id": "t1"})
    assert answer.status_code == 200
    data = answer.json()
    DraftOut.model_validate(data)  # the OpenAPI document describes what comes back
    linter = Linter.from_config(server.folder / "brandvoice.yaml")
    result = linter.check(text, channel="twitter", department="marketing", id="t1")
    result.explain_tone()  # the web checker shows how polite it reads, and why
    expected = result.to_dict()
    length = data.pop("channel_length")
    assert data == expected
    assert data["tone"]["summary"].startswith("reads as ")
    assert length == {"characters": len(text), "limit": 280, "counted_as": "twitter"}
    rules = [f["rule"] for f in data["findings"]]
    assert "hr.no-guys" in rules and "legal-claims.guarantee" in rules


def test_check_many_gives_the_json_report_and_refuses_big_batches(server):
    drafts = [{"text": "Thanks for waiting!"}, {"text": "We guarantee it.", "id": "b"}]
    data = server.client.post("/v1/check-many", json={"drafts": drafts,
                                                      "channel": "twitter"}).json()
    ReportOut.model_validate(data)
    assert data["summary"]["drafts"] == 2 and data["summary"]["failed"] == 1
    assert [d["id"] for d in data["drafts"]] == ["draft-1", "b"]
    assert all(d["channel"] == "twitter" for d in data["drafts"])
    many = server.client.post("/v1/check-many", json={"drafts": [{"text": "Hi."}] * 6})
    assert many.status_code == 413
    assert "6 drafts in one request; at most 5" in many.json()["message"]


def test_fix_applies_every_safe_fix_and_reports_what_remains(server):
    answer = server.client.post("/v1/fix", json={
        "text": "Please utilize the app in order to pay, guys.", "id": "f1"})
    assert answer.status_code == 200
    data = answer.json()
    FixedOut.model_validate(data)
    assert data["text"] == "Please use the app to pay, guys."
    assert data["changed"] is True and data["applied"] == 2 and data["settled"] is True
    assert [f["rule"] for f in data["draft"]["findings"]] == ["hr.no-guys"]  # no fix offered
    assert data["draft"]["id"] == "f1"


def test_names_are_compared_without_case_and_unknown_ones_are_422(server):
    answer = server.client.post("/v1/check", json={"text": "Hi guys.", "channel": "Twitter",
                                                   "department": "HR"})
    assert answer.status_code == 200
    data = answer.json()
    assert (data["channel"], data["department"]) == ("twitter", "hr")
    assert data["channel_length"]["limit"] == 280
    typo = server.client.post("/v1/check", json={"text": "Hi.", "context": "complaints"})
    assert typo.status_code == 422
    assert typo.json() == {"message": "unknown context 'complaints' (did you mean "
                                      "'complaint'?)"}
    fix = server.client.post("/v1/fix", json={"text": "Hi.", "department": "sales"})
    assert fix.status_code == 422
    assert fix.json()["message"].startswith("unknown department 'sales'; known departments: "
                                            "hr, legal, marketing (to add one: ")
    many = server.client.post("/v1/check-many", json={"drafts": [
        {"text": "Hi.", "channel": "twiter"}], "context": "Praise"})
    assert many.status_code == 200  # an entry of a batch gets a warning, as in a file
    [draft] = many.json()["drafts"]
    assert draft["context"] == "praise"
    assert [(f["rule"], f["severity"]) for f in draft["findings"]] == [
        ("brandvoice.input", "warning")]
    options = server.client.get("/v1/options").json()
    assert options["departments"] == ["hr", "legal", "marketing"]
    assert options["contexts"] == ["complaint", "general", "post-purchase", "praise",
                                   "pre-purchase", "purchase", "question"]


def test_rules_and_one_rule(server):
    rules = server.client.get("/v1/rules").json()["rules"]
    ids = {rule["id"] for rule in rules}
    assert {"hr.no-guys", "plain.wordy", "legal-claims.guarantee"} <= ids
    one = server.client.get("/v1/rules/hr.no-guys").json()
    assert one["owner"] == "hr" and one["kind"] == "forbid"
    shouting = server.client.get("/v1/rules/persona.style.shouting").json()
    assert (shouting["kind"], shouting["builtin"], shouting["setting"]) == (
        "persona", True, "style.shouting, style.allow_caps")
    assert "persona.context.echo-pii" in ids
    missing = server.client.get("/v1/rules/hr.no-gys")
    assert missing.status_code == 404
    assert missing.json()["message"] == ("no loaded rule has the id 'hr.no-gys'; did you "
                                         "mean 'hr.no-guys'?")


def test_options_and_health(server):
    options = server.client.get("/v1/options").json()
    assert options["persona"] == "Acme Care"
    assert options["channels"]["twitter"] == {"limit": 280, "counted_as": "twitter"}
    assert {"hr", "marketing", "legal"} <= set(options["departments"])
    health = server.client.get("/healthz").json()
    assert health["status"] == "ok" and health["config_error"] is None
    listed = server.client.get("/v1/rules").json()["rules"]
    assert health["rules"] == len([rule for rule in listed if not rule["builtin"]])


def test_openapi_document_lists_every_endpoint(server):
    spec = server.client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/check-many", "/v1/fix", "/v1/rules", "/v1/rules/{rule_id}",
            "/healthz"} <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    assert "text" in schemas["DraftIn"]["required"]
    check = spec["paths"]["/v1/check"]["post"]["responses"]
    assert check["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/DraftOut")
    assert {"413", "422"} <= set(check)
    assert "findings" in schemas["DraftOut"]["properties"]
    assert server.client.get("/docs").status_code == 404  # its page would need a CDN


@pytest.mark.parametrize("body, content_type, message", [
    (b"{bad", "application/json", "the body is not valid JSON"),
    (b"", "application/json", "the body is empty: send a JSON object such as"),
    (b"[1, 2]", "application/json", "the body must be a JSON object"),
    (b'{"text": 5}', "application/json", "'text': Input should be a valid string"),
    (b'{"txt": "Hi"}', "application/json", "'text' is missing"),
    (b'{"text": "Hi", "chanel": "x"}', "application/json",
     "'chanel' is not a field this endpoint knows"),
    (b'{"text": null}', "application/json", "'text': Input should be a valid string"),
    (b"\xff\xfe\x00garbage", "application/json", "the body is not valid JSON"),
    (b"text=Hi", "application/x-www-form-urlencoded", "the body must be a JSON object"),
    (b'{"text": "Hi", "channel": ["a"]}', "application/json", "'channel'"),
    (b'"just a string"', "application/json", "the body must be a JSON object"),
])
def test_malformed_bodies_get_422_with_a_message_never_500(server, body, content_type,
                                                         message):
    for path in ("/v1/check", "/v1/fix"):
        answer = server.client.post(path, content=body,
                                    headers={"Content-Type": content_type})
        assert answer.status_code == 422, (path, answer.text)
        assert message in answer.json()["message"], answer.json()
    many = server.client.post("/v1/check-many", content=body,
                              headers={"Content-Type": content_type})
    assert many.status_code == 422


def test_oversized_bodies_and_texts_get_413(server):
    big = json.dumps({"text": "word " * 5000})  # 25 kB: over --max-bytes 20000
    said = server.client.post("/v1/check", content=big,
                              headers={"Content-Type": "application/json"})
    assert said.status_code == 413
    assert said.json()["message"] == ("the request body is over 20,000 bytes; send less "
                                      "at once")

    def chunks():  # no Content-Length: the body is streamed and counted as it comes
        for _ in range(30):
            yield b" " * 1000
        yield big.encode()

    streamed = server.client.post("/v1/check", content=chunks(),
                                  headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    long_text = server.client.post("/v1/check", json={"text": "a" * 2001})
    assert long_text.status_code == 413
    assert "2,001 characters long; the longest draft checked is 2,000" in \
        long_text.json()["message"]
    many = server.client.post("/v1/check-many", json={"drafts": [{"text": "a" * 2001}]})
    assert many.status_code == 413 and "draft 1 is 2,001" in many.json()["message"]
    assert server.client.get("/healthz").status_code == 200  # still serving


def test_a_busy_port_is_a_clear_error(server):
    port = server.url.rsplit(":", 1)[1]
    done = subprocess.run([sys.executable, "-m", "brandvoice", "serve", "--port", port],
                          cwd=server.folder, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr


def test_reload_config_picks_up_edits_and_keeps_the_last_good_config(tmp_path):
    folder = project(tmp_path)
    running = Server(folder, "--reload-config")
    try:
        client = running.client

        def rules_found(text: str) -> list[str]:
            return [f["rule"] for f in client.post("/v1/check", json={"text": text}).json()[
                "findings"]]

        assert "hr.no-folks" not in rules_found("Hi folks.")
        rulebook = folder / "rules.yaml"
        rulebook.write_text(RULES + "  - id: hr.no-folks\n    kind: forbid\n"
                            "    phrases: [folks]\n", encoding="utf-8")
        time.sleep(1.2)  # the files are looked at once a second at most
        assert "hr.no-folks" in rules_found("Hi folks.")
        rulebook.write_text(RULES + "  - id: hr.broken\n    kind: forbid\n    phrases: 7\n",
                            encoding="utf-8")
        time.sleep(1.2)
        assert "hr.no-folks" in rules_found("Hi folks.")  # the last good config stays
        health = client.get("/healthz").json()
        assert health["status"] == "config-error"
        assert "rules.yaml:" in health["config_error"] and "phrases" in health["config_error"]
        rulebook.write_text(RULES, encoding="utf-8")
        time.sleep(1.2)
        assert "hr.no-folks" not in rules_found("Hi folks.")
        assert client.get("/healthz").json()["config_error"] is None
    finally:
        running.stop()


def test_the_web_checker_highlights_a_finding_and_applies_its_fix(server, browser):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + "/")
    page.get_by_text("Checking against Acme Care.").wait_for()  # the options have loaded
    page.get_by_label("Channel").select_option("twitter")
    box = page.get_by_label("Your reply")
    box.click()
    page.keyboard.type("Hey guys, please utilize the app. We guarantee it!")
    page.keyboard.press("Control+Enter")
    mark = page.locator("#highlighted mark", has_text="utilize")
    mark.wait_for()
    assert mark.get_attribute("class") == "suggestion"
    assert page.locator("#highlighted mark.error", has_text="guarantee").count() == 1
    assert "Fails" in page.locator("#verdict").text_content()
    assert "of 280 characters on twitter" in page.locator("#counter").text_content()
    finding = page.locator("#findings li", has_text="plain.wordy")
    assert "utilize" in finding.text_content()
    # keyboard: from the highlighted word to its finding's fix button
    mark.focus()
    page.keyboard.press("Enter")
    fix = finding.get_by_role("button")
    assert fix.evaluate("button => button === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('draft').value.includes('please use')")
    page.locator("#findings li", has_text="legal-claims.guarantee").wait_for()
    page.wait_for_function("!document.querySelector('#findings').textContent"
                           ".includes('plain.wordy')")
    assert box.input_value() == "Hey guys, please use the app. We guarantee it!"
    assert problems == []
    assert all(url.startswith(server.url) for url in requests)  # nothing from elsewhere
    page.close()


CONTRAST = """
(selectors) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const color = rgb(getComputedStyle(e).backgroundColor);
      if (color.length === 3 || (color.length === 4 && color[3] > 0)) return color;
    }
    return [255, 255, 255];
  };
  const ratios = {};
  for (const selector of selectors) {
    for (const element of document.querySelectorAll(selector)) {
      const [a, b] = [luminance(rgb(getComputedStyle(element).color)),
                      luminance(background(element))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      ratios[selector] = Math.min(ratios[selector] ?? 99, ratio);
    }
  }
  return ratios;
}
"""


def test_the_web_checker_is_labelled_and_readable(server, browser):
    """Every control has a label, and text meets WCAG AA contrast (4.5:1)."""
    page = browser.new_page()
    page.goto(server.url + "/")
    page.get_by_text("Checking against Acme Care.").wait_for()
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        'textarea, select, input')].filter((e) => e.labels.length === 0).map((e) => e.id)""")
    assert unlabelled == []
    page.get_by_label("Your reply").fill("Hey guys, please utilize the app. We guarantee it!")
    page.get_by_role("button", name="Check").click()
    page.locator("#findings li").first.wait_for()
    nameless = page.evaluate("""() => [...document.querySelectorAll('button')]
        .filter((b) => !b.textContent.trim()).length""")
    assert nameless == 0
    selectors = ["body", "label", ".muted", "#counter", "#verdict", "button", "mark",
                 ".severity", ".rule", "#findings li span", "a"]
    ratios = page.evaluate(CONTRAST, selectors)
    assert set(ratios) == set(selectors)  # each was on the page
    low = {selector: round(ratio, 2) for selector, ratio in ratios.items() if ratio < 4.5}
    assert low == {}
    page.close()


def test_check_reads_the_context_from_the_customer_message(server):
    data = server.client.post("/v1/check", json={
        "text": "Sorry! Order 40418822 is on its way.",
        "in_reply_to": "My order 40418822 never arrived, this is ridiculous"}).json()
    DraftOut.model_validate(data)
    assert data["context"] == "complaint"
    assert data["context_inferred"]["reason"].startswith("sentiment")
    assert [f["rule"] for f in data["findings"]] == ["persona.context.thread-exposure",
                                                      "persona.context.echo-pii"]


def test_the_web_checker_reads_the_customer_message(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/")
    page.get_by_text("Checking against Acme Care.").wait_for()
    page.get_by_label("The customer's message it answers").fill(
        "Order #40418822 never arrived and nobody answers. Ridiculous.")
    page.get_by_label("Your reply").fill("Order 40418822 is on its way.")
    page.get_by_role("button", name="Check").click()
    page.locator("#highlighted mark.error", has_text="40418822").wait_for()
    assert page.locator("#context-read").text_content().startswith("Read as a complaint:")
    assert "persona.context.echo-pii" in page.locator("#findings").text_content()
    # and how polite the reply reads, with why
    assert page.locator("#tone").text_content().startswith("Politeness 0.")
    assert "(0 rude, 1 very polite): reads as " in page.locator("#tone").text_content()
    page.close()


def test_the_web_checker_lists_errors_then_warnings_then_suggestions(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/")
    page.get_by_text("Checking against Acme Care.").wait_for()
    # in the text: a suggestion, a warning, an error, a warning
    page.get_by_label("Your reply").fill(
        "Please utilize the app, guys. We guarantee it arrives, guys.")
    page.get_by_role("button", name="Check").click()
    page.locator("#findings li").first.wait_for()
    listed = page.locator("#findings li").evaluate_all(
        "items => items.map((li) => [li.className, li.querySelector('.rule').textContent])")
    assert listed == [["error", "legal-claims.guarantee (legal)"],
                      ["warning", "hr.no-guys (hr)"], ["warning", "hr.no-guys (hr)"],
                      ["suggestion", "plain.wordy (marketing)"]]
    # a highlight still leads to its own finding
    page.locator("#highlighted mark", has_text="utilize").click()
    current = page.locator("#findings li.current")
    assert "plain.wordy" in current.text_content()
    page.close()


def test_the_web_checker_says_where_the_text_is_checked(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/")
    page.get_by_text("Checking against Acme Care.").wait_for()
    port = server.url.rsplit(":", 1)[1]
    assert page.locator("footer #where").text_content() == (
        f"Checked by the brandvoice service at 127.0.0.1:{port} (this machine): what you "
        "type is sent there to be checked, and is not stored.")
    page.close()
    # shared behind a proxy: the page names the address people use, not "this machine"
    page = browser.new_page()
    page.route("http://checker.example/**", lambda route: route.fulfill(
        response=route.fetch(url=route.request.url.replace("http://checker.example",
                                                           server.url))))
    page.goto("http://checker.example/")
    page.get_by_text("Checking against Acme Care.").wait_for()
    assert page.locator("footer #where").text_content() == (
        "Checked by the brandvoice service at checker.example: what you type is sent there "
        "to be checked, and is not stored.")
    assert "this machine" not in page.locator("footer").text_content()
    page.close()


def test_the_service_keeps_no_copy_of_what_it_checks(tmp_path):
    """What the footer says: the text is checked and answered, never written or logged."""
    folder = project(tmp_path / "project")
    before = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")}
    running = Server(folder)
    secret = "Zanzibar-7731 guys"
    try:
        for path in ("/v1/check", "/v1/fix"):
            assert running.client.post(path, json={"text": secret}).status_code == 200
        assert running.client.post("/v1/check-many",
                                   json={"drafts": [{"text": secret}]}).status_code == 200
    finally:
        running.process.send_signal(2)  # Ctrl+C: the server stops as a person stops it
        out, err = running.process.communicate(timeout=30)
        running.client.close()
    assert "Zanzibar" not in out + err
    after = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")}
    assert after == before  # no file written or changed in the project
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"Zanzibar" not in path.read_bytes()


SURROGATE_BODIES = [
    ("/v1/check", '{"text": "Hi \\ud800 there"}', "'text' is not text: character 4 is a "
                                                    "lone surrogate (\\ud800"),
    ("/v1/check", '{"text": "Hi", "in_reply_to": "\\udfff"}', "'in_reply_to' is not text"),
    ("/v1/check", '{"text": "Hi", "id": "a\\ud83d"}', "'id' is not text: character 2"),
    ("/v1/check", '{"text": "Hi", "channel": "\\udc00"}', "'channel' is not text"),
    ("/v1/check", '{"text": "Hi", "department": "\\ud800"}', "'department' is not text"),
    ("/v1/check", '{"text": "Hi", "context": "\\ud800"}', "'context' is not text"),
    ("/v1/check", '{"text": "Hi", "chan\\ud800nel": "x"}', "a field name is not text"),
    ("/v1/fix", '{"text": "\\ud800 guys"}', "'text' is not text"),
    ("/v1/check-many", '{"drafts": [{"text": "ok"}, {"text": "\\ud800"}]}',
     "'drafts.1.text' is not text"),
    ("/v1/check-many", '{"drafts": [{"text": "ok"}], "channel": "\\ud800"}',
     "'channel' is not text"),
]


@pytest.mark.parametrize("path, body, message", SURROGATE_BODIES)
def test_a_lone_surrogate_in_any_text_field_is_a_422_not_a_500(server, path, body, message):
    answer = server.client.post(path, content=body.encode(),
                                headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert message in answer.json()["message"]
    assert "send the text as UTF-8" in answer.json()["message"] or \
        "send text as UTF-8" in answer.json()["message"]


def test_a_pair_of_surrogate_escapes_is_the_character_it_stands_for(server):
    answer = server.client.post("/v1/check", content=b'{"text": "Thanks \\ud83d\\ude00"}',
                                headers={"Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json()["passed"] is True


@pytest.mark.parametrize("body, message", [
    (b"[" * 100_000, "the body is not valid JSON (nested too deeply)"),
    (b'{"text": "caf\xe9"}', "the body is not valid JSON (not UTF-8 text"),
    (b'{"text": "\xc3\x28"}', "the body is not valid JSON (not UTF-8 text"),
])
def test_bodies_json_cannot_read_are_422_with_a_message(tmp_path, body, message):
    running = Server(project(tmp_path))  # the default --max-bytes: the deep body is read
    try:
        for path in ("/v1/check", "/v1/check-many", "/v1/fix"):
            answer = running.client.post(path, content=body,
                                         headers={"Content-Type": "application/json"})
            assert answer.status_code == 422, (path, answer.text)
            assert answer.json()["message"].startswith(message), answer.json()
    finally:
        running.stop()


def test_unknown_paths_and_methods_answer_json_with_a_message(server):
    missing = server.client.get("/v2/check")
    assert missing.status_code == 404
    assert missing.json() == {"message": "there is nothing at /v2/check; the API's paths "
                                         "are in /openapi.json"}
    wrong = server.client.get("/v1/check")
    assert wrong.status_code == 405
    assert wrong.json() == {"message": "GET is not allowed on /v1/check"}
    assert server.client.delete("/v1/rules").json()["message"] == \
        "DELETE is not allowed on /v1/rules"


class InProcess:
    """The app over a given :class:`Service`, served by uvicorn in a thread of this process
    on a free loopback port (so the test can shape the service's checks)."""

    def __init__(self, service: Service):
        import uvicorn

        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        listening.bind(("127.0.0.1", 0))
        listening.listen(64)
        self.url = f"http://127.0.0.1:{listening.getsockname()[1]}"
        self.service = service
        self.server = uvicorn.Server(uvicorn.Config(create_app(service), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [listening]}, daemon=True)
        self.thread.start()
        for _ in range(600):
            if self.server.started:
                break
            time.sleep(0.05)

    def post(self, text: str, **json_body) -> httpx.Response:
        return httpx.post(self.url + "/v1/check", json={"text": text, **json_body},
                          timeout=60)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)
        self.service.close()


class Hold:
    """Checks of the text "HOLD" go on until :meth:`release` (at most 60 s), in whichever
    worker process they run (a file says when: a process-shared lock would stay held by
    a worker that is stopped)."""

    def __init__(self, folder: Path):
        self.flag = folder / "released"
        self.load = lambda: load_project(folder / "brandvoice.yaml")

    def release(self) -> None:
        self.flag.touch()


@pytest.fixture
def held(tmp_path, monkeypatch):
    hold = Hold(project(tmp_path))
    check = service_module.Checker.check

    def holding(self, draft):
        if draft["text"] == "HOLD":
            for _ in range(3000):
                if hold.flag.exists():
                    break
                time.sleep(0.02)
        return check(self, draft)

    monkeypatch.setattr(service_module.Checker, "check", holding)  # inherited by the forks
    yield hold
    hold.release()


def answer_in_thread(running: InProcess, text: str) -> tuple[threading.Thread, dict]:
    answers: dict = {}
    thread = threading.Thread(target=lambda: answers.update(
        response=running.post(text)), daemon=True)
    thread.start()
    return thread, answers


def wait_busy(service: Service, count: int) -> None:
    for _ in range(1200):
        if service.workers.busy() >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the slow check never started")


def test_a_slow_check_does_not_hold_the_other_requests(held):
    running = InProcess(Service(held.load, workers=2))
    try:
        thread, slow = answer_in_thread(running, "HOLD")
        wait_busy(running.service, 1)
        quick = running.post("Hey guys, we guarantee it!")  # hangs 60 s if it waits
        assert quick.status_code == 200
        assert "legal-claims.guarantee" in [f["rule"] for f in quick.json()["findings"]]
        assert thread.is_alive() and not slow  # the slow check was still going on
        held.release()
        thread.join(60)
        assert slow["response"].status_code == 200
    finally:
        running.stop()


def test_a_check_over_its_budget_is_stopped_with_a_503_and_the_next_is_checked(held):
    running = InProcess(Service(held.load, workers=1, budget=10, wait=60))
    try:
        over = running.post("HOLD")
        assert over.status_code == 503
        assert over.headers["Retry-After"].isdigit()
        assert over.json()["message"].startswith(
            "this request took over 10 s to check, the most one request may take, and was "
            "stopped; send a shorter text or fewer drafts at once")
        after = running.post("Thanks for waiting!")  # a new worker took the stopped one's place
        assert after.status_code == 200 and after.json()["passed"] is True
    finally:
        running.stop()


def test_requests_that_find_every_worker_busy_get_a_503_with_retry_after(held):
    running = InProcess(Service(held.load, workers=1, wait=0.2))
    try:
        thread, slow = answer_in_thread(running, "HOLD")
        wait_busy(running.service, 1)
        turned_away = running.post("Thanks!")
        assert turned_away.status_code == 503
        assert turned_away.headers["Retry-After"] == "1"
        assert turned_away.json() == {"message": "every checker is busy with other requests "
                                                 "(waited 0.2 s); try again shortly"}
        held.release()
        thread.join(60)
        assert slow["response"].status_code == 200
        assert running.post("Thanks!").status_code == 200
    finally:
        running.stop()


@pytest.mark.parametrize("path", ["/", "/static/checker.js"])
@pytest.mark.parametrize("range_header", ["", "bytes=9-1", "lines=1-2"])
def test_the_checker_page_is_sent_whole_whatever_the_range_header(server, path, range_header):
    answer = server.client.get(path, headers={"Range": range_header})
    assert answer.status_code == 200
    assert answer.content == server.client.get(path).content


def test_a_missing_asset_is_a_json_404(server):
    answer = server.client.get("/static/nope.js")
    assert answer.status_code == 404
    assert answer.json() == {"message": "there is nothing at /static/nope.js; the API's "
                                        "paths are in /openapi.json"}


def test_a_worker_that_dies_is_replaced(tmp_path, monkeypatch):
    folder = project(tmp_path)
    check = service_module.Checker.check

    def dying(self, draft):
        if draft["text"] == "DIE":
            import os

            os._exit(3)  # as a crash in the library would end it
        return check(self, draft)

    monkeypatch.setattr(service_module.Checker, "check", dying)
    running = InProcess(Service(lambda: load_project(folder / "brandvoice.yaml"), workers=1,
                                wait=30))
    try:
        assert running.post("DIE").status_code == 500
        after = running.post("Thanks for waiting!")  # the one worker was replaced
        assert after.status_code == 200 and after.json()["passed"] is True
    finally:
        running.stop()


def test_the_serve_options_set_workers_budget_and_wait(tmp_path):
    folder = write(tmp_path, {"brandvoice.yaml": "rulebooks: ['builtin:*']\n"
                                                 "max_draft_length: 200000\n"})
    running = Server(folder, "--workers", "1", "--budget", "0.5", "--wait", "0.2")
    try:
        assert running.client.get("/healthz").json()["workers"] == 1
        big = threading.Thread(target=lambda: outcome.append(running.client.post(
            "/v1/check", json={"text": "We guarantee it. " * 6000})))
        outcome: list[httpx.Response] = []
        big.start()
        smalls = []  # small checks sent while the big one holds the only worker
        while big.is_alive():
            smalls.append(running.client.post("/v1/check", json={"text": "Hi."}))
        big.join()
        turned_away = [r for r in smalls if r.status_code == 503]
        assert turned_away and turned_away[0].headers["Retry-After"] == "1"
        assert "waited 0.2 s" in turned_away[0].json()["message"]
        assert outcome[0].status_code == 503
        assert "took over 0.5 s" in outcome[0].json()["message"]
        # The stopped worker is replaced: checks are answered again (a busy machine may
        # take a moment to start it, and --wait 0.2 turns requests away meanwhile).
        for _ in range(100):
            answer = running.client.post("/v1/check", json={"text": "Hi."})
            if answer.status_code != 503:
                break
            time.sleep(0.2)
        assert answer.status_code == 200
    finally:
        running.stop()
