"""Build cost of the hooks, and the weight of the project's own JS and CSS.

    python bench/bench_build.py            # 5 rounds each way, alternating
    python bench/bench_build.py --rounds 9
    python bench/bench_build.py --lighthouse   # then score every page (bench/lighthouse.py)

Builds a copy of the site with its hooks and with the `hooks:` list removed,
alternating the two so machine noise hits both alike, and prints the median
of each and their ratio (target: at most 1.15x). Without hooks the section pages
hold only their companion text, so the ratio is what the hooks add to a build.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ("mkdocs.yml", "docs", "seeds", "hooks", "glossary", "sources", "overrides", "teaching")


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its top-level `hooks:` list removed."""
    return re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", "", config_text)


def timed_build(config: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=config.parent, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def asset_sizes() -> list[tuple[str, int, int]]:
    rows = []
    for path in sorted((ROOT / "docs" / "assets").rglob("*")):
        if path.suffix in {".js", ".css"} and "vendor" not in path.parts:
            data = path.read_bytes()
            rows.append((str(path.relative_to(ROOT)), len(data), len(gzip.compress(data, 9))))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lighthouse", action="store_true", help="also run bench/lighthouse.py on the built site")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "project"
        work.mkdir()
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.is_file():
                shutil.copy2(src, work / name)
        with_cfg = work / "mkdocs.yml"
        bare_cfg = work / "mkdocs.nohooks.yml"
        bare_cfg.write_text(without_hooks(with_cfg.read_text(encoding="utf-8")), encoding="utf-8")
        timed_build(with_cfg, Path(tmp) / "warm")  # warm caches and imports once
        with_times, bare_times = [], []
        for _ in range(args.rounds):
            with_times.append(timed_build(with_cfg, Path(tmp) / "with"))
            bare_times.append(timed_build(bare_cfg, Path(tmp) / "bare"))
        w, b = statistics.median(with_times), statistics.median(bare_times)
        print(f"build with hooks    median {w:.3f}s  ({', '.join(f'{t:.2f}' for t in with_times)})")
        print(f"build without hooks median {b:.3f}s  ({', '.join(f'{t:.2f}' for t in bare_times)})")
        print(f"ratio with/without  {w / b:.3f}x  (target <= 1.15x)")

    print("\nproject JS and CSS (bytes):")
    total_raw = total_gz = 0
    for name, raw, gz in asset_sizes():
        total_raw += raw
        total_gz += gz
        print(f"  {name:45s} {raw:7d} raw {gz:6d} gzip")
    print(f"  {'total':45s} {total_raw:7d} raw {total_gz:6d} gzip")

    if args.lighthouse:
        return subprocess.call([sys.executable, str(ROOT / "bench" / "lighthouse.py"), "--runs", "3"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
