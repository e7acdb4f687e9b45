"""axe-core (WCAG 2.2 AA rules) on every page, in every reading mode, at
three sizes, in light and dark.

    python bench/axe_matrix.py                 # build the site, print the table
    python bench/axe_matrix.py --site DIR      # an already built site
    python bench/axe_matrix.py --pages read/sanctions/ glossary/ --sizes 390x844

One Chromium, one page per size. On each page the audit runs with the page
fully drawn (long lists draw lazily on screen), once per colour scheme
(switched in the page by emulating the device's preference, which the
site's palette follows) and, on section pages, once per reading mode (the
mode the reader picks, `<html data-reading-mode>`, chosen in the page the
way reading.js does). Prints a table of violation counts and, for each
violation, the page, size, scheme, mode, rule and the elements concerned.
Exit status 1 when anything is found. axe-core is the copy that
axe-playwright-python ships.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchkit import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = ((390, 844), (1280, 720), (1400, 900))
SCHEMES = ("light", "dark")
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

# The reading modes a section page offers: read from the page's own control
# (reading.js), so a new mode is audited without a change here.
MODES = """() => {
  const values = new Set();
  document.querySelectorAll("form.ar-modes input[name='ar-mode']").forEach(el => values.add(el.value));
  return [...values].filter(Boolean);
}"""
# Choose a mode as the reader does: check its radio button in the control
# (reading.js listens for the change, sets the attribute and the glosses).
SET_MODE = """mode => {
  const input = document.querySelector(`form.ar-modes input[name='ar-mode'][value='${mode}']`);
  input.checked = true;
  input.dispatchEvent(new Event("change", {bubbles: true}));
  return document.documentElement.getAttribute("data-reading-mode");
}"""
SCHEME_IS = "expected => document.body.getAttribute('data-md-color-scheme') === expected"
DRAW_ALL = "document.querySelector('.md-content')?.classList.add('ar-render-all')"


@dataclass(frozen=True)
class Violation:
    page: str
    size: str
    scheme: str
    mode: str
    rule: str
    impact: str
    targets: tuple[str, ...]
    detail: str = ""  # axe's message for the first element (colours and ratio, target size...)

    def line(self) -> str:
        shown = ", ".join(self.targets[:4]) + (f" (+{len(self.targets) - 4} more)" if len(self.targets) > 4 else "")
        return f"/{self.page} {self.size} {self.scheme} mode={self.mode}: {self.rule} ({self.impact}) {shown}" + (
            f"\n    {self.detail}" if self.detail else ""
        )


@dataclass(frozen=True)
class Cell:
    page: str
    size: str
    scheme: str
    mode: str
    violations: tuple[Violation, ...]


def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return str(Axe().axe_script)


def page_paths(site: Path) -> list[str]:
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def first_message(violation: dict[str, Any]) -> str:
    for node in violation["nodes"][:1]:
        for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
            if check.get("message"):
                return str(check["message"])
    return ""


def audit(page: Any, source: str, where: dict[str, str]) -> Cell:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(source)
    result = page.evaluate("opts => axe.run(document, opts)", OPTIONS)
    found = tuple(
        Violation(
            where["page"],
            where["size"],
            where["scheme"],
            where["mode"],
            v["id"],
            v.get("impact") or "",
            tuple(" ".join(map(str, n["target"])) for n in v["nodes"]),
            first_message(v),
        )
        for v in result["violations"]
    )
    return Cell(where["page"], where["size"], where["scheme"], where["mode"], found)


def run(
    base: str,
    paths: Iterable[str],
    sizes: Iterable[tuple[int, int]] = SIZES,
    schemes: Iterable[str] = SCHEMES,
    modes: str = "all",
    browser: Any = None,
) -> Iterator[Cell]:
    """Audit every page x size x scheme (x mode on pages that offer modes).

    modes: "all" (every mode the page offers), "default" (as the page opens).
    browser: a Playwright Browser to reuse (else one is launched).
    """
    if browser is not None:
        yield from _run(browser, base, list(paths), sizes, list(schemes), modes)
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield from _run(launched, base, list(paths), sizes, list(schemes), modes)
        finally:
            launched.close()


def _run(
    browser: Any, base: str, paths: list[str], sizes: Iterable[tuple[int, int]], schemes: list[str], modes: str
) -> Iterator[Cell]:
    source = axe_source()
    for width, height in sizes:
        size = f"{width}x{height}"
        phone = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": height},
            has_touch=phone,
            is_mobile=phone,
            device_scale_factor=2 if phone else 1,
        )
        page = context.new_page()
        try:
            for path in paths:
                page.emulate_media(color_scheme=schemes[0])
                page.goto(base + path)
                page.evaluate(DRAW_ALL)
                offered = page.evaluate(MODES) if modes == "all" else []
                initial = page.evaluate("document.documentElement.getAttribute('data-reading-mode') || ''")
                for scheme in schemes:
                    page.emulate_media(color_scheme=scheme)
                    page.wait_for_function(SCHEME_IS, arg="slate" if scheme == "dark" else "default")
                    for mode in offered or [initial or "-"]:
                        if offered:
                            assert page.evaluate(SET_MODE, mode) == mode, (path, mode)
                            page.evaluate(DRAW_ALL)
                        yield audit(page, source, {"page": path, "size": size, "scheme": scheme, "mode": mode})
                    if offered and initial:
                        page.evaluate(SET_MODE, initial)
        finally:
            context.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def table(cells: list[Cell]) -> str:
    """Violation counts: one row per page, one column per size/scheme, modes summed
    (the details list tells which mode)."""
    cols = sorted({(c.size, c.scheme) for c in cells}, key=lambda k: (int(k[0].split("x")[0]), k[1] != "light"))
    rows: dict[str, dict[tuple[str, str], list[int]]] = {}
    for c in cells:
        rows.setdefault(c.page, {}).setdefault((c.size, c.scheme), []).append(len(c.violations))
    width = max(len("page"), *(len("/" + p) for p in rows))
    head = f"{'page':<{width}}" + "".join(f" {s + ' ' + sc:>15}" for s, sc in cols)
    lines = [head, "-" * len(head)]
    for path, by in rows.items():
        lines.append(
            f"{'/' + path:<{width}}"
            + "".join(
                f" {(str(sum(by[k])) + ' in ' + str(len(by[k])) + (' modes' if len(by[k]) > 1 else ' run')) if k in by else '':>15}"
                for k in cols
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the repo into a temporary folder)")
    parser.add_argument("--pages", nargs="+", help="URL paths, e.g. read/sanctions/ glossary/ (default: every page)")
    parser.add_argument("--sizes", nargs="+", default=[f"{w}x{h}" for w, h in SIZES])
    parser.add_argument("--schemes", nargs="+", default=list(SCHEMES), choices=SCHEMES)
    parser.add_argument("--modes", choices=("all", "default"), default="all")
    parser.add_argument("--json", type=Path, help="also write every violation to this file")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes]

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        server, base = serve(site or Path(tmp) / "site")
        try:
            if not site:
                site = Path(tmp) / "site"
                env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
                subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True
                )
            cells = list(run(base, args.pages or page_paths(site), sizes, args.schemes, args.modes))  # type: ignore[arg-type]
        finally:
            server.shutdown()
            server.server_close()

    found = [v for c in cells for v in c.violations]
    print(f"axe-core, tags {', '.join(TAGS)}: {len(cells)} audits, {len(found)} violation(s)")
    print(table(cells))
    for v in found:
        print(v.line())
    if args.json:
        args.json.write_text(json.dumps([v.__dict__ for v in found], indent=1), encoding="utf-8")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
