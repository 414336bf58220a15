"""brandvoice serve, fuzzed: generated and mutated HTTP requests to every endpoint of a
real server on a loopback port. Whatever comes in, the answer is never a 5xx, and every
error is JSON with a ``message``.

Bounded under the ``ci`` hypothesis profile; ``HYPOTHESIS_PROFILE=fuzz`` sends many more.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_serve import Server, project

#: Examples per test: 150 each under the ``ci`` profile, 2,500 under ``fuzz``.
EXAMPLES = 2500 if settings.get_current_profile_name() == "fuzz" else 150
BOUNDED = settings(max_examples=EXAMPLES, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

POSTS = ["/v1/check", "/v1/check-many", "/v1/fix"]
GETS = ["/v1/rules", "/v1/rules/hr.no-guys", "/v1/options", "/healthz", "/", "/openapi.json",
        "/static/checker.js"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
CONTENT_TYPES = [None, "application/json", "application/json; charset=latin-1",
                 "application/problem+json", "text/plain", "application/x-www-form-urlencoded",
                 "multipart/form-data", "multipart/form-data; boundary=x", "application/xml",
                 "application/json; charset=\x7f", "", ";;;", "application/"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = project(tmp_path_factory.mktemp("fuzz"))
    running = Server(folder, "--max-batch", "5", "--max-bytes", "300000")
    yield running
    running.stop()


def expect_no_5xx(answer, method: str) -> None:
    """The property: no server error; errors are JSON with a message."""
    assert answer.status_code < 500, (answer.status_code, answer.text[:500])
    if answer.status_code >= 400 and method != "HEAD":
        assert answer.headers["content-type"].startswith("application/json"), answer.text
        assert isinstance(answer.json()["message"], str), answer.text


# --- bodies ------------------------------------------------------------------------------

words = st.sampled_from(["guys", "guarantee", "can not", "cannot", "ca n't", "won’t",
                         "utilize", "in order to", "a@b.co", "+1 555 0100", "@acme", "#tag",
                         "https://x.co/a.b", "!!!!", "a.a.a.", "a-a-", "\u200d", "\u202e",
                         "👩‍👩‍👧", "\x00", "\r", "\ufeff", "🙂"])
texts = st.one_of(st.text(max_size=300), st.lists(words, max_size=40).map(" ".join),
                  st.builds(lambda c, n: c * n, st.characters(), st.integers(0, 2500)))
numbers = st.one_of(st.integers(), st.integers(min_value=-10 ** 40, max_value=10 ** 40),
                    st.floats(allow_nan=True, allow_infinity=True))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, texts),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)
field_values = st.one_of(texts, json_values)
metadata = st.fixed_dictionaries({}, optional={
    "channel": st.one_of(st.sampled_from(["twitter", "TWITTER", "email", "", "zz"]),
                         field_values),
    "department": field_values, "context": st.one_of(
        st.sampled_from(["complaint", "question", "praise", "general", "nope"]),
        field_values)})
drafts = st.builds(lambda text, meta, extra, unknown: {
    **({"text": text} if text is not None else {}), **meta, **extra, **unknown},
    st.one_of(texts, texts, field_values, st.none()), metadata,
    st.fixed_dictionaries({}, optional={"id": field_values, "in_reply_to": field_values}),
    st.dictionaries(st.text(max_size=8), json_values, max_size=2))
bodies = st.one_of(
    drafts,
    st.builds(lambda items, meta: {"drafts": items, **meta},
              st.one_of(st.lists(drafts, max_size=7), json_values), metadata),
    json_values)


def encode(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw, body: bytes) -> bytes:
    """``body`` with bytes flipped, cut, or invalid UTF-8 and escapes put in."""
    data = bytearray(body)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "escape", "delete"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00",
                                                b"[" * 5000, b'"', b"\\", b"{", b"NaN",
                                                b"1e99999", b"\xef\xbb\xbf"]))
        elif action == "escape":
            data[at:at] = draw(st.sampled_from([b"\\ud800", b"\\udfff", b"\\ud83d",
                                                b"\\u0000", b"\\uZZZZ"]))
        elif action == "delete" and at < len(data):
            del data[at]
    return bytes(data)


@given(path=st.sampled_from(POSTS), body=bodies, content_type=st.sampled_from(CONTENT_TYPES))
@BOUNDED
def test_generated_bodies_never_get_a_5xx(server, path, body, content_type):
    headers = {} if content_type is None else {"Content-Type": content_type}
    expect_no_5xx(server.client.post(path, content=encode(body), headers=headers), "POST")


@given(path=st.sampled_from(POSTS), data=st.data())
@BOUNDED
def test_mutated_bodies_never_get_a_5xx(server, path, data):
    body = data.draw(mutated(encode(data.draw(bodies))))
    answer = server.client.post(path, content=body,
                                headers={"Content-Type": "application/json"})
    expect_no_5xx(answer, "POST")


@given(path=st.sampled_from(POSTS), body=st.one_of(
    st.binary(max_size=2000),
    st.integers(1, 100_000).map(lambda n: b"[" * n),
    st.integers(1, 50_000).map(lambda n: b'{"text":' * n),
    st.integers(1, 3000).map(lambda n: b'{"drafts": [' + b'{"text": "Hi"},' * n + b"{}]}"),
    st.just(b""), st.just(b"null"), st.just(b"{}")))
@BOUNDED
def test_raw_bytes_deep_nesting_and_huge_batches_never_get_a_5xx(server, path, body):
    answer = server.client.post(path, content=body,
                                headers={"Content-Type": "application/json"})
    expect_no_5xx(answer, "POST")


paths = st.one_of(
    st.sampled_from(POSTS + GETS),
    st.text(max_size=40).map(lambda t: "/v1/rules/" + quote(t.encode("utf-8", "surrogatepass"),
                                                            safe="")),
    st.text(max_size=40).map(lambda t: "/static/" + quote(t.encode("utf-8", "surrogatepass"),
                                                          safe="/")),
    st.text(max_size=40).map(lambda t: "/" + quote(t.encode("utf-8", "surrogatepass"),
                                                   safe="/")))
queries = st.one_of(st.just(""), st.text(max_size=40).map(
    lambda t: "?" + quote(t.encode("utf-8", "surrogatepass"), safe="=&")))


@given(method=st.sampled_from(METHODS), path=paths, query=queries,
       body=st.one_of(st.none(), st.binary(max_size=200), bodies.map(encode)),
       content_type=st.sampled_from(CONTENT_TYPES),
       extra=st.dictionaries(st.sampled_from(["Accept", "Accept-Encoding", "Content-Encoding",
                                              "Transfer-Encoding-Ignored", "Origin",
                                              "If-None-Match", "Range", "X-Forwarded-For"]),
                             st.text(alphabet=st.characters(min_codepoint=32,
                                                            max_codepoint=126), max_size=20)
                             .map(str.strip),  # the client refuses values with spaces round
                             max_size=3))
@BOUNDED
def test_any_method_path_query_and_headers_never_get_a_5xx(server, method, path, query, body,
                                                          content_type, extra):
    headers = dict(extra)
    if content_type is not None:
        headers["Content-Type"] = content_type
    answer = server.client.request(method, path + query, content=body, headers=headers)
    expect_no_5xx(answer, method)
