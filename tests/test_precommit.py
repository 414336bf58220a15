"""brandvoice as a real pre-commit hook, installed from this working copy, with the network
blocked: a commit with a bad reply is refused, a good one goes through, --fix fixes.

pre-commit builds the hook's own virtualenv and runs `pip install .` in it. With no
network, pip finds the dependencies already installed in this environment through
PYTHONPATH (and builds without isolation), the way a company mirror or wheel cache would
serve them; brandvoice itself is installed from the snapshot of the working copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("unshare") is None
    or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0,
    reason="needs git and a permitted `unshare -n`")


def _git(*args: str, cwd: Path, env: dict | None = None,
         offline: bool = False) -> subprocess.CompletedProcess:
    command = ["git", "-c", "user.email=hook@example.com", "-c", "user.name=Hook", *args]
    return subprocess.run((["unshare", "-n"] if offline else []) + command, cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding the working copy as it is now (committed or not)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not name.startswith(("tests/", "benchmarks/")):
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "snapshot", cwd=repo)
    sha = _git("rev-parse", "HEAD", cwd=repo).stdout.strip()
    return repo, sha


@pytest.fixture
def project_repo(tmp_path, hook_repo):
    repo, sha = hook_repo
    project = tmp_path / "replies-repo"
    (project / "replies").mkdir(parents=True)
    (project / "brandvoice.yaml").write_text("rulebooks: [builtin:legal-claims]\n")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {sha}\n    hooks:\n      - id: brandvoice\n")
    (project / "replies" / "welcome.txt").write_text("Thanks for waiting, Sam!\n")
    env = dict(os.environ)
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(
            [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's way of saying: build without isolation
    })
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    _git("init", "-q", cwd=project)
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project,
                               capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr
    return project, env


def test_bad_reply_is_refused_and_good_one_passes_offline(project_repo):
    project, env = project_repo
    _git("add", "-A", cwd=project)
    good = _git("commit", "-m", "welcome reply", cwd=project, env=env, offline=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "brandvoice" in good.stdout + good.stderr and "Passed" in good.stdout + good.stderr

    (project / "replies" / "refund.txt").write_text("We guarantee a refund by Friday.\n")
    _git("add", "-A", cwd=project)
    bad = _git("commit", "-m", "refund reply", cwd=project, env=env, offline=True)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert "replies/refund.txt:1:4: error legal-claims.guarantee" in output
    log = _git("log", "--oneline", cwd=project).stdout.splitlines()
    assert len(log) == 1  # the bad commit did not happen


def test_fix_hook_fixes_and_refuses_until_the_fix_is_staged(project_repo, hook_repo):
    project, env = project_repo
    repo, sha = hook_repo
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {sha}\n    hooks:\n      - id: brandvoice-fix\n")
    (project / "brandvoice.yaml").write_text(
        "rulebooks: [plain.yaml]\n")
    (project / "plain.yaml").write_text(
        "rules:\n  - id: plain.utilize\n    kind: replace\n    replace: {utilize: use}\n")
    (project / "replies" / "help.md").write_text("We utilize `utilize` daily.\n")
    _git("add", "-A", cwd=project)
    first = _git("commit", "-m", "help", cwd=project, env=env, offline=True)
    assert first.returncode != 0  # pre-commit refuses: the hook changed a file
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (project / "replies" / "help.md").read_text() == "We use `utilize` daily.\n"
    _git("add", "-A", cwd=project)
    second = _git("commit", "-m", "help", cwd=project, env=env, offline=True)
    assert second.returncode == 0, second.stdout + second.stderr
