"""Build cost of the hooks, and the weight of the project's own JS and CSS.

    python bench/bench_build.py            # 5 rounds each way, alternating
    python bench/bench_build.py --rounds 9
    python bench/bench_build.py --lighthouse   # then score every page (bench/lighthouse.py)

Builds a copy of the site with its hooks and without them, alternating so
machine noise hits both alike, and prints the median CPU time of each and
their ratio (target: at most 1.15x), against two baselines:

1. Same pages without hooks: the Markdown of every page as the hooks leave it
   (article, glossary page, quiz text...) written out as plain files, built by
   MkDocs and Material alone. The ratio is what the hooks cost on top of
   building the same content. It flatters us a little less than it could: the
   HTML added after Markdown (term links, hidden definitions, quiz widgets) is
   not in the baseline, which is therefore the lighter build.
2. Hooks removed: the same project with its `hooks:` list deleted. The section
   pages then hold only their companion text (no article, glossary or quiz),
   so this ratio mostly measures the content the hooks create.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, copy_project, pair  # noqa: E402


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its top-level `hooks:` list removed."""
    return re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", "", config_text)


def same_pages_without_hooks(config: Path, tmp: Path) -> Path:
    """A project whose docs are the pages' Markdown as the hooks leave it, and
    whose config has no hooks; returns its mkdocs.yml."""
    project = config.parent
    captured = tmp / "captured"
    capture_cfg = project / "mkdocs.capture.yml"
    shutil.copy2(Path(__file__).with_name("capture_markdown.py"), project / "capture_markdown.py")
    capture_cfg.write_text(re.sub(r"(?m)^hooks:\n", "hooks:\n  - capture_markdown.py\n", config.read_text(encoding="utf-8")),
                           encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CAPTURE_DIR": str(captured)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(capture_cfg), "-d", str(tmp / "capture-site")],
                   cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
    frozen = tmp / "frozen"
    shutil.copytree(project / "docs", frozen / "docs")
    shutil.copytree(captured, frozen / "docs", dirs_exist_ok=True)
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", frozen / "overrides")
    frozen_cfg = frozen / "mkdocs.yml"
    frozen_cfg.write_text(without_hooks(config.read_text(encoding="utf-8")), encoding="utf-8")
    return frozen_cfg


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
        frozen_cfg = same_pages_without_hooks(with_cfg, Path(tmp))
        print("1. The same pages, built without hooks and with them")
        same = pair("same pages, no hooks", frozen_cfg, "with hooks", with_cfg, args.rounds, Path(tmp))
        print(f"  ratio with / without     {same:.3f}x  (target <= 1.15x)")
        print("\n2. The project with its hooks list removed (pages without the article), and with it")
        ratio = pair("hooks removed", bare_cfg, "with hooks", with_cfg, args.rounds, Path(tmp))
        print(f"  ratio with / without     {ratio:.3f}x")

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
