"""Shared by the benchmarks: a copy of the project, and timed builds in pairs."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# How the benchmarks launch Debian's Chromium (the same flags as the browser tests).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COPY = ("mkdocs.yml", "docs", "seeds", "hooks", "glossary", "sources", "overrides", "teaching")


def copy_project(dst: Path) -> Path:
    """Copy what a site build reads into dst; returns dst/mkdocs.yml."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dst / name)
    return dst / "mkdocs.yml"


def timed_build(config: Path, site: Path) -> float:
    """CPU seconds (user + system) of one build: unlike wall time, it hardly
    changes when other work shares the machine."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"build of {config} failed:\n{done.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    WALL.append(wall)
    return cpu


WALL: list[float] = []


def tiny_project(dst: Path) -> Path:
    """The tests' two-section article (tests/fixtures/second-article) with
    its hooks pointing here: a small corpus for a bench's --smoke run.
    Returns dst/mkdocs.yml."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "second-article", dst, ignore=shutil.ignore_patterns("site"))
    config = dst / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../hooks/", f"{ROOT}/hooks/")
    config.write_text(text, encoding="utf-8")
    return config


def pair(
    label_a: str, config_a: Path, label_b: str, config_b: Path, rounds: int, tmp: Path, warm: bool = True
) -> float:
    if warm:
        timed_build(config_a, tmp / "warm-a")  # imports, caches
        timed_build(config_b, tmp / "warm-b")
    a_times, b_times = [], []
    for _ in range(rounds):
        a_times.append(timed_build(config_a, tmp / "a"))
        b_times.append(timed_build(config_b, tmp / "b"))
    walls = WALL[-2 * rounds :]
    a, b = statistics.median(a_times), statistics.median(b_times)
    wa, wb = statistics.median(walls[0::2]), statistics.median(walls[1::2])
    print(f"  {label_a:<24} CPU median {a:7.3f}s  ({', '.join(f'{t:.2f}' for t in a_times)})  wall median {wa:.2f}s")
    print(f"  {label_b:<24} CPU median {b:7.3f}s  ({', '.join(f'{t:.2f}' for t in b_times)})  wall median {wb:.2f}s")
    print(f"  wall-time ratio          {wb / wa:.3f}x  (for reference; noisy on a shared machine)")
    return b / a
