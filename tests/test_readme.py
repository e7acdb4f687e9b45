"""The README's quick start is what CI runs."""

from __future__ import annotations

import re

from helpers import ROOT


def quick_start_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```[a-z]*\n(.*?)```", section, re.S)]


def test_quick_start_has_exactly_the_serve_and_test_commands():
    blocks = quick_start_blocks()
    assert len(blocks) == 2
    assert blocks[0] == "scripts/serve"
    assert blocks[1] == "scripts/test"
    assert (ROOT / blocks[0]).stat().st_mode & 0o111 and (ROOT / blocks[1]).stat().st_mode & 0o111


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert commands[-1] in (f"exec bash {quick_start_blocks()[1]}", f"bash {quick_start_blocks()[1]}")


def test_serve_uses_the_documented_address():
    assert "127.0.0.1:8000" in (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
