"""The code stays lint-clean, formatted and type-checked, so CI fails on a finding.

ruff (rules and formatter settings in pyproject.toml) covers every Python file
we ship: hooks/, tests/, bench/ and scripts/ (scripts/check-external-links has
no .py suffix and is included by name there). mypy checks hooks/, the code the
build runs, against mkdocs' own types and the PyYAML / Markdown stubs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

BIN = Path(sys.executable).parent
PATHS = ["hooks", "tests", "bench", "scripts"]


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `pip install -r requirements-dev.txt`")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run(tool("ruff"), "check", "--no-cache", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run(tool("ruff"), "format", "--check", "--no-cache", *PATHS)
    assert result.returncode == 0, (
        "run `.venv/bin/ruff format hooks tests bench scripts`\n" + result.stdout + result.stderr
    )


def test_mypy_finds_nothing_in_hooks():
    result = run(tool("mypy"), "hooks")  # incremental: .mypy_cache/ (git-ignored) makes reruns quick
    assert result.returncode == 0, result.stdout + result.stderr
