"""The entry-point scripts parse, and CI runs the full suite with nothing left out."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

SCRIPTS = ["scripts/serve", "scripts/test", ".ci/run"]


def commands(path: Path) -> list[list[str]]:
    """Non-comment lines of a shell script, split into words."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            out.append(shlex.split(stripped, comments=True))
    return out


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_syntax(name: str) -> None:
    proc = subprocess.run(["bash", "-n", str(ROOT / name)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("name", ["scripts/serve", "scripts/test"])
def test_scripts_are_executable_and_strict(name: str) -> None:
    path = ROOT / name
    assert os.access(path, os.X_OK), f"{name} is not executable"
    assert "set -euo pipefail" in path.read_text(encoding="utf-8")


def test_ci_runs_the_full_suite() -> None:
    run = ROOT / ".ci" / "run"
    lines = commands(run)
    assert ["export", "CI=true"] in lines
    calls = [words for words in lines if "scripts/test" in words]
    # Exactly one call, with no arguments: no -k, -m "not browser", --deselect ...
    assert calls == [["exec", "bash", "scripts/test"]], calls
    text = run.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    # Nothing may swallow a failure (pytest's exit 5, "no tests ran", included).
    code = "\n".join(" ".join(words) for words in lines)
    for masking in ("||", "set +e", "$?", "exit 0", "trap"):
        assert masking not in code, f".ci/run must not use {masking!r}:\n{code}"


def test_test_script_runs_pytest_with_passthrough_args() -> None:
    text = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert 'exec .venv/bin/python -m pytest "$@"' in text.splitlines()
    assert "apt-get install -y chromium" in text
    assert "export NO_MKDOCS_2_WARNING=1" in text
