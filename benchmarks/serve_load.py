"""Requests per second and latency of ``brandvoice serve`` for single checks, on loopback.

    python3 benchmarks/serve_load.py                      # generated drafts
    python3 benchmarks/serve_load.py --corpus ../shared/data/replies/replies.jsonl
    python3 benchmarks/serve_load.py --quick              # a smoke run, a few seconds
    python3 benchmarks/serve_load.py --slow               # small checks during a slow one
    python3 benchmarks/serve_load.py --slow --workers 0   # the same, checked one at a time

Starts the real server (``brandvoice serve --port 0``, every built-in pack but the two
rules that need part-of-speech tags, the benchmark persona with readability and
sentiment), then for each number of concurrent clients sends a bounded number of
``POST /v1/check`` requests, one draft each, over keep-alive connections from threads of
this process, and prints requests/s and the 50th, 95th and 99th percentile latency. It
only ever talks to 127.0.0.1, and stops the server when done.

``--slow`` sends one slow request (``POST /v1/check-many`` of ``--slow-copies`` drafts of
``--slow-text``, by default 9 of 100,000 "!") and, while it is in flight, one small
check after another, and prints their latency and how the slow one ended. ``--workers N`` serves with N worker processes (0: checks in the
server's process, one at a time) instead of the CLI's default.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PERSONA, corpus, tag_needing  # noqa: E402

#: ``brandvoice serve`` with a given number of worker processes.
LAUNCH = """
import socket, sys, uvicorn
from brandvoice.config import load_project
from brandvoice.serve import Service, create_app
service = Service(lambda: load_project("brandvoice.yaml"), workers=int(sys.argv[1]))
listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
listening.bind(("127.0.0.1", 0))
listening.listen(2048)
print(f"serving at http://127.0.0.1:{listening.getsockname()[1]}/", file=sys.stderr,
      flush=True)
uvicorn.Server(uvicorn.Config(create_app(service), log_level="warning")).run(
    sockets=[listening])
"""


def start(folder: Path, workers: int | None = None) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "brandvoice", "serve", "--host", "127.0.0.1", "--port",
               "0"] if workers is None else [sys.executable, "-c", LAUNCH, str(workers)]
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        process.kill()
        raise SystemExit(f"the server did not start: {line}{process.stderr.read()}")
    return process, f"http://127.0.0.1:{found[1]}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(url: str, texts: list[str], clients: int, requests: int) -> dict[str, float]:
    """``requests`` checks spread over ``clients`` threads, each with its own connection."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    share = [requests // clients + (1 if i < requests % clients else 0)
             for i in range(clients)]

    def client(number: int) -> None:
        nonlocal errors
        mine, failed = [], 0
        with httpx.Client(base_url=url, timeout=60) as http:
            for i in range(share[number]):
                text = texts[(number * 7919 + i) % len(texts)]
                began = time.perf_counter()
                answer = http.post("/v1/check", json={"text": text, "channel": "twitter"})
                mine.append(time.perf_counter() - began)
                failed += answer.status_code != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"clients": clients, "requests": requests, "errors": errors,
            "requests_per_s": requests / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * percentile(latencies, 0.95),
            "p99_ms": 1000 * percentile(latencies, 0.99)}


def slow(url: str, text: str, copies: int, small: str) -> dict[str, float]:
    """Small checks, one after another, while a check of ``copies`` drafts of ``text``
    (one request) is in flight."""
    import httpx

    ended: dict[str, float] = {}

    def send() -> None:
        began = time.perf_counter()
        answer = httpx.post(url + "/v1/check-many",
                            json={"drafts": [{"text": text}] * copies}, timeout=600)
        ended.update(seconds=time.perf_counter() - began, status=answer.status_code)

    thread = threading.Thread(target=send)
    thread.start()
    time.sleep(0.5)  # the slow check has begun
    latencies: list[float] = []
    statuses: set[int] = set()
    with httpx.Client(base_url=url, timeout=600) as http:
        while thread.is_alive() or not latencies:
            began = time.perf_counter()
            statuses.add(http.post("/v1/check", json={"text": small}).status_code)
            latencies.append(time.perf_counter() - began)
            time.sleep(0.05)
    thread.join()
    return {"slow_s": ended["seconds"], "slow_status": ended["status"],
            "small": len(latencies), "small_statuses": sorted(statuses),
            "small_p50_ms": 1000 * statistics.median(latencies),
            "small_max_ms": 1000 * max(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL file or folder (a `text` each)")
    parser.add_argument("--requests", type=int, default=2000,
                        help="requests per concurrency level (default 2000)")
    parser.add_argument("--clients", default="1,4,16",
                        help="concurrency levels, comma-separated (default 1,4,16)")
    parser.add_argument("--quick", action="store_true", help="100 requests, 1 and 4 clients")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--slow", action="store_true",
                        help="small checks while a slow one is in flight")
    parser.add_argument("--slow-text", default="!" * 100_000,
                        help='the slow request\'s text (default 100,000 "!")')
    parser.add_argument("--slow-copies", type=int, default=9,
                        help="drafts of that text in the slow request (default 9: 900 kB)")
    parser.add_argument("--workers", type=int,
                        help="worker processes (0: one check at a time in the server)")
    options = parser.parse_args()
    requests = 100 if options.quick else options.requests
    levels = [1, 4] if options.quick else [int(c) for c in options.clients.split(",")]
    texts = corpus(options.corpus, 2000)
    import httpx

    from brandvoice.config import builtin_packs

    packs = [f"builtin:{name}" for name in builtin_packs()]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "persona.json").write_text(json.dumps(PERSONA), encoding="utf-8")
        config = {"persona": "persona.json", "rulebooks": packs,
                  "disable": tag_needing(packs)}
        (root / "brandvoice.yaml").write_text(json.dumps(config), encoding="utf-8")
        process, url = start(root, options.workers)
        try:
            with httpx.Client(base_url=url, timeout=60) as http:
                for _ in range(100):
                    try:
                        http.get("/healthz")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                for text in texts[:50]:  # warm up: caches, first requests
                    http.post("/v1/check", json={"text": text})
                health = http.get("/healthz").json()
            if options.slow:
                row = slow(url, options.slow_text, options.slow_copies, texts[0])
            else:
                rows = [load(url, texts, clients, requests) for clients in levels]
        finally:
            process.terminate()
            process.wait(timeout=20)
    if options.slow:
        print(f"brandvoice serve, {health['workers']} worker processes: one request of "
              f"{options.slow_copies} drafts of {len(options.slow_text):,} characters, and "
              "small checks while it ran")
        print(f"the slow check: {row['slow_status']} after {row['slow_s']:.1f} s; "
              f"{row['small']} small checks, answered {row['small_statuses']}, "
              f"p50 {row['small_p50_ms']:.1f} ms, slowest {row['small_max_ms']:.1f} ms")
        return
    print(f"brandvoice serve, POST /v1/check, one draft a request ({health['rules']} rules, "
          f"{health['pipeline']} pipeline, {len(set(texts))} distinct drafts)")
    print(f"{'clients':>8} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8}")
    for row in rows:
        print(f"{row['clients']:>8} {row['requests']:>9} {row['errors']:>7} "
              f"{row['requests_per_s']:>8.0f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
              f"{row['p99_ms']:>8.1f}")
    if options.json:
        options.json.write_text(json.dumps({"rows": rows}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
