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
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, copy_project, pair  # noqa: E402


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its top-level `hooks:` list removed."""
    return re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", "", config_text)


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
        with_cfg = copy_project(Path(tmp) / "project")
        bare_cfg = with_cfg.with_name("mkdocs.nohooks.yml")
        bare_cfg.write_text(without_hooks(with_cfg.read_text(encoding="utf-8")), encoding="utf-8")
        print("The real site, without and with its hooks")
        ratio = pair("without hooks", bare_cfg, "with hooks", with_cfg, args.rounds, Path(tmp))
        print(f"  ratio with / without     {ratio:.3f}x  (target <= 1.15x)")

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
