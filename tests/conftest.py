"""Shared helpers: write real files into a temporary project, run the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# Hypothesis profiles of the property tests (tests/test_fuzz_*.py; see docs/fuzzing.md):
# `ci`, bounded and the same examples every run, is the default; `fuzz` is the long
# search (HYPOTHESIS_PROFILE=fuzz). Each fuzz test sets its own number of examples per
# profile (tests/strategies.budget); these are the settings they share.
_SHARED = dict(deadline=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.filter_too_much, HealthCheck.large_base_example])
settings.register_profile("ci", derandomize=True, **_SHARED)
settings.register_profile("fuzz", derandomize=False, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    """The tests never read or write the user's cache (brandvoice/cache.py): each test
    process has its own, in a temporary folder, through the environment its commands
    inherit, from before the tests are collected (some build their cases from files read
    then). It is shared by the tests of the process, as a user's is by their runs."""
    global _CACHE
    _CACHE = (tempfile.mkdtemp(prefix="brandvoice-cache-"),
              {name: os.environ.get(name) for name in ("BRANDVOICE_CACHE_DIR",
                                                       "BRANDVOICE_NO_CACHE")})
    os.environ["BRANDVOICE_CACHE_DIR"] = _CACHE[0]
    os.environ.pop("BRANDVOICE_NO_CACHE", None)


def pytest_unconfigure(config):
    folder, before = _CACHE
    shutil.rmtree(folder, ignore_errors=True)
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


_CACHE: tuple[str, dict[str, str | None]] = ("", {})


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


def write(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def brandvoice_cmd() -> list[str]:
    return [sys.executable, "-m", "brandvoice"]


def run(args: list[str], cwd: Path, input: str | bytes | None = None,
        env: dict[str, str] | None = None, prefix: list[str] | None = None) -> Run:
    """Run the real command line in a separate process."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    full_env.update(env or {})
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run((prefix or []) + brandvoice_cmd() + args, cwd=cwd, input=data,
                          capture_output=True, env=full_env, timeout=300)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture
def project(tmp_path: Path):
    """Write files (name -> YAML/text) into a fresh folder and return the folder."""

    def make(files: dict[str, str]) -> Path:
        return write(tmp_path, files)

    return make


LEGAL = """
name: Legal do's and don'ts
owner: legal
version: "2026.11"
rules:
  - id: legal.no-guarantees
    kind: forbid
    severity: error
    message: "Don't promise outcomes ('{match}'). Say what we will do instead."
    phrases: [guarantee, risk-free, "100% safe", we promise]
    match: lemma
    exceptions: ["satisfaction guarantee policy"]
    suggest: ["we expect", "we'll do everything we can"]
    link: https://intranet.example/legal/claims
    examples:
      bad: ["We guarantee it arrives Friday."]
      good: ["We expect it to arrive Friday."]
"""


#: Chromium's flags for a sandboxed machine with no network: no first-run work, no
#: background connections (refused here, and noisy), no GPU.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's `chromium`, which .ci/run installs) driven by Playwright;
    the test is skipped, saying why, where either is missing. One per test module, not per
    process: Playwright's sync API keeps an event loop running in the thread while it is
    open, and the asyncio tests of another module (tests/test_lsp.py) cannot start theirs
    beside it."""
    import shutil

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the browser "
                    "tests are skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def spark():
    """One local Spark session (two cores) for every Spark test of a test process: the
    Java start costs seconds. Skipped, saying why, without pyspark or without Java."""
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.skip("pyspark is not installed (pip install -e '.[dev]' installs the spark "
                    "extra): the Spark tests are skipped")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed (Spark needs a Java 17 runtime): the Spark tests "
                    "are skipped")
    from brandvoice.engines.spark import session

    spark = session("local[2]")
    yield spark
    spark.stop()
