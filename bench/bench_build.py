"""Build cost of the hooks, and the weight of the project's own JS and CSS.

    python bench/bench_build.py            # 5 rounds each way, alternating
    python bench/bench_build.py --rounds 9
    python bench/bench_build.py --lighthouse   # then score every page (bench/lighthouse.py)
    python bench/bench_build.py --smoke        # one round on the tests' two-section article: checks it runs

Builds a copy of the site with its hooks and without them, alternating so
machine noise hits both alike, and prints the median CPU time of each and
their ratio (target: at most 1.15x), against three builds without hooks:

1. Same output: every page's finished HTML (what the hooks produce, after the
   last of them) written into a plain page and built by MkDocs and Material
   alone: the cheapest way to publish the same site without hooks. Markdown
   parses that HTML to pass it through, which the hooked build avoids
   (finished HTML travels as fragments, readkit/pagepass.py), so this
   baseline pays for work ours does not do.
2. Same Markdown: every page's Markdown as the hooks leave it, before the HTML
   added after Markdown (term links, hidden definitions, source markers,
   the glossary index). A lighter build than ours: about half the HTML.
3. Hooks removed: the project with its `hooks:` list deleted. The section
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
from benchkit import ROOT, copy_project, pair, tiny_project  # noqa: E402


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its top-level `hooks:` and `watch:` lists removed (the
    builds without hooks copy only docs/, so the watched folders are not there)."""
    return re.sub(r"(?m)^(?:hooks|watch):\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", "", config_text)


def same_pages_without_hooks(config: Path, tmp: Path, stage: str) -> Path:
    """A project whose pages are what the hooked build makes of them at
    `stage` ("markdown" or "html"), with no hooks; returns its mkdocs.yml."""
    project = config.parent
    captured = tmp / f"captured-{stage}"
    capture_cfg = project / "mkdocs.capture.yml"
    shutil.copy2(Path(__file__).with_name("capture_markdown.py"), project / "capture_markdown.py")
    capture_cfg.write_text(
        re.sub(r"(?m)^hooks:\n", "hooks:\n  - capture_markdown.py\n", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CAPTURE_DIR": str(captured), "CAPTURE_STAGE": stage}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(capture_cfg), "-d", str(tmp / "capture-site")],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    frozen = tmp / f"frozen-{stage}"
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
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one round, no warm-up, on tests/fixtures/second-article: checks the bench runs, not the figures",
    )
    args = parser.parse_args()
    rounds, warm = (1, False) if args.smoke else (args.rounds, True)

    with tempfile.TemporaryDirectory() as tmp:
        with_cfg = tiny_project(Path(tmp) / "project") if args.smoke else copy_project(Path(tmp) / "project")
        bare_cfg = with_cfg.with_name("mkdocs.nohooks.yml")
        bare_cfg.write_text(without_hooks(with_cfg.read_text(encoding="utf-8")), encoding="utf-8")
        baselines = [
            (
                "1. The same output (each page's finished HTML) without hooks, and the site with them",
                "same output, no hooks",
                same_pages_without_hooks(with_cfg, Path(tmp), "html"),
            ),
            (
                "2. The same Markdown (before the HTML added after it) without hooks, and with them",
                "same Markdown, no hooks",
                same_pages_without_hooks(with_cfg, Path(tmp), "markdown"),
            ),
            (
                "3. The project with its hooks list removed (pages without the article), and with it",
                "hooks removed",
                bare_cfg,
            ),
        ]
        for n, (title, label, cfg) in enumerate(baselines):
            print(("\n" if n else "") + title)
            ratio = pair(label, cfg, "with hooks", with_cfg, rounds, Path(tmp), warm)
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
