"""brandvoice as a real pre-commit hook, set up exactly as docs/pre-commit.md says (its
`.pre-commit-config.yaml` and `brandvoice.yaml` blocks, only the placeholder URL replaced by
a git copy of this working copy), with the network blocked: `pre-commit autoupdate` pins
the rev, a README that would fail is not checked, a good reply goes through, a bad one is
refused with its finding, and --fix fixes.

pre-commit builds the hook's own virtualenv and runs `pip install .` in it. With no
network, pip finds the dependencies already installed in this environment through
PYTHONPATH (and builds without isolation), the way a company mirror or wheel cache would
serve them; brandvoice itself is installed from the snapshot of the working copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_docs import blocks

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("unshare") is None
    or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0,
    reason="needs git and a permitted `unshare -n`")

PAGE = ROOT / "docs" / "pre-commit.md"
PLACEHOLDER = "https://github.com/acme/brandvoice"
GUARANTEE = "We guarantee a refund by Friday.\n"  # legal-claims.guarantee: an error


def documented(target: str, containing: str = "") -> str:
    """The first block of docs/pre-commit.md written to ``target`` that has ``containing``."""
    return next(body for info, body, _ in blocks(PAGE)
                if f"file={target}" in info.split() and containing in body)


def _git(*args: str, cwd: Path, env: dict | None = None,
         offline: bool = False) -> subprocess.CompletedProcess:
    command = ["git", "-c", "user.email=hook@example.com", "-c", "user.name=Hook", *args]
    return subprocess.run((["unshare", "-n"] if offline else []) + command, cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=900)


def _pre_commit(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["unshare", "-n", sys.executable, "-m", "pre_commit", *args],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding the working copy as it is now (committed or not), on its
    branch main, with no tags, as a clone of brandvoice is."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not name.startswith(("tests/", "benchmarks/")):
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "snapshot", cwd=repo)
    sha = _git("rev-parse", "HEAD", cwd=repo).stdout.strip()
    return repo, sha


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict:
    """pre-commit's environment: one cache for the module (the hook's virtualenv is built
    once), pip without network."""
    env = dict(os.environ)
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-cache")),
        # every site-packages of this Python (a virtualenv's and, with
        # --system-site-packages, the system's)
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(
            [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
             *(path for path in sys.path if path.endswith("site-packages"))])),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's way of saying: build without isolation
    })
    env.pop("FORCE_COLOR", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def _project(path: Path, config: str, env: dict) -> Path:
    """A canned-response repository with the documented brandvoice.yaml, ``config`` as its
    .pre-commit-config.yaml, a README that would fail if it were checked, and the hook
    installed."""
    (path / "replies").mkdir(parents=True)
    (path / "docs").mkdir()
    (path / "brandvoice.yaml").write_text(documented("brandvoice.yaml"))
    (path / ".pre-commit-config.yaml").write_text(config)
    (path / "README.md").write_text("# Our canned replies\n\n" + GUARANTEE)
    (path / "docs" / "style.md").write_text(GUARANTEE)
    (path / "replies" / "welcome.txt").write_text("Thanks for waiting, Sam!\n")
    _git("init", "-q", cwd=path)
    installed = _pre_commit("install", cwd=path, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return path


@pytest.fixture
def project_repo(tmp_path, hook_repo, hook_env):
    """The set-up of docs/pre-commit.md: its config (the placeholder URL replaced by the
    copy of brandvoice), then `pre-commit autoupdate`, then `pre-commit install`."""
    repo, sha = hook_repo
    config = documented(".pre-commit-config.yaml", PLACEHOLDER)
    assert config.count(PLACEHOLDER) == 1 and "rev: main\n" in config
    project = tmp_path / "replies-repo"
    project.mkdir()
    (project / ".pre-commit-config.yaml").write_text(config.replace(PLACEHOLDER, str(repo)))
    _git("init", "-q", cwd=project)
    pinned = _pre_commit("autoupdate", cwd=project, env=hook_env)
    assert pinned.returncode == 0, pinned.stdout + pinned.stderr
    config = (project / ".pre-commit-config.yaml").read_text()
    # no release tag: the commit at the head of main
    assert re.search(r"^    rev: (\S+)$", config, re.M)[1] == sha
    shutil.rmtree(project / ".git")
    (project / ".pre-commit-config.yaml").unlink()
    return _project(project, config, hook_env), hook_env


def _commit_all(project: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    _git("add", "-A", cwd=project)
    return _git("commit", "-m", message, cwd=project, env=env, offline=True)


def test_documented_set_up_checks_replies_not_the_readme_offline(project_repo):
    project, env = project_repo
    # the README and the docs would fail if they were checked
    readme = subprocess.run([sys.executable, "-m", "brandvoice", "check", "README.md",
                             "docs/style.md"], cwd=project, capture_output=True, text=True)
    assert readme.returncode == 1, readme.stdout + readme.stderr

    good = _commit_all(project, env, "README, docs and a welcome reply")
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert re.search(r"^brandvoice \(brand voice and do's and don'ts\)\.+Passed$", output, re.M)

    (project / "replies" / "refund.txt").write_text(GUARANTEE)
    bad = _commit_all(project, env, "refund reply")
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert re.search(r"^brandvoice \(brand voice and do's and don'ts\)\.+Failed$", output, re.M)
    assert ("replies/refund.txt:1:4: error legal-claims.guarantee Don't promise outcomes "
            "('guarantee'): say what we will do instead.") in output
    assert "README" not in output and "docs/style.md" not in output
    assert "Checked 1 draft: 0 passed, 1 failed; 1 error, 0 warnings, 0 suggestions." in output
    log = _git("log", "--oneline", cwd=project).stdout.splitlines()
    assert len(log) == 1  # the bad commit did not happen


def test_fix_hook_fixes_and_refuses_until_the_fix_is_staged(project_repo):
    project, env = project_repo
    config = (project / ".pre-commit-config.yaml").read_text()
    (project / ".pre-commit-config.yaml").write_text(
        config.replace("- id: brandvoice\n", "- id: brandvoice-fix\n"))
    (project / "brandvoice.yaml").write_text("rulebooks: [plain.yaml]\n")
    (project / "plain.yaml").write_text(
        "rules:\n  - id: plain.utilize\n    kind: replace\n    replace: {utilize: use}\n")
    (project / "README.md").write_text("We utilize this folder for replies.\n")
    (project / "replies" / "help.md").write_text("We utilize `utilize` daily.\n")
    first = _commit_all(project, env, "help")
    assert first.returncode != 0  # pre-commit refuses: the hook changed a file
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (project / "replies" / "help.md").read_text() == "We use `utilize` daily.\n"
    assert (project / "README.md").read_text() == "We utilize this folder for replies.\n"
    second = _commit_all(project, env, "help")
    assert second.returncode == 0, second.stdout + second.stderr


def test_documented_local_hook_uses_the_installed_brandvoice(tmp_path, hook_env):
    project = _project(tmp_path / "replies-repo",
                       documented(".pre-commit-config.yaml", "repo: local"), hook_env)
    good = _commit_all(project, hook_env, "README and a welcome reply")
    assert good.returncode == 0, good.stdout + good.stderr
    (project / "replies" / "refund.txt").write_text(GUARANTEE)
    bad = _commit_all(project, hook_env, "refund reply")
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert "replies/refund.txt:1:4: error legal-claims.guarantee" in output
    assert "README" not in output
