"""Main-thread cost of loading pages, from Chromium's own counters: steadier
than Lighthouse's Total Blocking Time on a busy machine.

    python bench/page_cost.py                            # build the repo, cost of three pages
    python bench/page_cost.py --ref 7411b69 --ref .      # two commits side by side
    python bench/page_cost.py --site A --site B --pages glossary/ --loads 9
    python bench/page_cost.py --block site.js --block bundle.  # what a script costs

Each page is loaded --loads times per site (alternating between sites, at a
phone's size, CPU slowed 4x as in Lighthouse's mobile profile, served gzip),
and Chromium's performance counters are read once the page is idle: the
main thread's busy time (TaskDuration), of it scripts, style and layout, the
number of layouts, DOM nodes, and the time of one more full style and
layout of the page (`relayout`: the root font size nudged). Medians, and each site's ratio to the
first. TBT counts only the part of each task over 50 ms, so a busier machine
makes it jump; these totals move in proportion, which the ratios cancel.
--block drops requests whose URL contains the text (to see what a file costs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import CHROMIUM_ARGS  # noqa: E402
from lighthouse import build_site  # noqa: E402
from lighthouse_compare import export  # noqa: E402
from serve_gzip import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
METRICS = (
    "TaskDuration",
    "ScriptDuration",
    "RecalcStyleDuration",
    "LayoutDuration",
    "LayoutCount",
    "Nodes",
    "relayout",
)
SHORT = {
    "TaskDuration": "task ms",
    "ScriptDuration": "script",
    "RecalcStyleDuration": "style",
    "LayoutDuration": "layout",
    "LayoutCount": "layouts",
    "Nodes": "nodes",
    "relayout": "relayout",
}
# The page's whole style and layout, once more: the root font size nudged
# (Material sizes everything in rem, so every element is restyled and laid
# out again, as on the first layout), median of 9. Less noisy than load
# totals, and what lighter pages change.
RELAYOUT = """() => {
  const root = document.documentElement, times = [];
  const px = parseFloat(getComputedStyle(root).fontSize);
  for (let i = 0; i < 9; i++) {
    root.style.fontSize = (i % 2 ? px + 0.01 : px) + "px";
    const start = performance.now();
    void document.body.offsetHeight;
    times.push(performance.now() - start);
  }
  root.style.fontSize = "";
  times.sort((a, b) => a - b);
  return times[4];
}"""


def measure(browser, url: str, block: list[str]) -> dict[str, float]:
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True, device_scale_factor=1.75
    )
    page = context.new_page()
    if block:
        page.route(lambda u: any(b in u for b in block), lambda route: route.abort())
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    # Idle: two animation frames after the scripts' start-up tasks.
    page.wait_for_timeout(1500)
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    got = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    out = {m: got.get(m, 0.0) * (1000 if m.endswith("Duration") else 1) for m in METRICS}
    out["relayout"] = page.evaluate(RELAYOUT)
    context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, action="append", default=[], help="a built site (repeatable)")
    parser.add_argument(
        "--ref", action="append", default=[], help='a git ref to build ("." = working tree; repeatable)'
    )
    parser.add_argument("--pages", nargs="+", default=["read/opening/", "glossary/", "read/sanctions/"])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--block", action="append", default=[], help="abort requests whose URL contains this")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        sites: dict[str, str] = {}
        servers = []
        try:
            for site in args.site:
                server = serve(site)
                servers.append(server)
                sites[str(site)] = f"http://127.0.0.1:{server.server_address[1]}/"
            for n, ref in enumerate(args.ref or ([] if args.site else ["."])):
                config = export(ref, Path(tmp) / f"p{n}")
                site = Path(tmp) / f"s{n}"
                site.mkdir()
                server = serve(site)
                servers.append(server)
                base = f"http://127.0.0.1:{server.server_address[1]}/"
                build_site(config, site, base)
                label = (
                    ref
                    if ref == "."
                    else subprocess.run(
                        ["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True
                    ).stdout.strip()
                )
                sites[label or ref] = base
            names = list(sites)
            results: dict[tuple[str, str], list[dict[str, float]]] = {}
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True, args=CHROMIUM_ARGS
                )
                for name in names:  # warm the servers' gzip caches
                    measure(browser, sites[name] + args.pages[0], args.block)
                for i in range(args.loads):
                    for page in args.pages:
                        for name in names if i % 2 == 0 else names[::-1]:
                            results.setdefault((page, name), []).append(
                                measure(browser, sites[name] + page, args.block)
                            )
                browser.close()
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()

    blocked = f", blocking {', '.join(args.block)}" if args.block else ""
    print(f"main-thread cost at 412 px, CPU 4x slower, median of {args.loads} loads{blocked}")
    head = f"{'page':22s} {'site':24s}" + "".join(f" {SHORT[m]:>8s}" for m in METRICS) + f" {'task/first':>10s}"
    print(head)
    print("-" * len(head))
    for page in args.pages:
        first = statistics.median(r["TaskDuration"] for r in results[(page, names[0])])
        for name in names:
            runs = results[(page, name)]
            med = {m: statistics.median(r[m] for r in runs) for m in METRICS}
            print(
                f"{'/' + page:22s} {name[-24:]:24s}"
                + "".join(f" {med[m]:8.0f}" for m in METRICS)
                + f" {med['TaskDuration'] / first:10.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
