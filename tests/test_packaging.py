"""The wheel ships the built-in packs, and an installed copy finds them (no checkout needed)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_contains_rule_packs_and_works_installed(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("brandvoice-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "brandvoice").rglob("*.py"))
    missing = [m for m in modules if m not in names]
    assert not missing, f"the wheel lacks {missing}"
    packs = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert packs and all(f"brandvoice/rules/{name}" in names for name in packs)
    assert "brandvoice/data/politeness.json" in names  # the politeness model's weights

    # Install the wheel alone into a folder of its own, ahead of the checkout on sys.path.
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True, capture_output=True,
                   timeout=600)
    probe = subprocess.run(
        [sys.executable, "-c",
         "import brandvoice, brandvoice.config as c; print(brandvoice.__file__); "
         "print(sorted(c.builtin_packs())); from brandvoice.politeness import politeness; "
         "print(politeness('Thanks so much, could you help?') > 0.5)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(target)})
    assert probe.returncode == 0, probe.stderr
    location, listed, polite = probe.stdout.splitlines()
    assert polite == "True"  # the model is read from the installed package
    assert location.startswith(str(target)), "the installed copy is used, not the checkout"
    assert listed == repr([p[:-5] for p in packs])
