"""Lighthouse figures of several commits side by side, on the same pages.

    python bench/lighthouse_compare.py 7411b69 945d753^ HEAD
    python bench/lighthouse_compare.py 7411b69 . --pages read/opening/ glossary/ --runs 3
    python bench/lighthouse_compare.py 94f1e95 HEAD --cpu-slowdown 8   # as if on a phone twice as slow

Each commit (a git ref, or "." for the working tree as it is) is exported
into a temporary folder, built for its own gzip server (bench/serve_gzip.py),
and scored with the pinned Lighthouse (bench/lighthouse.py) in the mobile
profile. Runs alternate: round by round, page by page, every commit once, in
an order reversed every other round, so a machine that gets busier or
quieter moves every commit alike. Prints per page and commit the median and
range of the performance score and of Total Blocking Time, the other
scores, the page's DOM size, and Lighthouse's benchmarkIndex (how fast this
machine ran its own CPU test during the run: Lighthouse's mobile figures are
its measurements scaled as if on a phone, so a slower or busier machine gives
a higher TBT for the same page). The last column is the ratio of each
commit's median TBT to the first commit's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import (  # noqa: E402
    CATEGORIES,
    OUT,
    ROOT,
    build_site,
    chrome_path,
    ensure_lighthouse,
    lighthouse_report,
    span,
)
from serve_gzip import serve  # noqa: E402

DEFAULT_PAGES = ("read/opening/", "glossary/", "read/sanctions/")


def export(ref: str, dst: Path) -> Path:
    """The project at ref (or the working tree for ".") in dst; returns its mkdocs.yml."""
    dst.mkdir(parents=True)
    if ref == ".":
        from benchkit import copy_project

        return copy_project(dst)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dst)], input=archive, check=True)
    return dst / "mkdocs.yml"


def score(cli: Path, chrome: str, url: str, report: Path, cpu_slowdown: float | None = None) -> dict[str, float | None]:
    data = lighthouse_report(cli, chrome, url, report, cpu_slowdown=cpu_slowdown)
    if data is None:
        return {}
    audits = data["audits"]
    out: dict[str, float | None] = {c: data["categories"][c]["score"] for c in CATEGORIES}
    out["tbt"] = audits["total-blocking-time"]["numericValue"]
    out["fcp"] = audits["first-contentful-paint"]["numericValue"]
    out["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    out["dom"] = audits["dom-size"].get("numericValue")
    out["bench"] = data["environment"]["benchmarkIndex"]
    out["tts"] = audits["target-size"]["score"] if "target-size" in audits else None
    return out


def med(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("refs", nargs="+", help='git refs to compare ("." = the working tree)')
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cpu-slowdown", type=float, help="CPU multiplier instead of mobile's 4 (8: a phone twice as slow)"
    )
    args = parser.parse_args(argv)

    cli = ensure_lighthouse()
    chrome = chrome_path()
    reports = OUT / "lighthouse-compare"
    reports.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[str, str], list[dict[str, float | None]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        servers, bases = [], {}
        try:
            for n, ref in enumerate(args.refs):
                label = (
                    subprocess.run(
                        ["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True
                    ).stdout.strip()
                    if ref != "."
                    else "worktree"
                )
                config = export(ref, Path(tmp) / f"p{n}")
                site = Path(tmp) / f"s{n}"
                site.mkdir()
                server = serve(site)
                servers.append(server)
                base = f"http://127.0.0.1:{server.server_address[1]}/"
                build_site(config, site, base)
                bases[f"{ref} ({label})" if label and label != ref else ref] = base
            names = list(bases)
            for rnd in range(args.runs):
                order = names if rnd % 2 == 0 else names[::-1]
                for page in args.pages:
                    for name in order:
                        report = reports / f"{sum(map(len, results.values()))}.json"
                        results.setdefault((page, name), []).append(
                            score(cli, chrome, bases[name] + page, report, args.cpu_slowdown)
                        )
                print(f"  round {rnd + 1}/{args.runs} done", file=sys.stderr, flush=True)
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()

    slowdown = f", CPU {args.cpu_slowdown:g}x slower" if args.cpu_slowdown is not None else ""
    print(f"Lighthouse mobile{slowdown}, {args.runs} run(s) per page and commit, alternating; median [min-max]")
    head = (
        f"{'page':18s} {'commit':22s} {'perf':>17s} {'TBT ms':>18s} {'a11y':>5s} {'bp':>5s} {'seo':>5s} "
        f"{'DOM':>6s} {'bench':>6s} {'TBT/first':>9s}"
    )
    print(head)
    print("-" * len(head))
    for page in args.pages:
        first = med([r.get("tbt") for r in results[(page, names[0])]])
        for name in names:
            runs = results[(page, name)]
            tbt = med([r.get("tbt") for r in runs])
            ratio = f"{tbt / first:9.2f}" if tbt is not None and first else "      n/a"
            cells = [span([r.get("performance") for r in runs], ".2f"), span([r.get("tbt") for r in runs], ".0f")]
            other = [med([r.get(c) for r in runs]) for c in ("accessibility", "best-practices", "seo")]
            dom, bench = med([r.get("dom") for r in runs]), med([r.get("bench") for r in runs])
            print(
                f"{'/' + page:18s} {name[:22]:22s} {cells[0]:>17s} {cells[1]:>18s} "
                + " ".join(f"{v:5.2f}" if v is not None else "  n/a" for v in other)
                + f" {dom or 0:6.0f} {bench or 0:6.0f} {ratio}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
