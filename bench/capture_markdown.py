"""Bench-only hook: write each page out for a build of the same pages
without hooks (see bench_build.py), as $CAPTURE_STAGE says:

- `markdown`: the page's Markdown as the content hooks leave it (run just
  before markers.py sets finished HTML aside);
- `html`: the page's finished HTML (after every on_page_content hook), in a
  `<div>` that Markdown passes through as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority


def _write(page, text: str) -> None:
    out = Path(os.environ["CAPTURE_DIR"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


@event_priority(-99)  # after every hook but markers.py, which sets finished HTML aside
def on_page_markdown(markdown: str, *, page, config, files) -> str:
    if os.environ["CAPTURE_STAGE"] == "markdown":
        _write(page, markdown)
    return markdown


@event_priority(-1000)  # after every other hook
def on_page_content(html: str, *, page, config, files) -> str:
    if os.environ["CAPTURE_STAGE"] == "html":
        _write(page, f'<div class="captured">\n{html}\n</div>\n')
    return html
