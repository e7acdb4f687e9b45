"""Lighthouse scores for every page of the built site.

    python bench/lighthouse.py                 # build the repo into bench/out/site, score it
    python bench/lighthouse.py --site DIR      # score an already built site
    python bench/lighthouse.py --check         # exit 1 if a score is below its target
    python bench/lighthouse.py --smoke --site DIR   # no Lighthouse: check the arguments, Chromium
                                               # and that every page is served gzipped

Pages are served by serve_gzip (gzip like GitHub Pages) on 127.0.0.1 and scored
with Lighthouse 12.2.3 (installed into bench/node_modules on first use, from
npm) in its default mobile profile (`--preset desktop` for desktop) using the
system Chromium (CHROME_PATH, default /usr/bin/chromium). Each page is scored
--runs times (default 5) and the median score counts. Full JSON reports go to
bench/out/lighthouse/.

    python bench/lighthouse.py --baseline      # also score plain Material, side by side
    python bench/lighthouse.py --cpu-slowdown 8   # as if on a phone twice as slow: the margin

--baseline builds a plain Material site: this project's theme settings
(version, features, palette, fonts) and its home page's Markdown, but none of our
hooks, templates, CSS or JS. It is scored once after each page's runs, so it
is measured at the same moments as the pages. Its score is the floor this
machine gives any Material page today: Lighthouse scales the CPU time it
measures as if on a phone, so a slower machine lowers every score, the
floor's too. Each page's line then gives its TBT as a ratio to the floor's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_gzip import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
OUT = BENCH / "out"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_PKG = BENCH / "node_modules" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def ensure_lighthouse() -> Path:
    """Install the pinned Lighthouse into bench/node_modules unless it is there."""
    manifest = LIGHTHOUSE_PKG / "package.json"
    if manifest.is_file() and json.loads(manifest.read_text())["version"] == LIGHTHOUSE_VERSION:
        return LIGHTHOUSE_PKG / "cli" / "index.js"
    npm = shutil.which("npm")
    if not npm:
        sys.exit("error: npm is needed to install Lighthouse (Debian/Ubuntu: apt-get install npm)")
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into bench/node_modules ...", file=sys.stderr)
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(BENCH),
            "--no-save",
            "--no-audit",
            "--no-fund",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )
    return LIGHTHOUSE_PKG / "cli" / "index.js"


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        sys.exit(
            f"error: Chromium not found at {path}; install it (Debian/Ubuntu: apt-get install "
            "chromium) or set CHROME_PATH=/path/to/chromium"
        )
    return path


def build_site(config: Path, site: Path, site_url: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    proc = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"error: mkdocs build failed:\n{proc.stdout}{proc.stderr}")


def plain_material(dst: Path, site_url: str) -> Path:
    """Write and build the --baseline project into dst; returns the built site.

    The theme section is this project's (minus its template overrides), the
    page is our home page's Markdown, and every other page is a stub of the
    same name (the same nav).
    """
    import yaml  # PyYAML, which MkDocs itself depends on

    class Loader(yaml.SafeLoader):
        """Reads mkdocs.yml; its tags (!ENV, python/name) are not needed here."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    docs = dst / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    # The home page's own Markdown: its markers are HTML comments, which plain Markdown hides.
    shutil.copyfile(ROOT / "docs" / "index.md", docs / "index.md")
    # Every other page as a stub of the same name: the same nav, and the home page's links resolve.
    for page in (ROOT / "docs").rglob("*.md"):
        stub = docs / page.relative_to(ROOT / "docs")
        if not stub.exists():
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text(f"# {page.stem.replace('-', ' ').capitalize()}\n\nText.\n", encoding="utf-8")
    config = dst / "mkdocs.yml"
    plain = {"site_name": ours["site_name"], "site_url": site_url, "theme": theme, "plugins": ["search"]}
    config.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    build_site(config, dst / "site", site_url)
    return dst / "site"


def page_paths(site: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page but 404.html."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        paths.append(rel.removesuffix("index.html"))
    return paths


def lighthouse_report(
    cli: Path, chrome: str, url: str, report: Path, preset: str = "mobile", cpu_slowdown: float | None = None
) -> dict | None:
    """Run Lighthouse once on `url`, writing its JSON to `report`; the parsed report, or None if it failed.

    cpu_slowdown replaces the profile's CPU multiplier (4 on mobile): 8 scores
    the page as if on a phone twice as slow, or on this machine on a bad day."""
    cmd = [
        "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    if cpu_slowdown is not None:
        cmd.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:g}")
    proc = subprocess.run(cmd, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True, timeout=300)
    if proc.returncode or not report.is_file():
        print(f"lighthouse failed for {url}:\n{proc.stdout}{proc.stderr}", file=sys.stderr)
        return None
    data = json.loads(report.read_text())
    if data.get("runtimeError"):
        print(f"lighthouse runtime error for {url}: {data['runtimeError']}", file=sys.stderr)
    return data


def run_lighthouse(
    cli: Path, chrome: str, url: str, report: Path, preset: str, cpu_slowdown: float | None = None
) -> dict[str, float | None]:
    data = lighthouse_report(cli, chrome, url, report, preset, cpu_slowdown)
    if data is None:
        return dict.fromkeys(CATEGORIES)
    out: dict[str, float | None] = {c: data["categories"][c]["score"] for c in CATEGORIES}
    # How fast this machine ran Lighthouse's own CPU test during the run, and
    # Total Blocking Time: a busy machine lowers the one and raises the other.
    out["bench"] = data.get("environment", {}).get("benchmarkIndex")
    out["tbt"] = data["audits"].get("total-blocking-time", {}).get("numericValue")
    return out


def span(values: list[float | None], fmt: str) -> str:
    """Median [min-max] of the values that are there, as `fmt` writes a number."""
    vals = [v for v in values if v is not None]
    if not vals:
        return "n/a"
    return f"{statistics.median(vals):{fmt}} [{min(vals):{fmt}}-{max(vals):{fmt}}]"


def figures(runs: list[dict[str, float | None]]) -> dict[str, list[float]]:
    """The performance score, TBT and benchmarkIndex of each run that has them."""
    return {k: [v for r in runs if (v := r.get(k)) is not None] for k in ("performance", "tbt", "bench")}


def spread_text(values: dict[str, list[float]]) -> str:
    """Median [min-max] of the performance score, TBT and benchmarkIndex over a page's runs."""
    return (
        f"perf {span(list(values['performance']), '.2f')}, TBT ms {span(list(values['tbt']), '.0f')}, "
        f"benchmarkIndex {span(list(values['bench']), '.0f')}"
    )


def shortfalls(report: Path, category: str) -> list[str]:
    """Audits that cost points in a category (for the log of a page below target)."""
    data = json.loads(report.read_text())
    out = []
    for ref in data["categories"][category]["auditRefs"]:
        audit = data["audits"][ref["id"]]
        if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
            shown = audit.get("displayValue", "")
            out.append(f"{ref['id']} ({audit['score']}) {shown}".rstrip())
    return out


def smoke(base: str, paths: list[str]) -> int:
    """What a run needs besides Lighthouse itself (npm is not on every machine):
    every page answers 200, gzip-encoded, from the bench's server."""
    import urllib.request

    for path in paths:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200 or response.headers.get("Content-Encoding") != "gzip":
                print(
                    f"error: /{path} was served with status {response.status}, "
                    f"encoding {response.headers.get('Content-Encoding')}",
                    file=sys.stderr,
                )
                return 1
    print(f"smoke: {len(paths)} pages served gzipped at {base}; Lighthouse itself not run")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse scores for every page of the site.")
    parser.add_argument("--site", type=Path, help="a built site (default: build the repo into bench/out/site)")
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "mkdocs.yml",
        help="config to build when --site is not given (default: the repo's)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if any score is below its target")
    parser.add_argument("--min-performance", type=float, default=0.98)
    parser.add_argument("--min-accessibility", type=float, default=1.0)
    parser.add_argument("--min-best-practices", type=float, default=1.0)
    parser.add_argument("--min-seo", type=float, default=1.0)
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default 5); the median score counts")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="CPU multiplier instead of the profile's (mobile: 4); 8 = a phone twice as slow, to see the margin",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also score a plain Material site (same theme, none of ours) once after each page",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check arguments, Chromium and the server on every page without running Lighthouse",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    targets = {
        "performance": args.min_performance,
        "accessibility": args.min_accessibility,
        "best-practices": args.min_best_practices,
        "seo": args.min_seo,
    }

    cli = None if args.smoke else ensure_lighthouse()
    chrome = chrome_path()
    site = (args.site or OUT / "site").resolve()
    if not args.site:
        site.mkdir(parents=True, exist_ok=True)
    elif not site.is_dir():
        parser.error(f"not a directory: {site}")

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    floor_server = None
    floor_dir: Path | None = None
    floor_runs: list[dict[str, float | None]] = []
    try:
        if not args.site:
            # Built after the server starts so canonical URLs name the served origin.
            build_site(args.config.resolve(), site, base)
        paths = page_paths(site)
        if not paths:
            print(f"error: no HTML pages in {site}", file=sys.stderr)
            return 1
        if args.baseline:
            floor_dir = Path(tempfile.mkdtemp(prefix="plain-material-"))
            (floor_dir / "site").mkdir()
            floor_server = serve(floor_dir / "site")
            floor_base = f"http://127.0.0.1:{floor_server.server_address[1]}/"
            plain_material(floor_dir, floor_base)
        if cli is None:
            if args.baseline and smoke(floor_base, [""]):
                return 1
            return smoke(base, paths)
        reports = OUT / "lighthouse"
        reports.mkdir(parents=True, exist_ok=True)
        rows: dict[str, dict[str, float | None]] = {}
        spread: dict[str, dict[str, list[float]]] = {}
        last_report: dict[str, Path] = {}
        for path in paths:
            name = path.strip("/").replace("/", "__") or "index"
            runs = []
            for i in range(args.runs):
                report = reports / f"{name}.{args.preset}.{i}.json"
                runs.append(run_lighthouse(cli, chrome, base + path, report, args.preset, args.cpu_slowdown))
                last_report[path] = report
            rows[path] = {
                c: (None if any(r.get(c) is None for r in runs) else statistics.median(r[c] for r in runs))  # type: ignore[misc]
                for c in CATEGORIES
            }
            spread[path] = figures(runs)
            print(f"  scored /{path}: {spread_text(spread[path])}", file=sys.stderr, flush=True)
            if floor_server is not None:
                report = reports / f"plain-material.{args.preset}.{len(floor_runs)}.json"
                floor_runs.append(run_lighthouse(cli, chrome, floor_base, report, args.preset, args.cpu_slowdown))
    finally:
        for running in (server, floor_server):
            if running is not None:
                running.shutdown()
                running.server_close()
        if floor_dir is not None:
            shutil.rmtree(floor_dir, ignore_errors=True)

    def fmt(score: float | None) -> str:
        return " n/a" if score is None else f"{score:4.2f}"

    width = max(len("page"), *(len("/" + p) for p in rows))
    header = f"{'page':<{width}}  " + "  ".join(f"{SHORT[c]:>4}" for c in CATEGORIES)
    slowdown = f", CPU {args.cpu_slowdown:g}x slower" if args.cpu_slowdown is not None else ""
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, {args.preset}{slowdown}, {len(rows)} pages, {args.runs} run(s) each")
    print(header)
    print("-" * len(header))
    for path, scores in rows.items():
        print(f"{'/' + path:<{width}}  " + "  ".join(fmt(scores[c]) for c in CATEGORIES))
    print("-" * len(header))
    for path in rows:
        print(f"{'/' + path:<{width}}  {spread_text(spread[path])}")
    if floor_runs:
        floor = figures(floor_runs)
        print(f"{'plain Material':<{width}}  {spread_text(floor)}  ({len(floor_runs)} runs, one after each page)")
        floor_tbt = statistics.median(floor["tbt"]) if floor["tbt"] else None
        if floor_tbt:
            print("TBT as a ratio to plain Material's (median against median):")
            for path in rows:
                if spread[path]["tbt"]:
                    ratio = statistics.median(spread[path]["tbt"]) / floor_tbt
                    print(f"  {'/' + path:<{width}}  {ratio:4.2f}x")
    print("-" * len(header))
    minima = {c: min((s[c] if s[c] is not None else 0.0) for s in rows.values()) for c in CATEGORIES}
    print(f"{'min':<{width}}  " + "  ".join(fmt(minima[c]) for c in CATEGORIES))
    print(f"{'target':<{width}}  " + "  ".join(fmt(targets[c]) for c in CATEGORIES))

    below = [(p, c) for p, s in rows.items() for c in CATEGORIES if (s[c] or 0.0) < targets[c]]
    for path, category in below:
        report = last_report[path]
        details = shortfalls(report, category) if report.is_file() else ["no report"]
        print(f"below target: /{path} {category}: " + "; ".join(details))
    if args.check and below:
        print(f"FAIL: {len(below)} score(s) below target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
