"""Weight of the project's own JS and CSS that pages load, gzipped.

    python bench/asset_weight.py              # build the site, print the table
    python bench/asset_weight.py --site DIR   # an already built site

Prints, for the bundles pages load (assets/site.css, assets/site.js), their
size raw and gzipped as built (minified), then our scripts in the page's
<head> (assets/js/mode.js, served as written), and each source file's share: its
minified size gzipped on its own (shares add up to a little more than the
bundle, which compresses across files). The budget (readkit.bundle.BUDGET)
is for the bundles together; tests/test_assets.py fails a build above it.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
import yaml  # noqa: E402

from readkit.bundle import BUDGET, bundle, gzipped_size, minify, on_demand_uri  # noqa: E402


def config_lists(config: Path) -> tuple[list[str], list[str], dict[str, str]]:
    data = yaml.safe_load(config.read_text(encoding="utf-8").replace("!ENV", ""))
    later = ((data.get("extra") or {}).get("reading") or {}).get("on_demand") or {}
    return list(data.get("extra_css") or []), [str(s) for s in data.get("extra_javascript") or []], dict(later)


def head_scripts(site: Path) -> list[str]:
    """Our own scripts in the home page's <head>, as site paths (not Material's)."""
    head = (site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    found = re.findall(r"""<script\b[^>]*\bsrc=["']([^"']+)["']""", head)
    return [src.lstrip("./") for src in found if "://" not in src and "assets/javascripts/" not in src]


def build(config: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=env,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the repo into a temporary folder)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    css, js, later = config_lists(args.config)
    docs = args.config.parent / "docs"

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(args.config, site)
        total = 0
        print(f"{'file':40s} {'raw':>7s} {'min':>7s} {'min.gz':>7s}")
        for kind, uris in (("css", css), ("js", js)):
            for uri in uris:
                if uri in later:
                    continue
                text = (docs / uri).read_text(encoding="utf-8")
                small = minify(text, kind)
                print(f"  {uri:38s} {len(text.encode()):7d} {len(small.encode()):7d} {gzipped_size(small):7d}")
            built = (site / "assets" / f"site.{kind}").read_text(encoding="utf-8")
            plain = bundle(docs, [u for u in uris if u not in later], kind)
            gz = gzipped_size(built)
            total += gz
            print(
                f"{'assets/site.' + kind:40s} {len(plain.encode()):7d} {len(built.encode()):7d} {gz:7d}"
                f"   (unminified: {gzipped_size(plain)} gzipped)"
            )
        # Our scripts in the <head> (overrides/main.html), served as written.
        for uri in head_scripts(site):
            text = (site / uri).read_text(encoding="utf-8")
            total += gzipped_size(text)
            print(f"{uri + ' (in the head)':40s} {'':7s} {len(text.encode()):7d} {gzipped_size(text):7d}")
        print(
            f"{'total every page loads, gzipped':40s} {'':7s} {'':7s} {total:7d}   budget {BUDGET} "
            f"({'within' if total <= BUDGET else 'OVER'}, {BUDGET - total:+d})"
        )
        for uri, selector in later.items():
            served = (site / on_demand_uri(uri)).read_text(encoding="utf-8")
            print(
                f"on demand: {on_demand_uri(uri):30s} {len(served.encode()):7d} {gzipped_size(served):7d}"
                f"   (fetched when {selector!r} nears the screen)"
            )
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
