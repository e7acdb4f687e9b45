"""Marks per 100 words in the article's paragraphs, in every reading mode.

Builds the site into a temporary folder, serves it, and counts in Chromium
(at 390 and 1400 px) the marks set apart from the text in each paragraph by
computed style: the same counting code as tests/test_modes_browser.py.
Prints the densest paragraph of each mode and width.

    .venv/bin/python bench/density.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchkit import CHROMIUM_ARGS, ROOT

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]
from readkit.seed import load_reading  # noqa: E402
from test_modes_browser import COUNT_MARKS, KEY, LABELS, MODES, WIDTHS, section_url, words  # noqa: E402


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    reading = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if done.returncode:
            sys.exit(f"build failed:\n{done.stdout}")
        print(f"{'mode':<14} {'width':>5}  densest paragraph   marks/100 words   article total")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=options.chromium, headless=True, args=CHROMIUM_ARGS)
            for mode in MODES:
                for width, height in WIDTHS.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, has_touch=width < 500, is_mobile=width < 500
                    )
                    context.add_init_script(f"localStorage.setItem('{KEY}', '{mode}')")
                    counts: dict[int, int] = {}
                    for section in reading.sections:
                        page = context.new_page()
                        page.goto(section_url(base, section), wait_until="networkidle")
                        counts.update({int(k): v for k, v in page.evaluate(COUNT_MARKS).items()})
                        page.close()
                    context.close()
                    dens = {n: 100 * c / words(reading.paragraph(n).text) for n, c in counts.items()}
                    top = max(dens, key=lambda n: dens[n])
                    total = 100 * sum(counts.values()) / sum(words(p.text) for p in reading.paragraphs)
                    print(
                        f"{LABELS[mode]:<14} {width:>5}  ¶{top:<2} ({counts[top]:>2} marks)   {dens[top]:>8.1f}"
                        f"          {total:>6.1f}"
                    )
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
